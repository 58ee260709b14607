import OpenAPIDocument
import JSONCore
import JSONSchema

/// Builds the service for the built-in APIs or for any document.
package enum MockFactory {
    package enum BuiltIn: String, Sendable, CaseIterable {
        case agentscode, openagents
    }

    /// The stateful mocks of the built-in APIs, each under its server's path (`/v1`, `/api/v1`).
    package static func builtIn(
        _ apis: [(BuiltIn, JSONValue)], configuration: MockConfiguration
    ) throws(Diagnostic) -> MockService {
        let keys = configuration.apiKeys.isEmpty ? [MockConfiguration.defaultKey] : configuration.apiKeys
        let store: MockStore
        do {
            store = try MockStore(
                keys: keys, credits: configuration.credits, seed: configuration.seed, path: configuration.statePath)
        } catch {
            throw Diagnostic(.error, rule: "mock-state", message: error.message)
        }
        var mounts: [MockService.Mount] = []
        for (api, document) in apis {
            let contract = try contract(document)
            switch api {
            case .agentscode:
                mounts.append(
                    .init(
                        prefix: serverPath(of: document),
                        api: AgentsCodeMock(contract: contract, store: store, jobDuration: configuration.jobDuration)))
            case .openagents:
                mounts.append(
                    .init(prefix: serverPath(of: document), api: OpenAgentsMock(contract: contract, store: store)))
            }
        }
        return MockService(
            mounts: mounts, keys: Set(keys), rateLimit: configuration.rateLimit, clock: configuration.clock)
    }

    /// A mock of any document, answering from its examples and schemas.
    package static func generic(_ document: JSONValue, configuration: MockConfiguration) throws(Diagnostic)
        -> MockService
    {
        let contract = try contract(document)
        return MockService(
            mounts: [.init(prefix: serverPath(of: document), api: GenericMock(contract: contract))],
            keys: configuration.apiKeys.isEmpty ? nil : Set(configuration.apiKeys),
            rateLimit: configuration.rateLimit, clock: configuration.clock)
    }

    static func contract(_ document: JSONValue) throws(Diagnostic) -> MockContract {
        do {
            return try MockContract(document: document)
        } catch {
            throw Diagnostic(.error, rule: "oas3-schema", message: "the document's schemas do not compile: \(error)")
        }
    }

    /// The path the document's first server serves under (`https://api.agentscode.dev/v1` → `/v1`).
    static func serverPath(of document: JSONValue) -> String { Server.all(in: document).first?.basePath ?? "" }
}
