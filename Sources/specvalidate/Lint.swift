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
                about (a file that does not parse is one finding, rule `parser`). Exit codes: 0 no errors, 1 errors \
                found, 2 bad usage or a document that cannot be read.
                """
        )

        @OptionGroup var input: SpecInput

        @OptionGroup var report: ReportOptions

        func run() throws {
            let spec = input.spec
            let findings: [Diagnostic]
            switch input.loadOrParseFailure() {
            case .success(let document): findings = SpecLinter.lint(document)
            case .failure(let failure): findings = [failure]
            }
            // One case per rule, so JUnit shows which rules failed.
            var rules: [String] = []
            for f in findings where !rules.contains(f.rule) { rules.append(f.rule) }
            let cases = rules.map { rule in
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
