import Foundation
import OpenAPIKit

/// The OpenAgents API: create conversational agents, list and retrieve them, and give them files.
package enum OpenAgents {
    /// The OpenAPI 3.1 document of the OpenAgents API.
    package static var document: OpenAPI.Document {
        OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: info,
            servers: [OpenAPI.Server(url: staticURL("https://openagents.com/api/v1"), description: "Production")],
            paths: [
                "/agents": .b(OpenAPI.PathItem(get: listAgents, post: createAgent)),
                "/agents/{agent_id}": .b(OpenAPI.PathItem(get: getAgent)),
                "/agents/{agent_id}/files": .b(OpenAPI.PathItem(post: addAgentFile)),
            ],
            components: OpenAPI.Components(
                schemas: schemas,
                responses: responses,
                parameters: parameters,
                headers: headers,
                securitySchemes: [
                    BearerAuth.name: .b(
                        BearerAuth.scheme(
                            description: "Your API key, sent as `Authorization: Bearer $OPENAGENTS_API_KEY`."
                        )
                    )
                ]
            ),
            security: [BearerAuth.requirement],
            tags: [
                OpenAPI.Tag(name: "Agents", description: "Create, list and retrieve your agents."),
                OpenAPI.Tag(name: "Files", description: "Files an agent can read while it works."),
            ]
        )
    }

    static let info = OpenAPI.Document.Info(
        title: "OpenAgents API",
        summary: "Create conversational agents and give them files to work with.",
        description: """
            OpenAgents hosts conversational agents. You create an agent with a name, a description, \
            instructions and a welcome message; list your agents page by page with the `after` and \
            `before` cursors; retrieve one by its integer `id`; and upload files the agent can read.

            Every request is authenticated with an API key sent as a bearer token. Single-object responses \
            and errors share one envelope: `success`, a human-readable `message`, and `data` (or `error`).
            """,
        contact: .init(name: "OpenAgents support", url: staticURL("https://openagents.com")),
        version: "1.0.0"
    )
}
