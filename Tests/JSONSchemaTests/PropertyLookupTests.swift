import JSONCore
@testable import JSONSchema
import Testing

/// `properties` and `required` find keys by a scan from where the last one was found (small schemas and
/// objects) or by hashing (large ones); members in any order must give the same verdicts either way.
@Suite struct PropertyLookupTests {
    static func schema(properties count: Int) -> JSONValue {
        var properties = JSONObject()
        for i in 0..<count { properties["p\(i)"] = ["type": "integer", "maximum": .number(JSONNumber(i))] }
        return [
            "type": "object", "properties": .object(properties),
            "required": .array((0..<count).map { .string("p\($0)") }),
        ]
    }

    static func instance(_ order: [Int], value: (Int) -> Int = { $0 }) -> JSONValue {
        .object(JSONObject(order.map { ("p\($0)", .number(JSONNumber(value($0)))) }))
    }

    @Test(arguments: [3, 16, 17, 40])
    func membersInAnyOrderAreFound(count: Int) throws {
        let validator = try SchemaCompiler().compile(Self.schema(properties: count))
        let inOrder = Array(0..<count)
        var shuffled = inOrder
        var generator = SplitMix64(seed: UInt64(count))
        shuffled.shuffle(using: &generator)
        for order in [inOrder, inOrder.reversed(), shuffled] {
            #expect(validator.isValid(Self.instance(order)), "\(order)")
            // Each member is checked against its own subschema, wherever it sits.
            let errors = validator.validate(Self.instance(order) { $0 == count - 1 ? count : $0 })
            #expect(
                errors.map(\.description) == ["/p\(count - 1): \(count) is greater than the maximum of \(count - 1)"])
            // A missing member is missed, wherever the others sit.
            let missing = validator.validate(Self.instance(order.filter { $0 != 1 }))
            #expect(missing.map(\.description) == ["(root): required property \"p1\" is missing"])
        }
    }

    /// Names longer than eight bytes that share their first eight, and short names that are prefixes of
    /// each other: found by their whole bytes, on the tape.
    @Test func namesSharingTheirFirstBytesAreToldApart() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "completedAtTime": ["type": "integer"], "completedAtDate": ["type": "string"],
                "id": ["type": "integer"], "idx": ["type": "string"],
            ],
            "required": ["completedAtDate", "idx"], "additionalProperties": false,
        ]
        let validator = try SchemaCompiler().compile(schema)
        func onTape(_ text: String) -> Bool {
            let tape = JSONTape()
            return Array(text.utf8).withUnsafeBytes { tape.load($0) } && validator.isValid(tape)
        }
        let cases: [(String, Bool)] = [
            (#"{"completedAtDate": "d", "completedAtTime": 1, "idx": "x", "id": 2}"#, true),
            (#"{"completedAtTime": "t", "completedAtDate": "d", "idx": "x"}"#, false),
            (#"{"completedAtDate": 1, "idx": "x"}"#, false),
            (#"{"completedAtTime": 1, "idx": "x"}"#, false),
            (#"{"completedAtDate": "d", "id": 2}"#, false),
            (#"{"completedAtDate": "d", "idx": 3}"#, false),
            (#"{"completedAtDate": "d", "idx": "x", "completedAtDat": 1}"#, false),
        ]
        for (text, valid) in cases {
            #expect(onTape(text) == valid, "\(text)")
            #expect(validator.isValid(try JSONParser().parse(text)) == valid, "\(text)")
        }
    }

    /// `required` is settled while `properties` walks the members, when every required name is a property
    /// (one lookup per key): a missing name is still missed, a name written with an escape still counts,
    /// a name listed twice is one name, and a list with a name outside `properties` is checked on its own.
    @Test func requiredIsFoundWhileWalkingProperties() throws {
        let paired: JSONValue = [
            "type": "object", "properties": ["a": ["type": "integer"], "bb": [:], "ccc": [:]],
            "required": ["a", "ccc", "a"],
        ]
        let unpaired: JSONValue = ["properties": ["a": ["type": "integer"]], "required": ["a", "zz"]]
        // The pairing is made where it can be, and only there.
        func pairing(_ schema: JSONValue) throws -> (mask: UInt64, settled: Bool) {
            // The validator owns the nodes' graph: kept alive while its root is read.
            let validator = try SchemaCompiler().compile(schema)
            return withExtendedLifetime(validator) {
                guard case .keywords(let keywords) = validator.root.body else { return (0, false) }
                var mask: UInt64 = 0
                var settled = false
                for keyword in keywords {
                    if case .properties(let table) = keyword { mask = table.requiredMask }
                    if case .required(let names) = keyword { settled = names.foundWithProperties }
                }
                return (mask, settled)
            }
        }
        let found = try pairing(paired)
        #expect(found == (0b101, true), "\(found)")
        #expect(try pairing(unpaired) == (0, false))
        let cases: [(JSONValue, String, Bool)] = [
            (paired, #"{"a": 1, "ccc": 2}"#, true),
            (paired, #"{"ccc": 2, "a": 1, "bb": 3, "x": 4}"#, true),
            (paired, #"{"ccc": 2}"#, false),
            (paired, #"{"a": 1}"#, false),
            (paired, #"{"a": 1, "bb": 2}"#, false),
            (paired, #"{"a": 1, "c\u0063c": 2}"#, true),
            (paired, #"{"\u0061": 1, "bb": 2}"#, false),
            (paired, #"{"a": "x", "ccc": 1}"#, false),
            (paired, "{}", false),
            (paired, "[]", false),
            (unpaired, #"{"a": 1, "zz": 2}"#, true),
            (unpaired, #"{"a": 1}"#, false),
            (unpaired, #"{"zz": 1}"#, false),
            (unpaired, "[]", true),
        ]
        for (schema, text, valid) in cases {
            let validator = try SchemaCompiler().compile(schema)
            let tape = JSONTape()
            // The tape reads the bytes it was loaded from: validate while they live.
            let onTape = Array(text.utf8).withUnsafeBytes { tape.load($0) && validator.isValid(tape) }
            #expect(onTape == valid, "\(text)")
            #expect(validator.isValid(try JSONParser().parse(text)) == valid, "\(text)")
        }
    }

    /// A name's first eight bytes as one word, read without copying: the same word as a zero-padded copy,
    /// for every length (the short ones are read as two overlapping loads).
    @Test func prefixWordIsTheZeroPaddedFirstEightBytes() {
        var generator = SplitMix64(seed: 8)
        for length in 0...12 {
            for _ in 0..<50 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                var expected: UInt64 = 0
                for (k, b) in bytes.prefix(8).enumerated() { expected |= UInt64(b) << (8 * UInt64(k)) }
                #expect(bytes.withUnsafeBytes { JSONTape.prefix($0) } == expected, "\(bytes)")
            }
        }
    }
}
