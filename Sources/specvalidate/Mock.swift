import ArgumentParser
import Foundation
import JSONCore
import MockServer
import OpenAPIDocument
import SpecIO
import SpecModel

extension SpecValidate {
    struct Mock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a stateful mock of the AgentsCode and OpenAgents APIs, or a mock of any OpenAPI document.",
            discussion: """
                Without --spec: both built-in APIs on one port, AgentsCode under /v1 and OpenAgents under /api/v1 \
                (or one of them with --api). Runs move from queued through active to completed or failed over \
                --job-duration; credits are held while a run is in progress and charged only when it completes. \
                Each --api-key is its own account; without one, the key is \(MockConfiguration.defaultKey).

                With --spec FILE: every operation answers its documented example or a value made from its schema, \
                after the request is checked against the document. Choose the answer with the Prefer header: \
                code=404, example=NAME, dynamic=true.

                Answers CORS preflight requests and names the caller's origin in every answer, so that a docs \
                site's try-it console can call it (--no-cors: neither).

                Logs one line per request on standard error (--quiet: none). Stops on Ctrl-C or SIGTERM.
                """
        )

        @Option(help: "Serve one built-in API only: agentscode or openagents.")
        var api: MockFactory.BuiltIn?

        @Option(help: "Mock this OpenAPI document (YAML or JSON) instead of the built-in APIs.")
        var spec: String?

        @Option(
            name: .customLong("ref-root"),
            help: "With --spec: the folder $refs may read files from (default: the document's own folder).")
        var refRoot: String?

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port, printed at start).")
        var port: Int = 4010

        @Option(name: .customLong("api-key"), help: "An API key that authenticates; repeatable, one account each.")
        var apiKeys: [String] = []

        @Option(help: "Keep the state in this SQLite database and restore it on start.")
        var state: String?

        @Option(name: .customLong("job-duration"), help: "Seconds a run takes from queued to its final status.")
        var jobDuration: Double = 5

        @Option(name: .customLong("rate-limit"), help: "Requests allowed per API key, as N/SECONDS (e.g. 100/60).")
        var rateLimit: String?

        @Option(help: "Seed for generated ids, so that runs repeat exactly (default: random).")
        var seed: UInt64?

        @Option(help: "Credits each account starts with.")
        var credits: Int = 100

        @Option(name: .customLong("idle-timeout"), help: "Seconds before an idle connection is closed.")
        var idleTimeout: Int = 30

        @Option(
            name: .customLong("max-buffered-bytes"),
            help:
                "Request body bytes all connections may hold at once; past it, a request is answered 503 before its body is read."
        )
        var maxBufferedBytes: Int = BodyBudget.defaultCapacity

        @Flag(name: .customLong("no-cors"), help: "Do not answer CORS preflight requests or add CORS headers.")
        var noCORS = false

        @Flag(help: "Do not log requests.")
        var quiet = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535, not \(port)") }
            guard maxBufferedBytes > 0 else {
                throw ValidationError("--max-buffered-bytes must be positive, not \(maxBufferedBytes)")
            }
            if spec != nil, api != nil { throw ValidationError("--api and --spec cannot be combined") }
            guard jobDuration >= 0, jobDuration.isFinite else {
                throw ValidationError("--job-duration must be 0 or more seconds, not \(jobDuration)")
            }
            if let rateLimit, RateLimit(rateLimit) == nil {
                throw ValidationError("--rate-limit wants N/SECONDS with N ≥ 1 (e.g. 100/60), not '\(rateLimit)'")
            }
            guard credits >= 0 else { throw ValidationError("--credits must be 0 or more, not \(credits)") }
            guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be at least 1 second") }
            for key in apiKeys where key.isEmpty || key.contains(where: \.isWhitespace) {
                throw ValidationError("--api-key '\(key)' must be non-empty and without spaces")
            }
            if state != nil, spec != nil {
                throw ValidationError("--state keeps the built-in APIs' state; --spec has none")
            }
        }

        func run() async throws {
            var configuration = MockConfiguration()
            configuration.apiKeys = apiKeys
            configuration.jobDuration = jobDuration
            configuration.rateLimit = rateLimit.flatMap(RateLimit.init)
            configuration.seed = seed ?? UInt64.random(in: 0...UInt64.max)
            configuration.credits = credits
            configuration.statePath = state
            let service: MockService
            do {
                if let spec {
                    let document = loadWholeDocument(spec, refRoot: refRoot).value
                    service = try MockFactory.generic(document, configuration: configuration)
                } else {
                    let apis = api.map { [$0] } ?? MockFactory.BuiltIn.allCases
                    let documents = try apis.map { api -> (MockFactory.BuiltIn, JSONValue) in
                        guard let description = APICatalog.api(named: api.rawValue) else {
                            throw Diagnostic(.error, message: "no built-in API named \(api.rawValue)")
                        }
                        return (api, try SpecSerializer.jsonValue(of: description.document))
                    }
                    service = try MockFactory.builtIn(documents, configuration: configuration)
                }
            } catch let error as Diagnostic {
                fail(error.summary)
            } catch {
                fail("\(error)")
            }
            for mount in service.mounts {
                for warning in mount.api.contract.warnings { printLine("specvalidate mock: warning: \(warning)") }
            }
            let keys = service.keys.map { $0.sorted().joined(separator: ", ") } ?? "any"
            let mounts = service.mounts.map { $0.prefix.isEmpty ? "/" : $0.prefix }.sorted()
            let host = host
            let requestLog = quiet ? nil : RequestLog(descriptor: FileHandle.standardError.fileDescriptor)
            do {
                try await MockHTTPServer.serve(
                    service: service, host: host, port: port, idleTimeout: .seconds(idleTimeout),
                    bodyBudget: BodyBudget(capacity: maxBufferedBytes), cors: !noCORS, log: requestLog,
                    onServerRunning: { [seed = configuration.seed] port in
                        printLine(
                            "specvalidate mock: listening on http://\(host):\(port) (\(mounts.joined(separator: ", "))); API keys: \(keys); seed \(seed)"
                        )
                    })
            } catch {
                if let why = ListenFailure.message(error, host: host, port: port) { fail(why) }
                throw error
            }
        }
    }
}

@Sendable private func printLine(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension MockFactory.BuiltIn: ExpressibleByArgument {}
