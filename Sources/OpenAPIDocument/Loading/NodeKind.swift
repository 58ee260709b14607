/// What a value in an OpenAPI document is, as far as references care: where a `$ref` may point to a
/// reusable component (and which `components` section holds that kind), where it must be replaced by
/// what it points at, and where a `$ref` key is only data (inside an `example`, `default` or `enum`).
indirect enum NodeKind: Hashable, Sendable {
    case document, paths, pathItem, operation, responses, response, parameter, header, requestBody, mediaType
    case encoding, example, link, callback, securityScheme, schema, components, discriminator
    /// Every member is of this kind (`properties`, `components/schemas`, `content`).
    case map(NodeKind)
    /// Every item is of this kind (`allOf`, `parameters`).
    case list(NodeKind)
    /// Extensions, descriptions, `info`, tags: references are followed and replaced by their targets.
    case other
    /// Literal values: nothing below is a reference.
    case data

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    /// The `components` section that holds reusable values of this kind; `nil` where a reference is
    /// replaced by its target (path items and operations, which most tools read only in place).
    var componentSection: String? {
        switch self {
        case .schema: "schemas"
        case .response: "responses"
        case .parameter: "parameters"
        case .header: "headers"
        case .requestBody: "requestBodies"
        case .example: "examples"
        case .link: "links"
        case .callback: "callbacks"
        case .securityScheme: "securitySchemes"
        default: nil
        }
    }

    /// The kind of the member `key` of an object of this kind, or of an item when `key` is `nil`.
    func child(_ key: String?) -> NodeKind {
        guard let key else {
            if case .list(let item) = self { return item }
            return self == .data ? .data : .other
        }
        switch self {
        case .map(let member): return member
        case .list, .data: return .data
        case .other: return .other
        case .document:
            switch key {
            case "paths": return .paths
            case "webhooks": return .map(.pathItem)
            case "components": return .components
            default: return .other
            }
        case .paths: return key.hasPrefix("/") ? .pathItem : .other
        case .pathItem:
            if Self.methods.contains(key) { return .operation }
            return key == "parameters" ? .list(.parameter) : .other
        case .operation:
            switch key {
            case "parameters": return .list(.parameter)
            case "requestBody": return .requestBody
            case "responses": return .responses
            case "callbacks": return .map(.callback)
            default: return .other
            }
        case .responses: return key.hasPrefix("x-") ? .other : .response
        case .response:
            switch key {
            case "headers": return .map(.header)
            case "content": return .map(.mediaType)
            case "links": return .map(.link)
            default: return .other
            }
        case .parameter, .header:
            switch key {
            case "schema": return .schema
            case "content": return .map(.mediaType)
            case "examples": return .map(.example)
            case "example": return .data
            default: return .other
            }
        case .requestBody: return key == "content" ? .map(.mediaType) : .other
        case .mediaType:
            switch key {
            case "schema": return .schema
            case "examples": return .map(.example)
            case "encoding": return .map(.encoding)
            case "example": return .data
            default: return .other
            }
        case .encoding: return key == "headers" ? .map(.header) : .other
        case .example: return key == "value" ? .data : .other
        case .link: return key == "parameters" || key == "requestBody" ? .data : .other
        case .callback: return key.hasPrefix("x-") ? .other : .pathItem
        case .securityScheme: return .other
        case .discriminator: return key == "mapping" ? .map(.data) : .data
        case .components:
            switch key {
            case "schemas": return .map(.schema)
            case "responses": return .map(.response)
            case "parameters": return .map(.parameter)
            case "examples": return .map(.example)
            case "requestBodies": return .map(.requestBody)
            case "headers": return .map(.header)
            case "securitySchemes": return .map(.securityScheme)
            case "links": return .map(.link)
            case "callbacks": return .map(.callback)
            case "pathItems": return .map(.pathItem)
            default: return .other
            }
        case .schema:
            switch key {
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas": return .map(.schema)
            case "prefixItems", "allOf", "anyOf", "oneOf": return .list(.schema)
            case "items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains",
                "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema":
                return .schema
            case "dependencies": return .map(.schema)
            case "example", "examples", "default", "enum", "const": return .data
            case "discriminator": return .discriminator
            default: return .other
            }
        }
    }
}

extension NodeKind {
    /// For messages: "path item", "operation".
    var name: String {
        switch self {
        case .pathItem: "path item"
        case .operation: "operation"
        case .requestBody: "request body"
        case .mediaType: "media type"
        case .securityScheme: "security scheme"
        default: "value"
        }
    }
}
