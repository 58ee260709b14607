import Foundation
import JSONCore
import Testing

@testable import JSONSchema

/// The tape path (`Validator.isValid(_: JSONTape)`) and the value path give the same verdict, and a text
/// validated through `validate(json:tape:)` gets the value path's errors.
@Suite struct TapeEvaluatorTests {
    /// Schemas that exercise each keyword the tape reads itself, and those it hands to `Evaluator`.
    static let cases: [(schema: String, instances: [String])] = [
        (#"{"type":"integer","minimum":0}"#, ["1", "1.0", "1.5", "-1", "1e2", "-0", "123456789012345678901234567890"]),
        (#"{"minimum":0.5,"exclusiveMaximum":1e1,"multipleOf":0.5}"#, ["0.5", "0.4", "10", "9.5", "3", "2.25", "\"x\""]),
        (#"{"multipleOf":3}"#, ["9", "10", "-9", "9.0", "1e3", "3e0"]),
        (#"{"type":"string","minLength":2,"maxLength":3}"#, [#""é""#, #""éé""#, #""\u00e9\u00e9""#, #""😀😀😀😀""#, #""ab\n""#]),
        (#"{"pattern":"^a+$","format":"email"}"#, [#""aaa""#, #""a\u0061""#, #""ab""#, "1"]),
        (#"{"format":"email"}"#, [#""a@b.c""#, #""nope""#, #""\u0061@b.c""#]),
        (#"{"enum":["a","é",1,null,[1],{"a":1}]}"#, [#""a""#, #""\u00e9""#, #""e\u0301""#, "1.0", "null", "[1]", #"{"a":1}"#, "2"]),
        (#"{"const":{"a":[1,2]}}"#, [#"{"a":[1,2]}"#, #"{"a":[1,2.0]}"#, #"{"a":[2,1]}"#]),
        (
            #"{"type":"object","properties":{"a":{"type":"string"},"K":{"type":"string"}},"required":["a"],"additionalProperties":false}"#,
            [
                #"{"a":"x"}"#, #"{"a":1}"#, #"{"b":1,"a":"x"}"#, #"{"\u0061":"x"}"#, #"{"a":"x","K":"y"}"#,
                "{\"a\":\"x\",\"\u{212A}\":\"y\"}", "{\"a\":\"x\",\"\u{212A}\":1}", "[]",
            ]
        ),
        (
            #"{"required":["a","b","a"],"minProperties":2,"maxProperties":3,"propertyNames":{"maxLength":2}}"#,
            [#"{"a":1,"b":2}"#, #"{"a":1}"#, #"{"a":1,"b":2,"cc":3}"#, #"{"a":1,"b":2,"ccc":3}"#, #"{"a":1,"b":2,"c":3,"d":4}"#]
        ),
        (
            #"{"patternProperties":{"^x-":{"type":"integer"}},"additionalProperties":{"type":"string"}}"#,
            [#"{"x-a":1,"b":"s"}"#, #"{"x-a":"s"}"#, #"{"b":1}"#, #"{"\u0078-a":1}"#]
        ),
        (
            #"{"dependentRequired":{"a":["b"]},"dependentSchemas":{"c":{"required":["d"]}}}"#,
            [#"{"a":1}"#, #"{"a":1,"b":2}"#, #"{"c":1}"#, #"{"c":1,"d":1}"#]
        ),
        (
            #"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"},"minItems":1,"maxItems":3,"uniqueItems":true}"#,
            [#"["a",1]"#, #"[1]"#, #"["a","b"]"#, #"["a",1,1]"#, #"["a",1,1.0]"#, "[]", #"["a",1,2,3]"#]
        ),
        (#"{"contains":{"type":"string"},"minContains":2,"maxContains":3}"#, [#"["a",1,"b"]"#, #"["a"]"#, #"["a","b","c","d"]"#, "{}"]),
        (#"{"oneOf":[{"type":"integer"},{"minimum":2}],"not":{"const":5}}"#, ["1", "3", "2.5", "5"]),
        (#"{"anyOf":[{"type":"string"},{"type":"null"}],"allOf":[{"maxLength":2}]}"#, [#""ab""#, #""abc""#, "null", "1"]),
        (#"{"if":{"type":"string"},"then":{"minLength":2},"else":{"type":"integer"}}"#, [#""a""#, #""ab""#, "1", "1.5"]),
        // A reference loop that consumes nothing: `not` over it gives a verdict only loop detection settles.
        (##"{"not":{"$ref":"#"}}"##, ["1", "{}"]),
        (##"{"anyOf":[{"$ref":"#"},{"type":"integer"}]}"##, ["1", "\"a\""]),
        (##"{"properties":{"next":{"$ref":"#"}},"required":["v"]}"##, [#"{"v":1,"next":{"v":2,"next":{"v":3}}}"#, #"{"v":1,"next":{"next":{}}}"#]),
        (
            #"{"properties":{"a":true},"allOf":[{"properties":{"b":true}}],"unevaluatedProperties":false}"#,
            [#"{"a":1,"b":2}"#, #"{"a":1,"c":3}"#]
        ),
        (#"{"prefixItems":[true],"unevaluatedItems":{"type":"string"}}"#, [#"[1,"a"]"#, "[1,2]"]),
        (
            ##"{"$id":"https://example.com/tree","$dynamicAnchor":"node","type":"object","properties":{"kids":{"type":"array","items":{"$dynamicRef":"#node"}}}}"##,
            [#"{"kids":[{"kids":[]}]}"#, #"{"kids":[1]}"#]
        ),
        (#"false"#, ["1"]), (#"true"#, ["1"]), (#"{"items":false}"#, ["[]", "[1]"]),
    ]

    @Test func tapeAndValuePathsAgree() throws {
        let parser = JSONParser()
        let tape = JSONTape()
        for (schemaText, instances) in Self.cases {
            let validator = try SchemaCompiler(options: SchemaOptions(formatAssertion: true))
                .compile(try parser.parse(schemaText))
            for text in instances {
                let value = try parser.parse(text)
                let expected = validator.isValid(value)
                var keywords = Evaluator(dynamicAnchors: validator.dynamicAnchors, recording: true)
                var scratch = Evaluated()
                #expect(keywords.eval(validator.root, value, &scratch, collect: false) == expected)
                let bytes = Array(text.utf8)
                let onTape = bytes.withUnsafeBytes { tape.load($0) && validator.isValid(tape) }
                #expect(onTape == expected, "\(schemaText) on \(text)")
                let outcome = bytes.withUnsafeBytes { validator.validate(json: $0, tape: tape) }
                #expect((try? outcome.get()) == validator.validate(value), "\(schemaText) on \(text)")
            }
        }
    }

    @Test func textsThatAreNotJSONGetTheParsersError() throws {
        let validator = try SchemaCompiler().compile(["type": "object"])
        let tape = JSONTape()
        for text in ["{\"a\":1,\"a\":2}", "[1,", "\"\\ud800\""] {
            let outcome = Array(text.utf8).withUnsafeBytes { validator.validate(json: $0, tape: tape) }
            guard case .failure(let error) = outcome else {
                Issue.record("\(text) was taken as JSON")
                continue
            }
            #expect(error.message == parseMessage(text) && !error.message.isEmpty)
        }
    }

    private func parseMessage(_ text: String) -> String {
        do {
            _ = try JSONParser().parse(text)
            return ""
        } catch {
            return error.message
        }
    }

    /// Every instance of both benchmark streams (`bench/gen_jsonl.py`, small counts): the same verdicts
    /// and the same errors both ways.
    @Test(arguments: [["400", "3"], ["150", "5", "--pages"]])
    func benchmarkStreamsAgree(arguments: [String]) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tape-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("bench/gen_jsonl.py").path, out.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let parser = JSONParser()
        let schema = try parser.parse(Array(try Data(contentsOf: out.appendingPathComponent("schema.json"))))
        let validator = try SchemaCompiler(options: SchemaOptions(formatAssertion: true)).compile(schema)
        let name = arguments.contains("--pages") ? "large.jsonl" : "instances.jsonl"
        let lines = try Data(contentsOf: out.appendingPathComponent(name)).split(separator: 0x0A)
        #expect(lines.count == Int(arguments[0])!)
        let tape = JSONTape()
        var invalid = 0
        for line in lines {
            let bytes = Array(line)
            let value = try parser.parse(bytes)
            let expected = validator.validate(value)
            let onTape = bytes.withUnsafeBytes { tape.load($0) && validator.isValid(tape) }
            #expect(onTape == expected.isEmpty)
            let outcome = bytes.withUnsafeBytes { validator.validate(json: $0, tape: tape) }
            #expect((try? outcome.get()) == expected)
            if !expected.isEmpty { invalid += 1 }
        }
        // The streams are about one in twenty broken: both verdicts are exercised.
        #expect(invalid > 0 && invalid < lines.count / 5)
    }
}
