import Foundation
import JSONCore
import OpenAPIDocument

/// Everything a reference page shows about one operation, ready for the `operation` template.
/// Fields are never optional (see ``SchemaRow`` for why); `has…` flags tell the template what is there.
package struct OperationView: Sendable {
    package var id = ""
    package var method = ""
    package var methodClass = ""
    package var path = ""
    package var pathHTML = ""
    package var endpoint = ""
    package var title = ""
    package var summary = ""
    package var hasSummary = false
    package var descriptionHTML = ""
    package var hasDescription = false
    package var deprecated = false
    package var tag = ""
    package var proseHTML = ""
    package var hasProse = false
    package var security: [SecurityView] = []
    package var hasSecurity = false
    package var parameters: [ParameterView] = []
    package var hasParameters = false
    package var requestBody: [BodyView] = []
    package var hasRequestBody = false
    package var responses: [ResponseView] = []
    /// A 3.1 webhook: a request the API sends, with no URL of its own and no samples.
    package var isWebhook = false
    /// The document names no server: the samples' host is a placeholder.
    package var noServer = false
    package var callbacks: [CallbackView] = []
    package var hasCallbacks = false
    package var samples: [SampleView] = []
    package var hasSamples = false
    package var request = SampleRequest(method: "GET", url: "", headers: [], body: nil)
    /// `TryItSpec` as embeddable JSON, for the try-it console.
    package var tryItJSON = ""
    /// Each response's first example, for the samples column.
    package var responseExamples: [ResponseExampleView] = []
    package var hasResponseExamples = false
}
