import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSONCore
import MockServer
import NIOCore
import Testing

/// The mock behind Hummingbird: routed in process (`.router`) and over a real socket (`.live`).
@Suite struct MockHTTPTests {
    static func service(jobDuration: Double = 0.3) throws -> MockService {
        var configuration = MockConfiguration()
        configuration.jobDuration = jobDuration
        return try MockFactory.builtIn(
            [(.agentscode, MockHarness.agentsCode), (.openagents, MockHarness.openAgents)], configuration: configuration
        )
    }

    static let auth: HTTPFields = [.authorization: "Bearer \(MockConfiguration.defaultKey)"]

    static func json(_ buffer: ByteBuffer) throws -> JSONValue {
        try JSONParser().parse(Array(buffer.readableBytesView))
    }

    @Test func routesThroughHummingbirdWithHeadersAndStatus() async throws {
        let app = MockHTTPServer.application(service: try Self.service(), port: 0)
        try await app.test(.router) { client in
            let agents = try await client.execute(uri: "/v1/agents", method: .get, headers: Self.auth)
            #expect(agents.status == .ok)
            #expect(agents.headers[.contentType] == "application/json")
            #expect(try Self.json(agents.body).arrayValue?.count == 6)
            let anonymous = try await client.execute(uri: "/v1/agents", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer realm=\"agentscode\"")
            let put = try await client.execute(uri: "/api/v1/agents", method: .put, headers: Self.auth)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, POST")
            var headers = Self.auth
            headers[.contentType] = "application/json"
            let created = try await client.execute(
                uri: "/api/v1/agents", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"name":"n","description":"d","instructions":"i","welcome_message":"w"}"#))
            #expect(created.status == .ok)
            #expect(try Self.json(created.body)["data"]?["agent_id"] == 1)
        }
    }

    @Test func aBodyOverTheServerLimitIs413AndTheServerKeepsServing() async throws {
        let app = MockHTTPServer.application(service: try Self.service(), port: 0)
        try await app.test(.live) { client in
            var headers = Self.auth
            headers[.contentType] = "application/json"
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: MockHTTPServer.maxBody + 1)
            let response = try await client.execute(
                uri: "/v1/agents/event-scheduler", method: .post, headers: headers, body: huge)
            #expect(response.status == .contentTooLarge)
            #expect(try Self.json(response.body)["error"]?["code"] == "payload_too_large")
            let balance = try await client.execute(uri: "/v1/credits/balance", method: .get, headers: Self.auth)
            #expect(balance.status == .ok)
        }
    }

    /// The seeds' scenarios end to end over a socket: list agents, run event-scheduler on the seed's input,
    /// poll until it completes, see the balance drop and the run in the history; then create an OpenAgents
    /// agent, list it with each cursor, retrieve it and upload a file to it.
    @Test func theSeedScenariosOverARealSocket() async throws {
        let app = MockHTTPServer.application(service: try Self.service(jobDuration: 0.3), port: 0)
        try await app.test(.live) { client in
            let agents = try await client.execute(uri: "/v1/agents", method: .get, headers: Self.auth)
            #expect(try Self.json(agents.body).arrayValue?.contains { $0["name"] == "event-scheduler" } == true)

            var headers = Self.auth
            headers[.contentType] = "application/json"
            let started = try await client.execute(
                uri: "/v1/agents/event-scheduler", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"input": "Book an appointment for tomorrow with Jeff at 10am"}"#))
            let jobId = try #require(try Self.json(started.body)["jobId"]?.stringValue)
            var status = "queued"
            var polls = 0
            while status == "queued" || status == "active", polls < 100 {
                try await Task.sleep(for: .milliseconds(50))
                let run = try await client.execute(
                    uri: "/v1/agents/event-scheduler/\(jobId)", method: .get, headers: Self.auth)
                status = try Self.json(run.body)["status"]?.stringValue ?? "?"
                polls += 1
            }
            #expect(status == "completed")
            let balance = try await client.execute(uri: "/v1/credits/balance", method: .get, headers: Self.auth)
            #expect(try Self.json(balance.body) == ["available": 98, "used": 2])
            let history = try await client.execute(uri: "/v1/credits/history", method: .get, headers: Self.auth)
            #expect(try Self.json(history.body)["runs"]?.arrayValue?.first?["jobId"]?.stringValue == jobId)

            for n in 1...3 {
                let created = try await client.execute(
                    uri: "/api/v1/agents", method: .post, headers: headers,
                    body: ByteBuffer(
                        string: #"{"name":"Agent \#(n)","description":"d","instructions":"i","welcome_message":"w"}"#))
                #expect(try Self.json(created.body)["data"]?["agent_id"] == .number(JSONNumber(n)))
            }
            for (query, ids) in [
                ("limit=2", [3, 2]), ("limit=2&after=2", [1]), ("limit=2&before=1", [3, 2]),
                ("order=asc&after=1", [2, 3]),
            ] {
                let page = try await client.execute(uri: "/api/v1/agents?\(query)", method: .get, headers: Self.auth)
                let found = try Self.json(page.body)["data"]?.arrayValue?.compactMap { $0["id"]?.int }
                #expect(found == ids, "\(query)")
            }
            let agent = try await client.execute(uri: "/api/v1/agents/2", method: .get, headers: Self.auth)
            #expect(try Self.json(agent.body)["data"]?["name"] == "Agent 2")

            let form = OpenAgentsMockTests.multipart([
                ("file", "notes.txt", "text/plain", Array("hello".utf8)),
                ("description", nil, nil, Array("Notes".utf8)),
            ])
            var formHeaders = Self.auth
            formHeaders[.contentType] = form.contentType
            let upload = try await client.execute(
                uri: "/api/v1/agents/2/files", method: .post, headers: formHeaders, body: ByteBuffer(bytes: form.body))
            #expect(upload.status == .ok)
            #expect(try Self.json(upload.body)["data"] == ["file_id": 1, "agent_id": 2])
        }
    }
}
