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
