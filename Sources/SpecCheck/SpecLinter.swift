import Foundation
import JSONCore
import JSONSchema
import OpenAPIDocument

/// Checks an OpenAPI 3.0 or 3.1 document: every file of it readable and every reference followed; its
/// structure against the OpenAPI Initiative's JSON Schema for its version (and, for 3.1, each schema object
/// against JSON Schema 2020-12), with OpenAPIKit's reading as a second opinion; and on the document as JSON
/// examples and defaults against their schemas, references, operationIds, path parameters, security
/// requirements, enums and media type names. Severities are Spectral's (`spectral:oas`) where the rule is
/// Spectral's; a `Ruleset` changes them. Each finding names the file, line and column it is about, and a
/// pointer into that file.
package enum SpecLinter {
    package static func lint(_ document: SpecDocument, ruleset: Ruleset = Ruleset()) -> [Diagnostic] {
        let value = document.value
        let isOpenAPI31 = OfficialSchemaLint.minorVersion(of: value) == "3.1"
        // OpenAPIKit's reading (3.1 only) takes as long as every other check together: one core each.
        let parts = Slots<[Diagnostic]>(count: 2, initial: [])
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 1 {
                if isOpenAPI31 { parts.store(1, StructuralLint.lint(value)) }
                return
            }
            var findings = OfficialSchemaLint.findings(value)
            do {
                let contract = try OpenAPIContract(document: value)
                findings += OfficialSchemaLint.schemaFindings(contract)
                findings += contract.lint()
            } catch let error as SchemaError {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "oas3-schema", pointer: error.pointer?.description ?? "",
                        message: error.message))
            } catch {
                findings.append(Diagnostic(severity: .error, rule: "oas3-schema", pointer: "", message: "\(error)"))
            }
            parts.store(0, findings)
        }
        var findings = parts.take(0)
        // Where another rule already found a problem at a place (or inside it), OpenAPIKit's account of the
        // same place adds nothing.
        let found = findings.compactMap(\.pointer)
        for finding in parts.take(1) {
            let pointer = finding.pointer ?? ""
            let covered =
                !pointer.isEmpty
                && found.contains { $0 == pointer || $0.hasPrefix(pointer + "/") || pointer.hasPrefix($0 + "/") }
            if !covered { findings.append(finding) }
        }
        var unique: [Diagnostic] = []
        var seen: Set<Diagnostic> = []
        for finding in document.diagnostics + findings {
            guard let severity = ruleset.severity(of: finding) else { continue }
            var kept = finding
            kept.severity = severity
            kept = document.locate(kept)
            if seen.insert(kept).inserted { unique.append(kept) }
        }
        return unique
    }

    /// Why `document` is not read at all (see `SpecDocument.refusal`).
    package static func refusal(_ document: JSONValue) -> String? { SpecDocument.refusal(document) }
}
