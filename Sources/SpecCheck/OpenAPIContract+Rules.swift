import JSONCore
import JSONSchema
import OpenAPIDocument

/// Rules on the document as JSON, for OpenAPI 3.0 and 3.1 alike, with Spectral's names and default
/// severities where Spectral has the rule (`spectral:oas`): what an operation should say about itself,
/// security requirements, enums, media type names, and OpenAPI 3.0's keywords in a 3.1 document.
extension OpenAPIContract {
    func lintRules() -> [Diagnostic] {
        operationRules() + securityRules() + schemaRules() + mediaTypeRules()
    }

    /// `operation-operationId`, `operation-success-response` (warnings, as Spectral's) and the house rule
    /// `operation-security` (off unless a ruleset turns it on).
    func operationRules() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for operation in operations {
            let at = operation.pointer.description
            if (operation.value["operationId"]?.stringValue ?? "").isEmpty {
                findings.append(
                    Diagnostic(
                        severity: .warning, rule: "operation-operationId", pointer: at,
                        message: "the operation has no operationId"))
            }
            if case .object(let responses)? = operation.value["responses"],
                !responses.keys.contains(where: { $0.hasPrefix("2") || $0.hasPrefix("3") })
            {
                findings.append(
                    Diagnostic(
                        severity: .warning, rule: "operation-success-response", pointer: at + "/responses",
                        message: "the operation documents no 2xx or 3xx response"))
            }
            if (operation.value["security"] ?? document["security"])?.arrayValue?.isEmpty ?? true {
                findings.append(
                    Diagnostic(
                        severity: .warning, rule: "operation-security", pointer: at,
                        message: "the operation has no security requirement, so anyone may call it"))
            }
        }
        return findings
    }

    /// `oas3-operation-security-defined`: every scheme a requirement names is in
    /// `components/securitySchemes`.
    func securityRules() -> [Diagnostic] {
        let defined = Set(document["components"]?["securitySchemes"]?.objectValue?.keys ?? [])
        var findings: [Diagnostic] = []
        func check(_ requirements: JSONValue?, at pointer: JSONPointer) {
            for (i, requirement) in (requirements?.arrayValue ?? []).enumerated() {
                for name in requirement.objectValue?.keys ?? [] where !defined.contains(name) {
                    findings.append(
                        Diagnostic(
                            severity: .warning, rule: "oas3-operation-security-defined",
                            pointer: pointer.appending(i).appending(name).description,
                            message: "the security scheme \"\(name)\" is not defined in components/securitySchemes"))
                }
            }
        }
        check(document["security"], at: JSONPointer(tokens: ["security"]))
        for operation in operations { check(operation.value["security"], at: operation.pointer.appending("security")) }
        return findings
    }

    /// `duplicated-entry-in-enum` (Spectral, a warning) in every schema, and OpenAPI 3.0's `nullable` in a
    /// 3.1 document (`nullable-in-3.1`: 3.1 writes `type: [T, "null"]`).
    func schemaRules() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        forEachSchema { schema, pointer in
            if case .array(let values)? = schema["enum"] {
                var seen: [JSONValue] = []
                for (i, value) in values.enumerated() {
                    if seen.contains(value) {
                        findings.append(
                            Diagnostic(
                                severity: .warning, rule: "duplicated-entry-in-enum",
                                pointer: pointer.appending("enum").appending(i).description,
                                message: "\(value.compactJSON()) is in the enum more than once"))
                    }
                    seen.append(value)
                }
            }
            if case .array(let values)? = schema["enum"], values.isEmpty {
                findings.append(
                    Diagnostic(
                        severity: .warning, rule: "empty-enum", pointer: pointer.appending("enum").description,
                        message: "the enum is empty, so no value meets this schema"))
            }
            findings += discriminatorFindings(schema, at: pointer)
            if !isOpenAPI30, schema["nullable"] != nil {
                findings.append(
                    Diagnostic(
                        severity: .warning, rule: "nullable-in-3.1", pointer: pointer.appending("nullable").description,
                        message:
                            "'nullable' is OpenAPI 3.0's; a 3.1 schema allows null with type: [..., \"null\"] (JSON Schema ignores 'nullable')"
                    ))
            }
        }
        return findings
    }

    /// `discriminator-implicit-value`: a discriminator without a `mapping` whose `oneOf`/`anyOf` branch (a
    /// `$ref` to a component schema) fixes the discriminating property with `enum` or `const` to values that
    /// do not include the schema's name, which is the value the specification implies (OpenAI's
    /// `ActiveStatus` whose `type` is always `active`). No value can satisfy both readings.
    func discriminatorFindings(_ schema: JSONValue, at pointer: JSONPointer) -> [Diagnostic] {
        guard let discriminator = schema["discriminator"], discriminator["mapping"] == nil,
            let property = discriminator["propertyName"]?.stringValue
        else { return [] }
        var findings: [Diagnostic] = []
        for key in ["oneOf", "anyOf"] {
            for (i, branch) in (schema[key]?.arrayValue ?? []).enumerated() {
                guard let reference = branch["$ref"]?.stringValue, reference.hasPrefix("#/components/schemas/") else {
                    continue
                }
                let name = String(reference.dropFirst("#/components/schemas/".count))
                let target = LocalReference.resolve(branch, at: JSONPointer(), in: document).value
                let fixed = target["properties"]?[property]
                let values = fixed?["enum"]?.arrayValue ?? fixed?["const"].map { [$0] }
                guard let values, !values.contains(.string(name)) else { continue }
                findings.append(
                    Diagnostic(
                        severity: .warning, rule: "discriminator-implicit-value",
                        pointer: pointer.appending(key).appending(i).description,
                        message:
                            "the discriminator has no mapping, so '\(property)' must be '\(name)' for this branch, but \(name) allows only \(values.map { $0.compactJSON() }.joined(separator: ", ")); add a mapping"
                    ))
            }
        }
        return findings
    }

    /// `media-type-name`: every key of a `content` map is a media type (`type/subtype`, parameters
    /// allowed) or a range (`type/*`, `*/*`).
    func mediaTypeRules() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        forEachContent { content, pointer in
            for key in content.keys where !Self.isMediaTypeName(key) {
                findings.append(
                    Diagnostic(
                        severity: .warning, rule: "media-type-name", pointer: pointer.appending(key).description,
                        message: "\"\(key)\" is not a media type such as application/json or a range such as image/*"))
            }
        }
        return findings
    }

    static func isMediaTypeName(_ text: String) -> Bool {
        let bare = MediaType.bare(text)
        let parts = bare.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let token = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-".unicodeScalars)
        func isToken(_ part: Substring) -> Bool { !part.isEmpty && part.unicodeScalars.allSatisfy(token.contains) }
        if parts[0] == "*" { return parts[1] == "*" }
        return isToken(parts[0]) && (parts[1] == "*" || isToken(parts[1]))
    }

    // MARK: - Walking

    /// Every `content` map of the document: parameters', headers', request bodies' and responses', the
    /// operations' and the components'.
    func forEachContent(_ visit: (JSONObject, JSONPointer) -> Void) {
        var seen: Set<JSONPointer> = []
        func content(of value: JSONValue, at pointer: JSONPointer) {
            let (resolved, at) = resolve(value, at: pointer)
            guard case .object(let content)? = resolved["content"], seen.insert(at).inserted else { return }
            visit(content, at.appending("content"))
        }
        for operation in operations {
            for (parameter, at) in operation.parameters { content(of: parameter, at: at) }
            if let body = operation.value["requestBody"] {
                content(of: body, at: operation.pointer.appending("requestBody"))
            }
            for (status, response) in operation.value["responses"]?.objectValue?.members ?? [] {
                let at = operation.pointer.appending("responses").appending(status)
                content(of: response, at: at)
                let (resolved, resolvedAt) = resolve(response, at: at)
                for (name, header) in resolved["headers"]?.objectValue?.members ?? [] {
                    content(of: header, at: resolvedAt.appending("headers").appending(name))
                }
            }
        }
        for section in ["responses", "requestBodies", "parameters", "headers"] {
            for (name, value) in document["components"]?[section]?.objectValue?.members ?? [] {
                content(of: value, at: JSONPointer(tokens: ["components", section, name]))
            }
        }
    }

    /// Every schema object of the document, each once: the components' and those under media types,
    /// parameters and headers, and their subschemas, without following references.
    func forEachSchema(_ visit: (JSONValue, JSONPointer) -> Void) {
        var seen: Set<JSONPointer> = []
        func schema(_ value: JSONValue, at pointer: JSONPointer) {
            guard case .object(let object) = value, seen.insert(pointer).inserted else { return }
            visit(value, pointer)
            for key in Self.subschemaKeys where object[key] != nil {
                if case .array(let items)? = object[key] {
                    for (i, item) in items.enumerated() { schema(item, at: pointer.appending(key).appending(i)) }
                } else if let sub = object[key] {
                    schema(sub, at: pointer.appending(key))
                }
            }
            for key in ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] {
                for (name, sub) in object[key]?.objectValue?.members ?? [] {
                    schema(sub, at: pointer.appending(key).appending(name))
                }
            }
        }
        for (pointer, value) in schemaRoots() { schema(value, at: pointer) }
    }

    static let subschemaKeys = [
        "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "allOf", "anyOf", "oneOf", "prefixItems",
    ]

    /// The schema objects that are not inside another schema: `components/schemas`, and the `schema` of
    /// every parameter, header and media type.
    func schemaRoots() -> [(JSONPointer, JSONValue)] {
        var roots: [(JSONPointer, JSONValue)] = []
        var seen: Set<JSONPointer> = []
        func add(_ pointer: JSONPointer, _ value: JSONValue?) {
            guard let value, seen.insert(pointer).inserted else { return }
            roots.append((pointer, value))
        }
        for (name, value) in document["components"]?["schemas"]?.objectValue?.members ?? [] {
            add(JSONPointer(tokens: ["components", "schemas", name]), value)
        }
        func withSchema(_ value: JSONValue, at pointer: JSONPointer) {
            let (resolved, at) = resolve(value, at: pointer)
            add(at.appending("schema"), resolved["schema"])
        }
        for operation in operations {
            for (parameter, at) in operation.parameters { withSchema(parameter, at: at) }
        }
        forEachContent { content, pointer in
            for (type, media) in content.members { withSchema(media, at: pointer.appending(type)) }
        }
        for section in ["parameters", "headers"] {
            for (name, value) in document["components"]?[section]?.objectValue?.members ?? [] {
                withSchema(value, at: JSONPointer(tokens: ["components", section, name]))
            }
        }
        for operation in operations {
            for (status, response) in operation.value["responses"]?.objectValue?.members ?? [] {
                let (resolved, at) = resolve(response, at: operation.pointer.appending("responses").appending(status))
                for (name, header) in resolved["headers"]?.objectValue?.members ?? [] {
                    withSchema(header, at: at.appending("headers").appending(name))
                }
            }
        }
        return roots
    }
}
