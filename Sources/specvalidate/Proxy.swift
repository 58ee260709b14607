import ArgumentParser
import Foundation
import JSONCore
import MockServer
import OpenAPIDocument
import SpecCheck
import ValidatingProxy

extension SpecValidate {
    struct Proxy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate live traffic between clients and a real server against an OpenAPI document.",
            discussion: """
                Listens on --host:--port and forwards every request to --upstream, unaltered (hop-by-hop \
                headers dropped). Each exchange is matched to its operation and checked both ways: the request's \
                route, credentials, parameters and body; the answer's status, content type, body and headers. What \
                differs from the document is sent back in an `sl-violations` header (Prism's format: a JSON array \
                of {location, severity, code, message, pointer}) and logged on standard error.

                With --errors, an invalid request is answered 422 (401 when credentials are missing) and not \
                forwarded, a route the document does not have 404, an invalid answer 500; all application/problem+json. \
                An unreachable upstream is 502, a slow one 504.

                --har FILE records every exchange (whole after each one; credentials REDACTED unless \
                --har-secrets), readable by `specvalidate har`. On Ctrl-C or SIGTERM open exchanges are answered, \
                then a report is printed: operations exercised, statuses per operation, undocumented routes, \
                violations by rule (or written to --report in --format text, json, junit or sarif).
                """
        )

        @OptionGroup var input: SpecInput

        @Option(help: "The server to forward to: http://HOST:PORT or https://…, with an optional base path.")
        var upstream: String

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port, printed at start).")
        var port: Int = 4010

        @Flag(help: "Refuse invalid requests (422, 401), unknown routes (404) and invalid answers (500).")
        var errors = false

        @Option(help: "Record every exchange in this HTTP Archive (HAR 1.2) file.")
        var har: String?

        @Flag(name: .customLong("har-secrets"), help: "Keep credentials in the HAR file rather than REDACTED.")
        var harSecrets = false

        @Option(help: "Write the report on stop to this file (default: standard error, as text).")
        var report: String?

        @Option(help: "The report's format: text, json, junit or sarif.")
        var format: Report.Format = .text

        @Flag(name: .customLong("no-cors"), help: "Do not answer CORS preflight requests or add CORS headers.")
        var noCORS = false

        @Option(name: .customLong("ca-cert"), help: "Trust this PEM certificate (a CA) for an https upstream.")
        var caCert: String?

        @Flag(help: "Do not verify the https upstream's certificate.")
        var insecure = false

        @Option(name: .customLong("max-body"), help: "The largest request or answer body, in bytes (413 / 502 past it).")
        var maxBody: Int = 10 << 20 + 64 << 10

        @Option(help: "Seconds the upstream has to answer in whole (504 past it).")
        var timeout: Int = 30

        @Flag(help: "Do not log exchanges.")
        var quiet = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535, not \(port)") }
            guard maxBody > 0 else { throw ValidationError("--max-body must be positive, not \(maxBody)") }
            guard timeout > 0 else { throw ValidationError("--timeout must be at least 1 second") }
            if format == .github { throw ValidationError("--format must be text, json, junit or sarif") }
        }

        func run() async throws {
            let document = input.loadWhole()
            let checker: ExchangeChecker
            let upstream: Upstream
            do {
                checker = try ExchangeChecker(document: document.value)
                upstream = try Upstream(
                    url: self.upstream, caCertificate: caCert, insecure: insecure, timeout: .seconds(timeout),
                    maxBody: maxBody)
            } catch {
                fail("\(error)")
            }
            for warning in checker.contract.warnings { printLine("specvalidate proxy: warning: \(warning)") }
            var archive: TrafficArchive?
            if let har {
                do {
                    archive = try TrafficArchive(path: har, redacts: !harSecrets, secrets: checker.secretNames)
                } catch {
                    fail("\(har): cannot be written: \(error.localizedDescription)")
                }
            }
            var options = ProxyService.Options()
            options.errors = errors
            options.cors = !noCORS
            let requestLog = quiet ? nil : RequestLog(descriptor: FileHandle.standardError.fileDescriptor)
            var lines: (@Sendable (String) -> Void)?
            if let requestLog { lines = { line in requestLog.append(line) } }
            let service = ProxyService(
                checker: checker, upstream: upstream, options: options, archive: archive, log: lines)
            let host = host
            let origin = upstream.origin + upstream.basePath
            do {
                try await ProxyHTTPServer.serve(
                    service: service, host: host, port: port, maxBody: maxBody, log: requestLog,
                    onServerRunning: { port in
                        printLine("specvalidate proxy: listening on http://\(host):\(port), forwarding to \(origin)")
                    })
            } catch {
                if let why = ListenFailure.message(error, host: host, port: port) { fail(why) }
                throw error
            }
            archive?.close()
            await upstream.shutdown()
            let summary = service.summary
            if let report {
                let text: String
                switch format {
                case .json: text = summary.jsonValue.prettyJSON() + "\n"
                case .text: text = summary.text
                default: text = summary.report(group: input.spec).render(format)
                }
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
                } catch {
                    fail("\(report): cannot be written: \(error.localizedDescription)")
                }
            } else {
                FileHandle.standardError.write(Data(summary.text.utf8))
            }
        }
    }
}

@Sendable private func printLine(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
