import OpenAPIDocument
import JSONCore

/// The OpenAgents API with state: agents with increasing integer ids, listed a page at a time with the
/// `after` and `before` cursors in either order, and files added to them by multipart upload (their
/// metadata is kept; the bytes are not).
package struct OpenAgentsMock: MockAPI {
    package let contract: MockContract
    package let store: MockStore

    /// The largest file accepted: 10 MiB, as documented.
    package static let maxFileSize = 10 << 20

    package var errorStyle: ErrorStyle { .openAgents }
    package var realm: String { "openagents" }
    package var missingCredentialsMessage: String {
        "Send your API key as 'Authorization: Bearer $OPENAGENTS_API_KEY'."
    }

    package init(contract: MockContract, store: MockStore) {
        self.contract = contract
        self.store = store
    }

    package func handle(_ call: MockCall) throws(MockProblem) -> APIResponse {
        let key = call.account ?? ""
        switch call.operation.id {
        case "createAgent": return try createAgent(call, key: key)
        case "listAgents": return try listAgents(call, key: key)
        case "getAgent":
            let id = Self.int(call.checked.parameters["agent_id"]) ?? 0
            guard let agent = store.read(key, { $0.agent(id: id) }) ?? nil else {
                throw MockProblem.notFound("Agent \(id) was not found.")
            }
            return .json(200, ["success": true, "data": Self.json(agent)])
        case "addAgentFile": return try addFile(call, key: key)
        default:
            throw MockProblem(
                status: 501, code: "internal_error", message: "The mock does not implement \(call.operation.id).")
        }
    }

    static func int(_ value: JSONValue?) -> Int? {
        if case .number(let n)? = value { return n.intValue }
        return nil
    }

    static func json(_ agent: MockStore.Agent) -> JSONValue {
        [
            "id": .number(JSONNumber(agent.id)), "name": .string(agent.name),
            "description": .string(agent.description), "instructions": .string(agent.instructions),
            "welcome_message": .string(agent.welcomeMessage),
            "created_at": .string(Timestamp.format(agent.createdAt, milliseconds: false)),
            "balance": 0, "user_id": .number(JSONNumber(agent.userId)), "published_at": .null,
        ]
    }

    func createAgent(_ call: MockCall, key: String) throws(MockProblem) -> APIResponse {
        let body = call.checked.body
        let new = MockStore.NewAgent(
            name: body?["name"]?.stringValue ?? "", description: body?["description"]?.stringValue ?? "",
            instructions: body?["instructions"]?.stringValue ?? "",
            welcomeMessage: body?["welcome_message"]?.stringValue ?? "")
        let agent = try store.createAgent(key: key, new, now: call.now)
        return .json(
            200,
            [
                "success": true, "message": "Agent created successfully.",
                "data": ["agent_id": .number(JSONNumber(agent.id))],
            ])
    }

    /// `after` continues in the requested order past an id; `before` returns the page just before an id
    /// in that order (the agents closest to it); both together, the agents between them from `after` on.
    /// `has_more` looks further in the same direction.
    func listAgents(_ call: MockCall, key: String) throws(MockProblem) -> APIResponse {
        let parameters = call.checked.parameters
        let limit = Self.int(parameters["limit"]) ?? 20
        let ascending = parameters["order"]?.stringValue == "asc"
        let after = Self.int(parameters["after"])
        let before = Self.int(parameters["before"])
        let page =
            store.read(key) { account -> (agents: [MockStore.Agent], hasMore: Bool) in
                Self.page(account.agents, limit: limit, ascending: ascending, after: after, before: before)
            } ?? (agents: [], hasMore: false)
        let data = page.agents.map(Self.json)
        return .json(
            200,
            [
                "object": "list", "data": .array(data),
                "first_id": page.agents.first.map { .number(JSONNumber($0.id)) } ?? .null,
                "last_id": page.agents.last.map { .number(JSONNumber($0.id)) } ?? .null,
                "has_more": .bool(page.hasMore),
            ])
    }

    /// One page of `agents` (sorted by ascending id).
    static func page(
        _ agents: [MockStore.Agent], limit: Int, ascending: Bool, after: Int?, before: Int?
    ) -> (agents: [MockStore.Agent], hasMore: Bool) {
        // In the requested order, the agents strictly past the cursor in the direction of reading.
        let ordered = ascending ? agents : agents.reversed()
        func comesAfter(_ id: Int, _ cursor: Int) -> Bool { ascending ? id > cursor : id < cursor }
        if let before, let after {
            let between = ordered.filter { comesAfter($0.id, after) && comesAfter(before, $0.id) }
            let page = Array(between.prefix(limit))
            return (page, between.count > page.count)
        }
        if let before {
            let preceding = ordered.filter { comesAfter(before, $0.id) }
            let page = Array(preceding.suffix(limit))
            return (page, preceding.count > page.count)
        }
        let following = after.map { cursor in ordered.filter { comesAfter($0.id, cursor) } } ?? ordered
        let page = Array(following.prefix(limit))
        return (page, following.count > page.count)
    }

    func addFile(_ call: MockCall, key: String) throws(MockProblem) -> APIResponse {
        let agentId = Self.int(call.checked.parameters["agent_id"]) ?? 0
        guard store.read(key, { $0.agent(id: agentId) != nil }) == true else {
            throw MockProblem.notFound("Agent \(agentId) was not found.")
        }
        guard let file = call.checked.parts.first(where: { $0.name == "file" }) else {
            throw MockProblem.invalid("'file' is required.", pointer: "/file")
        }
        guard file.body.count <= Self.maxFileSize else {
            throw MockProblem(
                status: 413, code: "payload_too_large", message: "The file exceeds \(Self.maxFileSize) bytes.",
                pointer: "/file")
        }
        let description =
            call.checked.parts.first { $0.name == "description" }.map {
                String(decoding: $0.body, as: UTF8.self)
            } ?? ""
        let stored = try store.addFile(
            key: key, agentId: agentId, filename: file.filename ?? "file",
            contentType: file.contentType ?? "application/octet-stream",
            size: file.body.count, description: description, now: call.now)
        return .json(
            200,
            [
                "success": true, "message": "File added to agent successfully.",
                "data": ["file_id": .number(JSONNumber(stored.id)), "agent_id": .number(JSONNumber(agentId))],
            ])
    }
}
