import JSONCore
import OpenAPIDocument

/// Compares two schemas by what they accept, in one direction: in a request what the revision stops
/// accepting breaks clients, in a response what it starts sending does. Recursive schemas end; a pair of
/// schemas already compared (a shared component reached from many operations) is compared once.
struct SchemaDiff {
    let base: JSONValue
    let revision: JSONValue
    private var cache: [String: [SchemaChange]] = [:]
    private var inProgress: Set<String> = []

    init(base: JSONValue, revision: JSONValue) {
        self.base = base
        self.revision = revision
    }

    /// The changes from `old` (in the base) to `new` (in the revision), read in a request or a response.
    mutating func compare(_ old: SchemaFacts.Located, _ new: SchemaFacts.Located, request: Bool) -> [SchemaChange] {
        let b = SchemaFacts(old.value, at: old.pointer, in: base)
        let r = SchemaFacts(new.value, at: new.pointer, in: revision)
        let key = "\(b.pointer)|\(r.pointer)|\(request)"
        if let known = cache[key] { return known }
        guard !inProgress.contains(key) else { return [] }
        inProgress.insert(key)
        let changes = compare(b, r, request: request)
        inProgress.remove(key)
        cache[key] = changes
        return changes
    }

    private mutating func compare(_ b: SchemaFacts, _ r: SchemaFacts, request: Bool) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        func add(_ suffix: String, _ text: String, key: String = "") {
            changes.append(SchemaChange(.schema(suffix), base: b.pointer, revision: r.pointer, text: text, key: key))
        }
        // Types and formats
        let oldTypes = Self.types(of: b), newTypes = Self.types(of: r)
        if oldTypes != newTypes {
            let widened = oldTypes.map { old in old.allSatisfy { Self.covers(newTypes, $0) } } ?? (newTypes == nil)
            let narrowed = newTypes.map { new in new.allSatisfy { Self.covers(oldTypes, $0) } } ?? (oldTypes == nil)
            let text = "type changed from \(Self.name(oldTypes)) to \(Self.name(newTypes))"
            if widened {
                add("type-generalized", text)
            } else if narrowed && !request {
                add("type-specialized", text)
            } else {
                add("type-changed", text)
            }
        } else if b.format != r.format {
            let text = "format changed from \(b.format ?? "none") to \(r.format ?? "none")"
            if r.format == nil {
                add("type-generalized", text)
            } else if b.format == nil && !request {
                add("type-specialized", text)
            } else {
                add("type-changed", text)
            }
        }
        if b.nullable != r.nullable {
            add(
                r.nullable ? "became-nullable" : "became-not-nullable",
                r.nullable ? "became nullable" : "became not nullable")
        }
        // Values
        switch (b.enumValues, r.enumValues) {
        case (nil, let values?):
            add("became-enum", "was restricted to the values \(Self.list(values))")
        case (let old?, let new?):
            for value in old where !new.contains(value) {
                add("enum-value-removed", "enum value \(value.compactJSON()) removed", key: value.compactJSON())
            }
            for value in new where !old.contains(value) {
                add("enum-value-added", "enum value \(value.compactJSON()) added", key: value.compactJSON())
            }
        default: break
        }
        switch (b.constValue, r.constValue) {
        case (nil, let value?): add("const-added", "const \(value.compactJSON()) added")
        case (let value?, nil): add("const-removed", "const \(value.compactJSON()) removed")
        case (let old?, let new?) where old != new:
            add("const-changed", "const changed from \(old.compactJSON()) to \(new.compactJSON())")
        default: break
        }
        // Bounds
        for keyword in SchemaFacts.boundKeywords {
            let name = Self.boundNames[keyword] ?? keyword
            switch (b.bounds[keyword], r.bounds[keyword]) {
            case (nil, let value?): add("\(name)-set", "\(keyword) set to \(value)")
            case (let value?, nil): add("\(name)-unset", "\(keyword) \(value) removed")
            case (let old?, let new?) where old != new:
                add(
                    new < old ? "\(name)-decreased" : "\(name)-increased",
                    "\(keyword) \(new < old ? "decreased" : "increased") from \(old) to \(new)")
            default: break
            }
        }
        switch (b.pattern, r.pattern) {
        case (nil, let pattern?): add("pattern-added", "pattern \(pattern) added")
        case (let pattern?, nil): add("pattern-removed", "pattern \(pattern) removed")
        case (let old?, let new?) where old != new: add("pattern-changed", "pattern changed from \(old) to \(new)")
        default: break
        }
        switch (b.defaultValue, r.defaultValue) {
        case (nil, let value?): add("default-value-added", "default value \(value.compactJSON()) added")
        case (let value?, nil): add("default-value-removed", "default value \(value.compactJSON()) removed")
        case (let old?, let new?) where old != new:
            add("default-value-changed", "default value changed from \(old.compactJSON()) to \(new.compactJSON())")
        default: break
        }
        compareDiscriminators(b, r, add: add)
        changes += compareProperties(b, r, request: request)
        if let old = b.items, let new = r.items {
            changes += compare(old, new, request: request).map { $0.under("items") }
        }
        if let old = b.additionalProperties, let new = r.additionalProperties {
            changes += compare(old, new, request: request).map { $0.under("additionalProperties") }
        }
        changes += compareMembers(b.oneOf, r.oneOf, keyword: "one-of", parent: (b, r), request: request)
        changes += compareMembers(b.anyOf, r.anyOf, keyword: "any-of", parent: (b, r), request: request)
        // allOf members' keywords are already merged in: a member added or removed is reported when it
        // changes what the schema's properties are, not when the same schema was only written differently.
        if Set(b.properties.map(\.name)) != Set(r.properties.map(\.name)) || b.required != r.required {
            changes += compareMembers(
                b.allOf, r.allOf, keyword: "all-of", parent: (b, r), request: request, recurse: false)
        }
        return changes
    }

    private func compareDiscriminators(
        _ b: SchemaFacts, _ r: SchemaFacts, add: (String, String, String) -> Void
    ) {
        switch (b.discriminator, r.discriminator) {
        case (nil, let new?): add("discriminator-added", "discriminator on \(new.propertyName) added", "")
        case (let old?, nil): add("discriminator-removed", "discriminator on \(old.propertyName) removed", "")
        case (let old?, let new?):
            if old.propertyName != new.propertyName {
                add(
                    "discriminator-property-name-changed",
                    "discriminator property changed from \(old.propertyName) to \(new.propertyName)", "")
            }
            for (value, target) in old.mapping.sorted(by: { $0.key < $1.key }) {
                guard let newTarget = new.mapping[value] else {
                    add("discriminator-mapping-deleted", "discriminator mapping \(value) removed", value)
                    continue
                }
                // A renamed component with the same content is no change.
                if newTarget != target, !sameContent(target, newTarget) {
                    add(
                        "discriminator-mapping-changed",
                        "discriminator mapping \(value) changed from \(target) to \(newTarget)", value)
                }
            }
            for value in new.mapping.keys.sorted() where old.mapping[value] == nil {
                add("discriminator-mapping-added", "discriminator mapping \(value) added", value)
            }
        default: break
        }
    }

    private mutating func compareProperties(_ b: SchemaFacts, _ r: SchemaFacts, request: Bool) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        // A client does not send read-only properties, and does not read write-only ones.
        func ignored(_ facts: SchemaFacts) -> Bool { request ? facts.readOnly : facts.writeOnly }
        for (name, old) in b.properties {
            let oldFacts = SchemaFacts(old.value, at: old.pointer, in: base)
            let oldRequired = b.required.contains(name) && !ignored(oldFacts)
            guard let new = r.property(name) else {
                if ignored(oldFacts) && request { continue }
                let required = request ? false : oldRequired
                changes.append(
                    SchemaChange(
                        .propertyRemoved(required: required), path: [name], base: old.pointer, revision: r.pointer,
                        text: "removed"))
                continue
            }
            let newFacts = SchemaFacts(new.value, at: new.pointer, in: revision)
            let newRequired = r.required.contains(name) && !ignored(newFacts)
            for (was, now, change) in [
                (oldFacts.readOnly, newFacts.readOnly, "read-only"),
                (oldFacts.writeOnly, newFacts.writeOnly, "write-only"),
            ] where was != now {
                let label = now ? change : "not-\(change)"
                changes.append(
                    SchemaChange(
                        .mutability(label, required: r.required.contains(name)), path: [name], base: old.pointer,
                        revision: new.pointer, text: "became \(label)"))
            }
            if oldFacts.deprecated != newFacts.deprecated {
                changes.append(
                    SchemaChange(
                        .deprecated(newFacts.deprecated), path: [name], base: old.pointer, revision: new.pointer,
                        text: newFacts.deprecated ? "deprecated" : "reactivated"))
            }
            if ignored(oldFacts) && ignored(newFacts) { continue }
            if oldRequired != newRequired && !(ignored(oldFacts) || ignored(newFacts)) {
                changes.append(
                    SchemaChange(
                        newRequired ? .becameRequired : .becameOptional, path: [name], base: old.pointer,
                        revision: new.pointer, text: newRequired ? "became required" : "became optional"))
            }
            changes += compare(old, new, request: request).map { $0.under(name) }
        }
        for (name, new) in r.properties where b.property(name) == nil {
            let newFacts = SchemaFacts(new.value, at: new.pointer, in: revision)
            if ignored(newFacts) { continue }
            changes.append(
                SchemaChange(
                    .propertyAdded(required: r.required.contains(name)), path: [name], base: b.pointer,
                    revision: new.pointer, text: "added"))
        }
        return changes
    }

    /// `oneOf`, `anyOf` or `allOf` members: paired by component name, title or discriminator value, then
    /// by content (a renamed component, a moved member), then by shape when that pairs them one to one.
    /// Order does not matter. Paired members are compared; the rest were added or removed.
    private mutating func compareMembers(
        _ old: [SchemaFacts.Located], _ new: [SchemaFacts.Located], keyword: String,
        parent: (SchemaFacts, SchemaFacts), request: Bool, recurse: Bool = true
    ) -> [SchemaChange] {
        if old.isEmpty && new.isEmpty { return [] }
        let oldFacts = old.map { SchemaFacts($0.value, at: $0.pointer, in: base, depth: 15) }
        let newFacts = new.map { SchemaFacts($0.value, at: $0.pointer, in: revision, depth: 15) }
        var pairs: [(Int, Int)] = []
        var freeOld = Array(old.indices), freeNew = Array(new.indices)
        func pair(by key: (SchemaFacts, SchemaFacts.Located, JSONValue, SchemaFacts?) -> String?) {
            for i in freeOld {
                guard let k = key(oldFacts[i], old[i], base, parent.0) else { continue }
                if let j = freeNew.first(where: { key(newFacts[$0], new[$0], revision, parent.1) == k }) {
                    pairs.append((i, j))
                    freeOld.removeAll { $0 == i }
                    freeNew.removeAll { $0 == j }
                }
            }
        }
        pair { facts, _, _, _ in facts.refName.map { "ref:" + $0 } }
        pair { facts, _, _, _ in facts.title.map { "title:" + $0 } }
        pair { facts, _, _, parent in
            guard let property = parent?.discriminator?.propertyName else { return nil }
            return Self.discriminatorValue(of: facts, property: property)
        }
        pair { _, member, document, _ in
            LocalReference.resolve(member.value, at: JSONPointer(), in: document).value.compactJSON()
        }
        // Unnamed members whose shapes pair them one to one.
        let oldShapes = freeOld.map { oldFacts[$0].shape }, newShapes = freeNew.map { newFacts[$0].shape }
        for (i, shape) in zip(freeOld, oldShapes)
        where oldShapes.filter({ $0 == shape }).count == 1 && newShapes.filter({ $0 == shape }).count == 1 {
            if let j = freeNew.first(where: { newFacts[$0].shape == shape }) {
                pairs.append((i, j))
                freeOld.removeAll { $0 == i }
                freeNew.removeAll { $0 == j }
            }
        }
        var changes: [SchemaChange] = []
        for i in freeOld {
            let label = Self.label(oldFacts[i], index: i)
            changes.append(
                SchemaChange(
                    .schema("\(keyword)-removed"), base: old[i].pointer, revision: parent.1.pointer,
                    text: "\(keyword.replacingAll("-", with: "")) member \(label) removed", key: label))
        }
        for j in freeNew {
            let label = Self.label(newFacts[j], index: j)
            changes.append(
                SchemaChange(
                    .schema("\(keyword)-added"), base: parent.0.pointer, revision: new[j].pointer,
                    text: "\(keyword.replacingAll("-", with: "")) member \(label) added", key: label))
        }
        if recurse {
            for (i, j) in pairs.sorted(by: { $0.0 < $1.0 }) {
                changes += compare(old[i], new[j], request: request)
            }
        }
        return changes
    }

    private func sameContent(_ oldReference: String, _ newReference: String) -> Bool {
        guard let oldPointer = JSONPointer(uriFragment: oldReference),
            let newPointer = JSONPointer(uriFragment: newReference)
        else { return false }
        return base.value(at: oldPointer) == revision.value(at: newPointer)
    }

    // MARK: - Helpers

    static let boundNames = [
        "maximum": "max", "exclusiveMaximum": "exclusive-max", "minimum": "min", "exclusiveMinimum": "exclusive-min",
        "maxLength": "max-length", "minLength": "min-length", "maxItems": "max-items", "minItems": "min-items",
        "maxProperties": "max-properties", "minProperties": "min-properties",
    ]

    /// The types a schema allows: as written, or as its keywords imply when it has no `type` (an object
    /// for `properties`, an array for `items`, strings for an enum of strings), so that writing out
    /// the type a schema already had is no change.
    static func types(of facts: SchemaFacts) -> Set<String>? {
        if let types = facts.types { return types }
        if !facts.properties.isEmpty { return ["object"] }
        if facts.items != nil { return ["array"] }
        if let values = facts.enumValues, !values.isEmpty, values.allSatisfy({ $0.stringValue != nil }) {
            return ["string"]
        }
        return nil
    }

    /// Whether a value of `type` is accepted by `types` (nil: any type; a number accepts integers).
    static func covers(_ types: Set<String>?, _ type: String) -> Bool {
        guard let types else { return true }
        return types.contains(type) || (type == "integer" && types.contains("number"))
    }

    static func name(_ types: Set<String>?) -> String {
        guard let types else { return "any" }
        return types.isEmpty ? "null" : types.sorted().joined(separator: " or ")
    }

    static func list(_ values: [JSONValue]) -> String {
        values.map { $0.compactJSON() }.joined(separator: ", ")
    }

    static func componentName(_ reference: String) -> String? {
        JSONPointer(uriFragment: reference)?.tokens.last
    }

    static func label(_ facts: SchemaFacts, index: Int) -> String {
        facts.refName ?? facts.title.map { "'\($0)'" } ?? "#\(index)"
    }

    static func discriminatorValue(of facts: SchemaFacts, property: String) -> String? {
        guard let schema = facts.property(property) else { return nil }
        if let value = schema.value["const"]?.stringValue { return "discriminator:" + value }
        if let values = schema.value["enum"]?.arrayValue, values.count == 1, let value = values[0].stringValue {
            return "discriminator:" + value
        }
        return nil
    }
}
