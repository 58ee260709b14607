/// The members of a JSON object in the order they were added. Small objects (most of them, in API
/// payloads) are looked up by a scan of their keys, which beats hashing; objects with more than
/// `indexThreshold` members also keep a key index for constant-time lookup.
public struct JSONObject: Sendable {
    public private(set) var keys: [String] = []
    /// The values, in the same order as `keys`.
    public private(set) var values: [JSONValue] = []
    private var index: [String: Int]?

    /// Above this many members, lookups go through a dictionary.
    static let indexThreshold = 8

    public init() {}

    /// Members in order; a repeated key keeps its first position and its last value.
    public init<S: Sequence>(_ members: S) where S.Element == (String, JSONValue) {
        for (key, value) in members { self[key] = value }
    }

    /// An object from the parser's keys, values and key fingerprints (see `ParserState.string`): keys with
    /// different fingerprints are known to differ, so only look-alikes are compared.
    /// The object of a parser's members; nil with `duplicate` set to the positions of the first key written
    /// twice (the first time, then the second).
    static func parsed(
        keys: [String], values: [JSONValue], fingerprints: UnsafeBufferPointer<Int>, duplicate: inout (Int, Int)?
    ) -> JSONObject? {
        var object = JSONObject()
        var index: [String: Int]?
        if let repeated = firstDuplicate(keys: keys, fingerprints: fingerprints, index: &index) {
            duplicate = repeated
            return nil
        }
        object.keys = keys
        object.values = values
        object.index = index
        return object
    }

    /// The positions of the first key written twice (the first time, then the second), as the parser
    /// finds it; for more than `indexThreshold` keys, `index` is left holding the key index.
    static func firstDuplicate(
        keys: [String], fingerprints: UnsafeBufferPointer<Int>, index: inout [String: Int]?
    ) -> (Int, Int)? {
        if keys.count <= indexThreshold {
            for b in keys.indices {
                for a in 0..<b where fingerprints[a] == fingerprints[b] && keys[a] == keys[b] { return (a, b) }
            }
            return nil
        }
        var table = [String: Int](minimumCapacity: keys.count)
        for (i, key) in keys.enumerated() {
            if let first = table.updateValue(i, forKey: key) { return (first, i) }
        }
        index = table
        return nil
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in keys.indices where keys[i] == key { return i }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let newValue {
                if let i = position(of: key) {
                    values[i] = newValue
                    return
                }
                keys.append(key)
                values.append(newValue)
                if index != nil {
                    index?[key] = keys.count - 1
                } else if keys.count > Self.indexThreshold {
                    rebuildIndex()
                }
            } else if let i = position(of: key) {
                keys.remove(at: i)
                values.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard keys.count > Self.indexThreshold else {
            index = nil
            return
        }
        var built = [String: Int](minimumCapacity: keys.count)
        for (i, key) in keys.enumerated() { built[key] = i }
        index = built
    }

    /// The members in insertion order.
    public var members: [(key: String, value: JSONValue)] {
        var result: [(key: String, value: JSONValue)] = []
        result.reserveCapacity(keys.count)
        for i in keys.indices { result.append((keys[i], values[i])) }
        return result
    }
}

// MARK: - Hashable

extension JSONObject: Hashable {
    /// Objects are equal when they have the same members, whatever their order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for i in lhs.keys.indices where rhs[lhs.keys[i]] != lhs.values[i] { return false }
        return true
    }

    /// Order-independent, as equality is: the members' own hashes are summed.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for i in keys.indices {
            var member = Hasher()
            member.combine(keys[i])
            member.combine(values[i])
            sum &+= member.finalize()
        }
        hasher.combine(keys.count)
        hasher.combine(sum)
    }
}

// MARK: - ExpressibleByDictionaryLiteral

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
