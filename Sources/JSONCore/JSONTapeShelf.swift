import Foundation

/// Tapes kept for reuse by code that parses one text at a time from many threads (the proxy's and the
/// response checks' bodies): a tape taken from the shelf already has the buffers earlier texts sized, so a
/// body is parsed without allocating. At most `capacity` tapes are kept, each emptied and, past
/// `entryLimit` entries, shrunk when it comes back: what the shelf holds stays bounded.
public final class JSONTapeShelf: @unchecked Sendable {  // `tapes` is guarded by `lock`
    private let lock = NSLock()
    private var tapes: [JSONTape] = []
    private let capacity: Int
    private let entryLimit: Int

    public init(capacity: Int = 16, entryLimit: Int = 1 << 16) {
        self.capacity = capacity
        self.entryLimit = entryLimit
    }

    /// Runs `body` with a tape of the shelf's (or a new one when all are out), then puts it back.
    public func withTape<Result>(_ body: (JSONTape) throws -> Result) rethrows -> Result {
        let tape = lock.withLock { tapes.popLast() } ?? JSONTape()
        defer {
            tape.shrink(above: entryLimit)
            lock.withLock {
                if tapes.count < capacity { tapes.append(tape) }
            }
        }
        return try body(tape)
    }
}
