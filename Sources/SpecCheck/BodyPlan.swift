import JSONCore
import JSONSchema

/// How a body of one content type is checked against a `content` map, worked out from the document alone:
/// the parts of a body check that do not depend on the body's bytes. An answer's is worked out once per
/// operation, status and content type (`ResponsePlan`) rather than on every answer.
enum BodyPlan: Sendable {
    /// The document gives no content: any body is an error.
    case noContent(pointer: JSONPointer)
    /// The content type is not among `documented`.
    case undocumentedType(pointer: JSONPointer, documented: [String])
    /// Documented, but not JSON: nothing more is checked.
    case notJSON
    /// A JSON body: it must parse, and match the schema at `schemaPointer` when there is one (nil: none;
    /// a failure: the schema does not compile).
    case json(schemaPointer: JSONPointer, validator: Result<Validator, SchemaError>?)
}
