import JSONCore
import OpenAPIDocument
import SpecCheck

/// Any other OpenAPI document, served from its examples: after the request passed the document's checks,
/// each operation answers its first success response with the documented example, or a value made from
/// the schema. Clients steer it the way Prism users do, with `Prefer: code=404`, `Prefer: example=NAME`
/// and `Prefer: dynamic=true` (a value made from the schema even when there is an example).
package struct GenericMock: MockAPI {
    package let contract: MockContract

    package var errorStyle: ErrorStyle { .problemDetails }
    package var realm: String { "mock" }
    package var missingCredentialsMessage: String {
        "This operation needs credentials, as the document's security requirement says."
    }

    package init(contract: MockContract) { self.contract = contract }

    /// A refusal in the shape the operation documents for its status (exactly, as `4XX`, or `default`),
    /// with the reason in the body's message field when it has a plain string one; problem details when
    /// the document says nothing about it.
    package func errorResponse(for problem: MockProblem, operation: MockOperation?) -> APIResponse {
        let document = contract.document
        // A `Prefer` the document cannot meet is the mock's own matter, not the API's: problem details.
        guard problem.parameter != "Prefer", let operation,
            case .object(let responses) = LocalReference.resolve(
                operation.value["responses"] ?? [:], at: JSONPointer(), in: document
            ).value,
            let key = responses.keys.first(where: { $0 == String(problem.status) })
                ?? responses.keys.first(where: { $0.uppercased() == "\(problem.status / 100)XX" })
                ?? responses.keys.first(where: { $0 == "default" }),
            let raw = responses[key],
            let content = LocalReference.resolve(raw, at: JSONPointer(), in: document).value["content"]?.objectValue,
            let mediaType = content.keys.first(where: {
                let bare = MediaType.bare($0)
                return bare.hasSuffix("json") || bare == "*/*"
            }),
            let schema = content[mediaType]?["schema"]
        else { return errorStyle.response(for: problem) }
        var body = contract.responseExamples.example(for: schema)
        let resolved = LocalReference.resolve(schema, at: JSONPointer(), in: document).value
        if case .object(var object) = body, let path = Self.messageField(of: resolved, in: document) {
            if path.count == 1 {
                object[path[0]] = .string(problem.message)
            } else if case .object(var inner)? = object[path[0]] {
                inner[path[1]] = .string(problem.message)
                object[path[0]] = .object(inner)
            }
            body = .object(object)
        }
        let contentType = MediaType.bare(mediaType) == "*/*" ? "application/json" : mediaType
        return .json(
            problem.status, body, contentType: contentType,
            headers: problem.headers.map { (name: $0.name, value: $0.value) })
    }

    /// The property of an error schema that says what went wrong, when it takes any string: `detail`,
    /// `message`, … at the top, or inside an `error` object (`{"error": {"message": …}}`).
    static func messageField(of schema: JSONValue, in document: JSONValue, depth: Int = 0) -> [String]? {
        // Its own properties and those of its `allOf` parts (Discord's ErrorResponse is `allOf: [Error, …]`).
        var properties = schema["properties"]?.objectValue ?? JSONObject()
        for part in schema["allOf"]?.arrayValue ?? [] {
            let resolved = LocalReference.resolve(part, at: JSONPointer(), in: document).value
            for (name, property) in resolved["properties"]?.objectValue?.members ?? [] where properties[name] == nil {
                properties[name] = property
            }
        }
        for name in ["detail", "message", "error_description", "error", "title", "description"] {
            guard let property = properties[name] else { continue }
            let resolved = LocalReference.resolve(property, at: JSONPointer(), in: document).value
            let plain =
                resolved["type"] == "string"
                && ["enum", "const", "pattern", "format", "maxLength"].allSatisfy {
                    resolved[$0] == nil
                }
            if plain { return [name] }
            if depth == 0, name == "error", let inner = messageField(of: resolved, in: document, depth: 1) {
                return [name] + inner
            }
        }
        return nil
    }

    package func handle(_ call: MockCall) throws(MockProblem) -> APIResponse {
        let document = contract.document
        let preferences = Self.preferences(call.request.header("Prefer"))
        let responses =
            LocalReference.resolve(
                call.operation.value["responses"] ?? [:], at: call.operation.pointer.appending("responses"),
                in: document
            ).0.objectValue ?? JSONObject()
        let (key, status) = try Self.chooseStatus(preferences["code"], in: responses, operation: call.operation.id)
        guard status >= 200 else {
            // HTTP/1.1 sends a 1xx before the final answer, never as one: a client would wait for ever.
            throw MockProblem(
                status: 501, code: "not_implemented",
                message:
                    "Status \(status) is informational and cannot be a final answer; \(call.operation.id) documents no other to send.",
                parameter: "Prefer")
        }
        let (response, _) = LocalReference.resolve(
            responses[key] ?? [:], at: call.operation.pointer.appending("responses").appending(key), in: document)
        var headers: [(name: String, value: String)] = []
        for (name, header) in response["headers"]?.objectValue?.members ?? [] where name.lowercased() != "content-type"
        {
            let resolved = LocalReference.resolve(header, at: JSONPointer(), in: document).0
            guard resolved["required"] == .bool(true) else { continue }
            let value =
                resolved["example"] ?? resolved["examples"]?.objectValue?.members.first.map { example in
                    LocalReference.resolve(example.value, at: JSONPointer(), in: document).0["value"] ?? .null
                }
                ?? resolved["schema"].map { contract.responseExamples.example(for: $0) }
            headers.append((name, Self.text(of: value ?? "")))
        }
        guard let content = response["content"]?.objectValue, !content.isEmpty else {
            if let wanted = preferences["example"] {
                throw MockProblem.invalid(
                    "Prefer: example=\(wanted): status \(status) of \(call.operation.id) has no content.",
                    parameter: "Prefer")
            }
            return APIResponse(status: status, headers: headers)
        }
        let mediaType = Self.chooseMedia(content, accept: call.request.header("Accept"))
        let media = content[mediaType] ?? [:]
        let body = try Self.body(
            of: media, preferences: preferences, status: status, operation: call.operation.id, document: document,
            made: contract.responseExamples)
        let bare = MediaType.bare(mediaType)
        let contentType = bare.contains("*") ? "application/json" : mediaType
        if bare.hasSuffix("json") || bare.contains("*") {
            return .json(status, body, contentType: contentType, headers: headers)
        }
        return APIResponse(
            status: status, headers: [("Content-Type", contentType)] + headers, body: Array(Self.text(of: body).utf8))
    }

    /// `Prefer: code=404, example=notFound` as a dictionary.
    static func preferences(_ header: String?) -> [String: String] {
        var result: [String: String] = [:]
        for token in (header ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let pair = token.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = String(pair[1]).trimmingBlanks
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            result[String(pair[0]).trimmingBlanks.lowercased()] = value
        }
        return result
    }

    /// The documented response to answer: the preferred code, or the first success.
    static func chooseStatus(_ preferred: String?, in responses: JSONObject, operation: String) throws(MockProblem) -> (
        String, Int
    ) {
        if let preferred {
            guard let code = Int(preferred), (100...599).contains(code) else {
                throw MockProblem.invalid("Prefer: code=\(preferred) is not a status code.", parameter: "Prefer")
            }
            let range = "\(code / 100)XX"
            guard
                let key = responses.keys.first(where: { $0 == preferred }) ?? responses.keys.first(where: {
                    $0.uppercased() == range
                })
                    ?? responses.keys.first(where: { $0 == "default" })
            else {
                throw MockProblem(
                    status: 404, code: "not_found",
                    message:
                        "Prefer: code=\(code): \(operation) documents no such response (documented: \(responses.keys.joined(separator: ", "))).",
                    parameter: "Prefer")
            }
            return (key, code)
        }
        let exact = responses.keys.compactMap { key in Int(key).map { (key, $0) } }.sorted { $0.1 < $1.1 }
        if let success = exact.first(where: { (200...299).contains($0.1) }) { return success }
        if let key = responses.keys.first(where: { $0.uppercased() == "2XX" }) { return (key, 200) }
        if let key = responses.keys.first(where: { $0 == "default" }) { return (key, 200) }
        if let first = exact.first { return first }
        return ("", 204)
    }

    /// The media type to answer in: the first the `Accept` header allows, JSON first.
    static func chooseMedia(_ content: JSONObject, accept: String?) -> String {
        let accepted = (accept ?? "*/*").split(separator: ",").map { MediaType.bare(String($0)) }
        func allowed(_ type: String) -> Bool {
            let bare = MediaType.bare(type)
            return accepted.contains {
                $0 == "*/*" || $0 == bare || ($0.hasSuffix("/*") && bare.hasPrefix($0.dropLast()))
            }
        }
        let ordered = content.keys.sorted { a, b in
            let aJSON = MediaType.bare(a).hasSuffix("json")
            let bJSON = MediaType.bare(b).hasSuffix("json")
            return aJSON && !bJSON
        }
        return ordered.first(where: allowed) ?? ordered[0]
    }

    static func body(
        of media: JSONValue, preferences: [String: String], status: Int, operation: String, document: JSONValue,
        made: ResponseExamples
    ) throws(MockProblem) -> JSONValue {
        let examples = media["examples"]?.objectValue ?? JSONObject()
        func value(_ example: JSONValue) -> JSONValue {
            LocalReference.resolve(example, at: JSONPointer(), in: document).0["value"] ?? .null
        }
        if let wanted = preferences["example"] {
            guard let example = examples[wanted] else {
                throw MockProblem(
                    status: 404, code: "not_found",
                    message:
                        "Prefer: example=\(wanted): status \(status) of \(operation) has no such example (documented: \(examples.keys.isEmpty ? "none" : examples.keys.joined(separator: ", "))).",
                    parameter: "Prefer")
            }
            return value(example)
        }
        if preferences["dynamic"] == "true", let schema = media["schema"] { return made.example(for: schema) }
        // The document's examples in order, the first that meets the schema (an invalid one is not sent: the
        // contract warned of it at start); else a value made from the schema.
        let documented = (media["example"].map { [$0] } ?? []) + examples.members.map { value($0.value) }
        guard let schema = media["schema"] else { return documented.first ?? .null }
        if let fitting = documented.first(where: { made.checker.accepts($0, schema) != false }) {
            return fitting
        }
        return made.example(for: schema)
    }

    static func text(of value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.compactJSON()
    }
}
