import ArgumentParser
import Conformance
import Foundation
import JSONCore
import OpenAPIDocument
import SpecCheck

extension SpecValidate {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check a live or mock server against an OpenAPI document: every operation, its links and its errors.",
            discussion: """
                Positive checks send each operation's examples and follow the document's links as a client would: \
                to the operations a response links to (polled while the link's x-repeat-while holds, up to \
                --timeout), and through every page of a list that links to itself (no item twice, none missing, \
                the link back gives the page before). Negative checks leave out or spoil the credentials (401), \
                ask for an id that names nothing (404) and send a body that breaks the schema (400). Every \
                answer is checked: status documented, content type, body schema, required headers. A documented \
                example that breaks its own schema is not sent: a value made from the schema is, with a warning.

                Against `specvalidate mock` of another document, --positive-only leaves out the negative checks \
                (such a mock takes any credentials and any id) and -H 'Prefer: dynamic=true' has every answer made \
                from its schema rather than taken from the examples.

                Exit codes: 0 every check passed, 1 a check failed, 2 bad usage, an unreadable document or a \
                server that cannot be reached.
                """
        )

        @OptionGroup var input: SpecInput

        @Option(name: .customLong("base-url"), help: "The API's base URL, e.g. http://127.0.0.1:4010/v1.")
        var baseURL: String

        @Option(help: "The API key or token, sent as the document's security scheme says.")
        var token: String?

        @Option(help: "Seconds a polled link (a job) may take to finish.")
        var timeout: Double = 30

        @Option(name: .customLong("poll-interval"), help: "Seconds between two polls.")
        var pollInterval: Double = 1

        @Option(name: .customLong("request-timeout"), help: "Seconds one request may take.")
        var requestTimeout: Double = 30

        @Option(name: .long, help: "Check only this operation (repeatable).")
        var only: [String] = []

        @Flag(
            name: .customLong("positive-only"),
            help:
                "Only the positive checks (examples and links): for a generic mock, which takes any credentials and any id."
        )
        var positiveOnly = false

        @Option(
            name: [.customShort("H"), .long],
            help: ArgumentHelp(
                "A header sent with every request, 'Name: value' (repeatable), e.g. 'Prefer: dynamic=true'.",
                valueName: "header"))
        var header: [String] = []

        @OptionGroup var report: ReportOptions

        func validate() throws {
            guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
                throw ValidationError("--base-url must start with http:// or https://, not '\(baseURL)'")
            }
            for line in header where Self.parse(header: line) == nil {
                throw ValidationError("--header must be 'Name: value', not '\(line)'")
            }
            guard timeout > 0, pollInterval >= 0, requestTimeout > 0 else {
                throw ValidationError("--timeout and --request-timeout must be positive, --poll-interval not negative")
            }
        }

        /// `Name: value` as a pair; nil when the name is empty or not a token.
        static func parse(header line: String) -> (name: String, value: String)? {
            let halves = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard halves.count == 2 else { return nil }
            let name = String(halves[0]).trimmingBlanks
            let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
            guard !name.isEmpty, name.allSatisfy(tokenCharacters.contains) else { return nil }
            return (name, String(halves[1]).trimmingBlanks)
        }

        func run() async throws {
            let spec = input.spec
            let document = input.loadWhole().value
            let known = Set(APIOperation.all(in: document).map(\.id))
            for id in only where !known.contains(id) {
                fail("\(spec) has no operation \"\(id)\" (known: \(known.sorted().joined(separator: ", ")))")
            }
            var options = ConformanceRunner.Options(baseURL: baseURL, token: token)
            options.timeout = .milliseconds(Int(timeout * 1000))
            options.pollInterval = .milliseconds(Int(pollInterval * 1000))
            options.only = Set(only)
            options.headers = header.compactMap(Self.parse(header:))
            options.negative = !positiveOnly
            let runner: ConformanceRunner
            do {
                runner = try ConformanceRunner(
                    document: document, options: options,
                    transport: AsyncHTTPTransport(timeout: .milliseconds(Int(requestTimeout * 1000))))
            } catch {
                fail("\(spec): the document's schemas do not compile: \(error)")
            }
            let started = ContinuousClock.now
            let live = isatty(STDERR_FILENO) == 1
            var done = 0
            let result = await runner.run { line in
                done += 1
                if live {
                    FileHandle.standardError.write(Data("\r\u{1B}[2K[\(done)] \(line.prefix(100))".utf8))
                }
            }
            if live { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            let elapsed = ContinuousClock.now - started
            if result.cases.allSatisfy({ $0.findings.contains { $0.rule == "transport" } }), !result.cases.isEmpty {
                fail("cannot reach \(baseURL): \(result.cases[0].findings.first?.message ?? "no answer")")
            }
            if report.format == .text {
                var text = ""
                for c in result.cases {
                    text += "\(c.passed ? "ok  " : "FAIL") \(c.name)\n"
                    for f in c.findings { text += "       \(f)\n" }
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                text +=
                    "\(result.cases.count) checks, \(result.failures) failed; \(runner.requestCount) requests in \(String(format: "%.2f", seconds)) s\n"
                try report.write(text)
                if result.failures > 0 { throw ExitCode(1) }
                return
            }
            try report.finish(result)
        }
    }
}
