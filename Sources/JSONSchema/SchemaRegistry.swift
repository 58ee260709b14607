import JSONCore

/// Every schema resource the compiler can reach: documents by URI, the resources embedded in them
/// (`$id`), and their anchors (`$anchor`, `$dynamicAnchor`).
///
/// Documents are found by walking only where schemas can be, so an `$id` inside `const`, `enum` or
/// `examples` is data, not an identifier.
struct SchemaRegistry {
    struct Resource {
        let id: Int
        let uri: String
        let document: Int
        /// Where the resource's root sits in its document.
        let pointer: [String]
        var anchors: [String: [String]] = [:]
        var dynamicAnchors: [String: [String]] = [:]
    }

    struct Location: Hashable {
        let document: Int
        let pointer: [String]
    }

    private(set) var documents: [JSONValue] = []
    private(set) var resources: [Resource] = []
    private var resourceByURI: [String: Int] = [:]
    /// The resource each walked schema location belongs to.
    private var resourceAtLocation: [Location: Int] = [:]
    let retrieve: @Sendable (String) -> JSONValue?

    init(retrieve: @escaping @Sendable (String) -> JSONValue?) {
        self.retrieve = retrieve
    }

    func resource(_ id: Int) -> Resource { resources[id] }

    func value(at location: Location) -> JSONValue? {
        documents[location.document].value(at: JSONPointer(tokens: location.pointer))
    }

    /// The resource a location belongs to: the walked one, or the nearest walked ancestor's.
    func resourceID(at location: Location) -> Int? {
        var pointer = location.pointer
        while true {
            if let id = resourceAtLocation[Location(document: location.document, pointer: pointer)] { return id }
            if pointer.isEmpty { return nil }
            pointer.removeLast()
        }
    }

    /// Adds a document under `uri` and indexes the schemas found at `schemaPointers` inside it
    /// (the root for a plain schema; component schemas for an OpenAPI document).
    @discardableResult
    mutating func add(document: JSONValue, uri: String, schemaPointers: [[String]] = [[]]) throws(SchemaError) -> Int {
        let index = documents.count
        documents.append(document)
        let rootID = newResource(uri: uri, document: index, pointer: [])
        resourceAtLocation[Location(document: index, pointer: [])] = rootID
        for pointer in schemaPointers {
            guard let value = document.value(at: JSONPointer(tokens: pointer)) else { continue }
            try walk(value, document: index, pointer: pointer, resource: rootID)
        }
        return index
    }

    private mutating func newResource(uri: String, document: Int, pointer: [String]) -> Int {
        if let existing = resourceByURI[uri] { return existing }
        let id = resources.count
        resources.append(Resource(id: id, uri: uri, document: document, pointer: pointer))
        resourceByURI[uri] = id
        return id
    }

    private mutating func walk(_ value: JSONValue, document: Int, pointer: [String], resource: Int)
        throws(SchemaError)
    {
        guard case .object(let object) = value else { return }
        var current = resource
        if case .string(let id)? = object["$id"] {
            let resolved = URIReference(id).resolved(against: URIReference(resources[resource].uri))
            if let fragment = resolved.fragment, !fragment.isEmpty {
                throw SchemaError(
                    pointer: JSONPointer(tokens: pointer).appending("$id"),
                    message: "\"$id\" must not have a fragment, got \"\(id)\"")
            }
            current = newResource(uri: resolved.withoutFragment.description, document: document, pointer: pointer)
        }
        resourceAtLocation[Location(document: document, pointer: pointer)] = current
        let relative = Array(pointer.dropFirst(resources[current].pointer.count))
        if case .string(let name)? = object["$anchor"] {
            resources[current].anchors[name] = relative
        }
        if case .string(let name)? = object["$dynamicAnchor"] {
            resources[current].anchors[name] = relative
            resources[current].dynamicAnchors[name] = relative
        }
        for (key, child) in object.members {
            switch key {
            case "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
                "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems":
                try walk(child, document: document, pointer: pointer + [key], resource: current)
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
                guard case .object(let map) = child else { continue }
                for (name, schema) in map.members {
                    try walk(schema, document: document, pointer: pointer + [key, name], resource: current)
                }
            case "allOf", "anyOf", "oneOf", "prefixItems":
                guard case .array(let items) = child else { continue }
                for (i, schema) in items.enumerated() {
                    try walk(schema, document: document, pointer: pointer + [key, String(i)], resource: current)
                }
            default:
                continue
            }
        }
    }

    /// Resolves a reference found in `resource` to a location, fetching unknown documents through
    /// `retrieve`.
    mutating func resolve(_ reference: String, from resource: Int) throws(SchemaError) -> (Location, URIReference) {
        let target = URIReference(reference).resolved(against: URIReference(resources[resource].uri))
        let base = target.withoutFragment.description
        if resourceByURI[base] == nil {
            guard let document = retrieve(base) else {
                throw SchemaError(
                    pointer: nil, message: "cannot resolve \"\(reference)\": no schema is known at \"\(base)\"")
            }
            try add(document: document, uri: base)
        }
        guard let id = resourceByURI[base] else {
            throw SchemaError(pointer: nil, message: "cannot resolve \"\(reference)\"")
        }
        let found = resources[id]
        let fragment = target.fragment ?? ""
        if fragment.isEmpty {
            return (Location(document: found.document, pointer: found.pointer), target)
        }
        if fragment.hasPrefix("/") {
            guard let pointer = JSONPointer(uriFragment: fragment) else {
                throw SchemaError(pointer: nil, message: "\"\(reference)\" has a malformed JSON pointer fragment")
            }
            let location = Location(document: found.document, pointer: found.pointer + pointer.tokens)
            guard value(at: location) != nil else {
                throw SchemaError(pointer: nil, message: "cannot resolve \"\(reference)\": nothing at \"\(fragment)\"")
            }
            return (location, target)
        }
        guard let relative = found.anchors[fragment] else {
            throw SchemaError(
                pointer: nil, message: "cannot resolve \"\(reference)\": no anchor \"\(fragment)\" in \"\(base)\"")
        }
        return (Location(document: found.document, pointer: found.pointer + relative), target)
    }

    func dynamicAnchor(_ name: String, in resource: Int) -> Location? {
        let r = resources[resource]
        guard let relative = r.dynamicAnchors[name] else { return nil }
        return Location(document: r.document, pointer: r.pointer + relative)
    }
}

/// A schema that cannot be compiled: where (a JSON pointer into the schema, when known) and why.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pointer: JSONPointer?
    public var message: String

    public init(pointer: JSONPointer?, message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        guard let pointer else { return message }
        return "\(pointer.description.isEmpty ? "(root)" : pointer.description): \(message)"
    }
}
