import JSONCore

/// What checking an answer needs for one operation, status and content type, worked out from the document
/// once and kept by `OpenAPIContract`: a proxy checks the same few of these on every exchange, and
/// working them out (the status's response and its `$ref`s, the media type, the schema's validator, the
/// JSON pointers) was a quarter of the response check.
enum ResponsePlan: Sendable {
    /// The operation documents no responses.
    case noResponses(pointer: JSONPointer)
    case undocumented(pointer: JSONPointer, documented: [String])
    /// The response documented for the status (its `$ref` followed) and the body's plan.
    case documented(definition: JSONValue, pointer: JSONPointer, body: BodyPlan)

    struct Key: Hashable, Sendable {
        var operation: Int
        var status: Int
        var contentType: String?
    }
}
