import JSONCore

/// A form body (`multipart/form-data` or `application/x-www-form-urlencoded`) as the JSON object its schema
/// describes: each field typed by its property's schema (`temperature=0` is the number 0), repeated fields
/// as arrays, JSON parts (by their content type or the `encoding` map) parsed.
package enum FormBody {
    package struct Field: Sendable {
        package var name: String
        /// The text, or a file part's file name.
        package var value: String
        /// The part's own `Content-Type` (multipart).
        package var contentType: String?

        package init(name: String, value: String, contentType: String? = nil) {
            self.name = name
            self.value = value
            self.contentType = contentType
        }
    }

    /// `a=1&b=x+y` as fields, percent-decoded (`+` is a space).
    package static func urlEncodedFields(_ body: [UInt8]) -> [Field] {
        APIRequest.parseQuery(String(decoding: body, as: UTF8.self)).map { Field(name: $0.name, value: $0.value) }
    }

    package static func value(of fields: [Field], schema: JSONValue?, encoding: JSONValue?, document: JSONValue)
        -> JSONValue
    {
        let resolved = schema.map { LocalReference.resolve($0, at: JSONPointer(), in: document).value } ?? .null
        var properties = JSONObject()
        collectProperties(of: resolved, into: &properties, document: document, depth: 0)
        var names: [String] = []
        var values: [String: [Field]] = [:]
        for field in fields {
            if values[field.name] == nil { names.append(field.name) }
            values[field.name, default: []].append(field)
        }
        var object = JSONObject()
        for name in names {
            let given = values[name] ?? []
            let property = properties[name] ?? resolved["additionalProperties"] ?? .null
            let shape = ParameterSerialization.shape(of: property, in: document)
            let partType = encoding?[name]?["contentType"]?.stringValue ?? given.first?.contentType
            func one(_ field: Field, as type: String) -> JSONValue {
                let bare = MediaType.bare(field.contentType ?? partType ?? "")
                if bare == "application/json" || bare.hasSuffix("+json") || type == "object" || type == "array" {
                    if let parsed = try? JSONParser().parse(field.value) { return parsed }
                }
                // A nullable field's `null` (the text Schemathesis and most form encoders write for it).
                if type != "string", field.value == "null", allowsNull(property, document: document) { return .null }
                return ParameterSerialization.convert(field.value, to: type)
            }
            switch shape {
            case .array(let item):
                if given.count == 1, let parsed = try? JSONParser().parse(given[0].value), case .array = parsed {
                    object[name] = parsed
                } else if given.count == 1, given[0].value == "null", allowsNull(property, document: document) {
                    // A nullable array's `null` (Discord's `attachments=null`), not an array of one `null`.
                    object[name] = .null
                } else {
                    object[name] = .array(given.map { one($0, as: item) })
                }
            case .object:
                // One part is the object; several (`poll=null` twice) are an array, which its schema refuses.
                object[name] = given.count == 1 ? one(given[0], as: "object") : .array(given.map { one($0, as: "object") })
            case .primitive(let type):
                object[name] = given.count == 1 ? one(given[0], as: type) : .array(given.map { one($0, as: type) })
            }
        }
        // A required array with no part is an empty array: a form cannot write `[]` otherwise (OpenAI's
        // `files` of a skill, `image` of an edit). One that must have items is still missing.
        for name in resolved["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            guard let property = properties[name], case .array = ParameterSerialization.shape(of: property, in: document)
            else { continue }
            let minimum = LocalReference.resolve(property, at: JSONPointer(), in: document).value["minItems"]
            if minimum == nil || minimum == 0 { object[name] = .array([]) }
        }
        return .object(object)
    }

    /// `value` (a form read by `value(of:…)`) with each field whose text is `null` and whose property admits
    /// `null` as `null`; nil when there is none. A nullable string's `null` is ambiguous in a form (the string
    /// "null", or no value); a reader tries the text first, then this.
    package static func withNulls(_ value: JSONValue, schema: JSONValue?, document: JSONValue) -> JSONValue? {
        guard case .object(var object) = value, let schema else { return nil }
        var properties = JSONObject()
        collectProperties(
            of: LocalReference.resolve(schema, at: JSONPointer(), in: document).value, into: &properties,
            document: document, depth: 0)
        var changed = false
        for (name, member) in object.members where member == "null" {
            guard let property = properties[name], allowsNull(property, document: document) else { continue }
            object[name] = .null
            changed = true
        }
        return changed ? .object(object) : nil
    }

    /// The properties a form's fields may be: the schema's own and those of its `allOf`, `oneOf` and `anyOf`
    /// parts (Discord's multipart bodies are `anyOf` two objects), the first description of a name kept.
    private static func collectProperties(
        of schema: JSONValue, into properties: inout JSONObject, document: JSONValue, depth: Int
    ) {
        guard depth < 8 else { return }
        for (name, property) in schema["properties"]?.objectValue?.members ?? [] where properties[name] == nil {
            properties[name] = property
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for part in schema[key]?.arrayValue ?? [] {
                let resolved = LocalReference.resolve(part, at: JSONPointer(), in: document).value
                collectProperties(of: resolved, into: &properties, document: document, depth: depth + 1)
            }
        }
    }

    /// Whether `schema` admits `null`: `nullable: true`, a `null` among its types, or a `null` branch.
    private static func allowsNull(_ schema: JSONValue, document: JSONValue, depth: Int = 0) -> Bool {
        guard depth < 8 else { return false }
        let resolved = LocalReference.resolve(schema, at: JSONPointer(), in: document).value
        if resolved["nullable"] == .bool(true) || resolved["type"] == "null" { return true }
        if case .array(let types)? = resolved["type"], types.contains("null") { return true }
        return ["oneOf", "anyOf"].contains { key in
            resolved[key]?.arrayValue?.contains { allowsNull($0, document: document, depth: depth + 1) } == true
        }
    }
}
