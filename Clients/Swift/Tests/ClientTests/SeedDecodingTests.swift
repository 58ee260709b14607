import AgentsCodeClient
import Foundation
import OpenAgentsClient
import Testing

/// Every response the original pages show a server sending decodes through the generated types
/// (spec notes #31): a generated client does not throw on what real servers send.
@Suite struct SeedDecodingTests {
    static let url = URL(string: "http://127.0.0.1:9")!

    @Test(arguments: try SeedResponse.all())
    func theOriginalPagesResponsesDecode(seed: SeedResponse) async throws {
        let transport = CannedTransport(body: seed.body.data)
        switch seed.api {
        case "agentscode":
            let client = AgentsCodeClient.Client(serverURL: Self.url, apiKey: "k", transport: transport)
            try await decodeAgentsCode(seed, client)
        case "openagents":
            let client = OpenAgentsClient.Client(serverURL: Self.url, apiKey: "k", transport: transport)
            try await decodeOpenAgents(seed, client)
        default:
            Issue.record("unknown API \(seed.api)")
        }
    }

    func decodeAgentsCode(_ seed: SeedResponse, _ client: AgentsCodeClient.Client) async throws {
        switch seed.operation {
        case "listAgents":
            let agents = try await call(seed.operation) { try await client.listAgents().ok.body.json }
            #expect(!agents.isEmpty && agents.allSatisfy { $0.status == .active })
        case "runAgent":
            let run = try await call(seed.operation) {
                try await client.runAgent(path: .init(agentId: "event-scheduler"), body: .json(.init(input: .case1("x"))))
                    .ok.body.json
            }
            // The original run response has no `progress`.
            #expect(run.status == .queued && run.progress == nil)
        case "getAgentRun":
            let run = try await call(seed.operation) {
                try await client.getAgentRun(path: .init(agentId: "event-scheduler", agentJobId: "j")).ok.body.json
            }
            #expect(run.status == .completed && run.progress == 100)
        case "getCreditBalance":
            let balance = try await call(seed.operation) { try await client.getCreditBalance().ok.body.json }
            #expect(balance.available == 100 && balance.used == 50)
        case "getCreditHistory":
            let page = try await call(seed.operation) { try await client.getCreditHistory().ok.body.json }
            // Fractional seconds, as the page writes them, are kept (to the millisecond).
            let started = try #require(page.runs.first?.startedAt)
            let expected = try #require(ISO8601DateFormatter.fractional.date(from: "2025-04-13T00:42:59.953Z"))
            #expect(abs(started.timeIntervalSince(expected)) < 0.0005)
            #expect(page.hasMore && page.nextCursor != nil)
        default:
            Issue.record("no AgentsCode operation \(seed.operation)")
        }
    }

    func decodeOpenAgents(_ seed: SeedResponse, _ client: OpenAgentsClient.Client) async throws {
        switch seed.operation {
        case "createAgent":
            let created = try await call(seed.operation) {
                try await client.createAgent(
                    body: .json(.init(name: "n", description: "d", instructions: "i", welcomeMessage: "w"))
                ).ok.body.json
            }
            #expect(created.data.agentId == 42)
        case "listAgents":
            let list = try await call(seed.operation) { try await client.listAgents().ok.body.json }
            // Six members each: no balance, user or publication date.
            #expect(list.data.count == 3 && list.data.allSatisfy { $0.balance == nil && $0.userId == nil })
        case "getAgent":
            let agent = try await call(seed.operation) { try await client.getAgent(path: .init(agentId: 42)).ok.body.json }
            #expect(agent.data.userId == 123 && agent.data.publishedAt == nil)
        case "addAgentFile":
            let added = try await call(seed.operation) {
                try await client.addAgentFile(
                    path: .init(agentId: 42),
                    body: .multipartForm([.description(.init(payload: .init(body: "d")))])
                ).ok.body.json
            }
            #expect(added.data.fileId == 123 && added.data.agentId == 42)
        default:
            Issue.record("no OpenAgents operation \(seed.operation)")
        }
    }

    /// When a document change breaks a generated client, the failure names the operation and the member.
    @Test func aBrokenAnswerNamesTheOperationAndTheMember() async throws {
        let body = Data(#"{"jobId": "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17", "status": "sleeping"}"#.utf8)
        let client = AgentsCodeClient.Client(serverURL: Self.url, apiKey: "k", transport: CannedTransport(body: body))
        do {
            _ = try await call("runAgent") {
                try await client.runAgent(path: .init(agentId: "a"), body: .json(.init(input: .case1("x")))).ok
            }
            Issue.record("a status the document does not list was decoded")
        } catch let failure as ClientFailure {
            #expect(failure.description.hasPrefix("runAgent: /status: "), "\(failure)")
        }
        let missing = Data(#"{"status": "queued"}"#.utf8)
        let other = AgentsCodeClient.Client(serverURL: Self.url, apiKey: "k", transport: CannedTransport(body: missing))
        do {
            _ = try await call("runAgent") {
                try await other.runAgent(path: .init(agentId: "a"), body: .json(.init(input: .case1("x")))).ok
            }
            Issue.record("a run without jobId was decoded")
        } catch let failure as ClientFailure {
            #expect(failure.description == "runAgent: /jobId: required member missing", "\(failure)")
        }
    }
}

extension ISO8601DateFormatter {
    static var fractional: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
