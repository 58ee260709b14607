import Foundation

/// Pages rendered so far, counted across the rendering workers.
final class ProgressCounter: @unchecked Sendable {
    private var done = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.withLock {
            done += 1; return done
        }
    }
}
