import OpenAPIKit

/// One API of the catalogue: a stable short name used in file names and URLs, and its OpenAPI document.
package struct APIDescription: Sendable {
    /// Short, URL-safe name: `agentscode`, `openagents`.
    package let id: String
    /// The OpenAPI 3.1 document built from the model.
    package let document: OpenAPI.Document

    package init(id: String, document: OpenAPI.Document) {
        self.id = id
        self.document = document
    }
}

/// The APIs this project describes.
package enum APICatalog {
    /// Every API of the catalogue, in the order the docs present them.
    package static var all: [APIDescription] {
        [
            APIDescription(id: "agentscode", document: AgentsCode.document),
            APIDescription(id: "openagents", document: OpenAgents.document),
        ]
    }

    /// The API called `id`, or `nil`.
    package static func api(named id: String) -> APIDescription? {
        all.first { $0.id == id }
    }
}
