import ArgumentParser
import Foundation
import JSONCore
import SpecCheck
import OpenAPIDocument

/// The document as a contract, or exit with the reason (see `SpecInput.loadWhole()`).
func loadContract(_ input: SpecInput) -> OpenAPIContract {
    let document = input.loadWhole()
    do {
        return try OpenAPIContract(document: document.value)
    } catch {
        fail("\(input.spec): the document's schemas do not compile: \(error)")
    }
}

/// A JSON or YAML file's value (a HAR, a schema), or exit 2 with the reason.
func loadValue(_ path: String) -> JSONValue {
    do {
        return try SourceFile.read(path: path).value
    } catch {
        fail(error.summary)
    }
}

extension SpecValidate {
    struct Response: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check one response against the operation that produced it.",
            discussion:
                "Is the status documented (or covered by 4XX/default), the content type documented, the body conforming, every required header present?"
        )

        @OptionGroup var input: SpecInput

        @Option(name: .long, help: "The operationId.")
        var operation: String

        @Option(name: .long, help: "The HTTP status code.")
        var status: Int

        @Option(
            name: .customLong("content-type"),
            help: "The response's Content-Type (default application/json when there is a body).")
        var contentType: String?

        @Option(name: .long, help: "A response header, NAME:VALUE; repeatable.")
        var header: [String] = []

        @Argument(help: "The body file, or - for standard input; no argument for an empty body.")
        var body: String?

        @OptionGroup var report: ReportOptions

        func validate() throws {
            guard (100...599).contains(status) else { throw ValidationError("--status must be 100–599, got \(status)") }
            for h in header where !h.contains(":") { throw ValidationError("--header wants NAME:VALUE, got '\(h)'") }
        }

        func run() throws {
            let spec = input.spec
            let contract = loadContract(input)
            guard let op = contract.operation(id: operation) else {
                fail(
                    "\(spec) has no operation \"\(operation)\" (known: \(contract.operations.map(\.id).joined(separator: ", ")))"
                )
            }
            let bytes = body.map { Array(readInput($0)) } ?? []
            var headers = header.map { h -> (name: String, value: String) in
                let parts = h.split(separator: ":", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "")
            }
            if let contentType {
                headers.append(("Content-Type", contentType))
            } else if !bytes.isEmpty, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(("Content-Type", "application/json"))
            }
            let findings = contract.check(response: APIResponse(status: status, headers: headers, body: bytes), of: op)
            let name = "\(operation) \(status)"
            let result = Report(
                tool: "specvalidate response", cases: [Report.Case(name: name, group: spec, findings: findings)])
            if report.format == .text {
                var text = findings.map { "\(name): \($0)\n" }.joined()
                text += result.failures == 0 ? "\(name): valid\n" : "\(name): invalid (\(result.errorCount) errors)\n"
                try report.write(text)
                if result.failures > 0 { throw ExitCode(1) }
                return
            }
            try report.finish(result)
        }
    }

    struct HAR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "har",
            abstract: "Check every request and response of a HAR capture against the spec.",
            discussion:
                "Entries are matched to operations by server, method and path template; unmatched entries are warnings."
        )

        @OptionGroup var input: SpecInput

        @Argument(help: "The HAR file.")
        var file: String

        @OptionGroup var report: ReportOptions

        func run() throws {
            let contract = loadContract(input)
            let har = loadValue(file)
            let result = Report(
                tool: "specvalidate har", cases: HARChecker(contract: contract).check(har: har, name: file))
            try report.finish(result)
        }
    }
}
