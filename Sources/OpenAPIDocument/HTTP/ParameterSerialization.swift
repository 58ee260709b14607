import JSONCore

/// How a parameter's value is written into a request (OpenAPI's `style` and `explode`), and reading it back
/// as the JSON value its schema describes: `?id=3&id=4` and `?id=3,4` are both `[3, 4]` for an array of
/// integers, `?color[R]=100` is `{"R": 100}` for a `deepObject`, `;id=5` a matrix path value, and so on for
/// every style and explode combination the specification lists.
package struct ParameterSerialization: Sendable {
    package enum Style: String, Sendable {
        case simple, label, matrix, form, spaceDelimited, pipeDelimited, deepObject
    }

    /// What the schema says the value is, which decides how text becomes JSON.
    package enum Shape: Sendable, Equatable {
        /// `string`, `integer`, `number`, `boolean`, `null` (or `string` when the schema says nothing).
        case primitive(String)
        case array(item: String)
        /// The type of each property, and of any other key.
        case object(properties: [String: String], other: String)
    }

    package let name: String
    /// `path`, `query`, `header` or `cookie`.
    package let location: String
    package let style: Style
    package let explode: Bool
    package let shape: Shape
    /// A query parameter sent with an empty value (`?flag=`) counts as absent, not as a wrong value.
    package let allowEmptyValue: Bool

    package init(
        name: String, location: String, style: Style? = nil, explode: Bool? = nil, shape: Shape,
        allowEmptyValue: Bool = false
    ) {
        self.name = name
        self.location = location
        let style = style ?? (location == "query" || location == "cookie" ? .form : .simple)
        self.style = style
        self.explode = explode ?? (style == .form)
        self.shape = shape
        self.allowEmptyValue = allowEmptyValue
    }

    /// A Parameter Object (references followed), its shape read from its schema in `document`.
    package init(parameter: JSONValue, document: JSONValue) {
        let location = parameter["in"]?.stringValue ?? "query"
        let schema =
            parameter["schema"] ?? parameter["content"]?.objectValue?.values.first?["schema"] ?? .object(JSONObject())
        self.init(
            name: parameter["name"]?.stringValue ?? "", location: location,
            style: parameter["style"]?.stringValue.flatMap(Style.init(rawValue:)),
            explode: parameter["explode"]?.boolValue, shape: Self.shape(of: schema, in: document),
            allowEmptyValue: parameter["allowEmptyValue"]?.boolValue == true)
    }

    /// The shape of a schema: its first non-null type, looking through `$ref`, `allOf`, `oneOf` and `anyOf`.
    package static func shape(of schema: JSONValue, in document: JSONValue) -> Shape {
        let resolved = LocalReference.resolve(schema, at: JSONPointer(), in: document).value
        switch primaryType(of: resolved, in: document) {
        case "array":
            let item = resolved["items"].map {
                primaryType(of: LocalReference.resolve($0, at: JSONPointer(), in: document).value, in: document)
            }
            return .array(item: item ?? "string")
        case "object":
            var properties: [String: String] = [:]
            for (name, property) in allProperties(of: resolved, in: document) {
                properties[name] = primaryType(
                    of: LocalReference.resolve(property, at: JSONPointer(), in: document).value, in: document)
            }
            var other = "string"
            if case .object = resolved["additionalProperties"] ?? .null,
                let additional = resolved["additionalProperties"]
            {
                other = primaryType(
                    of: LocalReference.resolve(additional, at: JSONPointer(), in: document).value, in: document)
            }
            return .object(properties: properties, other: other)
        case let type:
            return .primitive(type)
        }
    }

    /// The first non-null type a schema names, looking through `$ref`, `allOf`, `oneOf` and `anyOf`.
    package static func primaryType(of schema: JSONValue, in document: JSONValue) -> String {
        let resolved = LocalReference.resolve(schema, at: JSONPointer(), in: document).value
        switch resolved["type"] {
        case .string(let type)?: return type
        case .array(let types)?: return types.compactMap(\.stringValue).first { $0 != "null" } ?? "string"
        default: break
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for part in resolved[key]?.arrayValue ?? [] {
                // A `null` branch (`oneOf: [{type: null}, {$ref: Poll}]`) says nothing about the other.
                let type = primaryType(of: part, in: document)
                if type != "string", type != "null" { return type }
            }
        }
        if resolved["properties"] != nil || resolved["additionalProperties"] != nil { return "object" }
        if resolved["items"] != nil { return "array" }
        return "string"
    }

    private static func allProperties(of schema: JSONValue, in document: JSONValue) -> [(String, JSONValue)] {
        var found = schema["properties"]?.objectValue?.members.map { ($0.key, $0.value) } ?? []
        for part in schema["allOf"]?.arrayValue ?? [] {
            found += allProperties(
                of: LocalReference.resolve(part, at: JSONPointer(), in: document).value, in: document)
        }
        return found
    }

    // MARK: - Writing

    /// A query or cookie parameter's value as the request carries it: name and value pairs, not yet
    /// percent-encoded (`[3, 4]` is `id=3&id=4` exploded, `id=3,4` not; a `deepObject` is `color[R]=100`).
    package func pairs(for value: JSONValue) -> [(name: String, value: String)] {
        switch value {
        case .array(let items):
            let texts = items.map(Self.text)
            if explode, style != .deepObject { return texts.map { (name, $0) } }
            let separator = style == .spaceDelimited ? " " : style == .pipeDelimited ? "|" : ","
            return [(name, texts.joined(separator: separator))]
        case .object(let object):
            let members = object.members.map { ($0.key, Self.text($0.value)) }
            if style == .deepObject { return members.map { ("\(name)[\($0.0)]", $0.1) } }
            if explode { return members.map { ($0.0, $0.1) } }
            let separator = style == .spaceDelimited ? " " : style == .pipeDelimited ? "|" : ","
            return [(name, members.flatMap { [$0.0, $0.1] }.joined(separator: separator))]
        default:
            return [(name, Self.text(value))]
        }
    }

    /// A path or header parameter's value as the request carries it, not yet percent-encoded: `3,4`
    /// (`simple`), `.3.4` (`label`, exploded), `;id=3;id=4` (`matrix`, exploded), `R=100,G=200` (an
    /// exploded `simple` object).
    package func text(for value: JSONValue) -> String {
        let prefix =
            switch style {
            case .label: "."
            case .matrix: ";"
            default: ""
            }
        switch value {
        case .array(let items):
            let texts = items.map(Self.text)
            switch (style, explode) {
            case (.label, true): return prefix + texts.joined(separator: ".")
            case (.matrix, true): return texts.map { ";\(name)=\($0)" }.joined()
            case (.matrix, false): return ";\(name)=" + texts.joined(separator: ",")
            default: return prefix + texts.joined(separator: ",")
            }
        case .object(let object):
            let members = object.members.map { ($0.key, Self.text($0.value)) }
            switch (style, explode) {
            case (.label, true): return prefix + members.map { "\($0.0)=\($0.1)" }.joined(separator: ".")
            case (.matrix, true): return members.map { ";\($0.0)=\($0.1)" }.joined()
            case (.matrix, false): return ";\(name)=" + members.flatMap { [$0.0, $0.1] }.joined(separator: ",")
            case (_, true): return prefix + members.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
            default: return prefix + members.flatMap { [$0.0, $0.1] }.joined(separator: ",")
            }
        default:
            return style == .matrix ? ";\(name)=\(Self.text(value))" : prefix + Self.text(value)
        }
    }

    /// One value's text: strings as they are, numbers and booleans as JSON writes them, `null` empty, and
    /// anything nested as compact JSON.
    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .null: ""
        default: value.compactJSON()
        }
    }

    // MARK: - Reading

    /// Where a parameter's text comes from in a request.
    package struct Source {
        /// Query parameters in order, percent-decoded.
        package var query: [(name: String, value: String)] = []
        /// The path segment's value (already percent-decoded), for a path parameter.
        package var path: String?
        package var header: String?
        package var cookies: [(name: String, value: String)] = []
        /// Names of the operation's other query parameters, which an exploded object does not take.
        package var otherQueryNames: Set<String> = []

        package init(
            query: [(name: String, value: String)] = [], path: String? = nil, header: String? = nil,
            cookies: [(name: String, value: String)] = [], otherQueryNames: Set<String> = []
        ) {
            self.query = query
            self.path = path
            self.header = header
            self.cookies = cookies
            self.otherQueryNames = otherQueryNames
        }
    }

    /// The parameter's value as JSON (numbers and booleans where the schema says so), or `nil` when the
    /// request does not carry it (or carries it empty where `allowEmptyValue` allows that).
    package func value(in source: Source) -> JSONValue? {
        switch location {
        case "path": return source.path.flatMap { simpleOrPrefixed($0) }
        case "header": return source.header.map { delimited($0, ",", explodedPairs: explode) }
        case "cookie":
            let values = source.cookies.filter { $0.name == name }.map(\.value)
            guard let first = values.first else { return nil }
            if case .array = shape, values.count > 1 { return typedArray(values) }
            return delimited(first, ",", explodedPairs: false)
        default: return queryValue(source)
        }
    }

    /// Path values: `simple`, or `label` (`.`-prefixed) and `matrix` (`;name=`-prefixed).
    private func simpleOrPrefixed(_ text: String) -> JSONValue? {
        switch style {
        case .label:
            guard text.hasPrefix(".") else { return typed(text) }
            let rest = String(text.dropFirst())
            // Unexploded, 3.0.4 and 3.1.1 separate with commas; the earlier tables showed dots.
            let separator: Character = explode || !rest.contains(",") ? "." : ","
            return delimited(rest, separator, explodedPairs: explode)
        case .matrix:
            guard text.hasPrefix(";") else { return typed(text) }
            let rest = String(text.dropFirst())
            if explode {
                // `;id=3;id=4` (arrays), `;R=100;G=200` (objects), `;id=5` (primitives).
                let pieces = rest.split(separator: ";", omittingEmptySubsequences: true).map(String.init)
                if case .object = shape { return object(fromPairs: pieces.map(Self.keyValue)) }
                let values = pieces.map { Self.keyValue($0).1 }
                if case .array = shape { return typedArray(values) }
                return values.first.map(typed)
            }
            let value = rest.hasPrefix(name + "=") ? String(rest.dropFirst(name.count + 1)) : rest
            return delimited(value, ",", explodedPairs: false)
        default:
            return delimited(text, ",", explodedPairs: explode)
        }
    }

    private func queryValue(_ source: Source) -> JSONValue? {
        let own = source.query.filter { $0.name == name }.map(\.value)
        if style == .deepObject {
            let prefix = name + "["
            let pairs = source.query.compactMap { pair -> (String, String)? in
                guard pair.name.hasPrefix(prefix), pair.name.hasSuffix("]") else { return nil }
                return (String(pair.name.dropFirst(prefix.count).dropLast()), pair.value)
            }
            // (`Optional.none`, not `nil`: `JSONValue` takes `nil` as its literal for `null`.)
            return pairs.isEmpty ? Optional.none : object(fromPairs: pairs)
        }
        if case .object(let properties, _) = shape, style == .form, explode {
            // `?R=100&G=200`: the object's properties are the query's own names.
            let pairs = source.query.filter { properties[$0.name] != nil && !source.otherQueryNames.contains($0.name) }
            return pairs.isEmpty ? Optional.none : object(fromPairs: pairs.map { ($0.name, $0.value) })
        }
        guard let first = own.first else { return nil }
        if allowEmptyValue, own.allSatisfy(\.isEmpty) { return nil }
        switch (shape, style) {
        case (.array, _) where explode || own.count > 1:
            return typedArray(own)
        case (.array, .spaceDelimited):
            return typedArray(first.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        case (.array, .pipeDelimited):
            return typedArray(first.split(separator: "|", omittingEmptySubsequences: false).map(String.init))
        default:
            if own.count > 1 { return .array(own.map(typed)) }
            return delimited(first, ",", explodedPairs: false)
        }
    }

    /// A primitive, or an array or object written with `separator` between its parts; an exploded object
    /// is `k=v` parts, an unexploded one alternates keys and values.
    private func delimited(_ text: String, _ separator: Character, explodedPairs: Bool) -> JSONValue {
        switch shape {
        case .primitive: return typed(text)
        case .array:
            return typedArray(text.split(separator: separator, omittingEmptySubsequences: false).map(String.init))
        case .object:
            let parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            if explodedPairs { return object(fromPairs: parts.map(Self.keyValue)) }
            var pairs: [(String, String)] = []
            var i = 0
            while i + 1 < parts.count {
                pairs.append((parts[i], parts[i + 1]))
                i += 2
            }
            return object(fromPairs: pairs)
        }
    }

    private static func keyValue(_ text: String) -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else { return (text, "") }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    private func object(fromPairs pairs: [(String, String)]) -> JSONValue {
        var object = JSONObject()
        for (key, value) in pairs where object[key] == nil {
            var type = "string"
            if case .object(let properties, let other) = shape { type = properties[key] ?? other }
            object[key] = Self.convert(value, to: type)
        }
        return .object(object)
    }

    private func typedArray(_ texts: [String]) -> JSONValue {
        var item = "string"
        if case .array(let type) = shape { item = type }
        return .array(texts.map { Self.convert($0, to: item) })
    }

    private func typed(_ text: String) -> JSONValue {
        if case .primitive(let type) = shape { return Self.convert(text, to: type) }
        return .string(text)
    }

    /// Text as the JSON of `type`; text that is not one stays a string, for the schema check to report.
    package static func convert(_ text: String, to type: String) -> JSONValue {
        switch type {
        case "integer", "number":
            if let number = JSONNumber(text) { return .number(number) }
        case "boolean":
            if text == "true" { return true }
            if text == "false" { return false }
        case "null":
            if text.isEmpty || text == "null" { return .null }
        default: break
        }
        return .string(text)
    }
}
