import JSONCore
import JSONSchema
import OpenAPIDocument

/// Checks an OpenAPI document: every file of it readable and every reference followed, its structure
/// (OpenAPIKit, for 3.1), and on the document as JSON examples against their schemas, every local `$ref`,
/// unique operationIds and path parameters (`OpenAPIContract.lint()`). Each finding names the file, line
/// and column it is about, and a pointer into that file.
package enum SpecLinter {
    package static func lint(_ document: SpecDocument) -> [Diagnostic] {
        let value = document.value
        var findings: [Diagnostic]
        do {
            findings = try OpenAPIContract(document: value).lint()
        } catch {
            findings = [
                Diagnostic(
                    severity: .error, rule: "oas3-schema", pointer: error.pointer?.description ?? "",
                    message: error.message)
            ]
        }
        // OpenAPIKit's 3.1 model does not read 3.0 documents.
        if case .string(let version)? = value["openapi"], !version.hasPrefix("3.0") {
            findings = StructuralLint.lint(value) + findings
        }
        return document.diagnostics + findings.map(document.locate)
    }
}
