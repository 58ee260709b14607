import JSONCore
import JSONSchema

/// Makes an example value from a schema when the document gives none: the schema's own `example`,
/// `examples`, `const`, `default` or first `enum` value first, then a value of the right type and format
/// that meets its bounds. Deterministic: the same schema always gives the same value.
package struct ExampleSynthesizer: Sendable {
    package enum Direction: Sendable { case request, response }

    let document: JSONValue
    let direction: Direction
    /// Decides between a `oneOf`'s branches: the first whose value matches exactly one of them. Without
    /// one, the first branch's value.
    let checker: SchemaChecker?

    /// `document` is the whole OpenAPI document, for its `$ref`s.
    package init(document: JSONValue, direction: Direction, checker: SchemaChecker? = nil) {
        self.document = document
        self.direction = direction
        self.checker = checker
    }

    /// Below this depth every optional property and array item is shown; deeper, only required ones.
    static let shallow = 3

    package func example(for schema: JSONValue) -> JSONValue {
        example(schema, depth: 0)
    }

    private func example(_ raw: JSONValue, depth: Int) -> JSONValue {
        guard depth < 10 else { return .null }
        if case .bool = raw { return .null }
        let schema = raw["$ref"] != nil ? resolve(raw) : raw
        if let value = schema["example"] { return value }
        if let first = schema["examples"]?.arrayValue?.first { return first }
        if let value = schema["const"] { return value }
        if let value = schema["default"] { return value }
        if let first = schema["enum"]?.arrayValue?.first { return first }
        if let parts = schema["allOf"]?.arrayValue, !parts.isEmpty {
            // One schema of all the parts: every part's properties, every part's `required`, the first type
            // and bounds any part gives. The parts' own examples are left out: each shows only its part.
            return example(flattened(schema, depth: 0), depth: depth)
        }
        if let branches = schema["oneOf"]?.arrayValue?.filter({ !isNullSchema($0) }), !branches.isEmpty {
            var candidates = branches.map { self.example($0, depth: depth + 1) }
            // A discriminator names the branch: its property carries the branch's mapping key (or the name
            // of the component schema the branch refers to).
            if let property = schema["discriminator"]?["propertyName"]?.stringValue {
                let mapping = schema["discriminator"]?["mapping"]?.objectValue ?? JSONObject()
                for (i, branch) in branches.enumerated() {
                    guard case .object(var object) = candidates[i], let reference = branch["$ref"]?.stringValue
                    else { continue }
                    let name = reference.split(separator: "/").last.map(String.init) ?? reference
                    let key = mapping.members.first {
                        $0.value.stringValue == reference || $0.value.stringValue == name
                    }?
                    .key
                    // A branch that fixes the property itself (`const` or `enum`) already names itself.
                    let own = resolve(resolve(branch)["properties"]?[property] ?? .null)
                    if key == nil, own["const"] != nil || own["enum"] != nil { continue }
                    object[property] = .string(key ?? name)
                    candidates[i] = .object(object)
                }
            }
            guard let checker else { return candidates.first ?? .null }
            if let exact = candidates.first(where: { checker.accepts($0, schema) == true }) { return exact }
            // Objects that fit several branches (no additionalProperties: false): give a branch's value a
            // property another branch types differently, so that it fits that branch no more.
            for (i, candidate) in candidates.enumerated() {
                guard case .object(var object) = candidate else { continue }
                let own = resolve(branches[i])["properties"]?.objectValue ?? JSONObject()
                for (j, other) in branches.enumerated() where j != i {
                    let properties = resolve(other)["properties"]?.objectValue?.members ?? []
                    if let (name, property) = properties.first(where: { object[$0.key] == nil && own[$0.key] == nil }) {
                        object[name] = Self.mismatch(for: resolve(property))
                    }
                }
                if checker.accepts(.object(object), schema) == true { return .object(object) }
            }
            return candidates.first ?? .null
        }
        if let first = schema["anyOf"]?.arrayValue?.first(where: { !isNullSchema($0) }) {
            return example(first, depth: depth + 1)
        }
        switch primaryType(of: schema) {
        case "object": return objectExample(schema, depth: depth)
        case "array":
            let item = schema["items"].map { example($0, depth: depth + 1) } ?? .string("string")
            // Deep down (recursive schemas), only as many items as required, so that the value stays finite.
            let minimum = schema["minItems"].flatMap(intValue) ?? 0
            let count = depth >= Self.shallow ? minimum : max(1, minimum)
            if count == 0 { return .array([]) }
            return .array(Array(repeating: item, count: max(minimum, min(count, 3))))
        case "string": return .string(string(for: schema))
        case "integer":
            return .number(JSONNumber(bounded(schema, fallback: 1)))
        case "number":
            return .number(JSONNumber(bounded(schema, fallback: 1)))
        case "boolean": return .bool(true)
        case "null": return .null
        default:
            return .string("value")
        }
    }

    /// A value of another type than `schema` says: what makes an object fail the branch that holds it.
    private static func mismatch(for schema: JSONValue) -> JSONValue {
        switch schema["type"]?.stringValue {
        case "string": .number(JSONNumber(0))
        case "integer", "number", "boolean", "array", "object": .string("x")
        default: .null
        }
    }

    /// `schema` with its `allOf` parts (references followed, their own `allOf`s too) merged in.
    private func flattened(_ schema: JSONValue, depth: Int) -> JSONValue {
        guard case .object(var merged) = schema else { return schema }
        let parts = merged["allOf"]?.arrayValue ?? []
        merged["allOf"] = nil
        guard depth < 16 else { return .object(merged) }
        for part in parts {
            guard case .object(let object) = flattened(resolve(part), depth: depth + 1) else { continue }
            for (key, value) in object.members {
                switch key {
                case "properties":
                    var properties = merged["properties"]?.objectValue ?? JSONObject()
                    for (name, property) in value.objectValue?.members ?? [] where properties[name] == nil {
                        properties[name] = property
                    }
                    merged["properties"] = .object(properties)
                case "required":
                    var required = merged["required"]?.arrayValue ?? []
                    for name in value.arrayValue ?? [] where !required.contains(name) { required.append(name) }
                    merged["required"] = .array(required)
                case "example", "examples", "default", "description", "title", "$ref":
                    continue
                default:
                    if merged[key] == nil { merged[key] = value }
                }
            }
        }
        return .object(merged)
    }

    private func objectExample(_ schema: JSONValue, depth: Int) -> JSONValue {
        var object = JSONObject()
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for (name, property) in schema["properties"]?.objectValue?.members ?? [] {
            if depth >= Self.shallow, !required.contains(name) { continue }
            let resolved = resolve(property)
            if direction == .request, resolved["readOnly"]?.boolValue == true { continue }
            if direction == .response, resolved["writeOnly"]?.boolValue == true { continue }
            object[name] = example(property, depth: depth + 1)
        }
        return .object(object)
    }

    private func resolve(_ value: JSONValue) -> JSONValue {
        LocalReference.resolve(value, at: JSONPointer(), in: document).0
    }

    private func isNullSchema(_ schema: JSONValue) -> Bool {
        schema["type"]?.stringValue == "null"
    }

    private func primaryType(of schema: JSONValue) -> String? {
        switch schema["type"] {
        case .string(let t)?: return t
        case .array(let types)?: return types.compactMap(\.stringValue).first { $0 != "null" } ?? "null"
        default:
            if schema["properties"] != nil || schema["additionalProperties"] != nil { return "object" }
            if schema["items"] != nil { return "array" }
            return nil
        }
    }

    private func intValue(_ value: JSONValue) -> Int? {
        if case .number(let n) = value { return n.intValue }
        return nil
    }

    /// `fallback` moved inside `minimum`…`maximum` when the schema sets them.
    private func bounded(_ schema: JSONValue, fallback: Int) -> Int {
        var value = fallback
        if let minimum = schema["minimum"].flatMap(intValue), value < minimum { value = minimum }
        if let maximum = schema["maximum"].flatMap(intValue), value > maximum { value = maximum }
        return value
    }

    private func string(for schema: JSONValue) -> String {
        let value: String
        switch schema["format"]?.stringValue ?? "" {
        case "date-time": value = "2025-01-01T12:00:00Z"
        case "date": value = "2025-01-01"
        case "time": value = "12:00:00Z"
        case "duration": value = "PT1M"
        case "uuid": value = "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17"
        case "email", "idn-email": value = "user@example.com"
        case "uri", "url", "iri": value = "https://example.com/"
        case "uri-reference", "iri-reference": value = "/path"
        case "hostname", "idn-hostname": value = "example.com"
        case "ipv4": value = "192.0.2.1"
        case "ipv6": value = "2001:db8::1"
        case "binary": value = "<binary data>"
        case "byte": value = "U3dhZ2dlciByb2Nrcw=="
        default: value = "string"
        }
        let minimum = schema["minLength"].flatMap(intValue) ?? 0
        let maximum = schema["maxLength"].flatMap(intValue)
        // A pattern decides the shape (Discord's ids are `^(0|[1-9][0-9]*)$`): the format's value when it
        // matches, else a short string made from the pattern itself.
        if let pattern = schema["pattern"]?.stringValue,
            let matching = PatternExamples.string(
                matching: pattern, minLength: minimum, maxLength: maximum, candidate: value)
        {
            return matching
        }
        if value.count < minimum { return value + String(repeating: "x", count: minimum - value.count) }
        if let maximum, value.count > maximum {
            return String(value.prefix(maximum))
        }
        return value
    }
}
