import Foundation
import OpenAPIKit

/// The AgentsCode API: a catalogue of hosted AI agents, run as asynchronous jobs and paid for in credits.
package enum AgentsCode {
    /// The OpenAPI 3.1 document of the AgentsCode API.
    package static var document: OpenAPI.Document {
        OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: info,
            servers: [
                OpenAPI.Server(
                    url: staticURL("https://api.agentscode.dev/v1"),
                    description: "Production"
                )
            ],
            paths: paths,
            components: components,
            security: [BearerAuth.requirement],
            tags: [
                OpenAPI.Tag(name: "Agents", description: "The agents your account can run."),
                OpenAPI.Tag(
                    name: "Runs",
                    description: "Start an agent as a job and follow the job until it finishes."
                ),
                OpenAPI.Tag(name: "Credits", description: "Your credit balance and what each run cost."),
            ]
        )
    }

    static let info = OpenAPI.Document.Info(
        title: "AgentsCode API",
        summary: "Call hosted AI agents from your code and pay per successful run.",
        description: """
            AgentsCode runs high-quality AI agents for development and automation. Every agent has a \
            short `name` such as `youtube-transcription` or `event-scheduler`; you start it with \
            `POST /agents/{agentId}`, which answers at once with a job, and poll \
            `GET /agents/{agentId}/{agentJobId}` until the job is `completed` or `failed`.

            Runs are paid for in credits. Each agent states its price in `credits`; a run is charged \
            only when it completes successfully, and `GET /credits/history` lists every run with what it cost.

            All requests are authenticated with an API key sent as a bearer token. Errors use \
            one JSON body, the `Error` schema, whatever the status code.
            """,
        contact: .init(name: "AgentsCode support", url: staticURL("https://agentscode.dev/contact")),
        version: "1.0.0"
    )

    static var paths: OpenAPI.PathItem.Map {
        [
            "/agents": .b(OpenAPI.PathItem(get: listAgents)),
            "/agents/{agentId}": .b(OpenAPI.PathItem(post: runAgent)),
            "/agents/{agentId}/{agentJobId}": .b(OpenAPI.PathItem(get: getAgentRun)),
            "/credits/balance": .b(OpenAPI.PathItem(get: getCreditBalance)),
            "/credits/history": .b(OpenAPI.PathItem(get: getCreditHistory)),
        ]
    }

    static var components: OpenAPI.Components {
        OpenAPI.Components(
            schemas: schemas,
            responses: responses,
            parameters: parameters,
            headers: headers,
            securitySchemes: [
                BearerAuth.name: .b(
                    BearerAuth.scheme(
                        description: """
                            Your API key, sent as `Authorization: Bearer YOUR_API_KEY`. Create and revoke keys \
                            in the [dashboard](https://agentscode.dev/dashboard); a key is shown only once.
                            """
                    )
                )
            ]
        )
    }
}
