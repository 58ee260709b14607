import Foundation
import JSONCore
@testable import JSONSchema
import Testing

/// Inputs the fuzzers found (scripts/fuzz.sh); each once crashed or leaked.
@Suite struct FuzzRegressionTests {
    /// A `$ref` back to the schema itself, with nothing consumed in between, recursed until the stack
    /// overflowed.
    @Test func referenceLoopIsAnErrorNotACrash() throws {
        let schema = try JSONParser().parse(
            #"{"$id": "http://example.com/root.json", "properties": {"foo": {"type": "string"}}, "$ref": "root.json"}"#)
        let validator = try SchemaCompiler().compile(schema)
        #expect(!validator.isValid(["foo": "a"]))
        #expect(
            validator.validate(["foo": "a"]).map(\.description) == [
                "(root): the reference loops back to http://example.com/root.json# without consuming the instance"
            ])
        // Recursion that does consume the instance is fine.
        let tree = try SchemaCompiler().compile(["properties": ["child": ["$ref": "#"]], "required": ["name"]])
        #expect(tree.isValid(["name": 1, "child": ["name": 2, "child": ["name": 3]]]))
        #expect(
            tree.validate(["name": 1, "child": ["child": ["name": 3]]]).map(\.description) == [
                #"/child: required property "name" is missing"#
            ])
    }

    /// FuzzRegex: a pattern with empty top-level alternatives matches every string, but ICU answered
    /// "no match" once a group that can match the empty string was repeated 40 times or more (it gives
    /// up on the backtracking). The automaton, which runs this pattern now, answers right.
    @Test func emptyAlternativesMatchWhateverTheRepetitionBefore() throws {
        let pattern = "(\u{0}?|ya\u{1},94}$In\u{0}I\u{0}||\u{0}\u{0} z){2,94}$In\u{0}I\u{0}|||\u{0}\u{0}|||"
        let compiled = try Pattern(pattern)
        #expect(!compiled.usesBacktracker)
        #expect(compiled.matches(""))
        #expect(compiled.matches("anything"))
        let validator = try SchemaCompiler().compile(["pattern": .string(pattern)])
        #expect(validator.isValid(""))
    }

    /// A cyclic schema (`$ref: "#"` under `properties`) leaked its nodes on every compile.
    @Test func cyclicSchemasAreFreed() throws {
        weak var root: SchemaNode?
        do {
            let schema = try JSONParser().parse(
                ##"{"properties": {"x": {"$ref": "#"}}, "unevaluatedProperties": false}"##)
            let validator = try SchemaCompiler().compile(schema)
            #expect(validator.isValid(["x": ["x": [:]]]))
            root = validator.root
            #expect(root != nil)
        }
        #expect(root == nil)
    }
}

/// Inputs committed as fuzz artifacts, kept as tests when the artifact file goes.
@Suite struct FuzzArtifactTests {
    /// `leak-89dbb1a1…` (FuzzSchema, session 6): a `patternProperties` key of braces that are literals in
    /// ECMA-262 (`s{{{`, `}}}`) with an unknown type. It was reported as a leak by a run without LeakSanitizer
    /// suppressions: the 740 bytes were swift-corelibs-foundation's `NSRegularExpression`, which
    /// `Fuzz/lsan.supp` now suppresses, and the input runs clean under the fuzzer. Here: the unknown type is
    /// a compile error, and with a known type the pattern compiles and matches as ECMA-262 says.
    @Test func bracesAsLiteralsInAPatternPropertiesKey() throws {
        let artifact =
            #"{"$schema": "https://js-scnohema.org/draft/2020-12/schema", "patternProperties": {"sssssssssssssssssssssss}}}}ss{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{s}}}}ss{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ss{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{sssssssssssssssssss~}sssssssssssssssssssss~}": {"type": "boolstring"}}}"#
        #expect(throws: SchemaError.self) { try SchemaCompiler().compile(JSONParser().parse(artifact)) }
        let schema = try JSONParser().parse(artifact.replacingOccurrences(of: "boolstring", with: "string"))
        let validator = try SchemaCompiler().compile(schema)
        #expect(validator.isValid(["a31b": nil]))
        let key = try #require(schema["patternProperties"]?.objectValue?.keys.first)
        // Every brace here is a literal, so the key itself is a name the pattern matches.
        #expect(!validator.isValid(.object(JSONObject([(key, .number(JSONNumber(1)))]))))
        #expect(validator.isValid(.object(JSONObject([(key, .string("text"))]))))
    }
}
