import JSONCore

/// A difference between two schemas, relative to the pair compared: the rule's kind, the property path
/// below the compared schema, and where it is in both documents. `DocumentDiff` names the rule once it
/// knows where the schema is (a request body, a response header, …).
struct SchemaChange: Sendable {
    enum Kind: Sendable, Hashable {
        /// One of `RuleCatalog.schemaKinds`, by suffix: `max-decreased`.
        case schema(String)
        case propertyAdded(required: Bool)
        case propertyRemoved(required: Bool)
        case becameRequired
        case becameOptional
        /// `read-only`, `not-read-only`, `write-only`, `not-write-only`, of a property that is required or not.
        case mutability(String, required: Bool)
        case deprecated(Bool)
    }

    var kind: Kind
    /// Property names, `items` and `additionalProperties` from the compared schema down to the change.
    var path: [String]
    var base: JSONPointer?
    var revision: JSONPointer?
    /// What changed, after the place: `maximum decreased from 10 to 5`.
    var text: String
    /// Tells two changes of one rule at one place apart (the enum value removed).
    var key: String

    init(
        _ kind: Kind, path: [String] = [], base: JSONPointer?, revision: JSONPointer?, text: String,
        key: String = ""
    ) {
        self.kind = kind
        self.path = path
        self.base = base
        self.revision = revision
        self.text = text
        self.key = key
    }

    /// The change seen from a schema one level up (`name` becomes `data/name`).
    func under(_ step: String) -> SchemaChange {
        var moved = self
        moved.path.insert(step, at: 0)
        return moved
    }
}
