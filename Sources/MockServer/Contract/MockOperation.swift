import JSONCore
import JSONSchema
import OpenAPIDocument
import SpecCheck

/// One operation of a `MockContract`.
/// A class, not a struct: it is read on every request and never changes, so it is shared, not copied.
package final class MockOperation: Sendable {
    package let id: String
    /// Upper case.
    package let method: String
    package let template: PathTemplate
    package let pointer: JSONPointer
    package let value: JSONValue
    /// The whole document, for the references inside form bodies' schemas.
    let document: JSONValue
    package let parameters: [Parameter]
    package let body: Body?
    /// Alternatives, each a set of credentials that must all be present; empty when none is needed.
    package let security: [[Credential]]

    init(
        id: String, method: String, template: PathTemplate, pointer: JSONPointer, value: JSONValue,
        document: JSONValue, parameters: [Parameter], body: Body?, security: [[Credential]]
    ) {
        self.id = id
        self.method = method
        self.template = template
        self.pointer = pointer
        self.value = value
        self.document = document
        self.parameters = parameters
        self.body = body
        self.security = security
    }

    package struct Parameter: Sendable {
        package let name: String
        /// `path`, `query`, `header` or `cookie`.
        package let location: String
        package let required: Bool
        /// How its value is written (style, explode) and what JSON it is (by its schema).
        let serialization: ParameterSerialization
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
        /// The Encoding Objects of a form body's fields.
        let encoding: JSONValue?
    }

    /// Where a credential goes (`Authorization: Bearer`, a header, a query parameter, a cookie).
    package typealias Credential = SecurityScheme.Credential
}

extension MockOperation {
    /// Whether `request` carries every credential of at least one alternative of the operation's security
    /// (or the operation needs none). Whether the values are good is the server's to say.
    package func carriesCredentials(_ request: APIRequest) -> Bool {
        security.isEmpty
            || security.contains { alternative in alternative.allSatisfy { Self.credential(for: $0, in: request) != nil } }
    }

    /// The value `request` carries for `credential`, nil when it carries none.
    package static func credential(for credential: Credential, in request: APIRequest) -> String? {
        let value: String?
        switch credential {
        case .authorization(let scheme):
            // Read on UTF-8 bytes (the scheme is a token, so ASCII): this runs for every request.
            guard let header = request.header("Authorization"), header.utf8.count > scheme.utf8.count + 1,
                header.caseInsensitiveHasPrefix(scheme)
            else { return nil }
            let space = header.utf8.index(header.utf8.startIndex, offsetBy: scheme.utf8.count)
            guard header.utf8[space] == UInt8(ascii: " ") else { return nil }
            value = String(header[header.utf8.index(after: space)...]).trimmingBlanks
        case .header(let name): value = request.header(name)
        case .query(let name): value = request.queryValues(name).first
        case .cookie(let name): value = APIRequest.cookies(request.header("Cookie")).first { $0.0 == name }?.1
        }
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
