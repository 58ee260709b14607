import JSONCore
import Testing

@testable import JSONSchema

/// Leaf schemas answer the fast pass without their keywords; the keywords (the recording pass) must
/// agree with them on every value.
@Suite struct LeafCheckTests {
    static let schemas: [JSONValue] = [
        ["type": "string", "format": "uuid"], ["type": "string", "format": "date-time"],
        ["type": ["string", "null"], "format": "date"], ["format": "time"],
        ["type": "string", "minLength": 2, "maxLength": 3], ["minLength": 1],
        ["type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"], ["enum": ["queued", "active", "e\u{301}"]],
        ["type": "integer", "minimum": 0, "maximum": 100], ["exclusiveMinimum": 0, "exclusiveMaximum": 10],
        ["type": ["number", "null"], "minimum": 0], ["type": "integer", "format": "int32"],
        ["$defs": ["s": ["enum": ["a", "b"]]], "$ref": "#/$defs/s"], ["type": "boolean"], ["type": "object"],
    ]

    static let values: [JSONValue] = [
        nil, true, false, 0, -1, 1, 10, 100, 101, 2_147_483_648, 0.5, -0.5, 9.99, 1e2,
        "123456789012345678901234567890", "", "a", "ab", "abc", "abcd", "é", "日本", "😀😀", "queued", "active",
        "e\u{301}", "\u{E9}", "a-b", "a--b", "A", "b", "2025-02-28T10:00:00Z", "2025-02-30T10:00:00Z",
        "2024-02-29", "10:00:00+02:00", "10:00:00", "0f8fad5b-d9cb-469f-a165-70867728950e",
        "0f8fad5b-d9cb-469f-a165-70867728950", [], ["a"], [:], ["a": 1],
    ]

    @Test(arguments: schemas)
    func leavesAgreeWithTheirKeywords(schema: JSONValue) throws {
        var options = SchemaOptions(formatAssertion: true)
        options.integerFormats = true
        let compiler = SchemaCompiler(options: options)
        let validator = try compiler.compile(schema)
        #expect(validator.root.leaf != nil, "\(schema.compactJSON()) should be a leaf")
        for value in Self.values {
            var keywords = Evaluator(dynamicAnchors: validator.dynamicAnchors, recording: true)
            var scratch = Evaluated()
            let expected = keywords.eval(validator.root, value, &scratch, collect: false)
            #expect(validator.isValid(value) == expected, "\(schema.compactJSON()) on \(value.compactJSON())")
            let tape = JSONTape()
            let onTape = value.compactJSONBytes().withUnsafeBytes { tape.load($0) && validator.isValid(tape) }
            #expect(onTape == expected, "tape: \(schema.compactJSON()) on \(value.compactJSON())")
        }
    }

    /// Decimals against integer bounds, read from the text: the same answers as exact comparison.
    @Test func decimalsCompareWithIntegersExactly() throws {
        let texts = [
            "0.0", "-0.0", "-0.5", "0.5", "1.5", "-1.5", "2.0", "-2.0", "99.99", "100.0", "100.01", "-100.01",
            "-99.000", "123456789012345678.5", "-123456789012345678.25", "7",
        ]
        for text in texts {
            let parts = try #require(Array(text.utf8).withUnsafeBytes { DecimalParts($0) })
            let exact = try #require(JSONNumber(text))
            for m in [Int.min, -101, -100, -99, -2, -1, 0, 1, 2, 99, 100, 101, Int.max] {
                let bound = JSONNumber(m)
                #expect(parts.isAtLeast(m) == !(exact < bound), "\(text) >= \(m)")
                #expect(parts.isAtMost(m) == !(bound < exact), "\(text) <= \(m)")
            }
        }
        for text in ["1e2", "-1E-2", "1234567890123456789.5", "-", "1.2.3"] {
            #expect(Array(text.utf8).withUnsafeBytes { DecimalParts($0) } == nil, "\(text)")
        }
    }

    @Test func applicatorsAndExactDecimalsAreNotLeaves() throws {
        for schema: JSONValue in [
            ["type": "object", "properties": ["a": true]], ["minimum": 0.5], ["format": "email"],
            ["enum": [1, "a"]], ["$ref": "#"], ["allOf": [["type": "string"]]],
        ] {
            let validator = try SchemaCompiler(options: SchemaOptions(formatAssertion: true)).compile(schema)
            #expect(validator.root.leaf == nil, "\(schema.compactJSON())")
        }
    }
}
