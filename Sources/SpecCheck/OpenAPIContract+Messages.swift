import OpenAPIDocument
import JSONCore
import JSONSchema

extension OpenAPIContract {
    /// Checks a response against what `operation` documents: status, content type, body schema and
    /// required headers. Body problems point into the body; the others at the response's place in the spec.
    package func check(response: APIResponse, of operation: Operation) -> [Diagnostic] {
        let status = response.status
        switch responsePlan(for: operation, status: status, contentType: response.contentType) {
        case .noResponses(let pointer):
            return [
                Diagnostic(
                    severity: .warning, rule: "response-status", pointer: pointer.description,
                    message: "\(operation.id) documents no responses, so there is nothing to check the answer against")
            ]
        case .undocumented(let pointer, let documented):
            return [
                Diagnostic(
                    severity: .error, rule: "response-status", pointer: pointer.description,
                    message:
                        "status \(status) is not documented for \(operation.id) (documented: \(documented.joined(separator: ", ")))"
                )
            ]
        case .documented(let definition, let pointer, let body):
            var findings = checkHeaders(response, definition: definition, at: pointer, operation: operation, status: status)
            findings += checkBody(response, body, direction: .response, what: "status \(status) of \(operation.id)")
            return findings
        }
    }

    /// The plan for answers of `status` and `contentType` to `operation`: kept from the first such answer.
    private func responsePlan(for operation: Operation, status: Int, contentType: String?) -> ResponsePlan {
        let key = ResponsePlan.Key(operation: operation.index, status: status, contentType: contentType)
        return responsePlans.value(for: key) { makeResponsePlan(for: operation, status: status, contentType: contentType) }
    }

    private func makeResponsePlan(for operation: Operation, status: Int, contentType: String?) -> ResponsePlan {
        let at = operation.pointer.appending("responses")
        guard case .object(let responses)? = operation.value["responses"] else {
            return .noResponses(pointer: at)
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
            return .undocumented(pointer: at, documented: responses.keys)
        }
        let (definition, pointer) = resolve(documented, at: at.appending(key))
        let body = bodyPlan(
            content: definition["content"], at: pointer.appending("content"), direction: .response,
            contentType: contentType)
        return .documented(definition: definition, pointer: pointer, body: body)
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
        let plan = bodyPlan(
            content: definition["content"], at: pointer.appending("content"), direction: .request,
            contentType: request.contentType)
        return checkBody(request, plan, direction: .request, what: "the request body of \(operation.id)")
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

    /// The document's part of a body check: what the `content` map at `pointer` says of `contentType`.
    private func bodyPlan(content: JSONValue?, at pointer: JSONPointer, direction: SchemaOptions.Direction, contentType: String?)
        -> BodyPlan
    {
        guard case .object(let media)? = content, !media.isEmpty else { return .noContent(pointer: pointer) }
        guard let key = MediaType.documentedKey(for: contentType, in: media.keys) else {
            return .undocumentedType(pointer: pointer, documented: media.keys)
        }
        let bare = MediaType.bare(contentType ?? key)
        guard bare == "application/json" || bare.hasSuffix("+json") else { return .notJSON }
        let schemaPointer = pointer.appending(key).appending("schema")
        guard media[key]?["schema"] != nil else { return .json(schemaPointer: schemaPointer, validator: nil) }
        do {
            return .json(schemaPointer: schemaPointer, validator: .success(try validator(at: schemaPointer, direction: direction)))
        } catch {
            return .json(schemaPointer: schemaPointer, validator: .failure(error))
        }
    }

    private func checkBody(
        _ message: some HTTPMessage, _ plan: BodyPlan, direction: SchemaOptions.Direction, what: @autoclosure () -> String
    ) -> [Diagnostic] {
        let rule = direction == .request ? "request" : "response"
        let schemaPointer: JSONPointer
        let compiled: Result<Validator, SchemaError>?
        switch plan {
        case .noContent(let pointer):
            if message.body.isEmpty { return [] }
            return [
                Diagnostic(
                    severity: .error, rule: "\(rule)-body", pointer: pointer.description,
                    message: "\(what()) documents no content, but a body of \(message.body.count) bytes was sent")
            ]
        case .undocumentedType(let pointer, let documented):
            return [
                Diagnostic(
                    severity: .error, rule: "\(rule)-content-type", pointer: pointer.description,
                    message:
                        "content type \"\(message.contentType ?? "(none)")\" is not documented for \(what()) (documented: \(documented.joined(separator: ", ")))"
                )
            ]
        case .notJSON:
            return []
        case .json(let pointer, let validator):
            schemaPointer = pointer
            compiled = validator
        }
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
                let validator: Validator
                switch compiled {
                case nil: return []
                case .failure(let error)?:
                    return [
                        Diagnostic(
                            severity: .error, rule: "oas3-schema", pointer: schemaPointer.description,
                            message: "the schema does not compile: \(error)")
                    ]
                case .success(let found)?: validator = found
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
