import JSONCore
import OpenAPIDocument

/// Which lint rules run and how severe their findings are. Without a file: Spectral's `spectral:oas`
/// defaults for the rules it shares, errors for what the specification requires, and this project's house
/// rules off. A file in Spectral's shape (YAML or JSON) changes that:
///
/// ```yaml
/// rules:
///   operation-operationId: error   # error, warn, info, hint or off (info and hint count as warnings)
///   operation-security: error
///   media-type-name: off
/// ```
package struct Ruleset: Sendable {
    /// Every rule lint has, with its default severity (`nil`: off).
    package static let defaults: [(rule: String, severity: Diagnostic.Severity?, about: String)] = [
        ("parser", .error, "a file of the document is not valid JSON or YAML"),
        ("invalid-ref", .error, "a $ref leads nowhere: a missing file or pointer, a cycle, a remote reference"),
        ("oas3-schema", .error, "the document breaks the OpenAPI Initiative's JSON Schema for its version"),
        ("openapikit", .error, "OpenAPIKit's reading of a 3.1 document (its warnings stay warnings)"),
        ("path-params", .error, "path templates and path parameters agree"),
        ("operation-operationId-unique", .error, "no two operations share an operationId"),
        ("oas3-valid-schema-example", .error, "schema examples and defaults validate against their schema"),
        ("oas3-valid-media-example", .error, "media type, parameter and header examples validate"),
        ("operation-operationId", .warning, "every operation has an operationId"),
        ("operation-success-response", .warning, "every operation documents a 2xx or 3xx response"),
        ("oas3-operation-security-defined", .warning, "security requirements name defined schemes"),
        ("duplicated-entry-in-enum", .warning, "no value twice in an enum"),
        ("empty-enum", .warning, "an enum has a value (an empty one admits nothing)"),
        (
            "discriminator-implicit-value", .warning,
            "without a mapping, a discriminator's values are its branches' schema names; a branch that fixes the property to another value contradicts it"
        ),
        ("media-type-name", .warning, "content keys are media types or ranges"),
        ("nullable-in-3.1", .warning, "no OpenAPI 3.0 'nullable' in a 3.1 document"),
        ("operation-security", nil, "house rule: every operation has a security requirement"),
    ]

    private static let defaultSeverity: [String: Diagnostic.Severity?] = Dictionary(
        uniqueKeysWithValues: defaults.map { ($0.rule, $0.severity) })

    /// The file's choices, by rule: a severity, or `nil` for off.
    package private(set) var overrides: [String: Diagnostic.Severity?] = [:]

    package init(overrides: [String: Diagnostic.Severity?] = [:]) { self.overrides = overrides }

    /// The severity `diagnostic` is reported with, or `nil` when its rule is off. A rule left at its default
    /// keeps the severity the check gave (OpenAPIKit's warnings stay warnings).
    package func severity(of diagnostic: Diagnostic) -> Diagnostic.Severity? {
        if let chosen = overrides[diagnostic.rule] { return chosen }
        if let standard = Self.defaultSeverity[diagnostic.rule], standard == nil { return nil }
        return diagnostic.severity
    }

    /// Reads a ruleset file; every problem (an unknown rule, a severity that is not one) is a located
    /// diagnostic.
    package static func load(path: String) throws(Diagnostic) -> Ruleset {
        let file = try SourceFile.read(path: path)
        guard case .object(let root) = file.value else {
            throw Diagnostic(
                .error, rule: "ruleset", at: file.location(of: JSONPointer()),
                message: "a ruleset is a mapping with 'rules:'")
        }
        var ruleset = Ruleset()
        for (name, value) in root["rules"]?.objectValue?.members ?? [] {
            let at = file.location(of: JSONPointer(tokens: ["rules", name]))
            guard defaultSeverity[name] != nil else {
                throw Diagnostic(
                    .error, rule: "ruleset", at: at,
                    message: "unknown rule '\(name)' (known: \(defaults.map(\.rule).joined(separator: ", ")))")
            }
            var setting = value
            if case .object(let object) = value, let severity = object["severity"] { setting = severity }
            switch setting {
            case .string("error"), .number(JSONNumber(0)): ruleset.overrides[name] = .some(.error)
            case .string("warn"), .string("warning"), .string("info"), .string("hint"), .number(JSONNumber(1)),
                .number(JSONNumber(2)), .number(JSONNumber(3)):
                ruleset.overrides[name] = .some(.warning)
            case .string("off"), .bool(false), .number(JSONNumber(-1)): ruleset.overrides[name] = .some(nil)
            case .bool(true): break
            default:
                throw Diagnostic(
                    .error, rule: "ruleset", at: at,
                    message: "'\(name)': \(setting.compactJSON()) is not a severity (error, warn, info, hint or off)")
            }
        }
        return ruleset
    }
}
