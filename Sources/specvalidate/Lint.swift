import ArgumentParser
import OpenAPIDocument
import SpecCheck

extension SpecValidate {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Lint an OpenAPI 3.x document: files and references, structure, operations, and every example against its schema.",
            discussion: """
                A document split over files is read whole: each finding names the file, line and column it is \
                about (a file that does not parse is one finding, rule `parser`). The structure is checked against \
                the OpenAPI Initiative's JSON Schema for the document's version (3.0 or 3.1); severities follow \
                Spectral's spectral:oas ruleset, and --ruleset changes them. Exit codes: 0 no errors, 1 errors \
                found, 2 bad usage, a document that cannot be read, or one that is not OpenAPI 3.0 or 3.1 (a \
                Swagger 2.0 file, say).
                """
        )

        @OptionGroup var input: SpecInput

        @Option(
            help: ArgumentHelp(
                "A Spectral-style ruleset (YAML or JSON): rules: {RULE: error|warn|info|hint|off}.",
                discussion:
                    "Rules and their defaults: \(Ruleset.defaults.map { "\($0.rule) (\($0.severity?.rawValue ?? "off"))" }.joined(separator: ", "))."
            ))
        var ruleset: String?

        @OptionGroup var report: ReportOptions

        func run() throws {
            let spec = input.spec
            var rules = Ruleset()
            if let ruleset {
                do {
                    rules = try Ruleset.load(path: ruleset)
                } catch {
                    fail(error.summary)
                }
            }
            let findings: [Diagnostic]
            switch input.loadOrParseFailure() {
            case .success(let document):
                if let refusal = SpecLinter.refusal(document.value) { fail("\(spec): \(refusal)") }
                findings = SpecLinter.lint(document, ruleset: rules)
            case .failure(let failure): findings = [failure]
            }
            // One case per rule, so JUnit shows which rules failed.
            var ruleNames: [String] = []
            for f in findings where !ruleNames.contains(f.rule) { ruleNames.append(f.rule) }
            let cases = ruleNames.map { rule in
                Report.Case(name: rule, group: spec, findings: findings.filter { $0.rule == rule })
            }
            let result = Report(tool: "specvalidate lint", cases: cases)
            if report.format == .text {
                var text = findings.map { "\($0)\n" }.joined()
                text += "\(spec): \(result.errorCount) errors, \(result.warningCount) warnings\n"
                try report.write(text)
                if result.errorCount > 0 { throw ExitCode(1) }
                return
            }
            try report.finish(result)
        }
    }
}
