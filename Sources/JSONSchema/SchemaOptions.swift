import JSONCore

/// How schemas are compiled and instances checked.
public struct SchemaOptions: Sendable {
    /// Which way the data travels, for OpenAPI's `readOnly` and `writeOnly`.
    public enum Direction: Sendable {
        /// Plain JSON Schema: `readOnly` and `writeOnly` are annotations.
        case none
        /// A request body: `readOnly` properties must not be sent and are not required.
        case request
        /// A response body: `writeOnly` properties must not be returned and are not required.
        case response
    }

    /// The schema language in use.
    public enum Dialect: Sendable {
        /// JSON Schema draft 2020-12 (also OpenAPI 3.1 schemas, plus `discriminator`).
        case draft2020_12
        /// OpenAPI 3.0 schema objects: `nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`.
        case openAPI30
    }

    /// Whether `format` asserts (the default, for the formats in `SchemaOptions.assertedFormats`) or is an
    /// annotation only, as the 2020-12 specification's default is.
    public var formatAssertion: Bool
    public var direction: Direction
    public var dialect: Dialect
    /// Whether OpenAPI's integer formats `int32` and `int64` assert their ranges (OpenAPI's format
    /// registry defines them; plain JSON Schema does not know them, so they are annotations there).
    public var integerFormats: Bool = false
    /// Whether a 2020-12 schema's OpenAPI 3.0 keywords are read as 3.0 reads them rather than ignored or
    /// refused: a boolean `exclusiveMinimum`/`exclusiveMaximum` (which would fail to compile) and
    /// `nullable: true` (which would be an unknown keyword, so `null` refused). Both are defects in a 3.1
    /// document, which lint reports; this is for checking values against documents others wrote (OpenAI's
    /// 3.1 document has both), where the author's meaning is the better guess.
    public var readsOpenAPI30Keywords: Bool = false
    /// Looks up a schema document by absolute URI (without fragment) for references the compiler has
    /// not seen. The 2020-12 meta-schemas are built in; nothing is fetched from the network.
    public var retrieve: @Sendable (String) -> JSONValue?

    public init(
        formatAssertion: Bool = true, direction: Direction = .none, dialect: Dialect = .draft2020_12,
        retrieve: @escaping @Sendable (String) -> JSONValue? = { _ in nil }
    ) {
        self.formatAssertion = formatAssertion
        self.direction = direction
        self.dialect = dialect
        self.retrieve = retrieve
    }

    /// The formats that are checked when `formatAssertion` is on.
    public static var assertedFormats: [String] { Formats.supported }
}
