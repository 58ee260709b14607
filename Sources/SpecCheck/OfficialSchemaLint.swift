import JSONCore
import JSONSchema
import OpenAPIDocument

/// A document against the OpenAPI Initiative's own JSON Schema for its version (3.0 or 3.1), with this
/// project's validator: the structural check of `oas3-schema`, which reports every place a document breaks
/// the specification's shape, not the first one a decoder trips over.
enum OfficialSchemaLint {
    /// The compiled schemas by minor version, compiled once. Formats are annotations, as the reference
    /// validator (openapi-spec-validator) reads them.
    private static let validators: [String: Validator] = {
        var compiled: [String: Validator] = [:]
        for (version, schema) in OASSchemas.schemas {
            guard let value = try? JSONParser().parse(schema.text),
                let validator = try? SchemaCompiler(options: SchemaOptions(formatAssertion: false)).compile(
                    value, uri: schema.id)
            else { continue }
            compiled[version] = validator
        }
        return compiled
    }()

    /// `3.0` for `3.0.3`; `nil` for a version this check has no schema for.
    static func minorVersion(of document: JSONValue) -> String? {
        guard case .string(let version)? = document["openapi"] else { return nil }
        if version.hasPrefix("3.0") { return "3.0" }
        if version.hasPrefix("3.1") { return "3.1" }
        return nil
    }

    /// JSON Schema 2020-12's own meta-schema, which every schema object of a 3.1 document is written in.
    private static let dialect: Validator? = try? SchemaCompiler(options: SchemaOptions(formatAssertion: false))
        .compile(["$ref": "https://json-schema.org/draft/2020-12/schema"])

    /// In a 3.1 document, each schema object against the 2020-12 meta-schema (the document schema leaves
    /// schemas unchecked): `exclusiveMinimum: true`, `required: [a, a]` and `type: integr` are errors.
    static func schemaFindings(_ contract: OpenAPIContract) -> [Diagnostic] {
        guard !contract.isOpenAPI30, let dialect else { return [] }
        var findings: [Diagnostic] = []
        for (pointer, schema) in contract.schemaRoots() {
            for error in dialect.validate(schema) {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "oas3-schema",
                        pointer: pointer.description + error.instanceLocation.description,
                        message: "not a JSON Schema 2020-12 schema: \(error.message)"))
            }
        }
        return findings
    }

    static func findings(_ document: JSONValue) -> [Diagnostic] {
        guard let version = minorVersion(of: document), let validator = validators[version] else { return [] }
        return validator.validate(document).map { error in
            Diagnostic(
                severity: .error, rule: "oas3-schema", pointer: error.instanceLocation.description,
                message: error.message, keywordLocation: nil)
        }
    }
}
