/// A keyword as the tape's fast pass reads it. The keywords met on nearly every value (`type`,
/// `properties`, `required`, `items`, `$ref`, `allOf`, `anyOf`, `oneOf`) hold their tables and subschemas
/// unmanaged, so that reading one retains nothing; any other is `.general`, and the pass reads the node's
/// `Keyword` itself. Made when a node is frozen (`SchemaNode.freeze`), from keywords the node keeps, which
/// keep everything a step points at alive.
enum TapeStep {
    case type(TypeSet)
    case properties(Unmanaged<PropertyTable>)
    case required(Unmanaged<NameList>)
    case items(Unmanaged<SchemaNode>, prefix: Int)
    case ref(Unmanaged<SchemaNode>)
    case allOf(UnsafeMutableBufferPointer<Unmanaged<SchemaNode>>)
    case anyOf(UnsafeMutableBufferPointer<Unmanaged<SchemaNode>>)
    case oneOf(UnsafeMutableBufferPointer<Unmanaged<SchemaNode>>)
    case general

    init(_ keyword: Keyword) {
        switch keyword {
        case .type(let types): self = .type(types)
        case .properties(let table): self = .properties(.passUnretained(table))
        case .required(let names): self = .required(.passUnretained(names))
        case .items(let schema, let prefix): self = .items(.passUnretained(schema), prefix: prefix)
        case .ref(let target): self = .ref(.passUnretained(target))
        case .allOf(let schemas): self = .allOf(Self.unmanaged(schemas))
        case .anyOf(let schemas): self = .anyOf(Self.unmanaged(schemas))
        case .oneOf(let schemas): self = .oneOf(Self.unmanaged(schemas))
        default: self = .general
        }
    }

    /// Nodes as unmanaged references in a buffer of their own (`free` gives it back).
    static func unmanaged(_ nodes: [SchemaNode]) -> UnsafeMutableBufferPointer<Unmanaged<SchemaNode>> {
        let buffer = UnsafeMutableBufferPointer<Unmanaged<SchemaNode>>.allocate(capacity: nodes.count)
        _ = buffer.initialize(from: nodes.map { .passUnretained($0) })
        return buffer
    }

    /// Gives back the buffer of a list of subschemas.
    func free() {
        switch self {
        case .allOf(let buffer), .anyOf(let buffer), .oneOf(let buffer): buffer.deallocate()
        default: break
        }
    }
}
