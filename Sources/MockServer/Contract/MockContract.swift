import JSONCore
import JSONSchema
import OpenAPIDocument
import SpecCheck

/// An OpenAPI document prepared for serving: every operation with its path template, its parameters and
/// request body compiled to validators, and its security requirement. Built once at start; read-only and
/// shared by every request afterwards.
package struct MockContract: Sendable {
    package let document: JSONValue
    /// Most specific template first, so that `/agents/me` wins over `/agents/{id}`.
    package let operations: [MockOperation]
    /// Schemas that did not compile, so their checks are skipped: `pointer: reason`.
    package let warnings: [String]

    package init(document: JSONValue) throws(SchemaError) {
        self.document = document
        let contract = try OpenAPIContract(document: document)
        var warnings: [String] = []
        let schemes = document["components"]?["securitySchemes"]?.objectValue ?? JSONObject()
        let topSecurity = document["security"]
        func compile(_ pointer: JSONPointer, _ direction: SchemaOptions.Direction) -> Validator? {
            do {
                return try contract.validator(at: pointer, direction: direction)
            } catch {
                warnings.append("\(pointer): the schema does not compile, so it is not checked: \(error)")
                return nil
            }
        }
        var operations: [MockOperation] = []
        for operation in OpenAPIJSON.operations(in: document) {
            var parameters: [MockOperation.Parameter] = []
            for (value, pointer) in operation.parameters {
                guard let name = value["name"]?.stringValue, let location = value["in"]?.stringValue else { continue }
                // OpenAPI ignores header parameters with these names: they are described elsewhere.
                if location == "header", ["accept", "content-type", "authorization"].contains(name.lowercased()) {
                    continue
                }
                let schema = value["schema"].map {
                    OpenAPIJSON.resolve($0, at: pointer.appending("schema"), in: document)
                }
                parameters.append(
                    MockOperation.Parameter(
                        name: name, location: location,
                        required: value["required"] == .bool(true) || location == "path",
                        type: schema.map { Self.primaryType(of: $0.0, in: document) } ?? "string",
                        itemType: schema.flatMap { resolved in
                            resolved.0["items"].map {
                                Self.primaryType(
                                    of: OpenAPIJSON.resolve($0, at: JSONPointer(), in: document).0, in: document)
                            }
                        } ?? "string",
                        validator: value["schema"] == nil ? nil : compile(pointer.appending("schema"), .request)))
            }
            var body: MockOperation.Body?
            if let raw = operation.value["requestBody"] {
                let (definition, pointer) = OpenAPIJSON.resolve(
                    raw, at: operation.pointer.appending("requestBody"), in: document)
                var media: [MockOperation.Media] = []
                for (key, value) in definition["content"]?.objectValue?.members ?? [] {
                    let schemaPointer = pointer.appending("content").appending(key).appending("schema")
                    media.append(
                        MockOperation.Media(
                            type: key, validator: value["schema"] == nil ? nil : compile(schemaPointer, .request),
                            schema: value["schema"].map { OpenAPIJSON.resolve($0, at: schemaPointer, in: document).0 }))
                }
                body = MockOperation.Body(required: definition["required"] == .bool(true), media: media)
            }
            operations.append(
                MockOperation(
                    id: operation.id, method: operation.method.uppercased(), template: PathTemplate(operation.path),
                    pointer: operation.pointer, value: operation.value, parameters: parameters, body: body,
                    security: Self.security(operation.value["security"] ?? topSecurity, schemes: schemes)))
        }
        self.operations = operations.enumerated().sorted { a, b in
            a.element.template.specificity != b.element.template.specificity
                ? a.element.template.specificity > b.element.template.specificity : a.offset < b.offset
        }.map(\.element)
        self.warnings = warnings
    }

    package func operation(id: String) -> MockOperation? { operations.first { $0.id == id } }

    /// What a request path and method lead to.
    package enum Match: Sendable {
        case operation(MockOperation, pathValues: [String: String])
        /// The path exists, the method does not: answer 405 with these methods in `Allow`.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    package func match(method: String, path: String) -> Match {
        var allowed: [String] = []
        let segments = PathTemplate.segments(of: path)
        for operation in operations {
            guard let values = operation.template.match(segments: segments) else { continue }
            if operation.method == method { return .operation(operation, pathValues: values) }
            // A path that matched a more specific template with another method still belongs to that template.
            if !allowed.contains(operation.method) { allowed.append(operation.method) }
        }
        if method == "HEAD", case .operation(let operation, let values) = match(method: "GET", path: path) {
            return .operation(operation, pathValues: values)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }

    // MARK: - Schema helpers

    /// The first non-null type a schema names, looking through `$ref`, `allOf`, `oneOf` and `anyOf`.
    static func primaryType(of schema: JSONValue, in document: JSONValue) -> String {
        let resolved = OpenAPIJSON.resolve(schema, at: JSONPointer(), in: document).0
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

    static func security(_ requirement: JSONValue?, schemes: JSONObject) -> [[MockOperation.Credential]] {
        guard let alternatives = requirement?.arrayValue else { return [] }
        var result: [[MockOperation.Credential]] = []
        for alternative in alternatives {
            guard let names = alternative.objectValue?.keys else { continue }
            // `{}` among the alternatives makes authentication optional.
            if names.isEmpty { return [] }
            result.append(
                names.compactMap { name in
                    guard let scheme = schemes[name] else { return nil }
                    switch (scheme["type"]?.stringValue, scheme["in"]?.stringValue) {
                    case ("http", _):
                        let kind = scheme["scheme"]?.stringValue?.lowercased() ?? "bearer"
                        return .authorization(scheme: kind == "basic" ? "Basic" : "Bearer")
                    case ("apiKey", "query"?):
                        return .query(scheme["name"]?.stringValue ?? name)
                    case ("apiKey", "cookie"?):
                        return .cookie(scheme["name"]?.stringValue ?? name)
                    case ("apiKey", _):
                        return .header(scheme["name"]?.stringValue ?? name)
                    default:
                        // OAuth 2 and OpenID Connect send bearer tokens.
                        return .authorization(scheme: "Bearer")
                    }
                })
        }
        return result
    }
}

/// One operation of a `MockContract`.
/// A class, not a struct: it is read on every request and never changes, so it is shared, not copied.
package final class MockOperation: Sendable {
    package let id: String
    /// Upper case.
    package let method: String
    package let template: PathTemplate
    package let pointer: JSONPointer
    package let value: JSONValue
    package let parameters: [Parameter]
    package let body: Body?
    /// Alternatives, each a set of credentials that must all be present; empty when none is needed.
    package let security: [[Credential]]

    init(
        id: String, method: String, template: PathTemplate, pointer: JSONPointer, value: JSONValue,
        parameters: [Parameter], body: Body?, security: [[Credential]]
    ) {
        self.id = id
        self.method = method
        self.template = template
        self.pointer = pointer
        self.value = value
        self.parameters = parameters
        self.body = body
        self.security = security
    }

    package struct Parameter: Sendable {
        package let name: String
        /// `path`, `query`, `header` or `cookie`.
        package let location: String
        package let required: Bool
        /// The schema's type, which decides how the text of the value becomes JSON.
        let type: String
        let itemType: String
        let validator: Validator?
    }

    package struct Body: Sendable {
        package let required: Bool
        package let media: [Media]
    }

    package struct Media: Sendable {
        /// As documented: `application/json`, `multipart/form-data`, `*/*`.
        package let type: String
        let validator: Validator?
        let schema: JSONValue?
    }

    package enum Credential: Sendable, Equatable {
        /// `Authorization: Bearer TOKEN` (or `Basic`).
        case authorization(scheme: String)
        case header(String)
        case query(String)
        case cookie(String)
    }
}
