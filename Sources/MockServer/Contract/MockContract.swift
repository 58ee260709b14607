import JSONCore
import JSONSchema
import OpenAPIDocument
import SpecCheck

/// An OpenAPI document prepared for serving: every operation with its path template, its parameters and
/// request body compiled to validators, and its security requirement. Built once at start; read-only and
/// shared by every request afterwards.
package struct MockContract: Sendable {
    package let document: JSONValue
    /// In document order.
    package let operations: [MockOperation]
    /// The operations by method and most specific path template.
    package let router: Router<MockOperation>
    /// Schemas that did not compile, so their checks are skipped: `pointer: reason`.
    package let warnings: [String]

    package init(document: JSONValue) throws(SchemaError) {
        self.document = document
        let contract = try OpenAPIContract(document: document)
        var warnings: [String] = []
        func compile(_ pointer: JSONPointer, _ direction: SchemaOptions.Direction) -> Validator? {
            do {
                return try contract.validator(at: pointer, direction: direction)
            } catch {
                warnings.append("\(pointer): the schema does not compile, so it is not checked: \(error)")
                return nil
            }
        }
        var operations: [MockOperation] = []
        for operation in APIOperation.all(in: document) {
            var parameters: [MockOperation.Parameter] = []
            for (value, pointer) in operation.parameters {
                guard let name = value["name"]?.stringValue, let location = value["in"]?.stringValue else { continue }
                // OpenAPI ignores header parameters with these names: they are described elsewhere.
                if location == "header", ["accept", "content-type", "authorization"].contains(name.lowercased()) {
                    continue
                }
                let schema = value["schema"].map {
                    LocalReference.resolve($0, at: pointer.appending("schema"), in: document)
                }
                parameters.append(
                    MockOperation.Parameter(
                        name: name, location: location,
                        required: value["required"] == .bool(true) || location == "path",
                        type: schema.map { Self.primaryType(of: $0.0, in: document) } ?? "string",
                        itemType: schema.flatMap { resolved in
                            resolved.0["items"].map {
                                Self.primaryType(
                                    of: LocalReference.resolve($0, at: JSONPointer(), in: document).0, in: document)
                            }
                        } ?? "string",
                        validator: value["schema"] == nil ? nil : compile(pointer.appending("schema"), .request)))
            }
            var body: MockOperation.Body?
            if let raw = operation.value["requestBody"] {
                let (definition, pointer) = LocalReference.resolve(
                    raw, at: operation.pointer.appending("requestBody"), in: document)
                var media: [MockOperation.Media] = []
                for (key, value) in definition["content"]?.objectValue?.members ?? [] {
                    let schemaPointer = pointer.appending("content").appending(key).appending("schema")
                    media.append(
                        MockOperation.Media(
                            type: key, validator: value["schema"] == nil ? nil : compile(schemaPointer, .request),
                            schema: value["schema"].map {
                                LocalReference.resolve($0, at: schemaPointer, in: document).0
                            }))
                }
                body = MockOperation.Body(required: definition["required"] == .bool(true), media: media)
            }
            operations.append(
                MockOperation(
                    id: operation.id, method: operation.method.uppercased(), template: PathTemplate(operation.path),
                    pointer: operation.pointer, value: operation.value, parameters: parameters, body: body,
                    security: Self.security(SecurityScheme.requirements(of: operation.value, in: document))))
        }
        self.operations = operations
        router = Router(operations.map { ($0.method, $0.template, $0) })
        self.warnings = warnings
    }

    package func operation(id: String) -> MockOperation? { operations.first { $0.id == id } }

    /// What a request path and method lead to.
    package func match(method: String, path: String) -> Router<MockOperation>.Match {
        router.match(method: method, path: path)
    }

    // MARK: - Schema helpers

    /// The first non-null type a schema names, looking through `$ref`, `allOf`, `oneOf` and `anyOf`.
    static func primaryType(of schema: JSONValue, in document: JSONValue) -> String {
        let resolved = LocalReference.resolve(schema, at: JSONPointer(), in: document).0
        switch resolved["type"] {
        case .string(let type)?: return type
        case .array(let types)?:
            return types.compactMap(\.stringValue).first { $0 != "null" } ?? "string"
        default: break
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for part in resolved[key]?.arrayValue ?? [] {
                let type = primaryType(of: part, in: document)
                if type != "string" { return type }
            }
        }
        if resolved["properties"] != nil { return "object" }
        if resolved["items"] != nil { return "array" }
        return "string"
    }

    // MARK: - Security

    /// What the mock checks of a requirement: the credentials of each alternative. An alternative that
    /// needs nothing HTTP carries (`{}`, or only mutual TLS) makes authentication optional.
    static func security(_ alternatives: [[SecurityScheme]]) -> [[MockOperation.Credential]] {
        var result: [[MockOperation.Credential]] = []
        for alternative in alternatives {
            let credentials = alternative.compactMap(\.credential)
            if credentials.isEmpty { return [] }
            result.append(credentials)
        }
        return result
    }
}
