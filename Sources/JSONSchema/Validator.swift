import JSONCore

/// A compiled schema: validate any number of instances, from any number of threads.
public struct Validator: Sendable {
    let root: SchemaNode
    let dynamicAnchors: [Int: [String: SchemaNode]]
    /// Keeps the node graph alive for as long as the validator is.
    let arena: NodeArena

    /// Whether `instance` conforms. Stops at the first failure; much faster than `validate` on bad data.
    public func isValid(_ instance: JSONValue) -> Bool {
        var evaluator = Evaluator(dynamicAnchors: dynamicAnchors, recording: false)
        var scratch = Evaluated()
        return evaluator.eval(root, instance, &scratch, collect: false)
    }

    /// Every error in `instance`, in instance order; empty when it conforms.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        if isValid(instance) { return [] }
        var evaluator = Evaluator(dynamicAnchors: dynamicAnchors, recording: true)
        var scratch = Evaluated()
        _ = evaluator.eval(root, instance, &scratch, collect: false)
        return evaluator.errors
    }
}

/// What in-place subschemas evaluated, for `unevaluatedProperties` and `unevaluatedItems`.
struct Evaluated {
    var properties: Set<String> = []
    var allProperties = false
    var itemPrefix = 0
    var allItems = false
    var items: Set<Int> = []

    mutating func merge(_ other: Evaluated) {
        if other.allProperties {
            allProperties = true
        } else if !other.properties.isEmpty {
            properties.formUnion(other.properties)
        }
        if other.allItems { allItems = true }
        itemPrefix = Swift.max(itemPrefix, other.itemPrefix)
        if !other.items.isEmpty { items.formUnion(other.items) }
    }

    func isEvaluated(property: String) -> Bool { allProperties || properties.contains(property) }
    func isEvaluated(item: Int) -> Bool { allItems || item < itemPrefix || items.contains(item) }
}
