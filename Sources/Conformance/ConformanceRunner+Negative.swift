import JSONCore
import JSONSchema
import OpenAPIDocument
import SpecCheck

/// The checks that must be refused: no or a wrong credential (401), an id that names nothing (404), a
/// body that breaks the schema (400). Their answers must conform to the document like any other.
extension ConformanceRunner {
    /// Ids that fit most id schemas and name nothing real.
    static let missingIds: [JSONValue] = [
        "00000000-0000-4000-8000-000000000000", .number(JSONNumber(2_147_483_647)), "specvalidate-missing-0",
        "zzzzzzzzzzzzzzzzzzzz",
    ]

    func negativeChecks(_ operation: APIOperation, plan: RequestPlan) async {
        let first = SecurityScheme.requirements(of: operation.value, in: document).first ?? []
        if first.contains(where: { $0.credential != nil }), options.token != nil {
            var none = plan
            none.credentials = .none
            await check(operation, "auth-missing", plan: none, expect: .status([401, 403], "without credentials"))
            var wrong = plan
            wrong.credentials = .other("specvalidate-invalid-token")
            await check(operation, "auth-invalid", plan: wrong, expect: .status([401, 403], "with a wrong token"))
        }
        if let (name, id) = missingId(for: operation) {
            var missing = plan
            missing.path[name] = id
            await check(
                operation, "not-found", plan: missing,
                expect: .status([404], "\(name) \(id.compactJSON()) names nothing"))
        }
        if let (name, value) = invalidParameter(for: operation) {
            var broken = plan
            broken.set(parameter: name, to: value, in: document)
            await check(
                operation, "invalid-parameter", plan: broken,
                expect: .status([400, 422], "\(name)=\(RequestPlan.text(value)) breaks its schema"))
        }
        if let full = everyParameter(for: operation, plan: plan) {
            // Schema-valid values must not be refused as a bad request (Schemathesis's positive data check).
            await check(
                operation, "all-parameters", plan: full,
                expect: .status(Array(200...299) + [404, 409], "every optional parameter at its example value"))
        }
        if let spoiled = spoiledBody(for: operation, plan: plan) {
            var broken = plan
            broken.body = spoiled.body
            await check(operation, "invalid-body", plan: broken, expect: .status([400, 422], spoiled.why))
        }
    }

    /// A query or path parameter and a value just outside its schema: past `maximum` or the `int32`/`int64`
    /// range for integers, past `maxLength` for strings. Nil when no parameter has such a bound.
    func invalidParameter(for operation: APIOperation) -> (String, JSONValue)? {
        for (parameter, pointer) in operation.parameters {
            guard let name = parameter["name"]?.stringValue,
                ["query", "path"].contains(parameter["in"]?.stringValue ?? ""),
                let schema = parameter["schema"].map(planner.resolve),
                let validator = try? contract.validator(at: pointer.appending("schema"), direction: .request)
            else { continue }
            var candidates: [JSONValue] = []
            if case .number(let maximum)? = schema["maximum"], let n = maximum.intValue {
                candidates.append(.number(JSONNumber(n + 1)))
            }
            if schema["format"] == "int64", let beyond = JSONNumber("9223372036854775808") {
                candidates.append(.number(beyond))
            }
            if schema["format"] == "int32" { candidates.append(.number(JSONNumber(Int(Int32.max) + 1))) }
            if case .number(let length)? = schema["maxLength"], let n = length.intValue, n < 10_000 {
                candidates.append(.string(String(repeating: "a", count: n + 1)))
            }
            if let value = candidates.first(where: { !validator.isValid($0) }) { return (name, value) }
        }
        return nil
    }

    /// The request with every optional query parameter at its example value; nil when there are none.
    func everyParameter(for operation: APIOperation, plan: RequestPlan) -> RequestPlan? {
        var full = plan
        var added = false
        for (parameter, pointer) in operation.parameters where parameter["in"] == "query" {
            guard let name = parameter["name"]?.stringValue, full.queryValue(name) == nil,
                let value = planner.example(ofParameter: parameter, at: pointer, notes: &full.notes)
            else { continue }
            full.setQuery(name, value)
            added = true
        }
        return added ? full : nil
    }

    /// The last path parameter (the most specific resource) and a value for it that fits its schema.
    func missingId(for operation: APIOperation) -> (String, JSONValue)? {
        let names = PathVariables.names(in: operation.path)
        guard let name = names.last,
            let (_, pointer) = operation.parameters.first(where: {
                $0.0["name"]?.stringValue == name && $0.0["in"] == "path"
            })
        else { return nil }
        guard let validator = try? contract.validator(at: pointer.appending("schema"), direction: .request) else {
            return (name, Self.missingIds[2])
        }
        return Self.missingIds.first { validator.isValid($0) }.map { (name, $0) }
    }

    /// A body that breaks the request schema: a required member left out (JSON), a required part left out
    /// (multipart).
    func spoiledBody(for operation: APIOperation, plan: RequestPlan) -> (body: RequestPlan.Body, why: String)? {
        guard let definition = planner.requestBody(of: operation), let body = plan.body else { return nil }
        let content = definition["content"]?.objectValue ?? JSONObject()
        switch body {
        case .json(let value, let type):
            let schema =
                content[type]?["schema"].map(planner.resolve)
                ?? content.members.first?.value["schema"].map(planner.resolve)
            guard case .object(var object) = value,
                let required = schema?["required"]?.arrayValue?.compactMap(\.stringValue).first
            else {
                return (.json(.array([]), contentType: type), "a JSON array where the document wants an object")
            }
            object[required] = nil
            return (.json(.object(object), contentType: type), "the required member \"\(required)\" left out")
        case .multipart(let parts):
            let schema = content["multipart/form-data"]?["schema"].map(planner.resolve)
            guard let required = schema?["required"]?.arrayValue?.compactMap(\.stringValue).first else { return nil }
            return (.multipart(parts.filter { $0.name != required }), "the required part \"\(required)\" left out")
        case .raw:
            return nil
        }
    }
}

enum PathVariables {
    /// `{agentId}` and `{agentJobId}` in `/agents/{agentId}/{agentJobId}`, in order.
    static func names(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
