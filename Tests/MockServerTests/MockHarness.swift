import OpenAPIDocument
import Foundation
import HTTPTypes
import JSONCore
import MockServer
import SpecCheck
import SpecIO
import SpecModel
import Testing

/// The built-in mock as a function, on a clock that moves only when told to, with every answer checked
/// against the document of the API it came from.
final class MockHarness: @unchecked Sendable {
    static let agentsCode = document("agentscode")
    static let openAgents = document("openagents")
    static let key = MockConfiguration.defaultKey
    /// 2025-04-13T00:00:00Z
    static let start = 1_744_502_400.0

    let clock = MockClock.Manual(start: MockHarness.start)
    let service: MockService
    private let contracts: [(prefix: String, contract: OpenAPIContract, mock: MockContract)]

    init(
        keys: [String] = [], credits: Int = 100, jobDuration: Double = 10, rateLimit: RateLimit? = nil,
        statePath: String? = nil, seed: UInt64 = 42
    ) throws {
        var configuration = MockConfiguration()
        configuration.apiKeys = keys
        configuration.credits = credits
        configuration.jobDuration = jobDuration
        configuration.rateLimit = rateLimit
        configuration.statePath = statePath
        configuration.seed = seed
        configuration.clock = clock.clock
        service = try MockFactory.builtIn(
            [(.agentscode, Self.agentsCode), (.openagents, Self.openAgents)], configuration: configuration)
        contracts = try [
            ("/v1", OpenAPIContract(document: Self.agentsCode), MockContract(document: Self.agentsCode)),
            ("/api/v1", OpenAPIContract(document: Self.openAgents), MockContract(document: Self.openAgents)),
        ]
    }

    static func document(_ name: String) -> JSONValue {
        // Built from the Swift model, as the published documents are.
        guard let api = APICatalog.api(named: name), let json = try? SpecSerializer.jsonValue(of: api.document) else {
            fatalError("no built-in API \(name)")
        }
        return json
    }

    func advance(_ seconds: Double) { clock.advance(by: seconds) }

    /// Sends a request and checks that the answer conforms to the operation it reached.
    @discardableResult
    func send(
        _ method: String, _ target: String, key: String? = MockHarness.key, json: JSONValue? = nil,
        body: [UInt8]? = nil, headers: [(name: String, value: String)] = [],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> APIResponse {
        var allHeaders = headers
        if let key { allHeaders.append(("Authorization", "Bearer \(key)")) }
        var bytes = body ?? []
        if let json {
            bytes = Array(json.compactJSON().utf8)
            allHeaders.append(("Content-Type", "application/json"))
        }
        let request = APIRequest(method: method, target: target, headers: allHeaders, body: bytes)
        let response = service.respond(to: request)
        let findings = conformance(of: response, to: request)
        #expect(
            findings.isEmpty, "\(method) \(target) → \(response.status): \(findings)", sourceLocation: sourceLocation)
        return response
    }

    /// What is wrong with `response` as an answer of the operation `request` reached (nothing when the
    /// request reached no operation: unknown routes and methods).
    func conformance(of response: APIResponse, to request: APIRequest) -> [Diagnostic] {
        // A HEAD answer is a GET answer without its body.
        guard request.method != "HEAD",
            let (prefix, contract, mock) = contracts.first(where: { request.path.hasPrefix($0.prefix + "/") }),
            case .route(let operation, _) = mock.match(
                method: request.method, path: String(request.path.dropFirst(prefix.count))),
            let checked = contract.operation(id: operation.id)
        else { return [] }
        return contract.check(
            response: response, of: checked)
    }
}

extension APIResponse {
    var json: JSONValue { jsonBody ?? .null }
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension JSONValue {
    var int: Int? {
        if case .number(let n) = self { return n.intValue }
        return nil
    }
}
