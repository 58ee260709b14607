import Foundation
import JSONCore
import JSONSchema
import OpenAPIDocument

#if canImport(Glibc)
    import Glibc
#endif

/// What `specvalidate instance` writes: a verdict per instance as a text line, a JSON line (the basic
/// output format), or a case of a `Report`; for JSON Lines, streamed as the verdicts come.
package enum InstanceReport {
    /// How many instances failed their schema, and how many lines were not JSON at all.
    package struct Outcome: Sendable {
        package var invalid = 0
        package var unreadable = 0
    }

    /// `3: valid`, or `3: invalid: /progress: 101 is greater than the maximum of 100 (+1 more)`.
    package static func line(_ n: Int, _ errors: [ValidationError]) -> String {
        guard let first = errors.first else { return "\(n): valid\n" }
        return "\(n): invalid: \(first)\(errors.count > 1 ? " (+\(errors.count - 1) more)" : "")\n"
    }

    package static func reportCase(_ n: Int, _ errors: [ValidationError], _ file: String) -> Report.Case {
        Report.Case(
            name: "instance \(n)", group: file,
            findings: errors.map {
                Diagnostic(
                    severity: .error, rule: "schema", pointer: $0.instanceLocation.description, message: $0.message,
                    keywordLocation: $0.keywordLocation.description)
            })
    }

    /// Validates every line of `input` and writes the verdicts to `output` in line order: text and JSON as
    /// they come, the other formats as one report at the end. Lines are parsed and validated a batch at a
    /// time on `validators.count` cores (one compiled copy each) while the next batch is read and the last
    /// one's verdicts are written.
    package static func validateLines(
        from input: UnsafeMutablePointer<FILE>, to output: UnsafeMutablePointer<FILE>, using validators: [Validator],
        format: Report.Format, file: String
    ) -> Outcome {
        var outcome = Outcome()
        var cases: [Report.Case] = []
        let streamed = format == .text || format == .json
        Validator.validate(
            stream: JSONLinesReader(file: input), using: validators, parser: JSONParser(), workers: validators.count
        ) { batch, results in
            for (offset, result) in results.enumerated() {
                let n = batch.firstLine + offset
                var text: String
                switch result {
                case .success(let errors):
                    if !errors.isEmpty { outcome.invalid += 1 }
                    switch format {
                    case .json:
                        var object = JSONObject([("instance", .number(JSONNumber(n)))])
                        if case .object(let basic) = errors.basicOutput {
                            for (key, value) in basic.members { object[key] = value }
                        }
                        text = JSONValue.object(object).compactJSON() + "\n"
                    default:
                        text = line(n, errors)
                    }
                    if !streamed { cases.append(reportCase(n, errors, file)) }
                case .failure(let error):
                    outcome.unreadable += 1
                    let message = "not JSON: column \(error.column): \(error.message)"
                    text = "\(n): error: \(message)\n"
                    if format == .json {
                        text =
                            JSONValue.object(
                                JSONObject([
                                    ("instance", .number(JSONNumber(n))), ("valid", false), ("error", .string(message)),
                                ])
                            ).compactJSON() + "\n"
                    }
                    if !streamed {
                        cases.append(
                            Report.Case(
                                name: "instance \(n)", group: file,
                                findings: [Diagnostic(severity: .error, rule: "json", pointer: "", message: message)]))
                    }
                }
                if streamed { fputs(text, output) }
            }
        }
        if !streamed { fputs(Report(tool: "specvalidate instance", cases: cases).render(format), output) }
        fflush(output)
        return outcome
    }
}
