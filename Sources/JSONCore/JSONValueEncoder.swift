import Foundation

/// Encodes any `Encodable` into a ``JSONValue``, keeping object keys in the order `encode(to:)` wrote them.
///
/// Foundation's `JSONEncoder` only gives a stable order with `.sortedKeys`; this encoder keeps the
/// author's order (OpenAPIKit writes `openapi`, `info`, `servers`, `paths`, … as the specification lists them).
/// `URL` encodes as its absolute string, `Date` as ISO 8601, `Data` as base64, as `JSONEncoder` does.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let slot = Slot()
        try Self.encode(value, into: slot, codingPath: [])
        return slot.resolve() ?? .object(JSONObject())
    }

    fileprivate static func encode<T: Encodable>(_ value: T, into slot: Slot, codingPath: [any CodingKey]) throws {
        switch value {
        case let v as JSONValue: slot.content = .value(v)
        case let url as URL: slot.content = .value(.string(url.absoluteString))
        case let date as Date: slot.content = .value(.string(date.ISO8601Format()))
        case let data as Data: slot.content = .value(.string(data.base64EncodedString()))
        case let decimal as Decimal:
            guard let number = JSONNumber(decimal.description) else {
                throw EncodingError.invalidValue(
                    value, .init(codingPath: codingPath, debugDescription: "\(decimal) is not a JSON number"))
            }
            slot.content = .value(.number(number))
        default:
            try value.encode(to: _Encoder(slot: slot, codingPath: codingPath))
        }
    }
}

// MARK: - Storage

/// A place a value will be written to; containers are built in place and resolved at the end.
final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case object(ObjectStorage)
        case array(ArrayStorage)
    }
    var content: Content = .empty

    func resolve() -> JSONValue? {
        switch content {
        case .empty: nil
        case .value(let v): v
        case .object(let o):
            .object(JSONObject(o.keys.compactMap { key in o.slots[key]?.resolve().map { (key, $0) } }))
        case .array(let a): .array(a.slots.compactMap { $0.resolve() })
        }
    }

    func objectStorage() -> ObjectStorage {
        if case .object(let o) = content { return o }
        let o = ObjectStorage()
        content = .object(o)
        return o
    }

    func arrayStorage() -> ArrayStorage {
        if case .array(let a) = content { return a }
        let a = ArrayStorage()
        content = .array(a)
        return a
    }
}

final class ObjectStorage {
    var keys: [String] = []
    var slots: [String: Slot] = [:]

    func slot(for key: String) -> Slot {
        if let existing = slots[key] { return existing }
        let slot = Slot()
        keys.append(key)
        slots[key] = slot
        return slot
    }
}

final class ArrayStorage {
    var slots: [Slot] = []

    func append() -> Slot {
        let slot = Slot()
        slots.append(slot)
        return slot
    }
}

// MARK: - Encoder

private struct _Encoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(storage: slot.objectStorage(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(storage: slot.arrayStorage(), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(slot: slot, codingPath: codingPath)
    }
}

/// The coding key of an array item, shared by the encoder and the decoder.
struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) {
        intValue = index
        stringValue = String(index)
    }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(intValue) }
}

private func number<T: BinaryInteger>(_ value: T) -> JSONValue {
    .number(JSONNumber(String(value)) ?? JSONNumber(0))
}

private func number(_ value: Double, _ codingPath: [any CodingKey]) throws -> JSONValue {
    guard value.isFinite else {
        throw EncodingError.invalidValue(
            value, .init(codingPath: codingPath, debugDescription: "JSON has no representation for \(value)"))
    }
    return .number(JSONNumber(value))
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: ObjectStorage
    let codingPath: [any CodingKey]

    private func set(_ value: JSONValue, _ key: Key) { storage.slot(for: key.stringValue).content = .value(value) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(try number(value, codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(try number(Double("\(value)") ?? Double(value), codingPath + [key]), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(number(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(number(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let slot = storage.slot(for: key.stringValue)
        try JSONValueEncoder.encode(value, into: slot, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let slot = storage.slot(for: key.stringValue)
        return KeyedEncodingContainer(
            KeyedContainer<NestedKey>(storage: slot.objectStorage(), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedContainer(storage: storage.slot(for: key.stringValue).arrayStorage(), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        _Encoder(slot: storage.slot(for: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _Encoder(slot: storage.slot(for: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let storage: ArrayStorage
    let codingPath: [any CodingKey]
    var count: Int { storage.slots.count }

    private func append(_ value: JSONValue) { storage.append().content = .value(value) }
    private var nextPath: [any CodingKey] { codingPath + [IndexKey(count)] }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try number(value, nextPath)) }
    mutating func encode(_ value: Float) throws { append(try number(Double("\(value)") ?? Double(value), nextPath)) }
    mutating func encode(_ value: Int) throws { append(number(value)) }
    mutating func encode(_ value: Int8) throws { append(number(value)) }
    mutating func encode(_ value: Int16) throws { append(number(value)) }
    mutating func encode(_ value: Int32) throws { append(number(value)) }
    mutating func encode(_ value: Int64) throws { append(number(value)) }
    mutating func encode(_ value: UInt) throws { append(number(value)) }
    mutating func encode(_ value: UInt8) throws { append(number(value)) }
    mutating func encode(_ value: UInt16) throws { append(number(value)) }
    mutating func encode(_ value: UInt32) throws { append(number(value)) }
    mutating func encode(_ value: UInt64) throws { append(number(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try JSONValueEncoder.encode(value, into: storage.append(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let path = nextPath
        return KeyedEncodingContainer(
            KeyedContainer<NestedKey>(storage: storage.append().objectStorage(), codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        return UnkeyedContainer(storage: storage.append().arrayStorage(), codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return _Encoder(slot: storage.append(), codingPath: path)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.content = .value(try number(value, codingPath)) }
    mutating func encode(_ value: Float) throws {
        slot.content = .value(try number(Double("\(value)") ?? Double(value), codingPath))
    }
    mutating func encode(_ value: Int) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: Int8) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: Int16) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: Int32) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: UInt) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: UInt8) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: UInt16) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: UInt32) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: UInt64) throws { slot.content = .value(number(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try JSONValueEncoder.encode(value, into: slot, codingPath: codingPath)
    }
}

// MARK: - Codable

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            self = .number(JSONNumber(i))
        } else if let d = try? container.decode(Double.self) {
            self = .number(JSONNumber(d))
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            // Dictionary decoding loses member order; decoders that keep it are the JSON parser's job.
            let d = try container.decode([String: JSONValue].self)
            self = .object(JSONObject(d.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if let i = n.intValue { try c.encode(i) } else { try c.encode(n.doubleValue) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let object):
            var c = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in object.members { try c.encode(value, forKey: AnyKey(key)) }
        }
    }
}

private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
