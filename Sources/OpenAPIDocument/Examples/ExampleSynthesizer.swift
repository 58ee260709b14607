import JSONCore
import JSONSchema

/// Makes an example value from a schema when the document gives none: the schema's own `example`,
/// `examples`, `const`, `default` or first `enum` value first (with a checker, the first of them that meets
/// the schema), then a value of the right type and format that meets its bounds. Deterministic: the same schema always gives the same value.
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
        let value = example(schema, depth: 0)
        guard let checker else { return value }
        return pruned(value, schema, checker)
    }

    /// `value` without the members that keep it from meeting `schema`: an optional property whose schema
    /// nothing meets (`type: string` with two `oneOf` branches that every string matches) is better left
    /// out. Removes, for each error, the deepest member on its path whose removal leaves fewer errors.
    private func pruned(_ value: JSONValue, _ schema: JSONValue, _ checker: SchemaChecker) -> JSONValue {
        var value = value
        guard var errors = checker.errors(value, schema), !errors.isEmpty else { return value }
        for _ in 0..<16 {
            guard let first = errors.first else { break }
            var tokens = first.instanceLocation.tokens[...]
            var improved = false
            while !tokens.isEmpty {
                if let candidate = Self.removing(tokens, from: value),
                    let left = checker.errors(candidate, schema), left.count < errors.count
                {
                    (value, errors, improved) = (candidate, left, true)
                    break
                }
                tokens = tokens.dropLast()
            }
            if !improved { break }
        }
        return value
    }

    /// `value` without the object member at `tokens`; nil when there is none.
    private static func removing(_ tokens: ArraySlice<String>, from value: JSONValue) -> JSONValue? {
        guard let head = tokens.first else { return nil }
        switch value {
        case .object(var object):
            guard let member = object[head] else { return nil }
            if tokens.count == 1 {
                object[head] = nil
            } else {
                guard let inner = removing(tokens.dropFirst(), from: member) else { return nil }
                object[head] = inner
            }
            return .object(object)
        case .array(var items):
            guard tokens.count > 1, let index = Int(head), items.indices.contains(index),
                let inner = removing(tokens.dropFirst(), from: items[index])
            else { return nil }
            items[index] = inner
            return .array(items)
        default:
            return nil
        }
    }

    private func example(_ raw: JSONValue, depth: Int) -> JSONValue {
        guard depth < 10 else { return .null }
        if case .bool = raw { return .null }
        let schema = raw["$ref"] != nil ? resolve(raw) : raw
        // The schema's own values, of which (with a checker) the first that meets it: documents give
        // `default: null` to a string that is not nullable, or an `example` that breaks their `multipleOf`.
        let given =
            [schema["example"], schema["examples"]?.arrayValue?.first, schema["const"], schema["default"]]
            .compactMap { $0 } + (schema["enum"]?.arrayValue ?? [])
        if let checker, !given.isEmpty {
            if let fitting = given.first(where: { checker.accepts($0, schema) != false }) { return fitting }
        } else if let first = given.first {
            return first
        }
        if let parts = schema["allOf"]?.arrayValue, !parts.isEmpty {
            // One schema of all the parts: every part's properties, every part's `required`, the first type
            // and bounds any part gives. The parts' own examples are left out: each shows only its part.
            return example(flattened(schema, depth: 0), depth: depth)
        }
        if let branches = schema["oneOf"]?.arrayValue?.filter({ !isNullSchema($0) }), !branches.isEmpty {
            // A branch is met together with the rest of its schema (`required: [a]` branches of an object).
            let base = Self.withoutChoices(schema)
            var candidates = branches.map { branch in
                self.example(base.map { ["allOf": [$0, branch]] } ?? branch, depth: depth + 1)
            }
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
            // Or leave out a property another branch requires and this one does not (`required: [category]`
            // and `required: [categorySlug]` branches of one object).
            for (i, candidate) in candidates.enumerated() {
                guard case .object(var object) = candidate else { continue }
                let mine = flattened(resolve(base.map { ["allOf": [$0, branches[i]]] } ?? branches[i]), depth: 0)
                let own = mine["properties"]?.objectValue ?? JSONObject()
                let ownRequired = Set(mine["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                for (j, other) in branches.enumerated() where j != i {
                    let theirs = flattened(resolve(other), depth: 0)
                    let properties = theirs["properties"]?.objectValue?.members ?? []
                    if let (name, property) = properties.first(where: { object[$0.key] == nil && own[$0.key] == nil }) {
                        object[name] = Self.mismatch(for: resolve(property))
                    } else if let name = theirs["required"]?.arrayValue?.compactMap(\.stringValue).first(where: {
                        object[$0] != nil && !ownRequired.contains($0)
                    }) {
                        object[name] = nil
                    }
                }
                if checker.accepts(.object(object), schema) == true { return .object(object) }
            }
            return candidates.first ?? .null
        }
        if let branches = schema["anyOf"]?.arrayValue?.filter({ !isNullSchema($0) }), !branches.isEmpty {
            let base = Self.withoutChoices(schema)
            let candidates = branches.lazy.map { branch in
                self.example(base.map { ["allOf": [$0, branch]] } ?? branch, depth: depth + 1)
            }
            guard let checker else { return candidates.first ?? .null }
            return candidates.first { checker.accepts($0, schema) != false } ?? candidates.first ?? .null
        }
        switch primaryType(of: schema) {
        case "object": return objectExample(schema, depth: depth)
        case "array":
            let item = schema["items"].map { example($0, depth: depth + 1) } ?? .string("string")
            // Deep down (recursive schemas), only as many items as required, so that the value stays finite.
            let minimum = schema["minItems"].flatMap(intValue) ?? 0
            let count = depth >= Self.shallow ? minimum : max(1, minimum)
            if count == 0 { return .array([]) }
            let length = max(minimum, min(count, 3))
            guard schema["uniqueItems"] == .bool(true), length > 1 else {
                return .array(Array(repeating: item, count: length))
            }
            return .array(distinct(item, count: length, items: schema["items"]))
        case "string": return .string(string(for: schema))
        case "integer": return .number(number(for: schema, integer: true))
        case "number": return .number(number(for: schema, integer: false))
        case "boolean": return .bool(true)
        case "null": return .null
        default:
            return .string("value")
        }
    }

    /// `count` different values like `item` for an array with `uniqueItems`: the items' other `enum`
    /// values, or numbers counted up and strings with a count, each (with a checker) meeting the items'
    /// schema.
    private func distinct(_ item: JSONValue, count: Int, items: JSONValue?) -> [JSONValue] {
        let schema = items.map(resolve) ?? [:]
        var found = [item]
        var candidates = schema["enum"]?.arrayValue ?? []
        for i in 1..<(count * 4) {
            switch item {
            case .number(let n): candidates.append(.number(JSONNumber(n.doubleValue + Double(i))))
            case .string(let text): candidates += [.string(String(i)), .string(text + String(i))]
            case .bool(let b): candidates.append(.bool(!b))
            default: break
            }
        }
        for candidate in candidates where found.count < count && !found.contains(candidate) {
            if let items, let checker, checker.accepts(candidate, items) == false { continue }
            found.append(candidate)
        }
        return found
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
                    for (name, property) in value.objectValue?.members ?? [] {
                        // Both parts name it (a collection's `data`, typed by the part that knows its items):
                        // it meets both.
                        properties[name] = properties[name].map { ["allOf": [$0, property]] } ?? property
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
        // Required names no property describes (DigitalOcean's uptime check requires a `method` it never
        // defines): a value of the other properties' schema, or any string.
        let declared = schema["properties"]?.objectValue ?? JSONObject()
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where declared[name] == nil {
            switch schema["additionalProperties"] {
            case .object(let other)?: object[name] = example(.object(other), depth: depth + 1)
            default: object[name] = "string"
            }
        }
        return .object(object)
    }

    /// The rest of a schema that has `oneOf` or `anyOf` branches, when it says anything a value must meet
    /// (a type, properties, `required`); nil when the branches are all there is.
    private static func withoutChoices(_ schema: JSONValue) -> JSONValue? {
        guard case .object(var rest) = schema else { return nil }
        for key in ["oneOf", "anyOf", "discriminator", "example", "examples", "default", "nullable"] { rest[key] = nil }
        let meaningful = ["type", "properties", "required", "items", "additionalProperties", "allOf", "enum", "const"]
        return meaningful.contains { rest[$0] != nil } ? .object(rest) : nil
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

    /// 1, moved inside the schema's bounds (`minimum`, `maximum`, and the exclusive ones as 3.1 numbers or
    /// 3.0 booleans) and onto its `multipleOf`.
    private func number(for schema: JSONValue, integer: Bool) -> JSONNumber {
        func double(_ key: String) -> Double? {
            if case .number(let n)? = schema[key] { return n.doubleValue }
            return nil
        }
        var lower = double("minimum")
        var upper = double("maximum")
        var lowerOpen = false
        var upperOpen = false
        if let bound = double("exclusiveMinimum"), bound >= (lower ?? -.infinity) { (lower, lowerOpen) = (bound, true) }
        if let bound = double("exclusiveMaximum"), bound <= (upper ?? .infinity) { (upper, upperOpen) = (bound, true) }
        if schema["exclusiveMinimum"] == .bool(true) { lowerOpen = lower != nil }
        if schema["exclusiveMaximum"] == .bool(true) { upperOpen = upper != nil }
        let step = double("multipleOf").flatMap { $0 > 0 ? $0 : nil } ?? (integer ? 1 : nil)
        func fits(_ value: Double) -> Bool {
            if let lower, lowerOpen ? value <= lower : value < lower { return false }
            if let upper, upperOpen ? value >= upper : value > upper { return false }
            return true
        }
        var value = 1.0
        if let lower, !fits(value), value <= lower { value = lowerOpen ? lower + (step ?? 1) : lower }
        if let upper, !fits(value), value >= upper { value = upperOpen ? upper - (step ?? 1) : upper }
        if let step {
            var snapped = (value / step).rounded(.up) * step
            if !fits(snapped) { snapped = (value / step).rounded(.down) * step }
            if !fits(snapped), let lower { snapped = ((lower / step).rounded(.down) + 1) * step }
            if fits(snapped) { value = snapped }
        } else if !fits(value), let lower, let upper {
            value = (lower + upper) / 2
        }
        if integer, let exact = Int(exactly: value.rounded()) { return JSONNumber(exact) }
        return value.isFinite ? JSONNumber(value) : JSONNumber(1)
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
