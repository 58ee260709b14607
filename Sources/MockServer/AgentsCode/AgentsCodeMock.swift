import OpenAPIDocument
import JSONCore
import Synchronization

/// The AgentsCode API with state: a catalogue of agents, runs that move from `queued` through `active` to
/// `completed` or `failed` over the job duration, credits held while a run is in progress and charged
/// only when it completes, and the credit history paged by cursor.
package struct AgentsCodeMock: MockAPI {
    package let contract: MockContract
    package let store: MockStore
    /// How long a run takes, in seconds.
    package let jobDuration: Double
    /// The body of the agent list, rebuilt only when a run count changed (it is the hottest route).
    private let listCache = ListCache()

    final class ListCache: Sendable {
        let body = Mutex<(total: Int, bytes: [UInt8])?>(nil)
    }

    package var errorStyle: ErrorStyle { .agentsCode }
    package var realm: String { "agentscode" }
    package var missingCredentialsMessage: String { "Send your API key as 'Authorization: Bearer YOUR_API_KEY'." }

    package init(contract: MockContract, store: MockStore, jobDuration: Double) {
        self.contract = contract
        self.store = store
        self.jobDuration = jobDuration
    }

    package func handle(_ call: MockCall) throws(MockProblem) -> APIResponse {
        let key = call.account ?? ""
        switch call.operation.id {
        case "listAgents": return listAgents()
        case "runAgent": return try runAgent(call, key: key)
        case "getAgentRun": return try getAgentRun(call, key: key)
        case "getCreditBalance":
            let credits = store.read(key) { $0.credits(at: call.now) } ?? (available: 0, used: 0)
            return .json(
                200,
                ["available": .number(JSONNumber(credits.available)), "used": .number(JSONNumber(credits.used))])
        case "getCreditHistory": return try creditHistory(call, key: key)
        default:
            throw MockProblem(
                status: 501, code: "internal_error", message: "The mock does not implement \(call.operation.id).")
        }
    }

    func listAgents() -> APIResponse {
        let (total, counts) = store.runCounts()
        if let cached = listCache.body.withLock({ $0 }), cached.total == total {
            return APIResponse(status: 200, headers: [("Content-Type", "application/json")], body: cached.bytes)
        }
        let response = APIResponse.json(
            200, .array(AgentCatalogue.agents.map { Self.json($0, runs: counts[$0.name] ?? 0) }))
        listCache.body.withLock { cache in
            if (cache?.total ?? -1) < total { cache = (total, response.body) }
        }
        return response
    }

    static func json(_ agent: CatalogueAgent, runs: Int) -> JSONValue {
        [
            "id": .string(agent.id), "name": .string(agent.name), "displayName": .string(agent.displayName),
            "version": .string(agent.version), "credits": .number(JSONNumber(agent.credits)),
            "description": .string(agent.description), "status": agent.active ? "ACTIVE" : "INACTIVE",
            "runCount": .number(JSONNumber(agent.baseRunCount + runs)),
        ]
    }

    func agent(_ call: MockCall) throws(MockProblem) -> CatalogueAgent {
        let name = call.checked.parameters["agentId"]?.stringValue ?? ""
        guard let agent = AgentCatalogue.agent(name) else { throw MockProblem.notFound("No agent named '\(name)'.") }
        return agent
    }

    func runAgent(_ call: MockCall, key: String) throws(MockProblem) -> APIResponse {
        let agent = try agent(call)
        guard agent.active else {
            throw MockProblem(
                status: 409, code: "agent_inactive",
                message: "The agent '\(agent.name)' is INACTIVE and does not accept runs.")
        }
        let input = call.checked.body?["input"] ?? .null
        let run = try store.startRun(key: key, agent: agent, input: input, now: call.now, duration: jobDuration)
        return .json(200, Self.json(run, at: call.now))
    }

    func getAgentRun(_ call: MockCall, key: String) throws(MockProblem) -> APIResponse {
        let agent = try agent(call)
        let jobId = call.checked.parameters["agentJobId"]?.stringValue ?? ""
        guard let run = store.read(key, { $0.run(jobId: jobId.lowercased()) }) ?? nil, run.agent == agent.name else {
            throw MockProblem.notFound("No job '\(jobId)' for the agent '\(agent.name)'.")
        }
        return .json(200, Self.json(run, at: call.now))
    }

    /// The `AgentRun` of `run` as it is at `now`.
    static func json(_ run: MockStore.Run, at now: Double) -> JSONValue {
        let (phase, progress) = run.phase(at: now)
        var object: JSONObject = [
            "jobId": .string(run.jobId), "status": .string(phase.rawValue), "progress": .number(JSONNumber(progress)),
        ]
        switch (phase, run.outcome) {
        case (.completed, .completed(let result)): object["result"] = result
        case (.failed, .failed(let code, let message)):
            object["error"] = ["code": .string(code), "message": .string(message)]
        default: break
        }
        return .object(object)
    }

    func creditHistory(_ call: MockCall, key: String) throws(MockProblem) -> APIResponse {
        let limit =
            call.checked.parameters["limit"].flatMap { value -> Int? in
                if case .number(let n) = value { return n.intValue }
                return nil
            } ?? 20
        let cursor = call.checked.parameters["cursor"]?.stringValue
        let page = store.read(key) { account -> (runs: [MockStore.Run], hasMore: Bool)? in
            // Newest first; a cursor is the history id of the last run of the previous page.
            var end = account.runs.count
            if let cursor {
                guard let index = account.runIndex(historyId: cursor) else { return nil }
                end = index
            }
            let start = max(0, end - limit)
            return (Array(account.runs[start..<end].reversed()), start > 0)
        }
        guard let found = page ?? nil else {
            throw MockProblem(
                status: 404, code: "not_found",
                message: "Unknown cursor '\(cursor ?? "")': pass the nextCursor of the previous page.",
                parameter: "cursor")
        }
        let runs = found.runs.map { Self.historyEntry($0, at: call.now) }
        return .json(
            200,
            [
                "runs": .array(runs), "hasMore": .bool(found.hasMore),
                "nextCursor": found.hasMore ? .string(found.runs.last?.historyId ?? "") : .null,
            ])
    }

    static func historyEntry(_ run: MockStore.Run, at now: Double) -> JSONValue {
        let (phase, _) = run.phase(at: now)
        let finished = phase == .completed || phase == .failed
        let duration = ((run.endsAt - run.startedAt) * 1000).rounded() / 1000
        return [
            "id": .string(run.historyId), "agent": .string(run.agent),
            "creditsUsed": .number(JSONNumber(phase == .completed ? run.price : 0)),
            "startedAt": .string(Timestamp.format(run.startedAt)),
            "completedAt": finished ? .string(Timestamp.format(run.endsAt)) : .null,
            "duration": finished ? .number(JSONNumber(duration)) : .null,
            "jobId": .string(run.jobId), "status": .string(phase.rawValue),
        ]
    }
}
