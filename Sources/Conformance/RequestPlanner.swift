import JSONCore
import OpenAPIDocument
import SpecCheck

/// Makes requests from a document's examples and schemas.
struct RequestPlanner: Sendable {
    let document: JSONValue
    /// Request bodies made from schemas meet them: of a `oneOf`'s branches, one that matches alone.
    private let checker: SchemaChecker

    init(document: JSONValue) {
        self.document = document
        checker = SchemaChecker(document: document, direction: .request)
    }

    private var synthesizer: ExampleSynthesizer {
        ExampleSynthesizer(document: document, direction: .request, checker: checker)
    }

    func resolve(_ value: JSONValue) -> JSONValue { LocalReference.resolve(value, at: JSONPointer(), in: document).0 }

    /// Every path parameter, the required query and header parameters, and the body, from examples.
    func plan(for operation: APIOperation) -> RequestPlan {
        var plan = RequestPlan(operation: operation)
        for (parameter, _) in operation.parameters {
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else {
                continue
            }
            let required = parameter["required"] == .bool(true) || location == "path"
            guard required, let value = example(ofParameter: parameter) else { continue }
            switch location {
            case "path": plan.path[name] = value
            case "query": plan.query.append((name, value))
            case "header":
                if !["accept", "content-type", "authorization"].contains(name.lowercased()) {
                    plan.headers.append((name, RequestPlan.text(value)))
                }
            default: break
            }
        }
        plan.body = body(for: operation)
        return plan
    }

    func example(ofParameter parameter: JSONValue) -> JSONValue? {
        if let value = parameter["example"] { return value }
        if let first = parameter["examples"]?.objectValue?.members.first {
            return resolve(first.value)["value"]
        }
        guard let schema = parameter["schema"] else { return nil }
        return synthesizer.example(for: schema)
    }

    func requestBody(of operation: APIOperation) -> JSONValue? {
        operation.value["requestBody"].map(resolve)
    }

    func body(for operation: APIOperation) -> RequestPlan.Body? {
        guard let definition = requestBody(of: operation), let content = definition["content"]?.objectValue,
            !content.isEmpty
        else { return nil }
        let key =
            content.keys.first { MediaType.bare($0) == "application/json" } ?? content.keys.first {
                MediaType.bare($0).hasSuffix("+json")
            }
            ?? content.keys.first { MediaType.bare($0) == "multipart/form-data" } ?? content.keys[0]
        let media = content[key] ?? [:]
        if MediaType.bare(key) == "multipart/form-data" {
            return .multipart(parts(for: media["schema"].map(resolve) ?? [:]))
        }
        let value =
            media["example"] ?? media["examples"]?.objectValue?.members.first.flatMap { resolve($0.value)["value"] }
            ?? media["schema"].map { synthesizer.example(for: $0) } ?? [:]
        if MediaType.bare(key).hasSuffix("json") || key == "*/*" {
            return .json(value, contentType: key == "*/*" ? "application/json" : key)
        }
        return .raw(Array(RequestPlan.text(value).utf8), contentType: key)
    }

    /// One part per property: files for binary strings, text for the rest.
    func parts(for schema: JSONValue) -> [RequestPlan.Part] {
        var parts: [RequestPlan.Part] = []
        for (name, property) in schema["properties"]?.objectValue?.members ?? [] {
            let resolved = resolve(property)
            if resolved["format"] == "binary" || resolved["contentMediaType"] != nil
                || resolved["contentEncoding"] != nil
            {
                parts.append(
                    .init(
                        name: name, filename: "conformance.txt", contentType: "text/plain",
                        body: Array("A file sent by specvalidate run.\n".utf8)))
            } else {
                parts.append(
                    .init(
                        name: name, filename: nil, contentType: nil,
                        body: Array(RequestPlan.text(synthesizer.example(for: property)).utf8)))
            }
        }
        return parts
    }
}
