import OpenAPIDocument
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSONCore
import MockServer
import NIOCore
import Testing

/// Each behaviour of the stateful mock once more, through Hummingbird's router (`.router`): the same
/// answers as the value-level tests, after the HTTP layer read the body and wrote the headers.
@Suite struct MockRouterBehaviourTests {
    struct Step: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        var key: String? = MockHarness.key
        var contentType: String? = nil
        var body: [UInt8] = []
        var status: Int
        /// The error code the body must carry, for error answers.
        var code: String? = nil

        var description: String { "\(method) \(uri) → \(status)" }

        static func json(
            _ method: HTTPRequest.Method, _ uri: String, _ value: JSONValue, _ status: Int, _ code: String? = nil
        )
            -> Step
        {
            Step(
                method: method, uri: uri, contentType: "application/json", body: Array(value.compactJSON().utf8),
                status: status, code: code)
        }
    }

    static let form = OpenAgentsMockTests.multipart([
        ("file", "data.csv", "text/csv", Array("a,b\n".utf8)), ("description", nil, nil, Array("CSV".utf8)),
    ])

    /// In order: later steps rely on what earlier ones created (agent 1, the account's credits).
    static let steps: [Step] = [
        Step(method: .get, uri: "/v1/agents", status: 200),
        Step(method: .get, uri: "/v1/agents", key: nil, status: 401, code: "unauthorized"),
        Step(method: .get, uri: "/v1/agents", key: "wrong", status: 401, code: "unauthorized"),
        .json(.post, "/v1/agents/event-scheduler", ["input": "Lunch with Jeff tomorrow at noon"], 200),
        .json(
            .post, "/v1/agents/youtube-transcription", ["input": "https://youtu.be/dQw4w9WgXcQ"], 402,
            "insufficient_credits"),
        .json(.post, "/v1/agents/legacy-summarizer", ["input": "x"], 409, "agent_inactive"),
        .json(.post, "/v1/agents/youtube-transcriber", ["input": "x"], 404, "not_found"),
        .json(.post, "/v1/agents/event-scheduler", ["inputs": "x"], 400, "invalid_request"),
        Step(
            method: .post, uri: "/v1/agents/event-scheduler", contentType: "text/plain", body: Array("x".utf8),
            status: 415, code: "unsupported_media_type"),
        .json(
            .post, "/v1/agents/event-scheduler", ["input": .string(String(repeating: "a", count: 1 << 20))], 413,
            "payload_too_large"),
        Step(
            method: .post, uri: "/v1/agents/event-scheduler", contentType: "application/json",
            body: Array("{\"input\":".utf8), status: 400, code: "invalid_request"),
        Step(method: .delete, uri: "/v1/agents", status: 405, code: "method_not_allowed"),
        Step(method: .get, uri: "/v1/nowhere", status: 404, code: "not_found"),
        Step(method: .get, uri: "/v1/credits/balance", status: 200),
        Step(method: .get, uri: "/v1/credits/history?limit=1", status: 200),
        Step(method: .get, uri: "/v1/credits/history?limit=0", status: 400, code: "invalid_request"),
        Step(method: .get, uri: "/v1/credits/history?cursor=nope", status: 404, code: "not_found"),
        .json(
            .post, "/api/v1/agents", ["name": "N", "description": "D", "instructions": "I", "welcome_message": "W"], 200
        ),
        .json(.post, "/api/v1/agents", ["name": "N", "description": "D", "instructions": "I"], 400, "invalid_request"),
        Step(method: .get, uri: "/api/v1/agents?limit=5&order=asc", status: 200),
        Step(method: .get, uri: "/api/v1/agents?after=1&before=2", status: 200),
        Step(method: .get, uri: "/api/v1/agents/1", status: 200),
        Step(method: .get, uri: "/api/v1/agents/99", status: 404, code: "not_found"),
        Step(method: .get, uri: "/api/v1/agents/x", status: 400, code: "invalid_request"),
        Step(method: .post, uri: "/api/v1/agents/1/files", contentType: form.contentType, body: form.body, status: 200),
        Step(
            method: .post, uri: "/api/v1/agents/1/files", contentType: form.contentType,
            body: Array(form.body.dropLast(20)), status: 400, code: "invalid_request"),
        Step(method: .patch, uri: "/api/v1/agents/1", status: 405, code: "method_not_allowed"),
    ]

    @Test func everyBehaviourThroughTheRouter() async throws {
        // 6 credits: the scheduler run holds 2, so the 5-credit transcription is refused.
        let mock = try MockHarness(credits: 6)
        let app = MockHTTPServer.application(service: mock.service, port: 0)
        try await app.test(.router) { client in
            for step in Self.steps {
                var headers = HTTPFields()
                if let key = step.key { headers[.authorization] = "Bearer \(key)" }
                if let type = step.contentType { headers[.contentType] = type }
                let response = try await client.execute(
                    uri: step.uri, method: step.method, headers: headers,
                    body: step.body.isEmpty ? nil : ByteBuffer(bytes: step.body))
                let answer = APIResponse(
                    status: Int(response.status.code), headers: response.headers.map { ($0.name.rawName, $0.value) },
                    body: Array(response.body.readableBytesView))
                #expect(answer.status == step.status, "\(step): \(answer.text)")
                let json = try #require(answer.jsonBody, "\(step): not JSON")
                let code = json["error"]?["code"] ?? json["code"]
                #expect(code == step.code.map { .string($0) }, "\(step)")
                let request = APIRequest(method: step.method.rawValue, target: step.uri, body: step.body)
                let findings = mock.conformance(of: answer, to: request)
                #expect(findings.isEmpty, "\(step): \(findings)")
            }
        }
    }

    @Test func theRateLimitThroughTheRouter() async throws {
        let mock = try MockHarness(rateLimit: RateLimit(requests: 2, seconds: 60))
        let app = MockHTTPServer.application(service: mock.service, port: 0)
        try await app.test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(MockHarness.key)"]
            for _ in 0..<2 {
                #expect(try await client.execute(uri: "/v1/agents", method: .get, headers: headers).status == .ok)
            }
            let limited = try await client.execute(uri: "/v1/agents", method: .get, headers: headers)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "30")
        }
    }
}
