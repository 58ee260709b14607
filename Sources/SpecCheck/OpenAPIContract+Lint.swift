import OpenAPIDocument
import JSONCore
import JSONSchema

/// Lint rules that need the document as JSON and the schema validator: examples, references,
/// operationIds and path parameters. Rule names follow Spectral's where Spectral has one.
extension OpenAPIContract {
    package func lint() -> [Diagnostic] {
        lintReferences() + lintOperations() + lintExamples() + lintRules()
    }

    /// Every local `$ref` points at something (`invalid-ref`).
    func lintReferences() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        func walk(_ value: JSONValue, _ pointer: JSONPointer) {
            switch value {
            case .object(let object):
                if case .string(let reference)? = object["$ref"], reference.hasPrefix("#") {
                    let target = JSONPointer(uriFragment: reference)
                    if target.flatMap({ document.value(at: $0) }) == nil {
                        findings.append(
                            Diagnostic(
                                severity: .error, rule: "invalid-ref", pointer: pointer.appending("$ref").description,
                                message: "\"\(reference)\" does not resolve to anything in the document"))
                    } else if let cycle = Self.referenceCycle(from: reference, in: document) {
                        findings.append(
                            Diagnostic(
                                severity: .error, rule: "invalid-ref", pointer: pointer.appending("$ref").description,
                                message:
                                    "\"\(reference)\" never reaches a value: the references go round in a cycle "
                                    + "(\(cycle.joined(separator: " → ")))"))
                    }
                }
                for (key, child) in object.members
                where !["example", "examples", "const", "enum", "default"].contains(key) {
                    walk(child, pointer.appending(key))
                }
            case .array(let items):
                for (i, item) in items.enumerated() { walk(item, pointer.appending(i)) }
            default:
                break
            }
        }
        walk(document, JSONPointer())
        return findings
    }

    /// The references from `reference` when they only lead to references and back (`#/A` → `#/B` → `#/A`):
    /// nothing to read there. Nil when they reach a value (a schema that refers to itself inside its own
    /// properties is fine: it is a value).
    static func referenceCycle(from reference: String, in document: JSONValue) -> [String]? {
        var seen: [String] = []
        var current = reference
        while true {
            if seen.contains(current) { return seen + [current] }
            seen.append(current)
            guard let target = JSONPointer(uriFragment: current), let value = document.value(at: target),
                case .string(let next)? = value["$ref"], next.hasPrefix("#")
            else { return nil }
            current = next
        }
    }

    /// operationIds are unique; every `{name}` in a path is declared as a path parameter and vice versa.
    func lintOperations() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var seen: [String: JSONPointer] = [:]
        for operation in operations {
            if case .string(let id)? = operation.value["operationId"] {
                if let first = seen[id] {
                    findings.append(
                        Diagnostic(
                            severity: .error, rule: "operation-operationId-unique",
                            pointer: operation.pointer.appending("operationId").description,
                            message: "operationId \"\(id)\" is also used at \(first)"))
                } else {
                    seen[id] = operation.pointer
                }
            }
            let templated = Set(operation.template.variables)
            let declared = Set(
                operation.parameters.compactMap { p, _ -> String? in
                    guard p["in"] == "path", case .string(let name)? = p["name"] else { return nil }
                    return name
                })
            for name in templated.subtracting(declared).sorted() {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "path-params", pointer: operation.pointer.description,
                        message: "path parameter \"\(name)\" of \"\(operation.path)\" is not declared"))
            }
            for name in declared.subtracting(templated).sorted() {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "path-params", pointer: operation.pointer.description,
                        message: "path parameter \"\(name)\" is declared but \"\(operation.path)\" has no {\(name)}"))
            }
        }
        return findings
    }

    /// Every example validates against its schema: schema `example`/`examples`/`default`, media type and
    /// parameter `example`/`examples` (`oas3-valid-schema-example`, `oas3-valid-media-example`).
    func lintExamples() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var visitedSchemas: Set<JSONPointer> = []

        func check(
            _ example: JSONValue, at examplePointer: JSONPointer, schema schemaPointer: JSONPointer, rule: String,
            direction: SchemaOptions.Direction
        ) {
            let validator: Validator
            do {
                validator = try self.validator(at: schemaPointer, direction: direction)
            } catch {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "oas3-schema", pointer: schemaPointer.description,
                        message: "the schema does not compile: \(error.message)"))
                return
            }
            for error in validator.validate(example) {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: rule,
                        pointer: examplePointer.description + error.instanceLocation.description,
                        message: error.message,
                        keywordLocation: schemaPointer.description + error.keywordLocation.description))
            }
        }

        /// Examples of a schema object and of its subschemas.
        func schema(_ pointer: JSONPointer) {
            guard visitedSchemas.insert(pointer).inserted, case .object(let object)? = document.value(at: pointer)
            else { return }
            if let example = object["example"] {
                check(
                    example, at: pointer.appending("example"), schema: pointer, rule: "oas3-valid-schema-example",
                    direction: .none)
            }
            // A default is a value too (Spectral checks it with the examples), where the schema says enough to
            // check it against.
            if let value = object["default"],
                ["enum", "type", "format", "$ref", "properties", "items"].contains(where: { object[$0] != nil })
            {
                check(
                    value, at: pointer.appending("default"), schema: pointer, rule: "oas3-valid-schema-example",
                    direction: .none)
            }
            if case .array(let examples)? = object["examples"] {
                for (i, example) in examples.enumerated() {
                    check(
                        example, at: pointer.appending("examples").appending(i), schema: pointer,
                        rule: "oas3-valid-schema-example",
                        direction: .none)
                }
            }
            for key in [
                "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
                "unevaluatedItems",
                "unevaluatedProperties",
            ] where object[key] != nil {
                schema(pointer.appending(key))
            }
            for key in ["properties", "patternProperties", "$defs", "dependentSchemas"] {
                if case .object(let map)? = object[key] {
                    for name in map.keys { schema(pointer.appending(key).appending(name)) }
                }
            }
            for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
                if case .array(let list)? = object[key] {
                    for i in list.indices { schema(pointer.appending(key).appending(i)) }
                }
            }
        }

        /// `example` / `examples` next to a `schema` (media types, parameters, headers).
        func withSchema(_ value: JSONValue, _ pointer: JSONPointer, direction: SchemaOptions.Direction) {
            guard value["schema"] != nil else { return }
            let schemaPointer = pointer.appending("schema")
            schema(schemaPointer)
            if let example = value["example"] {
                check(
                    example, at: pointer.appending("example"), schema: schemaPointer, rule: "oas3-valid-media-example",
                    direction: direction)
            }
            if case .object(let examples)? = value["examples"] {
                for (name, example) in examples.members {
                    let (resolved, at) = resolve(example, at: pointer.appending("examples").appending(name))
                    guard let v = resolved["value"] else { continue }
                    check(
                        v, at: at.appending("value"), schema: schemaPointer, rule: "oas3-valid-media-example",
                        direction: direction)
                }
            }
        }

        func content(_ value: JSONValue?, _ pointer: JSONPointer, direction: SchemaOptions.Direction) {
            guard case .object(let media)? = value else { return }
            for (type, item) in media.members { withSchema(item, pointer.appending(type), direction: direction) }
        }

        for operation in operations {
            for (parameter, at) in operation.parameters { withSchema(parameter, at, direction: .none) }
            if let body = operation.value["requestBody"] {
                let (resolved, at) = resolve(body, at: operation.pointer.appending("requestBody"))
                content(resolved["content"], at.appending("content"), direction: .request)
            }
            if case .object(let responses)? = operation.value["responses"] {
                for (status, response) in responses.members {
                    let (resolved, at) = resolve(
                        response, at: operation.pointer.appending("responses").appending(status))
                    content(resolved["content"], at.appending("content"), direction: .response)
                    if case .object(let headers)? = resolved["headers"] {
                        for (name, header) in headers.members {
                            let (h, hAt) = resolve(header, at: at.appending("headers").appending(name))
                            withSchema(h, hAt, direction: .none)
                        }
                    }
                }
            }
        }
        if case .object(let schemas)? = document["components"]?["schemas"] {
            for name in schemas.keys { schema(JSONPointer(tokens: ["components", "schemas", name])) }
        }
        // Findings reached twice through shared components are reported once.
        var unique: [Diagnostic] = []
        for finding in findings where !unique.contains(finding) { unique.append(finding) }
        return unique
    }
}
