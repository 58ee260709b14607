import Synchronization

/// Values worked out once per key and kept, for work a server would otherwise repeat on every request (the
/// proxy's routes, the response checks' plans). Bounded: past `limit` keys it is emptied and fills again,
/// so keys that come from traffic (paths with ids, content types with parameters) cannot grow it without
/// end. Safe to use from any thread; `make` runs outside the lock, so two threads may both work out a new
/// key's value (either is kept: both are the same).
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])
    public let limit: Int

    public init(limit: Int = 4096) {
        self.limit = limit
    }

    /// The value kept for `key`, or `make()`'s, then kept.
    public func value(for key: Key, make: () -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let made = make()
        values.withLock { values in
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }

    /// How many values are kept now.
    public var count: Int { values.withLock { $0.count } }
}
