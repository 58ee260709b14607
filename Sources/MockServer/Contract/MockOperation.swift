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

    /// Where a credential goes (`Authorization: Bearer`, a header, a query parameter, a cookie).
    package typealias Credential = SecurityScheme.Credential
}
