import JSONCore
import JSONSchema
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
}
