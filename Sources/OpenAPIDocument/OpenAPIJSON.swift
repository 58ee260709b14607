import JSONCore

/// An OpenAPI 3.0 or 3.1 document read as plain JSON: its operations and its local references, shared
/// by the checks (SpecCheck) and the site (DocSite) so both see the same operations the same way.
package enum OpenAPIJSON {
    package static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// One operation of the document, with the path item's parameters merged in.
    package struct Operation: Sendable {
        /// The `operationId`, or `GET /path` when there is none.
        package let id: String
        package let method: String
        package let path: String
        /// `/paths/~1agents/get`
        package let pointer: JSONPointer
        package let value: JSONValue
        /// Path-level and operation-level parameters, references followed: (value, pointer). An
        /// operation-level parameter replaces a path-level one with the same name and location.
        package let parameters: [(JSONValue, JSONPointer)]
        /// The first tag, or "Other".
        package let tag: String
    }

    /// Every operation, in document order.
    package static func operations(in document: JSONValue) -> [Operation] {
        guard case .object(let paths)? = document["paths"] else { return [] }
        var operations: [Operation] = []
        for (path, item) in paths.members {
            let itemPointer = JSONPointer(tokens: ["paths", path])
            let (resolvedItem, _) = resolve(item, at: itemPointer, in: document)
            let shared = parameters(of: resolvedItem, at: itemPointer, in: document)
            for method in methods {
                guard let operation = resolvedItem[method], case .object = operation else { continue }
                let pointer = itemPointer.appending(method)
                var merged = shared
                for (value, at) in parameters(of: operation, at: pointer, in: document) {
                    merged.removeAll { $0.0["name"] == value["name"] && $0.0["in"] == value["in"] }
                    merged.append((value, at))
                }
                operations.append(
                    Operation(
                        id: operation["operationId"]?.stringValue ?? "\(method.uppercased()) \(path)",
                        method: method, path: path, pointer: pointer, value: operation, parameters: merged,
                        tag: operation["tags"]?.arrayValue?.first?.stringValue ?? "Other"))
            }
        }
        return operations
    }

    /// Follows local `$ref`s (`#/components/...`, up to 32 hops) from `value`, returning the target and
    /// its pointer.
    package static func resolve(_ value: JSONValue, at pointer: JSONPointer, in document: JSONValue) -> (
        JSONValue, JSONPointer
    ) {
        var current = value
        var location = pointer
        for _ in 0..<32 {
            guard let reference = current["$ref"]?.stringValue, reference.hasPrefix("#"),
                let target = JSONPointer(uriFragment: reference),
                let next = document.value(at: target)
            else { break }
            current = next
            location = target
        }
        return (current, location)
    }

    private static func parameters(of value: JSONValue, at pointer: JSONPointer, in document: JSONValue) -> [(
        JSONValue, JSONPointer
    )] {
        guard let list = value["parameters"]?.arrayValue else { return [] }
        return list.enumerated().map { i, parameter in
            resolve(parameter, at: pointer.appending("parameters").appending(i), in: document)
        }
    }
}
