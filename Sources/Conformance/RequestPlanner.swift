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
        for (parameter, pointer) in operation.parameters {
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else {
                continue
            }
            let required = parameter["required"] == .bool(true) || location == "path"
            guard required, let value = example(ofParameter: parameter, at: pointer, notes: &plan.notes) else {
                continue
            }
            switch location {
            case "path": plan.path[name] = value
            case "query": plan.query.append((name, value))
            case "header":
                if !["accept", "content-type", "authorization"].contains(name.lowercased()) {
                    plan.headers.append(
                        (name, ParameterSerialization(parameter: parameter, document: document).text(for: value)))
                }
            default: break
            }
        }
        plan.body = body(for: operation, notes: &plan.notes)
        return plan
    }

    /// The parameter's documented example when it meets the parameter's schema, else a value made from
    /// the schema.
    func example(ofParameter parameter: JSONValue, at pointer: JSONPointer, notes: inout [Diagnostic]) -> JSONValue? {
        let documented =
            parameter["example"].map { ($0, pointer.appending("example")) }
            ?? parameter["examples"]?.objectValue?.members.first.flatMap { name, example in
                resolve(example)["value"].map { ($0, pointer.appending("examples").appending(name).appending("value")) }
            }
        let schema = parameter["schema"] ?? parameter["content"]?.objectValue?.values.first?["schema"]
        return fitting(documented, schema: schema, notes: &notes)
    }

    /// A documented value that meets `schema`; one that does not is noted and replaced by a value made from
    /// the schema (a server that rightly refuses it would fail the positive check for the document's fault).
    private func fitting(
        _ documented: (JSONValue, JSONPointer)?, schema: JSONValue?, notes: inout [Diagnostic]
    ) -> JSONValue? {
        guard let schema else { return documented?.0 }
        guard let (value, at) = documented else { return synthesizer.example(for: schema) }
        if checker.accepts(value, schema) != false { return value }
        notes.append(
            Diagnostic(
                severity: .warning, rule: "invalid-example", pointer: at.description,
                message: "the document's example does not meet its schema; a value made from the schema was sent"))
        return synthesizer.example(for: schema)
    }

    func requestBody(of operation: APIOperation) -> JSONValue? {
        operation.value["requestBody"].map(resolve)
    }

    func body(for operation: APIOperation, notes: inout [Diagnostic]) -> RequestPlan.Body? {
        guard let definition = requestBody(of: operation), let content = definition["content"]?.objectValue,
            !content.isEmpty
        else { return nil }
        let key =
            content.keys.first { MediaType.bare($0) == "application/json" } ?? content.keys.first {
                MediaType.bare($0).hasSuffix("+json")
            }
            ?? content.keys.first { MediaType.bare($0) == "multipart/form-data" } ?? content.keys[0]
        let media = content[key] ?? [:]
        let bare = MediaType.bare(key)
        if bare == "multipart/form-data" {
            return .multipart(parts(for: media["schema"].map(resolve) ?? [:]))
        }
        let at = LocalReference.resolve(
            operation.value["requestBody"] ?? [:], at: operation.pointer.appending("requestBody"), in: document
        ).pointer.appending("content").appending(key)
        let documented =
            media["example"].map { ($0, at.appending("example")) }
            ?? media["examples"]?.objectValue?.members.first.flatMap { name, example in
                resolve(example)["value"].map { ($0, at.appending("examples").appending(name).appending("value")) }
            }
        let value = fitting(documented, schema: media["schema"], notes: &notes) ?? [:]
        if bare.hasSuffix("json") || key == "*/*" {
            return .json(value, contentType: key == "*/*" ? "application/json" : key)
        }
        if bare == "application/x-www-form-urlencoded", case .object(let fields) = value {
            return .raw(formEncoded(fields), contentType: key)
        }
        return .raw(Array(RequestPlan.text(value).utf8), contentType: key)
    }

    /// `a=1&b=x&tags=p&tags=q`: arrays as repeated fields, objects as JSON text, as the mock reads them.
    func formEncoded(_ fields: JSONObject) -> [UInt8] {
        var pairs: [String] = []
        for (name, value) in fields.members {
            let texts: [String] =
                switch value {
                case .array(let items): items.map(RequestPlan.text)
                case .object: [value.compactJSON()]
                default: [RequestPlan.text(value)]
                }
            pairs += texts.map { "\(name.percentEncoded)=\($0.percentEncoded)" }
        }
        return Array(pairs.joined(separator: "&").utf8)
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
