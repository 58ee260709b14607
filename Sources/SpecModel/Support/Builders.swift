import Foundation
import JSONCore
import OpenAPIKit

// Small helpers that keep the two API models readable. Examples are `JSONValue`s wrapped in
// `AnyCodable` so that their keys keep the order they are written in (a Swift dictionary would not).

/// A schema that refers to `#/components/schemas/NAME`.
func ref(_ name: String, required: Bool = true, description: String? = nil) -> JSONSchema {
    .reference(.component(named: name), required: required, description: description)
}

/// An example value for a schema, parameter or media type.
func example(_ value: JSONValue) -> AnyCodable { AnyCodable(value) }

/// A named Example Object.
func namedExample(_ summary: String, _ value: JSONValue, description: String? = nil) -> Either<
    OpenAPI.Reference<OpenAPI.Example>, OpenAPI.Example
> {
    .b(OpenAPI.Example(summary: summary, description: description, legacyValue: .b(example(value))))
}

/// `application/json` content of the component schema `schema`, with named examples.
func json(
    _ schema: JSONSchema,
    examples: OrderedDictionary<String, Either<OpenAPI.Reference<OpenAPI.Example>, OpenAPI.Example>> = [:]
) -> OpenAPI.Content.Map {
    [.json: .b(OpenAPI.Content(schema: schema, examples: examples.isEmpty ? nil : examples))]
}

/// A reference to `#/components/responses/NAME`.
func responseRef(_ name: String) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
    .a(.component(named: name))
}

/// A reference to `#/components/parameters/NAME`.
func parameterRef(_ name: String) -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
    .a(.component(named: name))
}

/// A reference to `#/components/headers/NAME`.
func headerRef(_ name: String) -> Either<OpenAPI.Reference<OpenAPI.Header>, OpenAPI.Header> {
    .a(.component(named: name))
}

/// The `http` `bearer` scheme both APIs use, and the requirement that applies it.
enum BearerAuth {
    static let name: OpenAPI.ComponentKey = "bearerAuth"

    static func scheme(description: String) -> OpenAPI.SecurityScheme {
        .http(scheme: "bearer", description: description)
    }

    static var requirement: OpenAPI.SecurityRequirement {
        [.component(named: name.rawValue): []]
    }
}

/// A URL written in the model's source. Every one is exercised by the golden-file tests.
func staticURL(_ string: StaticString) -> URL {
    guard let url = URL(string: "\(string)") else { preconditionFailure("not a URL in the model: \(string)") }
    return url
}

/// The headers both APIs send with errors: `Retry-After` on 429 and `WWW-Authenticate` on 401.
func errorHeaders(realm: String) -> OrderedDictionary<
    OpenAPI.ComponentKey, Either<OpenAPI.Reference<OpenAPI.Header>, OpenAPI.Header>
> {
    [
        "Retry-After": .b(
            OpenAPI.Header(
                schema: .integer(minimum: (0, exclusive: false), examples: [example(30)]),
                description: "Seconds to wait before sending another request.",
                required: true
            )
        ),
        "WWW-Authenticate": .b(
            OpenAPI.Header(
                schema: .string(examples: [example(.string("Bearer realm=\"\(realm)\""))]),
                description: "The authentication scheme to use: `Bearer`.",
                required: true
            )
        ),
    ]
}

/// A Link Object to `operationId`. Parameter values that start with `$` are runtime expressions
/// (`$response.body#/jobId`), others constants. `repeatWhile` adds `x-repeat-while`: follow the link
/// again as long as the value at `pointer` in the latest response is one of `values` (how a client
/// polls a job, or pages through a list with a link to the same operation).
func link(
    _ operationId: String, _ description: String, parameters: [(String, String)],
    repeatWhile: (pointer: String, values: [JSONValue])? = nil
) -> Either<OpenAPI.Reference<OpenAPI.Link>, OpenAPI.Link> {
    var map: OrderedDictionary<String, Either<OpenAPI.RuntimeExpression, AnyCodable>> = [:]
    for (name, value) in parameters {
        if value.hasPrefix("$") {
            guard let expression = OpenAPI.RuntimeExpression(rawValue: value) else {
                preconditionFailure("not a runtime expression: \(value)")
            }
            map[name] = .a(expression)
        } else {
            map[name] = .b(AnyCodable(value))
        }
    }
    var extensions: [String: AnyCodable] = [:]
    if let repeatWhile {
        extensions["x-repeat-while"] = AnyCodable(
            JSONValue.object(["pointer": .string(repeatWhile.pointer), "in": .array(repeatWhile.values)]))
    }
    return .b(
        OpenAPI.Link(
            operationId: operationId, parameters: map, description: description, vendorExtensions: extensions))
}
