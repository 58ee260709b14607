import OpenAPIDocument
import JSONCore
import JSONSchema

extension OpenAPIContract {
    /// Checks a response against what `operation` documents: status, content type, body schema and
    /// required headers. Body problems point into the body; the others at the response's place in the spec.
    package func check(response: APIResponse, of operation: Operation) -> [Diagnostic] {
        let at = operation.pointer.appending("responses")
        let status = response.status
        guard case .object(let responses)? = operation.value["responses"] else {
            return [
                Diagnostic(
                    severity: .warning, rule: "response-status", pointer: at.description,
                    message: "\(operation.id) documents no responses, so there is nothing to check the answer against")
            ]
        }
        let code = String(status)
        let range = "\(status / 100)XX"
        guard
            let key = responses.keys.first(where: { $0 == code }) ?? responses.keys.first(where: {
                $0.uppercased() == range
            })
                ?? responses.keys.first(where: { $0 == "default" }),
            let documented = responses[key]
        else {
            return [
                Diagnostic(
                    severity: .error, rule: "response-status", pointer: at.description,
                    message:
                        "status \(status) is not documented for \(operation.id) (documented: \(responses.keys.joined(separator: ", ")))"
                )
            ]
        }
        let (definition, pointer) = resolve(documented, at: at.appending(key))
        var findings = checkHeaders(response, definition: definition, at: pointer, operation: operation, status: status)
        findings += checkBody(
            response, content: definition["content"], at: pointer.appending("content"), direction: .response,
            what: "status \(status) of \(operation.id)")
        return findings
    }

    /// Checks a request body against the operation's `requestBody`.
    package func check(request: APIRequest, of operation: Operation) -> [Diagnostic] {
        guard let requestBody = operation.value["requestBody"] else {
            if request.body.isEmpty { return [] }
            return [
                Diagnostic(
                    severity: .warning, rule: "request-body", pointer: operation.pointer.description,
                    message: "\(operation.id) documents no request body, but one was sent")
            ]
        }
        let (definition, pointer) = resolve(requestBody, at: operation.pointer.appending("requestBody"))
        if request.body.isEmpty {
            guard definition["required"] == .bool(true) else { return [] }
            return [
                Diagnostic(
                    severity: .error, rule: "request-body", pointer: pointer.description,
                    message: "\(operation.id) requires a request body, but none was sent")
            ]
        }
        return checkBody(
            request, content: definition["content"], at: pointer.appending("content"), direction: .request,
            what: "the request body of \(operation.id)")
    }

    private func checkHeaders(
        _ message: some HTTPMessage, definition: JSONValue, at pointer: JSONPointer, operation: Operation, status: Int
    ) -> [Diagnostic] {
        guard case .object(let headers)? = definition["headers"] else { return [] }
        var findings: [Diagnostic] = []
        for (name, header) in headers.members where name.lowercased() != "content-type" {
            let (resolved, headerPointer) = resolve(header, at: pointer.appending("headers").appending(name))
            guard let value = message.header(name) else {
                if resolved["required"] == .bool(true) {
                    findings.append(
                        Diagnostic(
                            severity: .error, rule: "response-header", pointer: headerPointer.description,
                            message: "required header \"\(name)\" is missing from status \(status) of \(operation.id)"))
                }
                continue
            }
            guard resolved["schema"] != nil,
                let validator = try? validator(at: headerPointer.appending("schema"), direction: .none)
            else { continue }
            for error in validator.validate(Self.headerValue(value, schema: resolved["schema"])) {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "response-header", pointer: headerPointer.description,
                        message: "header \"\(name)\": \(error.message)",
                        keywordLocation: error.keywordLocation.description))
            }
        }
        return findings
    }

    /// A header's text as the JSON value its schema expects: numbers and booleans when the schema says so.
    static func headerValue(_ text: String, schema: JSONValue?) -> JSONValue {
        let trimmed = text.trimmingBlanks
        switch schema?["type"] {
        case .string("integer")?, .string("number")?:
            if let n = JSONNumber(trimmed) { return .number(n) }
        case .string("boolean")?:
            if trimmed == "true" { return true }
            if trimmed == "false" { return false }
        default: break
        }
        return .string(text)
    }

    private func checkBody(
        _ message: some HTTPMessage, content: JSONValue?, at pointer: JSONPointer, direction: SchemaOptions.Direction,
        what: @autoclosure () -> String
    ) -> [Diagnostic] {
        guard case .object(let media)? = content, !media.isEmpty else {
            if message.body.isEmpty { return [] }
            return [
                Diagnostic(
                    severity: .error, rule: "\(direction == .request ? "request" : "response")-body",
                    pointer: pointer.description,
                    message: "\(what()) documents no content, but a body of \(message.body.count) bytes was sent")
            ]
        }
        let rule = direction == .request ? "request" : "response"
        let contentType = message.contentType
        guard let key = MediaType.documentedKey(for: contentType, in: media.keys) else {
            return [
                Diagnostic(
                    severity: .error, rule: "\(rule)-content-type", pointer: pointer.description,
                    message:
                        "content type \"\(contentType ?? "(none)")\" is not documented for \(what()) (documented: \(media.keys.joined(separator: ", ")))"
                )
            ]
        }
        let bare = MediaType.bare(contentType ?? key)
        guard bare == "application/json" || bare.hasSuffix("+json") else { return [] }
        let schemaPointer = pointer.appending(key).appending("schema")
        // The body goes on a tape: a body that passes is never built as values (issue 21).
        let body = message.body
        return tapes.withTape { tape in
            body.withUnsafeBytes { bytes -> [Diagnostic] in
                if !tape.load(bytes) {
                    do throws(JSONParseError) {
                        _ = try JSONParser().parse(bytes)
                    } catch {
                        return [
                            Diagnostic(
                                severity: .error, rule: "\(rule)-body", pointer: "",
                                message: "the body of \(what()) is not JSON: \(error.description)")
                        ]
                    }
                }
                guard media[key]?["schema"] != nil else { return [] }
                let validator: Validator
                do {
                    validator = try self.validator(at: schemaPointer, direction: direction)
                } catch {
                    return [
                        Diagnostic(
                            severity: .error, rule: "oas3-schema", pointer: schemaPointer.description,
                            message: "the schema does not compile: \(error)")
                    ]
                }
                if validator.isValid(tape) { return [] }
                guard let value = try? JSONParser().parse(bytes) else { return [] }
                return validator.validate(value).map {
                    Diagnostic(
                        severity: .error, rule: "\(rule)-body", pointer: $0.instanceLocation.description,
                        message: $0.message, keywordLocation: schemaPointer.description + $0.keywordLocation.description)
                }
            }
        }
    }
}
