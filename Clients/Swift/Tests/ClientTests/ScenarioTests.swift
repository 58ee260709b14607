import AgentsCodeClient
import Foundation
import OpenAPIRuntime
import OpenAPIURLSession
import OpenAgentsClient
import Testing

/// The original pages' scenarios, through the generated clients, against `specvalidate mock` over a real
/// socket (URLSession). The same code is shown on the site's "Client libraries" page.
@Suite(.serialized) struct ScenarioTests {
    static let apiKey = "sk_test_mock"

    @Test func agentsCodeListRunPollBalanceAndHistory() async throws {
        let mock = try MockProcess()
        let client = AgentsCodeClient.Client(
            serverURL: mock.base.appendingPathComponent("v1"), apiKey: Self.apiKey,
            transport: URLSessionTransport())

        let agents = try await call("listAgents") { try await client.listAgents().ok.body.json }
        let agent = try #require(agents.first { $0.status == .active })

        // Run it, then poll the job until it is final.
        let queued = try await call("runAgent") {
            try await client.runAgent(
                path: .init(agentId: agent.name),
                body: .json(.init(input: .case1("Book an appointment for tomorrow with Jeff at 10am")))
            ).ok.body.json
        }
        #expect(queued.status == .queued)
        var run = queued
        let deadline = Date().addingTimeInterval(20)
        while [.queued, .active].contains(run.status), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            run = try await call("getAgentRun") {
                try await client.getAgentRun(path: .init(agentId: agent.name, agentJobId: queued.jobId)).ok.body.json
            }
        }
        #expect(run.status == .completed && run.result != nil)

        let balance = try await call("getCreditBalance") { try await client.getCreditBalance().ok.body.json }
        #expect(balance.used == agent.credits)

        // Every page of the history, one run per page.
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await call("getCreditHistory") {
                try await client.getCreditHistory(query: .init(cursor: cursor, limit: 1)).ok.body.json
            }
            seen += page.runs.map(\.jobId)
            cursor = page.hasMore ? page.nextCursor : nil
        } while cursor != nil
        #expect(seen == [queued.jobId])
    }

    @Test func openAgentsCreateListBothWaysRetrieveAndUpload() async throws {
        let mock = try MockProcess()
        let client = OpenAgentsClient.Client(
            serverURL: mock.base.appendingPathComponent("api/v1"), apiKey: Self.apiKey,
            transport: URLSessionTransport())

        var created: [Int64] = []
        for name in ["Data Visualizer", "Financial Advisor", "Fitness Coach"] {
            let answer = try await call("createAgent") {
                try await client.createAgent(
                    body: .json(
                        .init(
                            name: name, description: "Analyzes .csv files.", instructions: "Upload a .csv file.",
                            welcomeMessage: "Welcome!"))
                ).ok.body.json
            }
            created.append(answer.data.agentId)
        }

        // Forward with `after`, two per page, newest first …
        var forward: [Int64] = []
        var after: Int64?
        var last: OpenAgentsClient.Components.Schemas.AgentList
        repeat {
            last = try await call("listAgents") {
                try await client.listAgents(query: .init(limit: 2, order: .desc, after: after)).ok.body.json
            }
            forward += last.data.map(\.id)
            after = last.lastId
        } while last.hasMore
        #expect(forward == created.reversed())

        // … and back with `before` from the last page.
        var backward: [Int64] = last.data.map(\.id)
        var before = last.firstId
        while let cursor = before {
            let page = try await call("listAgents") {
                try await client.listAgents(query: .init(limit: 2, order: .desc, before: cursor)).ok.body.json
            }
            backward = page.data.map(\.id) + backward
            before = page.data.isEmpty || !page.hasMore ? nil : page.firstId
        }
        #expect(backward == forward)

        let agent = try await call("getAgent") { try await client.getAgent(path: .init(agentId: created[0])).ok.body.json }
        #expect(agent.data.name == "Data Visualizer")

        let csv = "region,total\nnorth,12\n"
        let added = try await call("addAgentFile") {
            try await client.addAgentFile(
                path: .init(agentId: created[0]),
                body: .multipartForm([
                    .file(.init(payload: .init(body: HTTPBody(csv)), filename: "totals.csv")),
                    .description(.init(payload: .init(body: "CSV data file for visualization"))),
                ])
            ).ok.body.json
        }
        #expect(added.success && added.data.agentId == created[0])
    }
}
