import JSONCore
import OpenAPIKit

extension OpenAgents {
    static var parameters:
        OrderedDictionary<OpenAPI.ComponentKey, Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter>>
    {
        [
            "agent_id": .b(.path(name: "agent_id", schema: ref("AgentId"), description: "The `id` of the agent.")),
            "limit": .b(
                .query(
                    name: "limit",
                    schema: .integer(
                        maximum: (100, exclusive: false), minimum: (1, exclusive: false),
                        defaultValue: example(20), examples: [example(20)]),
                    description: "How many agents to return, from 1 to 100."
                )
            ),
            "order": .b(
                .query(
                    name: "order",
                    schema: .string(
                        allowedValues: "asc", "desc", defaultValue: example("desc"), examples: [example("desc")]),
                    description: """
                        Sort order by `created_at`: `asc` for oldest first, `desc` for newest first. Because ids \
                        increase with creation time, this is also the order of `id`.
                        """
                )
            ),
            "after": .b(
                .query(
                    name: "after",
                    schema: ref("AgentId"),
                    description: """
                        A cursor: an agent `id`. Returns the agents that come after it in the requested order. \
                        To get the next page, pass the previous page's `last_id`. With `before` as well, only the agents \
                        between the two are listed, starting right after `after`.
                        """
                )
            ),
            "before": .b(
                .query(
                    name: "before",
                    schema: ref("AgentId"),
                    description: """
                        A cursor: an agent `id`. Returns the agents that come just before it in the requested \
                        order (the page closest to it). To get the previous page, pass the current page's \
                        `first_id`. With `after` as well, it is the end of the range (see `after`).
                        """
                )
            ),
        ]
    }

    static var headers:
        OrderedDictionary<OpenAPI.ComponentKey, Either<OpenAPI.Reference<OpenAPI.Header>, OpenAPI.Header>>
    {
        errorHeaders(realm: "openagents")
    }

    static var responses:
        OrderedDictionary<OpenAPI.ComponentKey, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>>
    {
        func error(
            _ description: String, _ name: String, _ code: String, _ message: String,
            pointer: String? = nil, parameter: String? = nil, headers: OpenAPI.Header.Map? = nil
        ) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
            var detail = JSONObject([("code", .string(code))])
            if let pointer { detail["pointer"] = .string(pointer) }
            if let parameter { detail["parameter"] = .string(parameter) }
            let body: JSONValue = ["success": false, "message": .string(message), "error": .object(detail)]
            return .b(
                OpenAPI.Response(
                    description: description, headers: headers,
                    content: json(ref("Error"), examples: [name: namedExample(message, body)])))
        }
        return [
            "BadRequest": error(
                "The request does not match this document: a parameter, a field or a file is missing, malformed or out of range.",
                "missingField", "invalid_request", "'welcome_message' is required.", pointer: "/welcome_message"),
            "Unauthorized": error(
                "The API key is missing, malformed or revoked.", "missingKey", "unauthorized",
                "Send your API key as 'Authorization: Bearer $OPENAGENTS_API_KEY'.",
                headers: ["WWW-Authenticate": headerRef("WWW-Authenticate")]),
            "NotFound": error(
                "No agent with this `id` belongs to you.", "unknownAgent", "not_found", "Agent 7 was not found."),
            "PayloadTooLarge": error(
                "The body is larger than allowed: 1 MiB for JSON, 10 MiB for an uploaded file.", "tooLarge",
                "payload_too_large", "The file exceeds 10485760 bytes.", pointer: "/file"),
            "UnsupportedMediaType": error(
                "The body's content type is not the one this operation documents.", "wrongType",
                "unsupported_media_type", "Send the body as 'application/json'."),
            "RateLimited": error(
                "Too many requests. Wait the number of seconds in `Retry-After` before sending another.", "rateLimited",
                "rate_limited", "Rate limit exceeded: retry in 30 seconds.",
                headers: ["Retry-After": headerRef("Retry-After")]),
            "ServerError": error(
                "Something went wrong on our side. Retrying later is safe for `GET` requests.", "internal",
                "internal_error", "An unexpected error occurred; it has been logged."),
        ]
    }

    static var createAgent: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Agents"],
            summary: "Create an agent",
            description: "Creates an agent and returns its new `id`. All four fields are required.",
            operationId: "createAgent",
            requestBody: OpenAPI.Request(
                content: json(
                    ref("CreateAgentRequest"),
                    examples: ["dataVisualizer": namedExample("A data visualization agent", Examples.createRequest)]
                ),
                required: true
            ),
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "The agent was created.",
                        content: json(
                            ref("CreateAgentResponse"),
                            examples: [
                                "created": namedExample(
                                    "Created",
                                    [
                                        "success": true, "message": "Agent created successfully.",
                                        "data": ["agent_id": 42],
                                    ]
                                )
                            ]
                        ),
                        links: [
                            "GetAgent": link(
                                "getAgent", "Retrieve the new agent.",
                                parameters: [("agent_id", "$response.body#/data/agent_id")]),
                            "AddAgentFile": link(
                                "addAgentFile", "Give the new agent a file.",
                                parameters: [("agent_id", "$response.body#/data/agent_id")]),
                        ]
                    )
                ),
                400: responseRef("BadRequest"),
                401: responseRef("Unauthorized"),
                413: responseRef("PayloadTooLarge"),
                415: responseRef("UnsupportedMediaType"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }

    static var listAgents: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Agents"],
            summary: "List agents",
            description: """
                Returns your agents a page at a time, newest first unless `order=asc`. Follow `has_more` with \
                `after=<last_id>` for the next page; `before=<first_id>` goes back a page.
                """,
            operationId: "listAgents",
            parameters: [parameterRef("limit"), parameterRef("order"), parameterRef("after"), parameterRef("before")],
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "A page of agents.",
                        content: json(
                            ref("AgentList"),
                            examples: [
                                "threeAgents": namedExample("Three agents", Examples.list),
                                "minimal": namedExample(
                                    "Only the members every server sends", Examples.minimalList,
                                    description: """
                                        The list as the original docs show it: agents without `balance`, \
                                        `user_id` and `published_at` (spec notes #18).
                                        """),
                            ]),
                        links: [
                            "NextPage": link(
                                "listAgents", "The next page, while `has_more` is `true`.",
                                parameters: [
                                    ("after", "$response.body#/last_id"), ("limit", "$request.query.limit"),
                                    ("order", "$request.query.order"),
                                ],
                                repeatWhile: ("/has_more", [true])),
                            "PreviousPage": link(
                                "listAgents", "The page before this one.",
                                parameters: [
                                    ("before", "$response.body#/first_id"), ("limit", "$request.query.limit"),
                                    ("order", "$request.query.order"),
                                ]),
                        ]
                    )
                ),
                400: responseRef("BadRequest"),
                401: responseRef("Unauthorized"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }

    static var getAgent: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Agents"],
            summary: "Retrieve an agent",
            description: "Returns one agent.",
            operationId: "getAgent",
            parameters: [parameterRef("agent_id")],
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "The agent.",
                        content: json(
                            ref("AgentResponse"),
                            examples: ["agent": namedExample("An agent", ["success": true, "data": Examples.agent])]
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

    static var addAgentFile: OpenAPI.Operation {
        OpenAPI.Operation(
            tags: ["Files"],
            summary: "Add a file to an agent",
            description: """
                Uploads a file for the agent to use, as `multipart/form-data` with two parts: `file` and \
                `description`. Files are limited to 10 MiB.
                """,
            operationId: "addAgentFile",
            parameters: [parameterRef("agent_id")],
            requestBody: OpenAPI.Request(
                content: [
                    .multipartForm: .b(
                        OpenAPI.Content(
                            schema: ref("AddAgentFileRequest"),
                            encoding: ["file": OpenAPI.Content.Encoding(contentTypes: [.any])]
                        )
                    )
                ],
                required: true
            ),
            responses: [
                200: .b(
                    OpenAPI.Response(
                        description: "The file was added.",
                        content: json(
                            ref("AddAgentFileResponse"),
                            examples: [
                                "added": namedExample(
                                    "Added",
                                    [
                                        "success": true, "message": "File added to agent successfully.",
                                        "data": ["file_id": 123, "agent_id": 42],
                                    ]
                                )
                            ]
                        )
                    )
                ),
                400: responseRef("BadRequest"),
                401: responseRef("Unauthorized"),
                404: responseRef("NotFound"),
                413: responseRef("PayloadTooLarge"),
                415: responseRef("UnsupportedMediaType"),
                429: responseRef("RateLimited"),
                500: responseRef("ServerError"),
            ]
        )
    }
}
