import JSONCore
import OpenAPIDocument

/// The changes a client can notice between two versions of a document: operations, parameters, request
/// bodies, responses, schemas in both directions, security, and the components they use. Compares by
/// meaning: a path parameter renamed, a component renamed but referenced the same way, members of a
/// `oneOf` reordered, a 3.0 document against its 3.1 spelling are no change.
package struct DocumentDiff {
    let base: SpecDocument
    let revision: SpecDocument
    var schemas: SchemaDiff
    package private(set) var changes: [APIChange] = []

    /// Every change from `base` to `revision`, in document order: operations first, then what lies outside them.
    package static func changes(from base: SpecDocument, to revision: SpecDocument) -> [APIChange] {
        var diff = DocumentDiff(base: base, revision: revision)
        diff.run()
        return diff.changes
    }

    init(base: SpecDocument, revision: SpecDocument) {
        self.base = base
        self.revision = revision
        self.schemas = SchemaDiff(base: base.value, revision: revision.value)
    }

    // MARK: - Recording

    mutating func emit(
        _ id: String, _ text: String, operation: APIChange.Operation?, subject: String, base old: JSONPointer?,
        revision new: JSONPointer?
    ) {
        changes.append(
            APIChange(
                id: id, level: RuleCatalog.level(of: id) ?? .warn, text: text, operation: operation,
                subject: subject, base: old.map { place($0, in: base) }, revision: new.map { place($0, in: revision) }))
    }

    /// The place of `pointer`, or of its nearest ancestor the document has (the root for `webhooks` in a
    /// document without any), so that a place is always a value that is there.
    private func place(_ pointer: JSONPointer, in document: SpecDocument) -> APIChange.Place {
        var existing = pointer.tokens
        while !existing.isEmpty, document.value.value(at: JSONPointer(tokens: existing)) == nil {
            existing.removeLast()
        }
        let found = JSONPointer(tokens: existing)
        return APIChange.Place(pointer: found.description, location: document.location(of: found))
    }

    // MARK: - Operations

    mutating func run() {
        let oldOperations = APIOperation.all(in: base.value)
        let newOperations = APIOperation.all(in: revision.value)
        let newByKey = Dictionary(newOperations.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let oldKeys = Set(oldOperations.map(Self.key))
        let newPaths = Set(newOperations.map { Self.normalized($0.path) })
        for old in oldOperations {
            if let new = newByKey[Self.key(old)] {
                compareOperation(old, new)
                continue
            }
            let deprecated = old.value["deprecated"]?.boolValue == true
            let pathKept = newPaths.contains(Self.normalized(old.path))
            let id =
                pathKept
                ? (deprecated ? "api-removed-with-deprecation" : "api-removed-without-deprecation")
                : (deprecated ? "api-path-removed-with-deprecation" : "api-path-removed-without-deprecation")
            let text = pathKept ? "operation removed" : "path removed"
            let container = newOperations.first { Self.normalized($0.path) == Self.normalized(old.path) }
            emit(
                id, text + (deprecated ? " (it was deprecated)" : ""), operation: Self.name(old), subject: "",
                base: old.pointer,
                revision: container.map { JSONPointer(tokens: Array($0.pointer.tokens.dropLast())) }
                    ?? JSONPointer(tokens: ["paths"]))
        }
        for new in newOperations where !oldKeys.contains(Self.key(new)) {
            emit(
                "endpoint-added", "operation added", operation: Self.name(new), subject: "",
                base: JSONPointer(tokens: ["paths"]), revision: new.pointer)
        }
        compareWebhooks()
        compareGlobalSecurity()
        compareSecuritySchemes()
        compareComponentSchemas()
    }

    /// `get /agents/{}`: path parameters' names do not matter to a client.
    static func key(_ operation: APIOperation) -> String { operation.method + " " + normalized(operation.path) }

    static func normalized(_ path: String) -> String {
        var out = ""
        var inBraces = false
        for character in path {
            if character == "{" {
                inBraces = true
                out.append("{}")
            } else if character == "}" {
                inBraces = false
            } else if !inBraces {
                out.append(character)
            }
        }
        return out
    }

    static func name(_ operation: APIOperation) -> APIChange.Operation {
        APIChange.Operation(
            method: operation.method.uppercased(), path: operation.path,
            operationId: operation.value["operationId"]?.stringValue)
    }

    private mutating func compareOperation(_ old: APIOperation, _ new: APIOperation) {
        let operation = Self.name(new)
        let oldDeprecated = old.value["deprecated"]?.boolValue == true
        let newDeprecated = new.value["deprecated"]?.boolValue == true
        if oldDeprecated != newDeprecated {
            emit(
                newDeprecated ? "endpoint-deprecated" : "endpoint-reactivated",
                newDeprecated ? "operation deprecated" : "operation no longer deprecated", operation: operation,
                subject: "", base: old.pointer, revision: new.pointer.appending("deprecated"))
        }
        let oldId = old.value["operationId"]?.stringValue, newId = new.value["operationId"]?.stringValue
        if let oldId, oldId != newId {
            emit(
                "api-operation-id-removed",
                "operationId \(oldId) removed" + (newId.map { " and replaced with \($0)" } ?? ""),
                operation: operation, subject: oldId, base: old.pointer.appending("operationId"),
                revision: newId == nil ? new.pointer : new.pointer.appending("operationId"))
        } else if oldId == nil, let newId {
            emit(
                "api-operation-id-added", "operationId \(newId) added", operation: operation, subject: newId,
                base: old.pointer, revision: new.pointer.appending("operationId"))
        }
        let oldTags = old.value["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let newTags = new.value["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for tag in oldTags where !newTags.contains(tag) {
            emit(
                "api-tag-removed", "tag \(tag) removed", operation: operation, subject: tag,
                base: old.pointer.appending("tags"), revision: new.pointer)
        }
        for tag in newTags where !oldTags.contains(tag) {
            emit(
                "api-tag-added", "tag \(tag) added", operation: operation, subject: tag, base: old.pointer,
                revision: new.pointer.appending("tags"))
        }
        compareParameters(old, new, operation: operation)
        compareRequestBodies(old, new, operation: operation)
        compareResponses(old, new, operation: operation)
        compareOperationSecurity(old, new, operation: operation)
    }

    // MARK: - Webhooks

    private mutating func compareWebhooks() {
        let old = APIOperation.webhooks(in: base.value), new = APIOperation.webhooks(in: revision.value)
        let oldKeys = Set(old.map { "\($0.method) \($0.path)" }), newKeys = Set(new.map { "\($0.method) \($0.path)" })
        for hook in old where !newKeys.contains("\(hook.method) \(hook.path)") {
            emit(
                "webhook-removed", "webhook \(hook.path) removed", operation: Self.name(hook), subject: "",
                base: hook.pointer, revision: JSONPointer(tokens: ["webhooks"]))
        }
        for hook in new where !oldKeys.contains("\(hook.method) \(hook.path)") {
            emit(
                "webhook-added", "webhook \(hook.path) added", operation: Self.name(hook), subject: "",
                base: JSONPointer(tokens: ["webhooks"]), revision: hook.pointer)
        }
    }

    // MARK: - Schemas

    /// Where a schema is, for naming its rules and saying where a change is.
    struct SchemaPlace {
        enum Root { case body, parameter, header }
        var request: Bool
        var root: Root
        /// `request body application/json`, `query parameter limit`, `response 200 header X-Rate-Limit`.
        var label: String
    }

    mutating func compareSchemas(
        _ old: SchemaFacts.Located, _ new: SchemaFacts.Located, at place: SchemaPlace, operation: APIChange.Operation
    ) {
        for change in schemas.compare(old, new, request: place.request) {
            let direction = place.request ? "request" : "response"
            let id: String
            switch change.kind {
            case .schema(let suffix):
                let prefix: String
                switch (place.root, change.path.isEmpty) {
                case (.body, true): prefix = "\(direction)-body"
                case (.body, false), (.header, false): prefix = "\(direction)-property"
                case (.parameter, true): prefix = "request-parameter"
                case (.parameter, false): prefix = "request-parameter-property"
                case (.header, true): prefix = "response-header"
                }
                id = RuleCatalog.schemaID(prefix: prefix, suffix: suffix)
            case .propertyAdded(let required):
                id =
                    place.request
                    ? (required ? "new-required-request-property" : "new-optional-request-property")
                    : (required ? "response-required-property-added" : "response-optional-property-added")
            case .propertyRemoved(let required):
                id =
                    place.request
                    ? "request-property-removed"
                    : (required ? "response-required-property-removed" : "response-optional-property-removed")
            case .becameRequired: id = "\(direction)-property-became-required"
            case .becameOptional: id = "\(direction)-property-became-optional"
            case .mutability(let label, let required):
                id = "\(direction)-\(required ? "required" : "optional")-property-became-\(label)"
            case .deprecated(let deprecated):
                id = "\(direction)-property-\(deprecated ? "deprecated" : "reactivated")"
            }
            let path = change.path.joined(separator: "/")
            let text: String
            switch change.kind {
            case .propertyAdded(let required):
                text = "\(place.label): \(required ? "required" : "optional") property \(path) added"
            case .propertyRemoved(let required):
                text =
                    "\(place.label): \(place.request ? "" : required ? "required " : "optional ")property \(path) removed"
            default:
                text =
                    path.isEmpty ? "\(place.label): \(change.text)" : "\(place.label): property \(path) \(change.text)"
            }
            emit(
                id, text, operation: operation, subject: "\(place.label) \(path) \(change.key)",
                base: change.base, revision: change.revision)
        }
    }

    /// The schema of a parameter, header or media type object: `schema`, or the one media type of `content`.
    static func schema(of value: JSONValue, at pointer: JSONPointer) -> SchemaFacts.Located? {
        if let schema = value["schema"] { return .init(value: schema, pointer: pointer.appending("schema")) }
        if case .object(let content)? = value["content"], let (type, media) = content.members.first,
            let schema = media["schema"]
        {
            return .init(value: schema, pointer: pointer.appending("content").appending(type).appending("schema"))
        }
        return nil
    }
}
