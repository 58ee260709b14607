import JSONCore
import OpenAPIDocument
import SpecCheck

/// A request for one operation, with values for its parameters and body, before it is written out for a
/// server: what a conformance check sends, and what a link's runtime expressions are evaluated against.
struct RequestPlan: Sendable {
    enum Body: Sendable {
        case json(JSONValue, contentType: String)
        case multipart([Part])
        case raw([UInt8], contentType: String)
    }

    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    let operation: APIOperation
    var path: [String: JSONValue] = [:]
    var query: [(name: String, value: JSONValue)] = []
    var headers: [(name: String, value: String)] = []
    var body: Body?
    /// What the planner noticed on the way: a documented example that breaks its own schema, replaced by a
    /// value made from the schema. Warnings on the check that sends the plan.
    var notes: [Diagnostic] = []
    /// Send the run's credentials (false for the checks that leave them out or replace them).
    var credentials: Credentials = .token

    enum Credentials: Sendable {
        case token, none
        case other(String)
    }

    func queryValue(_ name: String) -> JSONValue? { query.first { $0.name == name }?.value }

    mutating func setQuery(_ name: String, _ value: JSONValue?) {
        query.removeAll { $0.name == name }
        if let value { query.append((name, value)) }
    }

    /// Sets a parameter wherever the operation declares it (path, query or header).
    mutating func set(parameter name: String, to value: JSONValue, in document: JSONValue) {
        let location = operation.parameters.first { $0.0["name"]?.stringValue == name }?.0["in"]?.stringValue
        switch location {
        case "path"?: path[name] = value
        case "header"?:
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, Self.text(value)))
        default: setQuery(name, value)
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .array(let items): items.map(text).joined(separator: ",")
        default: value.compactJSON()
        }
    }
}
