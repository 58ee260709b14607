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
    /// What the answers made from schemas are checked with while they are made (a `oneOf`'s branch).
    package let responseChecker: SchemaChecker
    /// Values made from response schemas, each made once.
    package let responseExamples: ResponseExamples

    package init(document: JSONValue) throws(SchemaError) {
        self.document = document
        responseChecker = SchemaChecker(document: document, direction: .response)
        responseExamples = ResponseExamples(document: document, checker: responseChecker)
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
                let schemaPointer =
                    value["schema"] != nil
                    ? pointer.appending("schema")
                    : value["content"]?.objectValue?.keys.first.map {
                        pointer.appending("content").appending($0).appending("schema")
                    }
                parameters.append(
                    MockOperation.Parameter(
                        name: name, location: location,
                        required: value["required"] == .bool(true) || location == "path",
                        serialization: ParameterSerialization(parameter: value, document: document),
                        validator: schemaPointer.flatMap { document.value(at: $0) == nil ? nil : compile($0, .request) }
                    ))
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
                            },
                            encoding: value["encoding"]))
                }
                body = MockOperation.Body(required: definition["required"] == .bool(true), media: media)
            }
            warnings += Self.invalidExamples(of: operation, in: document, checker: responseChecker)
            operations.append(
                MockOperation(
                    id: operation.id, method: operation.method.uppercased(), template: PathTemplate(operation.path),
                    pointer: operation.pointer, value: operation.value, document: document, parameters: parameters,
                    body: body, security: Self.security(SecurityScheme.requirements(of: operation.value, in: document)))
            )
        }
        self.operations = operations
        router = Router(operations.map { ($0.method, $0.template, $0) })
        self.warnings = warnings
    }

    package func operation(id: String) -> MockOperation? { operations.first { $0.id == id } }

    /// The response examples of `operation` that do not meet their schema, one warning each: the mock does
    /// not send them (unless a client asks for one by name) but a value made from the schema.
    static func invalidExamples(of operation: APIOperation, in document: JSONValue, checker: SchemaChecker) -> [String] {
        var found: [String] = []
        let (responses, at) = LocalReference.resolve(
            operation.value["responses"] ?? [:], at: operation.pointer.appending("responses"), in: document)
        for (status, raw) in responses.objectValue?.members ?? [] {
            let (response, responseAt) = LocalReference.resolve(raw, at: at.appending(status), in: document)
            for (type, media) in response["content"]?.objectValue?.members ?? [] {
                guard let schema = media["schema"] else { continue }
                let mediaAt = responseAt.appending("content").appending(type)
                var examples: [(JSONValue, JSONPointer)] = media["example"].map { [($0, mediaAt.appending("example"))] } ?? []
                for (name, example) in media["examples"]?.objectValue?.members ?? [] {
                    let (resolved, exampleAt) = LocalReference.resolve(
                        example, at: mediaAt.appending("examples").appending(name), in: document)
                    if let value = resolved["value"] { examples.append((value, exampleAt.appending("value"))) }
                }
                for (value, pointer) in examples {
                    guard let error = checker.errors(value, schema)?.first else { continue }
                    found.append(
                        "\(pointer): the example does not meet its schema (\(error.instanceLocation.description.isEmpty ? "" : error.instanceLocation.description + ": ")\(error.message)); it is not sent unless a client asks for it by name (Prefer: example=NAME)")
                }
            }
        }
        return found
    }

    /// What a request path and method lead to.
    package func match(method: String, path: String) -> Router<MockOperation>.Match {
        router.match(method: method, path: path)
    }

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
