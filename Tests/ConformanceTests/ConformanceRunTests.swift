import OpenAPIDocument
import Conformance
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSONCore
import MockServer
import SpecCheck
import SpecIO
import SpecModel
import Testing

/// Sends requests straight to a `MockService`, in process: the run without sockets.
struct ServiceTransport: HTTPTransport {
    let service: MockService
    /// Changes an answer on its way back, to play a wrong server.
    var corrupt: @Sendable (APIRequest, APIResponse) -> APIResponse = { $1 }

    func send(_ request: APIRequest) async throws -> APIResponse {
        // `http://mock/v1/agents?x=1` → `/v1/agents?x=1`
        let afterScheme = request.url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let target = afterScheme.count == 4 ? "/" + afterScheme[3] : "/"
        let mockRequest = APIRequest(
            method: request.method, target: target, headers: request.headers, body: request.body)
        let answer = corrupt(mockRequest, service.respond(to: mockRequest))
        return APIResponse(status: answer.status, headers: answer.headers, body: answer.body)
    }
}

enum Documents {
    static func json(_ name: String) -> JSONValue {
        guard let api = APICatalog.api(named: name), let json = try? SpecSerializer.jsonValue(of: api.document) else {
            fatalError("no built-in API \(name)")
        }
        return json
    }
    static let agentsCode = json("agentscode")
    static let openAgents = json("openagents")

    static func mock(jobDuration: Double = 0.2) throws -> MockService {
        var configuration = MockConfiguration()
        configuration.jobDuration = jobDuration
        return try MockFactory.builtIn(
            [(.agentscode, agentsCode), (.openagents, openAgents)], configuration: configuration)
    }

    static func options(_ base: String) -> ConformanceRunner.Options {
        var options = ConformanceRunner.Options(baseURL: base, token: MockConfiguration.defaultKey)
        options.pollInterval = .milliseconds(20)
        options.timeout = .seconds(10)
        return options
    }
}

@Suite struct ConformanceRunTests {
    @Test func everyCheckPassesAgainstTheMock() async throws {
        let transport = ServiceTransport(service: try Documents.mock())
        for (document, base) in [
            (Documents.agentsCode, "http://mock/v1"), (Documents.openAgents, "http://mock/api/v1"),
        ] {
            let runner = try ConformanceRunner(
                document: document, options: Documents.options(base), transport: transport)
            let report = await runner.run()
            let failures = report.cases.filter { !$0.passed }.map { "\($0.name): \($0.findings)" }
            #expect(failures.isEmpty, "\(failures)")
            let names = report.cases.map(\.name)
            let expected =
                document == Documents.agentsCode
                ? [
                    "runAgent positive", "listAgents positive", "getCreditBalance positive", "runAgent not-found",
                    "runAgent invalid-body", "getAgentRun not-found", "getCreditHistory auth-missing",
                    "getCreditHistory auth-invalid", "getCreditHistory invalid-parameter",
                    "getCreditHistory all-parameters", "getAgentRun invalid-parameter",
                ]
                : [
                    "createAgent positive", "getAgent link GetAgent from createAgent",
                    "addAgentFile link AddAgentFile from createAgent", "listAgents link PreviousPage",
                    "getAgent not-found", "addAgentFile invalid-body", "createAgent invalid-body",
                    "listAgents invalid-parameter", "listAgents all-parameters", "getAgent invalid-parameter",
                ]
            for name in expected { #expect(names.contains(name), "no case \(name) in \(names)") }
            // Links were followed: the job was polled to its end, every page walked.
            if document == Documents.agentsCode {
                #expect(names.contains { $0.hasPrefix("getAgentRun link GetRun from runAgent (") })
                #expect(names.contains("getCreditHistory pagination (3 pages of 1)"))
            } else {
                #expect(names.contains("listAgents pagination (3 pages of 1)"))
            }
        }
    }

    @Test func onlyRestrictsTheRun() async throws {
        var options = Documents.options("http://mock/v1")
        options.only = ["getCreditBalance"]
        let runner = try ConformanceRunner(
            document: Documents.agentsCode, options: options, transport: ServiceTransport(service: try Documents.mock())
        )
        let report = await runner.run()
        #expect(
            report.cases.map(\.name) == [
                "getCreditBalance positive", "getCreditBalance auth-missing", "getCreditBalance auth-invalid",
            ])
        #expect(runner.requestCount == 3)
    }

    /// A wrong server: right for most things, but with a wrong type, an undocumented status, a missing
    /// field, an endpoint that needs no key, and a list that repeats an item.
    static let wrong: @Sendable (APIRequest, APIResponse) -> APIResponse = { request, response in
        var answer = response
        func edit(_ change: (inout JSONValue) -> Void) {
            guard var json = answer.jsonBody else { return }
            change(&json)
            answer.body = json.compactJSONBytes()
        }
        switch (request.method, request.path) {
        case ("GET", "/v1/agents") where response.status == 200:
            edit { json in
                guard case .array(var agents) = json, case .object(var first) = agents[0] else { return }
                first["credits"] = "five"
                agents[0] = .object(first)
                json = .array(agents)
            }
        case ("GET", "/v1/credits/balance"):
            answer.status = 418
        case ("GET", let path) where path.hasPrefix("/v1/agents/event-scheduler/") && response.status == 200:
            edit { json in
                guard case .object(var run) = json else { return }
                run["jobId"] = nil
                json = .object(run)
            }
        case ("GET", "/v1/credits/history") where response.status == 401:
            answer = APIResponse.json(200, ["runs": [], "hasMore": false, "nextCursor": nil])
        default: break
        }
        return answer
    }

    @Test func aWrongServerIsReportedWithOperationStatusAndPointer() async throws {
        let transport = ServiceTransport(service: try Documents.mock(), corrupt: Self.wrong)
        let runner = try ConformanceRunner(
            document: Documents.agentsCode, options: Documents.options("http://mock/v1"), transport: transport)
        let report = await runner.run()
        func findings(_ name: String) -> [Diagnostic] {
            report.cases.first { $0.name == name || $0.name.hasPrefix(name + " (") }?.findings ?? []
        }
        #expect(
            findings("listAgents positive").contains {
                $0.pointer == "/0/credits" && $0.message == "status 200: \"five\" is not of type \"integer\""
                    && $0.rule == "response-body"
            })
        #expect(
            findings("getCreditBalance positive").contains {
                $0.rule == "response-status"
                    && $0.message.hasPrefix("status 418 is not documented for getCreditBalance")
            })
        #expect(
            findings("getAgentRun link GetRun from runAgent").contains {
                $0.pointer == "" && $0.message == "status 200: required property \"jobId\" is missing"
            })
        #expect(
            findings("getCreditHistory auth-missing").contains {
                $0.rule == "expected-status"
                    && $0.message.hasPrefix("without credentials: expected 401 or 403, got 200")
            })
        // Each defect once per check it breaks: the balance is 418 for the auth checks too, the history
        // answers without a key, and the run the link could not check is tried again from the examples.
        let failed = report.cases.filter { !$0.passed }.map(\.name).map {
            $0.hasPrefix("getAgentRun link GetRun") ? "getAgentRun link GetRun" : $0
        }
        #expect(
            failed.sorted() == [
                "getAgentRun link GetRun", "getAgentRun positive", "getCreditBalance auth-invalid",
                "getCreditBalance auth-missing", "getCreditBalance positive", "getCreditHistory auth-invalid",
                "getCreditHistory auth-missing", "listAgents positive",
            ])
    }

    /// The same run over a real socket: the wrong server on Hummingbird, the runner's own HTTP client.
    @Test func overHTTPWithTheRealClient() async throws {
        let service = try Documents.mock()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers: [(name: String, value: String)] = []
            for field in request.headers { headers.append((field.name.rawName, field.value)) }
            let body = try await request.body.collect(upTo: 1 << 20)
            let mockRequest = APIRequest(
                method: request.method.rawValue, target: request.uri.description, headers: headers,
                body: Array(body.readableBytesView))
            let answer = Self.wrong(mockRequest, service.respond(to: mockRequest))
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
            }
            return Response(
                status: .init(code: answer.status), headers: fields,
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        let app = Application(responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let runner = try ConformanceRunner(
                document: Documents.agentsCode, options: Documents.options("http://127.0.0.1:\(port)/v1"),
                transport: AsyncHTTPTransport(timeout: .seconds(10)))
            let report = await runner.run()
            #expect(report.failures == 8)
            #expect(report.cases.first { $0.name == "listAgents positive" }?.findings.first?.pointer == "/0/credits")
            #expect(report.render(.junit).contains("<testcase name=\"getCreditBalance positive\""))
        }
    }
}
