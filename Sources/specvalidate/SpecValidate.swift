import ArgumentParser
import Foundation
import SpecCheck
import SpecIO

@main
struct SpecValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specvalidate",
        abstract: "Checks OpenAPI documents, and responses against them.",
        discussion: "Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.",
        subcommands: [Lint.self]
    )
}

extension SpecValidate {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint an OpenAPI 3.1 document (YAML or JSON): structure, references, operations."
        )

        @Option(name: .long, help: "The OpenAPI document to lint.")
        var spec: String

        func run() throws {
            let findings: [Finding]
            do {
                findings = SpecLinter.lint(try SpecLoader.load(path: spec))
            } catch {
                FileHandle.standardError.write(Data("specvalidate: error: \(error)\n".utf8))
                throw ExitCode(2)
            }
            for finding in findings { print("\(spec)#\(finding)") }
            let errors = findings.filter { $0.severity == .error }.count
            print("\(spec): \(errors) errors, \(findings.count - errors) warnings")
            if errors > 0 { throw ExitCode(1) }
        }
    }
}
