import JSONCore

/// Compiles schemas (JSON values) into validators. One compiler shares its resources and compiled
/// nodes across every schema it compiles, so the schemas of one OpenAPI document are compiled once.
///
/// A compiler is not thread-safe; the validators it returns are.
public final class SchemaCompiler {
    let options: SchemaOptions
    var registry: SchemaRegistry
    private var nodes: [SchemaRegistry.Location: SchemaNode] = [:]
    private let arena = NodeArena()
    private var pending: [(SchemaNode, SchemaRegistry.Location)] = []
    private var dynamicAnchorNames: Set<String> = []
    private var vocabularies: [Int: Set<Vocabulary>] = [:]

    enum Vocabulary: Hashable {
        case core, applicator, unevaluated, validation, format, metaData, content
    }

    public init(options: SchemaOptions = SchemaOptions()) {
        self.options = options
        let retrieve = options.retrieve
        self.registry = SchemaRegistry { uri in MetaSchemas.document(uri) ?? retrieve(uri) }
    }

    /// Compiles a standalone schema document.
    public func compile(_ schema: JSONValue, uri: String = "urn:agents-spec:schema") throws(SchemaError) -> Validator {
        let document = try registry.add(document: schema, uri: uri)
        return try compile(location: SchemaRegistry.Location(document: document, pointer: []))
    }

    /// Adds a document that holds schemas at known places (an OpenAPI document) without compiling any;
    /// `schemaPointers` are walked for `$id` and anchors. Returns a handle for `compile(_:at:)`.
    public func add(document: JSONValue, uri: String, schemaPointers: [JSONPointer]) throws(SchemaError) -> Int {
        try registry.add(document: document, uri: uri, schemaPointers: schemaPointers.map(\.tokens))
    }

    /// Compiles the schema at `pointer` inside a document added with `add(document:uri:schemaPointers:)`.
    public func compile(document: Int, at pointer: JSONPointer) throws(SchemaError) -> Validator {
        let location = SchemaRegistry.Location(document: document, pointer: pointer.tokens)
        guard registry.value(at: location) != nil else {
            throw SchemaError(pointer: pointer, message: "no schema at this location")
        }
        return try compile(location: location)
    }

    private func compile(location: SchemaRegistry.Location) throws(SchemaError) -> Validator {
        let root = try node(at: location)
        try drain()
        // Every dynamic anchor whose name a $dynamicRef bookends may be picked at run time.
        var table: [Int: [String: SchemaNode]] = [:]
        var changed = true
        while changed {
            changed = false
            for resource in registry.resources {
                for name in dynamicAnchorNames {
                    guard table[resource.id]?[name] == nil,
                        let anchor = registry.dynamicAnchor(name, in: resource.id)
                    else { continue }
                    table[resource.id, default: [:]][name] = try node(at: anchor)
                    changed = true
                }
            }
            try drain()
        }
        arena.decideLeaves()
        return Validator(root: root, dynamicAnchors: table, arena: arena)
    }

    private func drain() throws(SchemaError) {
        while let (node, location) = pending.popLast() {
            try fill(node, at: location)
        }
    }

    /// The node for a location: cached, or a new one queued for filling.
    private func node(at location: SchemaRegistry.Location) throws(SchemaError) -> SchemaNode {
        if let existing = nodes[location] { return existing }
        guard let resourceID = registry.resourceID(at: location) else {
            throw SchemaError(pointer: JSONPointer(tokens: location.pointer), message: "not inside any schema resource")
        }
        let resource = registry.resource(resourceID)
        let relative = JSONPointer(tokens: Array(location.pointer.dropFirst(resource.pointer.count)))
        let node = SchemaNode(resource: resourceID, absoluteLocation: resource.uri + "#" + relative.description)
        nodes[location] = node
        arena.nodes.append(node)
        pending.append((node, location))
        return node
    }

    // MARK: - Filling one node

    private func fill(_ node: SchemaNode, at location: SchemaRegistry.Location) throws(SchemaError) {
        let here = JSONPointer(tokens: location.pointer)
        guard let value = registry.value(at: location) else {
            throw SchemaError(pointer: here, message: "no schema at this location")
        }
        switch value {
        case .bool(let b):
            node.body = .always(b)
            return
        case .object:
            break
        default:
            throw SchemaError(pointer: here, message: "a schema must be an object or a boolean, got \(quote(value))")
        }
        guard case .object(let schema) = value else { return }
        let vocabulary = try activeVocabularies(for: node.resource)
        var keywords: [Keyword] = []
        var trailing: [Keyword] = []
        /// This schema's `required`, for its `properties` to settle on the tape (`PropertyTable.settle`).
        var required: NameList?

        func child(_ tokens: String...) throws(SchemaError) -> SchemaNode {
            try self.node(at: SchemaRegistry.Location(document: location.document, pointer: location.pointer + tokens))
        }
        func fail(_ keyword: String, _ message: String) -> SchemaError {
            SchemaError(pointer: here.appending(keyword), message: message)
        }
        func nonNegative(_ keyword: String) throws(SchemaError) -> Int? {
            guard let v = schema[keyword] else { return nil }
            guard case .number(let n) = v, n.isInteger, !n.isNegative else {
                throw fail(keyword, "\"\(keyword)\" must be a non-negative integer, got \(quote(v))")
            }
            return n.intValue ?? Int.max
        }
        func number(_ keyword: String) throws(SchemaError) -> JSONNumber? {
            guard let v = schema[keyword] else { return nil }
            guard case .number(let n) = v else {
                throw fail(keyword, "\"\(keyword)\" must be a number, got \(quote(v))")
            }
            return n
        }
        func schemaMap(_ keyword: String) throws(SchemaError) -> [(String, SchemaNode)]? {
            guard let v = schema[keyword] else { return nil }
            guard case .object(let map) = v else {
                throw fail(keyword, "\"\(keyword)\" must be an object of schemas, got \(quote(v))")
            }
            var result: [(String, SchemaNode)] = []
            for key in map.keys { result.append((key, try child(keyword, key))) }
            return result
        }
        func schemaArray(_ keyword: String) throws(SchemaError) -> [SchemaNode]? {
            guard let v = schema[keyword] else { return nil }
            guard case .array(let items) = v, !items.isEmpty || keyword == "prefixItems" else {
                throw fail(keyword, "\"\(keyword)\" must be a non-empty array of schemas, got \(quote(v))")
            }
            var result: [SchemaNode] = []
            for i in items.indices { result.append(try child(keyword, String(i))) }
            return result
        }
        func pattern(_ source: String, at pointer: JSONPointer) throws(SchemaError) -> Pattern {
            do {
                return try Pattern(source)
            } catch {
                throw SchemaError(pointer: pointer, message: error.message)
            }
        }

        // Core
        if vocabulary.contains(.core) {
            if case .string(let reference)? = schema["$ref"] {
                let (target, _) = try resolve(reference, from: node.resource, at: here.appending("$ref"))
                keywords.append(.ref(try self.node(at: target)))
            }
            if case .string(let reference)? = schema["$dynamicRef"] {
                let (target, uri) = try resolve(reference, from: node.resource, at: here.appending("$dynamicRef"))
                var anchor: String?
                if let fragment = uri.fragment, !fragment.isEmpty, !fragment.hasPrefix("/"),
                    let resourceID = registry.resourceID(at: target),
                    registry.dynamicAnchor(fragment, in: resourceID) != nil
                {
                    anchor = fragment
                    dynamicAnchorNames.insert(fragment)
                }
                keywords.append(.dynamicRef(try self.node(at: target), anchor: anchor))
            }
        }

        // Validation
        if vocabulary.contains(.validation) {
            let readsNullable = options.dialect == .openAPI30 || options.readsOpenAPI30Keywords
            if let v = schema["type"] {
                var set: TypeSet = []
                let names: [JSONValue]
                if case .array(let items) = v { names = items } else { names = [v] }
                for name in names {
                    guard case .string(let s) = name, let t = TypeSet(name: s) else {
                        throw fail("type", "\"type\" must name JSON types, got \(quote(v))")
                    }
                    set.insert(t)
                }
                if readsNullable, schema["nullable"] == .bool(true) { set.insert(.null) }
                keywords.append(.type(set))
            }
            if let v = schema["enum"] {
                guard case .array(var items) = v else {
                    throw fail("enum", "\"enum\" must be an array, got \(quote(v))")
                }
                if readsNullable, schema["nullable"] == .bool(true), !items.contains(.null) {
                    items.append(.null)
                }
                keywords.append(.enumeration(items))
            }
            if let v = schema["const"] { keywords.append(.const(v)) }
            if let n = try number("multipleOf") {
                guard !n.isNegative, n != JSONNumber(0) else {
                    throw fail("multipleOf", "\"multipleOf\" must be greater than 0, got \(n.text)")
                }
                keywords.append(.multipleOf(n))
            }
            let booleanBounds =
                options.readsOpenAPI30Keywords
                && (schema["exclusiveMaximum"]?.boolValue != nil || schema["exclusiveMinimum"]?.boolValue != nil)
            if options.dialect == .openAPI30 || booleanBounds {
                if let n = try number("maximum") {
                    keywords.append(schema["exclusiveMaximum"] == .bool(true) ? .exclusiveMaximum(n) : .maximum(n))
                }
                if let n = try number("minimum") {
                    keywords.append(schema["exclusiveMinimum"] == .bool(true) ? .exclusiveMinimum(n) : .minimum(n))
                }
            } else {
                if let n = try number("maximum") { keywords.append(.maximum(n)) }
                if let n = try number("exclusiveMaximum") { keywords.append(.exclusiveMaximum(n)) }
                if let n = try number("minimum") { keywords.append(.minimum(n)) }
                if let n = try number("exclusiveMinimum") { keywords.append(.exclusiveMinimum(n)) }
            }
            if let n = try nonNegative("maxLength") { keywords.append(.maxLength(n)) }
            if let n = try nonNegative("minLength") { keywords.append(.minLength(n)) }
            if let v = schema["pattern"] {
                guard case .string(let source) = v else {
                    throw fail("pattern", "\"pattern\" must be a string, got \(quote(v))")
                }
                keywords.append(.pattern(try pattern(source, at: here.appending("pattern"))))
            }
            if let n = try nonNegative("maxItems") { keywords.append(.maxItems(n)) }
            if let n = try nonNegative("minItems") { keywords.append(.minItems(n)) }
            if schema["uniqueItems"] == .bool(true) { keywords.append(.uniqueItems) }
            if let n = try nonNegative("maxProperties") { keywords.append(.maxProperties(n)) }
            if let n = try nonNegative("minProperties") { keywords.append(.minProperties(n)) }
            if let v = schema["required"] {
                guard case .array(let items) = v else {
                    throw fail("required", "\"required\" must be an array of strings, got \(quote(v))")
                }
                var names: [String] = []
                for item in items {
                    guard case .string(let s) = item else {
                        throw fail("required", "\"required\" must be an array of strings, got \(quote(v))")
                    }
                    names.append(s)
                }
                let skipped = directionalProperties(schema, document: location.document)
                names.removeAll { skipped.contains($0) }
                if !names.isEmpty {
                    let list = NameList(names)
                    required = list
                    keywords.append(.required(list))
                }
            }
            if let v = schema["dependentRequired"] {
                guard case .object(let map) = v else {
                    throw fail("dependentRequired", "\"dependentRequired\" must be an object, got \(quote(v))")
                }
                var pairs: [(String, [String])] = []
                for (key, list) in map.members {
                    guard case .array(let items) = list else {
                        throw fail("dependentRequired", "\"dependentRequired\" values must be arrays of strings")
                    }
                    pairs.append((key, items.compactMap { if case .string(let s) = $0 { s } else { nil } }))
                }
                keywords.append(.dependentRequired(pairs))
            }
        }
        if vocabulary.contains(.format), options.formatAssertion, case .string(let name)? = schema["format"],
            let check = Formats.checks[name]
        {
            keywords.append(.format(name, check))
        }
        if vocabulary.contains(.format), options.formatAssertion, options.integerFormats,
            case .string(let name)? = schema["format"], let range = Formats.integerRanges[name]
        {
            keywords.append(.integerFormat(name, minimum: range.minimum, maximum: range.maximum))
        }

        // Applicators
        if vocabulary.contains(.applicator) {
            let forbidden = directionalProperties(schema, document: location.document)
            if !forbidden.isEmpty {
                let reason =
                    options.direction == .request
                    ? "is read-only and must not be sent in a request"
                    : "is write-only and must not appear in a response"
                keywords.append(.forbiddenProperties(forbidden.sorted(), reason: reason))
            }
            if let map = try schemaMap("properties") {
                let table = PropertyTable(map)
                if let required { table.settle(required) }
                keywords.append(.properties(table))
            }
            var patterns: [(Pattern, SchemaNode)] = []
            if case .object(let map)? = schema["patternProperties"] {
                for key in map.keys {
                    let p = try pattern(key, at: here.appending("patternProperties").appending(key))
                    patterns.append((p, try child("patternProperties", key)))
                }
                keywords.append(.patternProperties(patterns))
            }
            if schema["additionalProperties"] != nil {
                var known: Set<String> = []
                if case .object(let map)? = schema["properties"] { known = Set(map.keys) }
                keywords.append(
                    .additionalProperties(
                        try child("additionalProperties"), known: NameList(known.sorted()), patterns: patterns.map(\.0)))
            }
            if schema["propertyNames"] != nil { keywords.append(.propertyNames(try child("propertyNames"))) }
            if let list = try schemaMap("dependentSchemas") { keywords.append(.dependentSchemas(list)) }
            var prefixCount = 0
            if let list = try schemaArray("prefixItems") {
                prefixCount = list.count
                keywords.append(.prefixItems(list))
            }
            if schema["items"] != nil { keywords.append(.items(try child("items"), prefix: prefixCount)) }
            if schema["contains"] != nil {
                let minimum = (vocabulary.contains(.validation) ? try nonNegative("minContains") : nil) ?? 1
                let maximum = vocabulary.contains(.validation) ? try nonNegative("maxContains") : nil
                keywords.append(.contains(try child("contains"), min: minimum, max: maximum))
            }
            if let list = try schemaArray("allOf") { keywords.append(.allOf(list)) }
            let discriminated = try discriminator(schema, location: location, here: here)
            if let list = try schemaArray("anyOf") {
                if let d = discriminated, schema["oneOf"] == nil {
                    keywords.append(.discriminator(property: d.0, mapping: d.1, keyword: "anyOf", branches: list))
                } else {
                    keywords.append(.anyOf(list))
                }
            }
            if let list = try schemaArray("oneOf") {
                if let d = discriminated {
                    keywords.append(.discriminator(property: d.0, mapping: d.1, keyword: "oneOf", branches: list))
                } else {
                    keywords.append(.oneOf(list))
                }
            }
            if schema["not"] != nil { keywords.append(.not(try child("not"))) }
            if schema["if"] != nil {
                let thenNode = schema["then"] != nil ? try child("then") : nil
                let elseNode = schema["else"] != nil ? try child("else") : nil
                keywords.append(.conditional(if: try child("if"), then: thenNode, else: elseNode))
            }
        }
        if vocabulary.contains(.unevaluated) {
            if schema["unevaluatedItems"] != nil { trailing.append(.unevaluatedItems(try child("unevaluatedItems"))) }
            if schema["unevaluatedProperties"] != nil {
                trailing.append(.unevaluatedProperties(try child("unevaluatedProperties")))
            }
        }
        node.needsAnnotations = !trailing.isEmpty
        // `nullable: true` beside no `type` or `enum` (OpenAI's `model: {anyOf: [...], nullable: true}`): its
        // author meant `null` to be allowed, as Schemathesis and the API itself read it. OpenAPI 3.0.3 gives it
        // no effect without `type`; reading documents written elsewhere, `null` is taken whatever the rest says.
        if options.readsOpenAPI30Keywords, schema["nullable"] == .bool(true), schema["type"] == nil,
            schema["enum"] == nil, !keywords.isEmpty || !trailing.isEmpty
        {
            let rest = SchemaNode(resource: node.resource, absoluteLocation: node.absoluteLocation)
            rest.needsAnnotations = node.needsAnnotations
            rest.body = .keywords(keywords + trailing)
            let null = SchemaNode(resource: node.resource, absoluteLocation: node.absoluteLocation + "/nullable")
            null.body = .keywords([.type(.null)])
            arena.nodes.append(contentsOf: [rest, null])
            node.needsAnnotations = false
            node.body = .keywords([.anyOf([null, rest])])
            return
        }
        node.body = .keywords(keywords + trailing)
    }

    private func resolve(_ reference: String, from resource: Int, at pointer: JSONPointer) throws(SchemaError) -> (
        SchemaRegistry.Location, URIReference
    ) {
        do {
            return try registry.resolve(reference, from: resource)
        } catch {
            throw SchemaError(pointer: pointer, message: error.message)
        }
    }

    // MARK: - OpenAPI

    /// Properties that must not appear in this direction: `readOnly` ones in requests, `writeOnly` ones in
    /// responses (looking through one `$ref`).
    private func directionalProperties(_ schema: JSONObject, document: Int) -> Set<String> {
        let flag: String
        switch options.direction {
        case .none: return []
        case .request: flag = "readOnly"
        case .response: flag = "writeOnly"
        }
        guard case .object(let properties)? = schema["properties"] else { return [] }
        var result: Set<String> = []
        for (name, property) in properties.members {
            if property[flag] == .bool(true) {
                result.insert(name)
            } else if case .string(let reference)? = property["$ref"], reference.hasPrefix("#/"),
                let pointer = JSONPointer(uriFragment: reference),
                registry.documents[document].value(at: pointer)?[flag] == .bool(true)
            {
                result.insert(name)
            }
        }
        return result
    }

    /// The OpenAPI `discriminator` next to `oneOf`/`anyOf`: property name and value-to-schema mapping,
    /// explicit or implied by the names of the `$ref`ed component schemas.
    private func discriminator(_ schema: JSONObject, location: SchemaRegistry.Location, here: JSONPointer)
        throws(SchemaError) -> (String, [String: SchemaNode])?
    {
        guard case .object(let d)? = schema["discriminator"], case .string(let property)? = d["propertyName"] else {
            return nil
        }
        var mapping: [String: SchemaNode] = [:]
        if case .object(let explicit)? = d["mapping"] {
            for (value, target) in explicit.members {
                guard case .string(var reference) = target else { continue }
                if !reference.contains("#") && !reference.contains("/") {
                    reference = "#/components/schemas/" + reference
                }
                let (location, _) = try resolve(
                    reference, from: registry.resourceID(at: location) ?? 0, at: here.appending("discriminator"))
                mapping[value] = try node(at: location)
            }
        }
        let branches: [JSONValue]
        if case .array(let list)? = schema["oneOf"] {
            branches = list
        } else if case .array(let list)? = schema["anyOf"] {
            branches = list
        } else {
            return nil
        }
        for branch in branches {
            guard case .string(let reference)? = branch["$ref"], let name = reference.split(separator: "/").last else {
                continue
            }
            let key = String(name)
            if mapping[key] == nil, !mapping.values.contains(where: { $0.absoluteLocation.hasSuffix(reference) }) {
                let (location, _) = try resolve(
                    reference, from: registry.resourceID(at: location) ?? 0, at: here.appending("discriminator"))
                mapping[key] = try node(at: location)
            }
        }
        return (property, mapping)
    }

    // MARK: - Vocabularies

    private func activeVocabularies(for resource: Int) throws(SchemaError) -> Set<Vocabulary> {
        if let cached = vocabularies[resource] { return cached }
        let all: Set<Vocabulary> = [.core, .applicator, .unevaluated, .validation, .format, .metaData, .content]
        let r = registry.resource(resource)
        var result = all
        let root = registry.value(at: SchemaRegistry.Location(document: r.document, pointer: r.pointer))
        if case .string(let metaURI)? = root?["$schema"], !MetaSchemas.isStandard(metaURI) {
            let base = URIReference(metaURI).withoutFragment.description
            if let meta = MetaSchemas.document(base) ?? options.retrieve(base),
                case .object(let declared)? = meta["$vocabulary"]
            {
                result = [.core]
                for (uri, required) in declared.members {
                    if let v = MetaSchemas.vocabulary(uri) {
                        result.insert(v)
                    } else if required == .bool(true) {
                        throw SchemaError(
                            pointer: JSONPointer(tokens: r.pointer).appending("$schema"),
                            message: "the meta-schema \"\(metaURI)\" requires the unknown vocabulary \"\(uri)\"")
                    }
                }
            }
        }
        vocabularies[resource] = result
        return result
    }
}

/// A value quoted for a message: compact JSON, cut at 60 characters. Only the start is written: a failing
/// 3 KB instance is quoted for every `oneOf` it misses. Characters found in a prefix are the text's own
/// (a boundary depends on what comes before it and on the next character), except perhaps the last.
func quote(_ value: JSONValue) -> String {
    let (bytes, complete) = value.compactJSONPrefix(bytes: 512)
    var text = String(decoding: bytes, as: UTF8.self)
    if !complete, text.count <= 60 { text = value.compactJSON() }
    guard text.count > 60 else { return text }
    return String(text.prefix(57)) + "…"
}
