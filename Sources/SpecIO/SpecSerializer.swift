import JSONCore
import OpenAPIKit

/// Turns an OpenAPI document into the JSON and YAML files we publish.
///
/// Both formats come from one ordered ``JSONValue`` of the document, so they always carry the same
/// content, in the order OpenAPIKit writes it, and the same document always gives the same bytes.
package enum SpecSerializer {
    /// The document as an ordered JSON value.
    package static func jsonValue(of document: OpenAPI.Document) throws -> JSONValue {
        try JSONValueEncoder().encode(document)
    }

    /// Pretty-printed JSON, ending in a newline.
    package static func json(_ document: OpenAPI.Document) throws -> String {
        try jsonValue(of: document).prettyJSON()
    }

    /// Block-style YAML that reads back as the same JSON value.
    package static func yaml(_ document: OpenAPI.Document) throws -> String {
        try jsonValue(of: document).yaml()
    }
}
