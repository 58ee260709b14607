import OpenAPIKit
import SpecModel
import Testing

/// What the issue and the seeds require of the model, checked on the documents themselves.
@Suite struct SpecModelContentTests {
    static func operations(_ document: OpenAPI.Document) -> [String: (
        method: String, path: String, op: OpenAPI.Operation
    )] {
        var result: [String: (String, String, OpenAPI.Operation)] = [:]
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                if let id = endpoint.operation.operationId {
                    result[id] = (endpoint.method.rawValue, route.path.rawValue, endpoint.operation)
                }
            }
        }
        return result
    }

    static func codes(_ op: OpenAPI.Operation) -> [Int] {
        op.responses.keys.compactMap { if case .status(let c) = $0.value { c } else { nil } }
    }

    @Test func agentsCodeOperations() throws {
        let doc = AgentsCode.document
        #expect(doc.servers.map { $0.urlTemplate.absoluteString } == ["https://api.agentscode.dev/v1"])
        let ops = Self.operations(doc)
        #expect(Set(ops.keys) == ["listAgents", "runAgent", "getAgentRun", "getCreditBalance", "getCreditHistory"])
        #expect(ops["listAgents"]?.path == "/agents")
        #expect(ops["runAgent"]?.method == "POST")
        #expect(ops["runAgent"]?.path == "/agents/{agentId}")
        #expect(ops["getAgentRun"]?.path == "/agents/{agentId}/{agentJobId}")
        #expect(ops["getCreditBalance"]?.path == "/credits/balance")
        #expect(ops["getCreditHistory"]?.path == "/credits/history")
        for (id, entry) in ops {
            let codes = Self.codes(entry.op)
            for required in [200, 401, 429, 500] { #expect(codes.contains(required), "\(id) lacks \(required)") }
        }
        #expect(Self.codes(try #require(ops["runAgent"]).op) == [200, 400, 401, 402, 404, 409, 413, 415, 429, 500])
        #expect(Self.codes(try #require(ops["getAgentRun"]).op) == [200, 400, 401, 404, 429, 500])
        #expect(Self.codes(try #require(ops["getCreditHistory"]).op) == [200, 400, 401, 404, 429, 500])
    }

    @Test func openAgentsOperations() throws {
        let doc = OpenAgents.document
        #expect(doc.servers.map { $0.urlTemplate.absoluteString } == ["https://openagents.com/api/v1"])
        let ops = Self.operations(doc)
        #expect(Set(ops.keys) == ["createAgent", "listAgents", "getAgent", "addAgentFile"])
        #expect(ops["createAgent"]?.method == "POST")
        #expect(ops["getAgent"]?.path == "/agents/{agent_id}")
        #expect(ops["addAgentFile"]?.path == "/agents/{agent_id}/files")
        #expect(Self.codes(try #require(ops["getAgent"]).op) == [200, 400, 401, 404, 429, 500])
        #expect(Self.codes(try #require(ops["addAgentFile"]).op) == [200, 400, 401, 404, 413, 415, 429, 500])
        let upload = try #require(ops["addAgentFile"]?.op.requestBody?.b)
        #expect(upload.required)
        #expect(Array(upload.content.keys) == [.multipartForm])
    }

    @Test(arguments: ["agentscode", "openagents"])
    func bearerAuthEverywhere(api: String) throws {
        let document = try #require(APICatalog.api(named: api)).document
        let scheme = try #require(document.components.securitySchemes["bearerAuth"]?.b)
        #expect(scheme.type == .http(scheme: "bearer", bearerFormat: nil))
        #expect(document.security.count == 1)
        #expect(document.info.contact?.url != nil)
    }

    @Test func openAgentsListParameters() throws {
        let params = OpenAgents.document.components.parameters
        let limit = try #require(params["limit"]?.b?.schemaOrContent.schemaValue)
        #expect(limit.integerContext?.minimum?.value == 1)
        #expect(limit.integerContext?.maximum?.value == 100)
        #expect(limit.defaultValue == 20)
        let order = try #require(params["order"]?.b?.schemaOrContent.schemaValue)
        #expect(order.allowedValues == ["asc", "desc"])
        #expect(order.defaultValue == "desc")
        #expect(params["after"]?.b?.context.inQuery == true)
        #expect(params["before"]?.b?.context.inQuery == true)
    }

    @Test func createAgentRequiresAllFourFields() throws {
        let schema = try #require(OpenAgents.document.components.schemas["CreateAgentRequest"])
        #expect(schema.objectContext?.requiredProperties == ["name", "description", "instructions", "welcome_message"])
    }

    @Test func publishedAtIsNullable() throws {
        let agent = try #require(OpenAgents.document.components.schemas["Agent"]?.objectContext)
        #expect(agent.properties["published_at"]?.nullable == true)
        #expect(agent.properties["published_at"]?.formatString == "date-time")
    }
}
