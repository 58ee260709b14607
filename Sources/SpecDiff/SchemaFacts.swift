import JSONCore
import OpenAPIDocument

/// A schema as `specvalidate diff` compares it: references followed, OpenAPI 3.0 and 3.1 spellings read
/// to one meaning (`nullable: true` and `type: [T, "null"]`, boolean and numeric exclusive bounds, a
/// `oneOf`/`anyOf` of one schema and `null`), and `allOf` members' keywords merged in, since a value must
/// meet all of them.
struct SchemaFacts {
    /// A subschema and where it is in the document (after its references are followed).
    struct Located {
        var value: JSONValue
        var pointer: JSONPointer
    }

    var pointer: JSONPointer
    /// The component's name when the schema was reached through `$ref` (`#/components/schemas/Agent`).
    var refName: String?
    var title: String?
    /// Nil: any type. Never holds `null`; that is `nullable`.
    var types: Set<String>?
    var nullable = false
    var format: String?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    /// Bound keyword (`maximum`, `exclusiveMaximum`, `maxLength`, …) → its number.
    var bounds: [String: JSONNumber] = [:]
    var pattern: String?
    var defaultValue: JSONValue?
    var readOnly = false
    var writeOnly = false
    var deprecated = false
    /// In written order; members' properties after the schema's own.
    var properties: [(name: String, schema: Located)] = []
    var required: Set<String> = []
    var items: Located?
    var additionalProperties: Located?
    var oneOf: [Located] = []
    var anyOf: [Located] = []
    var allOf: [Located] = []
    var discriminator: (propertyName: String, mapping: [String: String])?

    static let boundKeywords = [
        "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "maxItems",
        "minItems", "maxProperties", "minProperties",
    ]

    /// The facts of `value` at `pointer` in `document`.
    init(_ value: JSONValue, at pointer: JSONPointer, in document: JSONValue, depth: Int = 0) {
        var refName: String?
        if let reference = value["$ref"]?.stringValue, reference.hasPrefix("#/components/schemas/") {
            refName = JSONPointer(uriFragment: reference)?.tokens.last
        }
        let (resolved, at) = LocalReference.resolve(value, at: pointer, in: document)
        self.pointer = at
        self.refName = refName
        guard case .object(let object) = resolved else {
            // `true` or `{}` accept anything; `false` nothing: both have no keywords to compare.
            return
        }
        // A oneOf/anyOf of one schema and null is that schema, nullable (3.1's spelling of 3.0's nullable).
        for keyword in ["oneOf", "anyOf"] {
            if let members = object[keyword]?.arrayValue, members.count == 2, depth < 16,
                let nullIndex = members.firstIndex(where: { Self.isNull($0, in: document) })
            {
                let other = 1 - nullIndex
                var inner = SchemaFacts(
                    members[other], at: at.appending(keyword).appending(other), in: document, depth: depth + 1)
                inner.nullable = true
                inner.pointer = at
                inner.refName = inner.refName ?? refName
                inner.read(object, at: at, in: document, skipping: keyword, depth: depth)
                self = inner
                return
            }
        }
        read(object, at: at, in: document, skipping: nil, depth: depth)
    }

    /// Reads the keywords of `object`, over what is already known (the schema's own keywords win over
    /// those of a branch it wraps).
    private mutating func read(
        _ object: JSONObject, at pointer: JSONPointer, in document: JSONValue, skipping: String?, depth: Int
    ) {
        if let title = object["title"]?.stringValue { self.title = title }
        switch object["type"] {
        case .string(let type)?:
            if type == "null" { nullable = true; types = [] } else { types = [type] }
        case .array(let list)?:
            var set = Set(list.compactMap(\.stringValue))
            if set.remove("null") != nil { nullable = true }
            types = set
        default: break
        }
        if object["nullable"]?.boolValue == true { nullable = true }
        if let format = object["format"]?.stringValue { self.format = format }
        if var values = object["enum"]?.arrayValue {
            if values.contains(.null) {
                nullable = true
                values.removeAll { $0 == .null }
            }
            enumValues = values
        }
        if let value = object["const"] { constValue = value }
        for keyword in Self.boundKeywords {
            if case .number(let number)? = object[keyword] { bounds[keyword] = number }
        }
        // OpenAPI 3.0: `exclusiveMaximum: true` makes `maximum` exclusive.
        if object["exclusiveMaximum"]?.boolValue == true, let maximum = bounds.removeValue(forKey: "maximum") {
            bounds["exclusiveMaximum"] = maximum
        }
        if object["exclusiveMinimum"]?.boolValue == true, let minimum = bounds.removeValue(forKey: "minimum") {
            bounds["exclusiveMinimum"] = minimum
        }
        if let pattern = object["pattern"]?.stringValue { self.pattern = pattern }
        if let value = object["default"] { defaultValue = value }
        if object["readOnly"]?.boolValue == true { readOnly = true }
        if object["writeOnly"]?.boolValue == true { writeOnly = true }
        if object["deprecated"]?.boolValue == true { deprecated = true }
        if case .object(let properties)? = object["properties"] {
            for (name, schema) in properties.members where !self.properties.contains(where: { $0.name == name }) {
                self.properties.append(
                    (name, Located(value: schema, pointer: pointer.appending("properties").appending(name))))
            }
        }
        for name in object["required"]?.arrayValue ?? [] {
            if let name = name.stringValue { required.insert(name) }
        }
        if let items = object["items"], items.objectValue != nil {
            self.items = Located(value: items, pointer: pointer.appending("items"))
        }
        if let additional = object["additionalProperties"], additional.objectValue != nil {
            additionalProperties = Located(value: additional, pointer: pointer.appending("additionalProperties"))
        }
        for keyword in ["oneOf", "anyOf", "allOf"] where keyword != skipping {
            guard let list = object[keyword]?.arrayValue else { continue }
            let members = list.enumerated().map {
                Located(value: $1, pointer: pointer.appending(keyword).appending($0))
            }
            switch keyword {
            case "oneOf": oneOf = members
            case "anyOf": anyOf = members
            default: allOf = members
            }
        }
        if case .object(let discriminator)? = object["discriminator"],
            let propertyName = discriminator["propertyName"]?.stringValue
        {
            var mapping: [String: String] = [:]
            for (key, target) in discriminator["mapping"]?.objectValue?.members ?? [] {
                mapping[key] = target.stringValue ?? ""
            }
            self.discriminator = (propertyName, mapping)
        }
        // allOf: every member's keywords hold too. Merge what the schema does not say itself.
        guard depth < 16 else { return }
        for member in allOf {
            let facts = SchemaFacts(member.value, at: member.pointer, in: document, depth: depth + 1)
            merge(facts)
        }
    }

    /// Adds what an `allOf` member requires.
    private mutating func merge(_ member: SchemaFacts) {
        if let memberTypes = member.types { types = types.map { $0.intersection(memberTypes) } ?? memberTypes }
        format = format ?? member.format
        enumValues = enumValues ?? member.enumValues
        constValue = constValue ?? member.constValue
        for (keyword, number) in member.bounds where bounds[keyword] == nil { bounds[keyword] = number }
        pattern = pattern ?? member.pattern
        defaultValue = defaultValue ?? member.defaultValue
        readOnly = readOnly || member.readOnly
        writeOnly = writeOnly || member.writeOnly
        for property in member.properties where !properties.contains(where: { $0.name == property.name }) {
            properties.append(property)
        }
        required.formUnion(member.required)
        items = items ?? member.items
        additionalProperties = additionalProperties ?? member.additionalProperties
        if oneOf.isEmpty { oneOf = member.oneOf }
        if anyOf.isEmpty { anyOf = member.anyOf }
        discriminator = discriminator ?? member.discriminator
    }

    /// `{type: "null"}`, `{type: ["null"]}`, `{const: null}` or `{enum: [null]}`.
    static func isNull(_ value: JSONValue, in document: JSONValue) -> Bool {
        let (resolved, _) = LocalReference.resolve(value, at: JSONPointer(), in: document)
        guard case .object(let object) = resolved else { return false }
        if object["type"] == "null" || object["type"] == ["null"] { return true }
        if object["const"] == .null { return true }
        if object["enum"] == [.null] { return true }
        return false
    }

    /// The property's schema, if the schema has one by that name.
    func property(_ name: String) -> Located? { properties.first { $0.name == name }?.schema }

    /// What a value's shape is, for pairing composition members that have no name: the types and the
    /// property names.
    var shape: String {
        (types.map { $0.sorted().joined(separator: "|") } ?? "any") + ":"
            + properties.map(\.name).sorted().joined(separator: ",")
    }
}
