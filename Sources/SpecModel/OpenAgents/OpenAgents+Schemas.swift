import JSONCore
import OpenAPIKit

extension OpenAgents {
    enum Examples {
        static let createRequest: JSONValue = [
            "name": "Data Visualizer",
            "description": "Analyzes .csv files and creates data visualizations.",
            "instructions": "Upload a .csv file to begin.",
            "welcome_message": "Welcome to Data Visualizer! Please upload a .csv file.",
        ]
        static let agent: JSONValue = [
            "id": 42,
            "name": "Data Visualizer",
            "description": "Analyzes .csv files and creates data visualizations.",
            "instructions": "Upload a .csv file to begin.",
            "welcome_message": "Welcome to Data Visualizer! Please upload a .csv file.",
            "created_at": "2024-02-25T12:00:00Z",
            "balance": 0,
            "user_id": 123,
            "published_at": nil,
        ]
        static func listed(
            _ id: Int, _ name: String, _ description: String, _ instructions: String,
            _ welcome: String, _ created: String
        ) -> JSONValue {
            [
                "id": .number(JSONNumber(id)), "name": .string(name), "description": .string(description),
                "instructions": .string(instructions), "welcome_message": .string(welcome),
                "created_at": .string(created), "balance": 0, "user_id": 123, "published_at": nil,
            ]
        }
        static let list: JSONValue = [
            "object": "list",
            "data": [
                listed(
                    3, "Data Visualizer", "Analyzes .csv files and creates data visualizations.",
                    "Upload a .csv file to begin.", "Welcome to Data Visualizer! Please upload a .csv file.",
                    "2024-02-25T12:00:00Z"),
                listed(
                    2, "Financial Advisor", "Provides financial advice based on your spending habits.",
                    "Link your bank account to begin.", "Welcome to Financial Advisor! Let's optimize your finances.",
                    "2024-02-24T11:00:00Z"),
                listed(
                    1, "Fitness Coach", "Designs personalized workout plans.",
                    "Enter your fitness goals to start.",
                    "Welcome to Fitness Coach! Your journey to fitness begins now.",
                    "2024-02-23T10:00:00Z"),
            ],
            "first_id": 3,
            "last_id": 1,
            "has_more": false,
        ]
        /// The list as the original docs show it: six members per agent.
        static let minimalList: JSONValue = [
            "object": "list",
            "data": [
                [
                    "id": 3, "name": "Fitness Coach", "description": "Designs personalized workout plans.",
                    "instructions": "Enter your fitness goals to start.",
                    "welcome_message": "Welcome to Fitness Coach! Your journey to fitness begins now.",
                    "created_at": "2024-02-23T10:00:00Z",
                ]
            ],
            "first_id": 3,
            "last_id": 3,
            "has_more": false,
        ]
    }

    static var agentID: JSONSchema {
        .integer(format: .int64, minimum: (1, exclusive: false), examples: [example(42)])
    }

    static func text(_ description: String, _ sample: String, maxLength: Int) -> JSONSchema {
        .string(description: description, minLength: 1, maxLength: maxLength, examples: [example(.string(sample))])
    }

    static var schemas: OrderedDictionary<OpenAPI.ComponentKey, JSONSchema> {
        [
            "AgentId": .integer(
                format: .int64,
                description: "An agent's identifier: a positive integer, increasing with creation time.",
                minimum: (1, exclusive: false),
                examples: [example(42)]
            ),
            "CreateAgentRequest": .object(
                description: "The agent to create. Every field is required.",
                properties: [
                    "name": text("The name of the agent.", "Data Visualizer", maxLength: 256),
                    "description": text(
                        "A brief description of the agent's purpose.",
                        "Analyzes .csv files and creates data visualizations.", maxLength: 2_000),
                    "instructions": text(
                        "Detailed instructions on how the agent operates.", "Upload a .csv file to begin.",
                        maxLength: 32_000),
                    "welcome_message": text(
                        "The message users see when they start interacting with the agent.",
                        "Welcome to Data Visualizer! Please upload a .csv file.", maxLength: 2_000),
                ],
                additionalProperties: .a(false),
                examples: [example(Examples.createRequest)]
            ),
            "Agent": .object(
                description: "An agent. Listing and retrieving return this same object.",
                properties: [
                    "id": ref("AgentId"),
                    "name": .string(description: "The name of the agent.", examples: [example("Data Visualizer")]),
                    "description": .string(
                        description: "A brief description of the agent's purpose.",
                        examples: [example("Analyzes .csv files and creates data visualizations.")]),
                    "instructions": .string(
                        description: "Detailed instructions on how the agent operates.",
                        examples: [example("Upload a .csv file to begin.")]),
                    "welcome_message": .string(
                        description: "The message users see when they start interacting with the agent.",
                        examples: [example("Welcome to Data Visualizer! Please upload a .csv file.")]),
                    "created_at": .string(
                        format: .dateTime, description: "When the agent was created (ISO 8601, UTC).",
                        examples: [example("2024-02-25T12:00:00Z")]),
                    "balance": .integer(
                        required: false,
                        description: """
                            The agent's credit balance. Servers should send it; the original list example \
                            leaves it out, so clients must not rely on it (spec notes #18).
                            """,
                        minimum: (0, exclusive: false),
                        examples: [example(0)]),
                    "user_id": .integer(
                        format: .int64, required: false,
                        description: """
                            The user who owns the agent. Servers should send it; the original list example \
                            leaves it out (spec notes #18).
                            """,
                        minimum: (1, exclusive: false),
                        examples: [example(123)]),
                    "published_at": .string(
                        format: .dateTime, required: false, nullable: true,
                        description: """
                            When the agent was published, or `null` while it is private. Servers should send \
                            it; the original list example leaves it out (spec notes #18).
                            """,
                        examples: [example("2024-03-01T09:30:00Z")]),
                ],
                examples: [example(Examples.agent)]
            ),
            "AgentList": .object(
                description: """
                    One page of agents. `first_id` and `last_id` are the ids of the first and last agents of \
                    `data` (`null` when it is empty); pass `last_id` as `after` for the next page and \
                    `first_id` as `before` for the previous one.
                    """,
                properties: [
                    "object": .string(description: "Always `list`.", allowedValues: "list"),
                    "data": .array(
                        description: "The agents of this page, in the requested order.", items: ref("Agent")),
                    "first_id": .integer(
                        format: .int64, nullable: true, description: "The `id` of the first agent in `data`.",
                        examples: [example(3)]),
                    "last_id": .integer(
                        format: .int64, nullable: true, description: "The `id` of the last agent in `data`.",
                        examples: [example(1)]),
                    "has_more": .boolean(description: "Whether more agents follow in the same direction."),
                ],
                examples: [example(Examples.list)]
            ),
            "CreateAgentResponse": envelope(
                "The agent was created.",
                data: .object(properties: ["agent_id": ref("AgentId", description: "The new agent's `id`.")]),
                example: [
                    "success": true, "message": "Agent created successfully.", "data": ["agent_id": 42],
                ]
            ),
            "AgentResponse": envelope(
                "The agent.",
                data: ref("Agent"),
                messageRequired: false,
                example: ["success": true, "data": Examples.agent]
            ),
            "AddAgentFileRequest": .object(
                description: "The file to add, as `multipart/form-data`.",
                properties: [
                    "file": .string(
                        format: .other("binary"),
                        description:
                            "The file to upload, at most 10 MiB. Send its media type in the part's `Content-Type`."
                    ),
                    "description": text(
                        "A brief description of the file's content or purpose.", "CSV data file for visualization",
                        maxLength: 2_000),
                ]
            ),
            "AddAgentFileResponse": envelope(
                "The file was added.",
                data: .object(properties: [
                    "file_id": .integer(
                        format: .int64, description: "The new file's identifier.", minimum: (1, exclusive: false),
                        examples: [example(123)]),
                    "agent_id": ref("AgentId", description: "The agent the file was added to."),
                ]),
                example: [
                    "success": true, "message": "File added to agent successfully.",
                    "data": ["file_id": 123, "agent_id": 42],
                ]
            ),
            "Error": .object(
                description: """
                    The body of every error response (`4xx` and `5xx`): the usual envelope with `success: \
                    false`, a `message` for people, and an `error` with a machine-readable `code` and, for an \
                    invalid request, where the problem is.
                    """,
                properties: [
                    "success": .boolean(description: "Always `false` for errors.", allowedValues: false),
                    "message": .string(
                        description: "What went wrong, for people. Do not parse it: its wording may change.",
                        minLength: 1, examples: [example("Agent 7 was not found.")]),
                    "error": .object(properties: [
                        "code": .string(
                            description: """
                                A stable, machine-readable error code:

                                | Code | Status |
                                |---|---|
                                | `invalid_request` | 400: a parameter or the body does not match this document |
                                | `unauthorized` | 401: the API key is missing, malformed or revoked |
                                | `not_found` | 404: no such agent, or no such route |
                                | `method_not_allowed` | 405: the path exists but not with this method; see `Allow` |
                                | `payload_too_large` | 413: the body or the uploaded file is too large |
                                | `unsupported_media_type` | 415: the body's content type is not the documented one |
                                | `rate_limited` | 429: too many requests; wait `Retry-After` seconds |
                                | `internal_error` | 500: something went wrong on our side; retry later |
                                """,
                            allowedValues: "invalid_request", "unauthorized", "not_found", "method_not_allowed",
                            "payload_too_large", "unsupported_media_type", "rate_limited", "internal_error",
                            examples: [example("not_found")]
                        ),
                        "pointer": .string(
                            format: .jsonPointer, required: false,
                            description:
                                "For an invalid body: a JSON pointer (RFC 6901) to the offending member or form field.",
                            examples: [example("/name")]),
                        "parameter": .string(
                            required: false, description: "For an invalid path or query parameter: its name.",
                            examples: [example("limit")]),
                    ]),
                ],
                examples: [
                    example([
                        "success": false, "message": "Agent 7 was not found.", "error": ["code": "not_found"],
                    ])
                ]
            ),
        ]
    }

    /// A `success`/`message`/`data` envelope, as create, retrieve and upload answer.
    static func envelope(
        _ description: String, data: JSONSchema, messageRequired: Bool = true, example value: JSONValue
    ) -> JSONSchema {
        .object(
            description: description,
            properties: [
                "success": .boolean(description: "Always `true` for a successful request.", allowedValues: true),
                "message": .string(
                    required: messageRequired, description: "A human-readable message about the result.",
                    examples: [example("Agent created successfully.")]),
                "data": data,
            ],
            examples: [example(value)]
        )
    }
}
