import Foundation
import JSONCore
import JSONSchema
import Testing

/// The official JSON-Schema-Test-Suite, read in place from ../shared/testdata.
enum OfficialSuite {
    /// `../shared` next to the checkout, or `$SHARED_DIR`, or `/work/shared` (where these machines keep it).
    static let root: URL = {
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            ProcessInfo.processInfo.environment["SHARED_DIR"].map { URL(fileURLWithPath: $0) },
            checkout.deletingLastPathComponent().appendingPathComponent("shared"),
            URL(fileURLWithPath: "/work/shared"),
        ].compactMap { $0 }
        let shared =
            candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("testdata").path) }
            ?? candidates[candidates.count - 2]
        return shared.appendingPathComponent("testdata/JSON-Schema-Test-Suite")
    }()
    static let tests = root.appendingPathComponent("tests/draft2020-12")

    /// Every file of `tests/draft2020-12/`, none left out.
    static let requiredFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tests.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    /// The `optional/format/` files of the asserted formats. Left out: idn-hostname, whose Bidi rules
    /// (RFC 5893) are not implemented, so that format stays an annotation.
    static let formatFiles = [
        "date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uri", "uri-reference",
        "iri", "iri-reference", "uuid", "regex", "ecmascript-regex", "json-pointer", "relative-json-pointer",
        "uri-template", "unknown", "idn-email",
    ].map { "optional/format/\($0).json" }

    /// The optional files on `pattern`'s ECMA-262 semantics.
    static let regexFiles = ["optional/ecmascript-regex.json", "optional/non-bmp-regex.json"]

    static func load(_ url: URL) throws -> JSONValue {
        try JSONParser().parse(Array(try Data(contentsOf: url)))
    }

    /// `http://localhost:1234/…` served from `remotes/`, as the suite's README asks.
    static let retrieve: @Sendable (String) -> JSONValue? = { uri in
        let prefix = "http://localhost:1234/"
        guard uri.hasPrefix(prefix) else { return nil }
        let file = root.appendingPathComponent("remotes").appendingPathComponent(String(uri.dropFirst(prefix.count)))
        return try? load(file)
    }

    struct Outcome {
        var passed = 0
        var failures: [String] = []
    }

    static func run(_ file: String, formatAssertion: Bool) throws -> Outcome {
        var outcome = Outcome()
        guard case .array(let groups) = try load(tests.appendingPathComponent(file)) else {
            outcome.failures.append("\(file): not an array of test groups")
            return outcome
        }
        for group in groups {
            guard let schema = group["schema"], case .array(let cases)? = group["tests"],
                case .string(let groupName)? = group["description"]
            else { continue }
            let compiler = SchemaCompiler(options: SchemaOptions(formatAssertion: formatAssertion, retrieve: retrieve))
            let validator: Validator
            do {
                validator = try compiler.compile(schema)
            } catch {
                outcome.failures.append("\(file) / \(groupName): schema does not compile: \(error)")
                continue
            }
            for test in cases {
                guard case .string(let name)? = test["description"], let data = test["data"],
                    case .bool(let expected)? = test["valid"]
                else { continue }
                let fast = validator.isValid(data)
                let errors = validator.validate(data)
                // The same instance as JSON text, on a tape (the path JSON Lines and responses take).
                let tape = JSONTape()
                let onTape = data.compactJSONBytes().withUnsafeBytes { tape.load($0) && validator.isValid(tape) }
                if fast == expected, errors.isEmpty == expected, onTape == expected {
                    outcome.passed += 1
                } else {
                    outcome.failures.append(
                        "\(file) / \(groupName) / \(name): expected \(expected ? "valid" : "invalid"), isValid=\(fast), tape=\(onTape), "
                            + "errors=\(errors.map(\.description))")
                }
            }
        }
        return outcome
    }
}

@Suite struct OfficialSuiteTests {
    @Test func theSuiteIsThere() {
        #expect(OfficialSuite.requiredFiles.count >= 46, "the test suite was not found at \(OfficialSuite.root.path)")
    }

    @Test(arguments: OfficialSuite.requiredFiles)
    func draft2020_12(file: String) throws {
        // The specification's default: format is an annotation.
        let outcome = try OfficialSuite.run(file, formatAssertion: false)
        #expect(outcome.passed > 0)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.joined(separator: "\n"))")
    }

    @Test(arguments: OfficialSuite.formatFiles)
    func optionalFormats(file: String) throws {
        let outcome = try OfficialSuite.run(file, formatAssertion: true)
        #expect(outcome.passed > 0)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.joined(separator: "\n"))")
    }

    @Test(arguments: OfficialSuite.regexFiles)
    func optionalRegex(file: String) throws {
        let outcome = try OfficialSuite.run(file, formatAssertion: false)
        #expect(outcome.passed > 0)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.joined(separator: "\n"))")
    }

    /// Prints the counts the issue asks for, and fails on any miss.
    @Test func counts() throws {
        var required = OfficialSuite.Outcome()
        for file in OfficialSuite.requiredFiles {
            let o = try OfficialSuite.run(file, formatAssertion: false)
            required.passed += o.passed
            required.failures += o.failures
        }
        var formats = OfficialSuite.Outcome()
        for file in OfficialSuite.formatFiles {
            let o = try OfficialSuite.run(file, formatAssertion: true)
            formats.passed += o.passed
            formats.failures += o.failures
        }
        print(
            "JSON-Schema-Test-Suite draft2020-12: \(required.passed) passed, \(required.failures.count) failed; "
                + "optional/format: \(formats.passed) passed, \(formats.failures.count) failed")
        #expect(required.passed == 1_299)
        #expect(required.failures.isEmpty && formats.failures.isEmpty)
    }
}
