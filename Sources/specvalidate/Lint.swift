import ArgumentParser
import SpecCheck
import SpecIO

extension SpecValidate {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Lint an OpenAPI 3.x document: structure, references, operations, and every example against its schema."
        )

        @Option(name: .long, help: "The OpenAPI document (YAML or JSON).")
        var spec: String

        @OptionGroup var report: ReportOptions

        func run() throws {
            let findings: [Finding]
            do {
                findings = try SpecLinter.lint(data: readInput(spec), name: spec)
            } catch {
                fail(error.description)
            }
            // One case per rule, so JUnit shows which rules failed.
            var rules: [String] = []
            for f in findings where !rules.contains(f.rule) { rules.append(f.rule) }
            let cases = rules.map { rule in
                Report.Case(name: rule, group: spec, findings: findings.filter { $0.rule == rule })
            }
            let result = Report(tool: "specvalidate lint", cases: cases)
            if report.format == .text {
                var text = findings.map { "\(spec)#\($0)\n" }.joined()
                text += "\(spec): \(result.errorCount) errors, \(result.warningCount) warnings\n"
                try report.write(text)
                if result.errorCount > 0 { throw ExitCode(1) }
                return
            }
            try report.finish(result)
        }
    }
}
