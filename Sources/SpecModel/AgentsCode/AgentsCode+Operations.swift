import JSONCore
import OpenAPIKit

extension AgentsCode {
    static var listAgents: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Agents"],
            summary: "List agents",
            description: """
                Returns every agent your account can run, as an array. The list is short and is not paginated.
                """,
            operationId: "listAgents",
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "The agents, ordered by `name`.",
                        content: json(
                            .array(items: ref("Agent")),
                            examples: [
                                "agents": namedExample("Two agents", [Examples.schedulerAgent, Examples.youtubeAgent]),
                                "minimal": namedExample(
                                    "Only the members every server sends", [Examples.minimalAgent],
                                    description: """
                                        The list as the original docs show it: no `displayName` or `runCount`, \
                                        and a `name` that is not a short name. Clients must accept it (spec \
                                        notes #2).
                                        """),
                            ]
                        )
                    )
                ),
                401: responseRef("Unauthorized"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }

    static var runAgent: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Runs"],
            summary: "Run an agent",
            description: """
                Starts the agent on your input and answers at once with the new job, `queued`. The agent \
                works in the background: poll `GET /agents/{agentId}/{agentJobId}` with the returned `jobId` until its \
                `status` is `completed`, `failed` or `cancelled`.

                The agent's price in credits is charged only if the run completes. A run is refused with \
                `402` when your available credits are fewer than the price.
                """,
            operationId: "runAgent",
            parameters: [parameterRef("agentId")],
            requestBody: OpenAPI.Request(
                content: json(
                    ref("RunAgentRequest"),
                    examples: [
                        "instruction": namedExample(
                            "A natural-language instruction",
                            ["input": .string(Examples.schedulerInput)]
                        ),
                        "withContext": namedExample(
                            "An instruction with context",
                            [
                                "input": .string(Examples.schedulerInput),
                                "contextData": "The user's time zone is Europe/Berlin.",
                            ]
                        ),
                        "structured": namedExample(
                            "Structured input (youtube-transcription)",
                            ["input": ["url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"]]
                        ),
                    ]
                ),
                required: true
            ),
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "The job was created and is queued.",
                        content: json(
                            ref("AgentRun"),
                            examples: [
                                "queued": namedExample("A queued run", Examples.queuedRun),
                                "minimal": namedExample(
                                    "Without progress", ["jobId": .string(Examples.jobId), "status": "queued"],
                                    description: """
                                        The run response as the original docs show it, `{jobId, status}`: \
                                        `progress` is optional (spec notes #12).
                                        """),
                            ]),
                        links: [
                            "GetRun": link(
                                "getAgentRun",
                                "Poll the run with its `jobId` while it is `queued` or `active`, every second or two.",
                                parameters: [
                                    ("agentId", "$request.path.agentId"), ("agentJobId", "$response.body#/jobId"),
                                ],
                                repeatWhile: ("/status", ["queued", "active"]))
                        ]
                    )
                ),
                400: responseRef("BadRequest"),
                401: responseRef("Unauthorized"),
                402: responseRef("InsufficientCredits"),
                404: responseRef("NotFound"),
                409: responseRef("AgentInactive"),
                413: responseRef("PayloadTooLarge"),
                415: responseRef("UnsupportedMediaType"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }

    static var getAgentRun: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Runs"],
            summary: "Get a run",
            description: """
                Returns the run's current status and progress, and once it has finished, its `result` \
                (when `completed`) or `error` (when `failed`).
                """,
            operationId: "getAgentRun",
            parameters: [parameterRef("agentId"), parameterRef("agentJobId")],
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "The run.",
                        content: json(
                            ref("AgentRun"),
                            examples: [
                                "completed": namedExample("A completed run", Examples.completedRun),
                                "active": namedExample("A run in progress", Examples.activeRun),
                                "failed": namedExample("A failed run", Examples.failedRun),
                            ]
                        )
                    )
                ),
                400: responseRef("BadRequest"),
                401: responseRef("Unauthorized"),
                404: responseRef("NotFound"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }

    static var getCreditBalance: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Credits"],
            summary: "Get the credit balance",
            description: "Returns the credits you can still spend and those spent so far.",
            operationId: "getCreditBalance",
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "The balance.",
                        content: json(
                            ref("CreditBalance"),
                            examples: ["balance": namedExample("A balance", ["available": 100, "used": 50])]
                        )
                    )
                ),
                401: responseRef("Unauthorized"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }

    static var getCreditHistory: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Credits"],
            summary: "List credit history",
            description: """
                Lists your runs, newest first, with the credits each one cost. Completed runs cost the \
                agent's price; failed and cancelled runs cost `0`.

                The list is paginated by cursor: read `runs`, and while `hasMore` is `true`, request the next \
                page with `cursor` set to the page's `nextCursor`.
                """,
            operationId: "getCreditHistory",
            parameters: [parameterRef("cursor"), parameterRef("limit")],
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "One page of runs.",
                        content: json(
                            ref("CreditHistoryPage"),
                            examples: [
                                "firstPage": namedExample("A page with more to come", Examples.historyPage),
                                "lastPage": namedExample(
                                    "The last page", ["runs": [], "hasMore": false, "nextCursor": nil]),
                                "lastPageWithoutCursor": namedExample(
                                    "The last page, without nextCursor", ["runs": [Examples.historyRun], "hasMore": false],
                                    description: "A last page may leave `nextCursor` out (spec notes #10)."),
                            ]
                        ),
                        links: [
                            "NextPage": link(
                                "getCreditHistory",
                                "The next page, while `hasMore` is `true`.",
                                parameters: [
                                    ("cursor", "$response.body#/nextCursor"), ("limit", "$request.query.limit"),
                                ],
                                repeatWhile: ("/hasMore", [true]))
                        ]
                    )
                ),
                400: responseRef("BadRequest"),
                401: responseRef("Unauthorized"),
                404: responseRef("NotFound"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }
}
