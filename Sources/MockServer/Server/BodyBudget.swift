import Foundation

/// The request body bytes all connections may hold at once. A body is read only when its operation takes
/// it and there is room for it; otherwise the request is answered 503 with `Retry-After` before any of
/// it is read, so many slow or large uploads cannot take the machine's memory.
package final class BodyBudget: @unchecked Sendable {  // `held` is guarded by `lock`
    /// 128 MiB: a dozen of the largest uploads at once.
    package static let defaultCapacity = 128 << 20

    package let capacity: Int
    private var held = 0
    private let lock = NSLock()

    package init(capacity: Int = BodyBudget.defaultCapacity) { self.capacity = capacity }

    /// Takes `bytes` from the budget; false when they do not fit beside what is held.
    package func reserve(_ bytes: Int) -> Bool {
        lock.withLock {
            guard held + bytes <= capacity else { return false }
            held += bytes
            return true
        }
    }

    package func release(_ bytes: Int) { lock.withLock { held -= bytes } }

    /// What is held now.
    package var inUse: Int { lock.withLock { held } }
}
