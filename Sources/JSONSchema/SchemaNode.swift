import JSONCore

/// One compiled schema: a boolean or a list of keyword checks, linked to other nodes.
///
/// Nodes form a graph (references may be cyclic), so they are classes that are filled in once by the
/// compiler and only read afterwards.
final class SchemaNode: @unchecked Sendable {
    enum Body {
        case always(Bool)
        case keywords([Keyword])
    }

    var body: Body = .always(true)
    /// The schema resource the node belongs to, for `$dynamicRef`'s dynamic scope.
    let resource: Int
    /// `uri#pointer` of the node, for `absoluteKeywordLocation`.
    let absoluteLocation: String
    /// Whether an `unevaluated*` keyword here needs annotations from in-place applicators.
    var needsAnnotations = false
    /// The fast verdict when the node is a leaf (see `LeafCheck`), set once the graph is complete.
    var leaf: LeafCheck?
    var leafDecided = false
    /// `body` as the tape's fast pass reads it, set with the leaf: a boolean schema's verdict, or the
    /// keywords behind a plain pointer (no array retained and released per visit), each with its
    /// `TapeStep` at the same index. The arena frees them.
    private(set) var fixedVerdict: Bool?
    private(set) var keywordBuffer = UnsafeMutableBufferPointer<Keyword>(start: nil, count: 0)
    private(set) var steps = UnsafeMutableBufferPointer<TapeStep>(start: nil, count: 0)

    /// Copies `body` into `fixedVerdict`, or `keywordBuffer` and `steps`; the body is not changed afterwards.
    func freeze() {
        switch body {
        case .always(let allowed): fixedVerdict = allowed
        case .keywords(let keywords):
            keywordBuffer = .allocate(capacity: keywords.count)
            _ = keywordBuffer.initialize(from: keywords)
            steps = .allocate(capacity: keywords.count)
            _ = steps.initialize(from: keywords.map(TapeStep.init))
        }
    }

    /// Frees `keywordBuffer` and `steps` (the arena, when it empties the graph).
    func thaw() {
        for step in steps { step.free() }
        steps.deallocate()
        steps = UnsafeMutableBufferPointer(start: nil, count: 0)
        keywordBuffer.deinitialize()
        keywordBuffer.deallocate()
        keywordBuffer = UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    init(resource: Int, absoluteLocation: String) {
        self.resource = resource
        self.absoluteLocation = absoluteLocation
    }
}

/// Owns every node a compiler makes. Nodes point at each other strongly (references can be cyclic), so
/// when the last validator and the compiler are gone the arena empties each node, breaking the cycles.
final class NodeArena: @unchecked Sendable {
    var nodes: [SchemaNode] = []
    /// Objects that leaves point at without owning (`LeafCheck.strings`).
    private var held: [AnyObject] = []

    func retain(_ object: AnyObject) { held.append(object) }

    /// How many nodes (from the front: nodes are only appended) have their leaf decided.
    private var decided = 0

    /// Decides the leaf of every node added since the last call; a pure `$ref` to a leaf is that leaf.
    /// A compiler compiles an OpenAPI document's schemas one by one, so only the new nodes are visited.
    func decideLeaves() {
        for node in nodes[decided...] {
            decideLeaf(node, visiting: [])
            node.freeze()
        }
        decided = nodes.count
    }

    private func decideLeaf(_ node: SchemaNode, visiting: Set<ObjectIdentifier>) {
        guard !node.leafDecided else { return }
        guard case .keywords(let keywords) = node.body else {
            node.leafDecided = true
            return
        }
        if keywords.count == 1, case .ref(let target) = keywords[0] {
            // A reference cycle is no leaf.
            guard !visiting.contains(ObjectIdentifier(target)) else {
                node.leafDecided = true
                return
            }
            decideLeaf(target, visiting: visiting.union([ObjectIdentifier(node)]))
            node.leaf = target.leaf
        } else {
            node.leaf = LeafCheck(keywords, arena: self)
        }
        node.leafDecided = true
    }

    deinit {
        for node in nodes {
            node.body = .always(true)
            node.thaw()
        }
    }
}

/// `properties`: names and their subschemas in parallel arrays (scanned when few), and a lookup for many.
/// One object, so that handing the keyword around retains one reference rather than three.
final class PropertyTable: @unchecked Sendable {
    let names: [String]
    let nodes: [SchemaNode]
    let lookup: [String: SchemaNode]
    /// The names again, for finding a tape's keys among them.
    let list: NameList
    /// The positions of the names the same schema's `required` lists, when it lists only names of this
    /// table (ASCII, at most 64): the tape's fast pass then marks them while it walks the members, and
    /// that `required` is settled there (`NameList.foundWithProperties`). Set once, by the compiler.
    var requiredMask: UInt64 = 0
    /// `nodes` unmanaged, for the tape's fast pass (held by `nodes`).
    let unmanagedNodes: UnsafeMutableBufferPointer<Unmanaged<SchemaNode>>

    init(_ map: [(String, SchemaNode)]) {
        names = map.map(\.0)
        list = NameList(names)
        nodes = map.map(\.1)
        lookup = Dictionary(map, uniquingKeysWith: { first, _ in first })
        unmanagedNodes = TapeStep.unmanaged(nodes)
    }

    deinit { unmanagedNodes.deallocate() }

    /// Lets the tape's fast pass settle the same schema's `required` while it walks these properties (one
    /// lookup per key, not two), when every required name is one of them, all ASCII, at most 64.
    func settle(_ required: NameList) {
        guard list.isASCII, required.isASCII, names.count <= 64 else { return }
        var mask: UInt64 = 0
        for name in required.names {
            guard let p = names.firstIndex(of: name) else { return }
            mask |= 1 << UInt64(p)
        }
        requiredMask = mask
        required.foundWithProperties = true
    }
}

/// The JSON types `type` can name, as a bit set.
struct TypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let integer = TypeSet(rawValue: 4)
    static let number = TypeSet(rawValue: 8)
    static let string = TypeSet(rawValue: 16)
    static let array = TypeSet(rawValue: 32)
    static let object = TypeSet(rawValue: 64)

    static let names: [(String, TypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number), ("string", .string),
        ("array", .array), ("object", .object),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        guard let match = TypeSet.names.first(where: { $0.0 == name }) else { return nil }
        self = match.1
    }

    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .number(let n): contains(.number) || (contains(.integer) && n.isInteger)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    var description: String {
        TypeSet.names.filter { contains($0.1) }.map { "\"\($0.0)\"" }.joined(separator: " or ")
    }
}

/// One compiled keyword.
enum Keyword {
    case type(TypeSet)
    case enumeration([JSONValue])
    case const(JSONValue)
    case multipleOf(JSONNumber)
    case maximum(JSONNumber)
    case exclusiveMaximum(JSONNumber)
    case minimum(JSONNumber)
    case exclusiveMinimum(JSONNumber)
    case maxLength(Int)
    case minLength(Int)
    case pattern(Pattern)
    case format(String, FormatCheck)
    /// OpenAPI's `int32`/`int64`: the number must lie in the type's range.
    case integerFormat(String, minimum: JSONNumber, maximum: JSONNumber)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case contains(SchemaNode, min: Int, max: Int?)
    case maxProperties(Int)
    case minProperties(Int)
    case required(NameList)
    case dependentRequired([(String, [String])])
    case properties(PropertyTable)
    case patternProperties([(Pattern, SchemaNode)])
    case additionalProperties(SchemaNode, known: NameList, patterns: [Pattern])
    case propertyNames(SchemaNode)
    case prefixItems([SchemaNode])
    case items(SchemaNode, prefix: Int)
    case allOf([SchemaNode])
    case anyOf([SchemaNode])
    case oneOf([SchemaNode])
    case not(SchemaNode)
    case conditional(if: SchemaNode, then: SchemaNode?, else: SchemaNode?)
    case dependentSchemas([(String, SchemaNode)])
    case ref(SchemaNode)
    /// `$dynamicRef`: the static target, and the anchor name to look for in the dynamic scope when the
    /// static target is itself a `$dynamicAnchor` of that name.
    case dynamicRef(SchemaNode, anchor: String?)
    /// OpenAPI `readOnly` properties in a request, or `writeOnly` ones in a response.
    case forbiddenProperties([String], reason: String)
    /// OpenAPI `discriminator` over `oneOf`/`anyOf`: a mapped tag picks its branch (for precise errors);
    /// any other value falls back to the plain `oneOf`/`anyOf` rule, since the discriminator is a hint.
    case discriminator(property: String, mapping: [String: SchemaNode], keyword: String, branches: [SchemaNode])
    case unevaluatedItems(SchemaNode)
    case unevaluatedProperties(SchemaNode)
}
