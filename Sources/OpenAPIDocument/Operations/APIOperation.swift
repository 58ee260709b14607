import JSONCore

/// One operation of a document, with the path item's parameters merged in: under `paths`, under
/// `webhooks` (3.1: requests the API sends), or in an operation's `callbacks`.
package struct APIOperation: Sendable {
    package enum Kind: Sendable, Equatable {
        /// Under `paths`: `path` is the path template.
        case path
        /// Under `webhooks`: `path` is the webhook's name.
        case webhook
        /// In the `callbacks` of the operation `parent` (its id): `path` is the callback's runtime
        /// expression (`{$request.body#/callbackUrl}`), `name` the callback's name.
        case callback(parent: String, name: String)
    }

    /// The `operationId`, or `GET /path` when there is none.
    package let id: String
    /// Lower case.
    package let method: String
    package let path: String
    package let kind: Kind
    /// `/paths/~1agents/get`
    package let pointer: JSONPointer
    package let value: JSONValue
    /// Path-level and operation-level parameters, references followed: (value, pointer). An
    /// operation-level parameter replaces a path-level one with the same name and location.
    package let parameters: [(JSONValue, JSONPointer)]
    /// The first tag, or "Other" ("Webhooks" for a webhook).
    package let tag: String

    package static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Every operation under `paths`, in document order: what a server answers.
    package static func all(in document: JSONValue) -> [APIOperation] {
        guard case .object(let paths)? = document["paths"] else { return [] }
        return paths.members.flatMap { path, item in
            operations(of: item, at: JSONPointer(tokens: ["paths", path]), path: path, kind: .path, in: document)
        }
    }

    /// Every operation under `webhooks` (OpenAPI 3.1), in document order.
    package static func webhooks(in document: JSONValue) -> [APIOperation] {
        guard case .object(let hooks)? = document["webhooks"] else { return [] }
        return hooks.members.flatMap { name, item in
            operations(of: item, at: JSONPointer(tokens: ["webhooks", name]), path: name, kind: .webhook, in: document)
        }
    }

    /// The operations of this operation's `callbacks`, in document order.
    package func callbacks(in document: JSONValue) -> [APIOperation] {
        guard case .object(let callbacks)? = value["callbacks"] else { return [] }
        var found: [APIOperation] = []
        for (name, raw) in callbacks.members {
            let (callback, at) = LocalReference.resolve(
                raw, at: pointer.appending("callbacks").appending(name), in: document)
            for (expression, item) in callback.objectValue?.members ?? [] where !expression.hasPrefix("x-") {
                found += Self.operations(
                    of: item, at: at.appending(expression), path: expression, kind: .callback(parent: id, name: name),
                    in: document)
            }
        }
        return found
    }

    private static func operations(
        of item: JSONValue, at itemPointer: JSONPointer, path: String, kind: Kind, in document: JSONValue
    ) -> [APIOperation] {
        let (resolvedItem, _) = LocalReference.resolve(item, at: itemPointer, in: document)
        let shared = parameters(of: resolvedItem, at: itemPointer, in: document)
        var operations: [APIOperation] = []
        for method in methods {
            guard let operation = resolvedItem[method], case .object = operation else { continue }
            let pointer = itemPointer.appending(method)
            var merged = shared
            for (value, at) in parameters(of: operation, at: pointer, in: document) {
                merged.removeAll { $0.0["name"] == value["name"] && $0.0["in"] == value["in"] }
                merged.append((value, at))
            }
            operations.append(
                APIOperation(
                    id: operation["operationId"]?.stringValue ?? "\(method.uppercased()) \(path)",
                    method: method, path: path, kind: kind, pointer: pointer, value: operation, parameters: merged,
                    tag: operation["tags"]?.arrayValue?.first?.stringValue ?? (kind == .webhook ? "Webhooks" : "Other"))
            )
        }
        return operations
    }

    private static func parameters(of value: JSONValue, at pointer: JSONPointer, in document: JSONValue) -> [(
        JSONValue, JSONPointer
    )] {
        guard let list = value["parameters"]?.arrayValue else { return [] }
        return list.enumerated().map { i, parameter in
            let resolved = LocalReference.resolve(
                parameter, at: pointer.appending("parameters").appending(i), in: document)
            return (resolved.value, resolved.pointer)
        }
    }
}
