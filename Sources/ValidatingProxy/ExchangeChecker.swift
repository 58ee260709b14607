import Foundation
import JSONCore
import JSONSchema
import MockServer
import OpenAPIDocument
import SpecCheck

/// What a validating proxy checks of one exchange, both ways, against one document: the request's route,
/// credentials, parameters and body (the mock's checks, every problem rather than the first), and the
/// response's status, content type, body and headers (the checks of `specvalidate response`).
package final class ExchangeChecker: Sendable {
    package let contract: MockContract
    /// Response checks compile schemas on first use and cache them; exchanges are checked in parallel.
    private let responses: OpenAPIContract
    /// Each mock operation's place in `responses`.
    private let responseOperations: [ObjectIdentifier: OpenAPIContract.Operation]
    /// The path prefixes of the document's servers, longest first, then the bare path.
    private let prefixes: [String]
    /// Routes found so far, by method and path: a proxy sees the same few paths again and again, and
    /// matching one against the templates was about 3% of its time.
    private let routes = BoundedMemo<RouteKey, Route>()

    private struct RouteKey: Hashable, Sendable {
        var method: String
        var path: String
    }

    /// Query parameters, headers and cookies that carry credentials: what a recording redacts.
    package let secretNames: (headers: Set<String>, query: Set<String>, cookies: Set<String>)

    package init(document: JSONValue) throws(SchemaError) {
        contract = try MockContract(document: document)
        responses = try OpenAPIContract(document: document)
        var byPointer: [JSONPointer: OpenAPIContract.Operation] = [:]
        for operation in responses.operations { byPointer[operation.pointer] = operation }
        var documented: [ObjectIdentifier: OpenAPIContract.Operation] = [:]
        for operation in contract.operations { documented[ObjectIdentifier(operation)] = byPointer[operation.pointer] }
        responseOperations = documented
        prefixes = Set(Server.all(in: document).map(\.basePath)).filter { !$0.isEmpty && $0 != "/" }
            .sorted { $0.count > $1.count } + [""]
        var headers: Set<String> = ["authorization", "proxy-authorization"]
        var query: Set<String> = []
        var cookies: Set<String> = []
        for case .object(let scheme) in document["components"]?["securitySchemes"]?.objectValue?.values ?? [] {
            guard scheme["type"] == "apiKey", let name = scheme["name"]?.stringValue else { continue }
            switch scheme["in"]?.stringValue {
            case "query": query.insert(name)
            case "cookie": cookies.insert(name)
            default: headers.insert(name.lowercased())
            }
        }
        secretNames = (headers, query, cookies)
    }

    package enum Route: Sendable {
        case operation(MockOperation, pathValues: [String: String])
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    /// The operation a method and path (as sent, without the query) belong to: the most specific template
    /// under the longest server path that has one.
    package func route(method: String, path: String) -> Route {
        routes.value(for: RouteKey(method: method, path: path)) { matchRoute(method: method, path: path) }
    }

    private func matchRoute(method: String, path: String) -> Route {
        var allowed: [String]?
        for prefix in prefixes where prefix.isEmpty || path == prefix || path.hasPrefix(prefix + "/") {
            let rest = prefix.isEmpty ? path : String(path.dropFirst(prefix.count))
            switch contract.match(method: method, path: rest.isEmpty ? "/" : rest) {
            case .route(let operation, let values): return .operation(operation, pathValues: values)
            case .methodNotAllowed(let methods): allowed = allowed ?? methods
            case .notFound: continue
            }
        }
        return allowed.map { .methodNotAllowed(allowed: $0) } ?? .notFound
    }

    /// The request's violations: missing credentials first, then each parameter and the body.
    package func check(request: APIRequest, operation: MockOperation, pathValues: [String: String]) -> [ProxyViolation] {
        var found: [ProxyViolation] = []
        if !operation.carriesCredentials(request) {
            let wanted = operation.security.map { alternative in
                alternative.map(Self.describe).joined(separator: " and ")
            }
            found.append(
                ProxyViolation(
                    location: ["request", "security"], code: "missing-credentials",
                    message: "\(operation.id) needs credentials: \(wanted.joined(separator: ", or "))",
                    pointer: operation.value["security"] == nil
                        ? "/security" : operation.pointer.appending("security").description))
        }
        for problem in operation.problems(request, pathValues: pathValues) {
            found.append(Self.violation(problem, operation: operation))
        }
        return found
    }

    /// The response's violations, each pointing into the body or at the response's place in the document.
    package func check(response: APIResponse, operation: MockOperation) -> [ProxyViolation] {
        guard let documented = responseOperations[ObjectIdentifier(operation)] else { return [] }
        let findings = responses.check(response: response, of: documented)
        return findings.map { finding in
            var location = ["response"]
            var pointer = finding.pointer
            switch finding.rule {
            case "response-body":
                if let keyword = finding.keywordLocation {
                    location += ["body"] + (JSONPointer(finding.pointer ?? "")?.tokens ?? [])
                    pointer = keyword
                } else {
                    location.append("body")
                }
            case "response-content-type": location += ["headers", "content-type"]
            case "response-header":
                location.append("headers")
                if let name = Self.quotedName(finding.message) { location.append(name.lowercased()) }
            case "response-status": location.append("status")
            default: break
            }
            return ProxyViolation(
                location: location, severity: finding.severity == .error ? .error : .warning, code: finding.rule,
                message: finding.message, pointer: pointer)
        }
    }

    static func violation(_ problem: MockProblem, operation: MockOperation) -> ProxyViolation {
        if let name = problem.parameter {
            let parameter = operation.parameters.first { $0.name == name }
            let place = parameter?.location ?? "query"
            let index = operation.parameters.firstIndex { $0.name == name }
            return ProxyViolation(
                location: ["request", place, name], code: "request-parameter", message: problem.message,
                pointer: index.map { _ in operation.pointer.appending("parameters").description })
        }
        let body = operation.pointer.appending("requestBody").description
        switch problem.status {
        case 415:
            return ProxyViolation(
                location: ["request", "headers", "content-type"], code: "request-content-type",
                message: problem.message, pointer: body)
        case 413:
            return ProxyViolation(
                location: ["request", "body"], code: "request-body-size", message: problem.message, pointer: body)
        default:
            let tokens = problem.pointer.flatMap { JSONPointer($0)?.tokens } ?? []
            return ProxyViolation(
                location: ["request", "body"] + tokens, code: "request-body", message: problem.message, pointer: body)
        }
    }

    private static func describe(_ credential: MockOperation.Credential) -> String {
        switch credential {
        case .authorization(let scheme): "Authorization: \(scheme) …"
        case .header(let name): "the \(name) header"
        case .query(let name): "the \(name) query parameter"
        case .cookie(let name): "the \(name) cookie"
        }
    }

    /// The name in `header "X-Rate-Limit": …`.
    private static func quotedName(_ message: String) -> String? {
        guard let start = message.firstIndex(of: "\"") else { return nil }
        let rest = message[message.index(after: start)...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
