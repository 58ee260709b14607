import JSONCore
import OpenAPIDocument

extension DocumentDiff {
    /// Security requirements as alternatives a client may meet: scheme names (`+` between those needed
    /// together; empty for none needed) → the scopes each scheme asks for.
    static func alternatives(_ requirements: JSONValue?) -> [(key: String, scopes: [String: [String]], index: Int)] {
        // No list, or an empty one: nothing is needed (index -1: the alternative is not written).
        guard let list = requirements?.arrayValue, !list.isEmpty else { return [("", [:], -1)] }
        return list.enumerated().map { index, requirement in
            var scopes: [String: [String]] = [:]
            for (scheme, value) in requirement.objectValue?.members ?? [] {
                scopes[scheme] = value.arrayValue?.compactMap(\.stringValue) ?? []
            }
            return (scopes.keys.sorted().joined(separator: "+"), scopes, index)
        }
    }

    static func describe(_ key: String) -> String { key.isEmpty ? "no credentials" : key }

    /// Compares two lists of security requirements: an alternative a client used that is gone breaks it,
    /// and so does a scope an alternative now asks for (no credentials at all is an alternative too).
    private mutating func compareRequirements(
        _ old: JSONValue?, at oldPointer: JSONPointer, _ new: JSONValue?, at newPointer: JSONPointer,
        prefix: String, operation: APIChange.Operation?
    ) {
        let oldAlternatives = Self.alternatives(old), newAlternatives = Self.alternatives(new)
        let place = prefix == "api-global-security" ? "the API" : "the operation"
        // Pair alternatives that are the same (schemes and scopes), then those with the same schemes,
        // whose scopes changed; the rest were removed or added.
        var freeOld = Array(oldAlternatives.indices), freeNew = Array(newAlternatives.indices)
        var pairs: [(Int, Int)] = []
        for sameScopes in [true, false] {
            for i in freeOld {
                let candidate = freeNew.first { j in
                    oldAlternatives[i].key == newAlternatives[j].key
                        && (!sameScopes || Self.sameScopes(oldAlternatives[i].scopes, newAlternatives[j].scopes))
                }
                if let j = candidate {
                    pairs.append((i, j))
                    freeOld.removeAll { $0 == i }
                    freeNew.removeAll { $0 == j }
                }
            }
        }
        for i in freeOld {
            let alternative = oldAlternatives[i]
            emit(
                "\(prefix)-removed",
                alternative.key.isEmpty
                    ? "\(place) no longer accepts requests without credentials"
                    : "security requirement \(alternative.key) removed from \(place)",
                operation: operation, subject: "security " + alternative.key,
                base: alternative.index < 0 ? oldPointer : oldPointer.appending(alternative.index), revision: newPointer
            )
        }
        for (i, j) in pairs.sorted(by: { $0.0 < $1.0 }) {
            let alternative = oldAlternatives[i], match = newAlternatives[j]
            for (scheme, scopes) in match.scopes.sorted(by: { $0.key < $1.key }) {
                let before = alternative.scopes[scheme] ?? []
                for scope in scopes where !before.contains(scope) {
                    emit(
                        "\(prefix)-scope-added", "security scope \(scope) of \(scheme) now required by \(place)",
                        operation: operation, subject: "security \(alternative.key) \(scheme) \(scope)",
                        base: oldPointer.appending(alternative.index).appending(scheme),
                        revision: newPointer.appending(match.index).appending(scheme))
                }
                for scope in before where !scopes.contains(scope) {
                    emit(
                        "\(prefix)-scope-removed",
                        "security scope \(scope) of \(scheme) no longer required by \(place)",
                        operation: operation, subject: "security \(alternative.key) \(scheme) \(scope)",
                        base: oldPointer.appending(alternative.index).appending(scheme),
                        revision: newPointer.appending(match.index).appending(scheme))
                }
            }
        }
        for j in freeNew {
            let alternative = newAlternatives[j]
            emit(
                "\(prefix)-added",
                alternative.key.isEmpty
                    ? "\(place) accepts requests without credentials"
                    : "security requirement \(alternative.key) added to \(place)",
                operation: operation, subject: "security " + alternative.key, base: oldPointer,
                revision: alternative.index < 0 ? newPointer : newPointer.appending(alternative.index))
        }
    }

    static func sameScopes(_ a: [String: [String]], _ b: [String: [String]]) -> Bool {
        a.mapValues { Set($0) } == b.mapValues { Set($0) }
    }

    mutating func compareOperationSecurity(_ old: APIOperation, _ new: APIOperation, operation: APIChange.Operation) {
        // Operations that follow the document's requirements are covered by the global comparison.
        guard old.value["security"] != nil || new.value["security"] != nil else { return }
        let oldRequirements = old.value["security"] ?? base.value["security"]
        let newRequirements = new.value["security"] ?? revision.value["security"]
        // Where the requirements in effect are written: the operation's own, or the document's.
        func list(_ operation: APIOperation, _ document: JSONValue) -> JSONPointer {
            if operation.value["security"] != nil { return operation.pointer.appending("security") }
            return document["security"] == nil ? operation.pointer : JSONPointer(tokens: ["security"])
        }
        compareRequirements(
            oldRequirements, at: list(old, base.value), newRequirements, at: list(new, revision.value),
            prefix: "api-security", operation: operation)
    }

    mutating func compareGlobalSecurity() {
        let old = base.value["security"], new = revision.value["security"]
        guard old != new else { return }
        compareRequirements(
            old, at: old == nil ? JSONPointer() : JSONPointer(tokens: ["security"]), new,
            at: new == nil ? JSONPointer() : JSONPointer(tokens: ["security"]), prefix: "api-global-security",
            operation: nil)
    }

    mutating func compareSecuritySchemes() {
        let root = JSONPointer(tokens: ["components", "securitySchemes"])
        let old = base.value["components"]?["securitySchemes"]?.objectValue?.members ?? []
        let new = revision.value["components"]?["securitySchemes"]?.objectValue
        for (name, value) in old {
            guard let newValue = new?[name] else {
                emit(
                    "api-security-component-removed", "security scheme \(name) removed", operation: nil,
                    subject: name, base: root.appending(name), revision: new == nil ? JSONPointer() : root)
                continue
            }
            let oldScheme = LocalReference.resolve(value, at: root.appending(name), in: base.value)
            let newScheme = LocalReference.resolve(newValue, at: root.appending(name), in: revision.value)
            let oldType = oldScheme.value["type"]?.stringValue ?? "",
                newType = newScheme.value["type"]?.stringValue ?? ""
            if oldType != newType {
                emit(
                    "api-security-component-type-changed",
                    "security scheme \(name) type changed from \(oldType) to \(newType)", operation: nil,
                    subject: name, base: oldScheme.pointer.appending("type"),
                    revision: newScheme.pointer.appending("type"))
            }
            for (flow, flowValue) in oldScheme.value["flows"]?.objectValue?.members ?? [] {
                let oldScopes = flowValue["scopes"]?.objectValue?.keys ?? []
                let newScopes = newScheme.value["flows"]?[flow]?["scopes"]?.objectValue?.keys ?? []
                for scope in oldScopes where !newScopes.contains(scope) {
                    emit(
                        "api-security-component-oauth-scope-removed",
                        "scope \(scope) removed from the \(flow) flow of security scheme \(name)", operation: nil,
                        subject: "\(name) \(flow) \(scope)",
                        base: oldScheme.pointer.appending("flows").appending(flow).appending("scopes").appending(scope),
                        revision: newScheme.pointer)
                }
                for scope in newScopes where !oldScopes.contains(scope) {
                    emit(
                        "api-security-component-oauth-scope-added",
                        "scope \(scope) added to the \(flow) flow of security scheme \(name)", operation: nil,
                        subject: "\(name) \(flow) \(scope)", base: oldScheme.pointer,
                        revision: newScheme.pointer.appending("flows").appending(flow).appending("scopes")
                            .appending(scope))
                }
            }
        }
        for (name, _) in new?.members ?? [] where !old.contains(where: { $0.key == name }) {
            emit(
                "api-security-component-added", "security scheme \(name) added", operation: nil, subject: name,
                base: old.isEmpty ? JSONPointer() : root, revision: root.appending(name))
        }
    }

    /// A component schema removed, unless it was renamed: a schema with the same content under a name the
    /// base did not have.
    mutating func compareComponentSchemas() {
        let root = JSONPointer(tokens: ["components", "schemas"])
        let old = base.value["components"]?["schemas"]?.objectValue
        let new = revision.value["components"]?["schemas"]?.objectValue
        let added = (new?.members ?? []).filter { old?[$0.key] == nil }
        for (name, value) in old?.members ?? [] where new?[name] == nil {
            if added.contains(where: { $0.value == value }) { continue }
            emit(
                "api-schema-removed", "component schema \(name) removed", operation: nil, subject: name,
                base: root.appending(name), revision: new == nil ? JSONPointer() : root)
        }
    }
}
