import JSONCore
import OpenAPIKit

extension AgentsCode {
    /// Example values shared by schemas, examples and code samples, so they cannot disagree.
    enum Examples {
        static let jobId = "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17"
        static let youtubeAgent: JSONValue = [
            "id": "agent_123456",
            "name": "youtube-transcription",
            "displayName": "YouTube Transcription",
            "version": "1.0.0",
            "credits": 5,
            "description": "Transcribe YouTube videos to text",
            "status": "ACTIVE",
            "runCount": 42,
        ]
        static let schedulerAgent: JSONValue = [
            "id": "agent_654321",
            "name": "event-scheduler",
            "displayName": "Event Scheduler",
            "version": "1.2.0",
            "credits": 2,
            "description": "Turn a sentence such as \"lunch with Jeff tomorrow at noon\" into a calendar event",
            "status": "ACTIVE",
            "runCount": 318,
        ]
        /// An agent as the original list example shows one: six members, a placeholder `name`.
        static let minimalAgent: JSONValue = [
            "id": "agent-name",
            "name": "Agent Name",
            "description": "Description of what the agent does",
            "version": "1.0.0",
            "credits": 5,
            "status": "ACTIVE",
        ]
        static let schedulerInput = "Book an appointment for tomorrow with Jeff at 10am"
        static let queuedRun: JSONValue = ["jobId": .string(jobId), "status": "queued", "progress": 0]
        static let activeRun: JSONValue = ["jobId": .string(jobId), "status": "active", "progress": 40]
        static let completedRun: JSONValue = [
            "jobId": .string(jobId),
            "status": "completed",
            "progress": 100,
            "result": [
                "event": [
                    "title": "Appointment with Jeff",
                    "start": "2025-04-14T10:00:00Z",
                    "end": "2025-04-14T10:30:00Z",
                    "attendees": ["Jeff"],
                ]
            ],
        ]
        static let failedRun: JSONValue = [
            "jobId": .string(jobId),
            "status": "failed",
            "progress": 60,
            "error": [
                "code": "agent_error",
                "message": "No date could be read from the input \"Book an appointment with Jeff\".",
            ],
        ]
        static let historyRun: JSONValue = [
            "id": "cm9fd21dc000ovp62yilaf9kw",
            "agent": "youtube-transcription",
            "creditsUsed": 5,
            "startedAt": "2025-04-13T00:42:59.953Z",
            "completedAt": "2025-04-13T00:43:12.095Z",
            "duration": 12.142,
            "jobId": "a9c5f4e1-de05-4166-9aa4-6f97c518fa5c",
            "status": "completed",
        ]
        static let historyPage: JSONValue = [
            "runs": [historyRun], "hasMore": true, "nextCursor": "cm9wt68c0i01brbmvg5t1d3a",
        ]
    }

    static var schemas: OrderedDictionary<OpenAPI.ComponentKey, JSONSchema> {
        [
            "Agent": agent,
            "AgentStatus": .string(
                description: """
                    Whether the agent can be run. `ACTIVE` agents accept runs; `INACTIVE` agents are listed \
                    (so that existing integrations can see what happened to them) but a run request answers \
                    `409` with the error code `agent_inactive`.
                    """,
                allowedValues: "ACTIVE", "INACTIVE",
                examples: [example("ACTIVE")]
            ),
            "RunAgentRequest": runAgentRequest,
            "AgentRun": agentRun,
            "RunStatus": .string(
                description: """
                    Where a run (a job) is in its life:

                    | Status | Meaning |
                    |---|---|
                    | `queued` | Accepted and waiting to be processed. |
                    | `active` | The agent is working on it; `progress` rises. |
                    | `completed` | Finished successfully; `result` holds the output and the run is charged. |
                    | `failed` | The agent could not complete the task; `error` says why. Not charged. |
                    | `cancelled` | Stopped by you or by the system before it finished. Not charged. |

                    `completed`, `failed` and `cancelled` are final: a run never leaves them.
                    """,
                allowedValues: "queued", "active", "completed", "failed", "cancelled",
                examples: [example("completed")]
            ),
            "RunError": .object(
                description: "Why a run failed.",
                properties: [
                    "code": .string(
                        description: "A stable, machine-readable reason, e.g. `agent_error` or `timeout`.",
                        minLength: 1,
                        examples: [example("agent_error")]
                    ),
                    "message": .string(
                        description: "A human-readable explanation. Do not parse it: its wording may change.",
                        examples: [example("No date could be read from the input.")]
                    ),
                ]
            ),
            "CreditBalance": .object(
                description: "The credits of the account the API key belongs to.",
                properties: [
                    "available": .integer(
                        description:
                            "Credits that can still be spent. The price of a run that is still `queued` or `active` is held back until it ends: charged if it completes, given back if it fails or is cancelled.",
                        minimum: (0, exclusive: false),
                        examples: [example(100)]),
                    "used": .integer(
                        description: "Credits spent so far on completed runs.", minimum: (0, exclusive: false),
                        examples: [example(50)]),
                ],
                examples: [example(["available": 100, "used": 50])]
            ),
            "CreditHistoryRun": creditHistoryRun,
            "CreditHistoryPage": .object(
                description: """
                    One page of the credit history, newest run first. When `hasMore` is `true`, pass \
                    `nextCursor` as the `cursor` query parameter to fetch the next page; on the last page \
                    `hasMore` is `false` and `nextCursor` is `null` or absent.
                    """,
                properties: [
                    "runs": .array(
                        description: "The runs on this page, newest first.", items: ref("CreditHistoryRun")),
                    "hasMore": .boolean(description: "Whether another page follows this one."),
                    "nextCursor": .string(
                        required: false,
                        nullable: true,
                        description: """
                            The cursor of the next page. Opaque: do not build or parse it. On the last page it \
                            is `null` or absent: servers should send `null`, but the original docs describe it \
                            only as the cursor "for fetching the next page", so clients accept both (spec \
                            notes #10).
                            """,
                        minLength: 1,
                        examples: [example("cm9wt68c0i01brbmvg5t1d3a")]
                    ),
                ],
                examples: [example(Examples.historyPage)]
            ),
            "Error": errorSchema,
        ]
    }

    static var agent: JSONSchema {
        .object(
            description: """
                An agent you can run. The same object is returned everywhere an agent appears.
                """,
            properties: [
                "id": .string(
                    description: "The agent's permanent identifier.",
                    minLength: 1,
                    examples: [example("agent_123456")]
                ),
                "name": .string(
                    description: """
                        The agent's short name. This is the `agentId` you put in run URLs \
                        (`POST /agents/youtube-transcription`), and the `agent` of its runs in the credit \
                        history. Servers should send lowercase words joined by hyphens \
                        (`^[a-z0-9]+(-[a-z0-9]+)*$`); the original list example shows `Agent Name`, so \
                        clients must accept any non-empty string (spec notes #2).
                        """,
                    minLength: 1,
                    examples: [example("youtube-transcription")]
                ),
                "displayName": .string(
                    required: false,
                    description: """
                        A name for people, e.g. in a product's user interface. Servers should send it; the \
                        original list example leaves it out, so clients fall back to `name` (spec notes #2).
                        """,
                    minLength: 1,
                    examples: [example("YouTube Transcription")]
                ),
                "version": .string(
                    description: "The agent's version, in semantic versioning form `MAJOR.MINOR.PATCH`.",
                    pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$",
                    examples: [example("1.0.0")]
                ),
                "credits": .integer(
                    description: "What one completed run costs, in credits. Failed and cancelled runs cost nothing.",
                    minimum: (0, exclusive: false),
                    examples: [example(5)]
                ),
                "description": .string(
                    description: "What the agent does.", examples: [example("Transcribe YouTube videos to text")]),
                "status": ref("AgentStatus"),
                "runCount": .integer(
                    required: false,
                    description: """
                        How many times the agent has been run, by everyone. Servers should send it; the \
                        original list example leaves it out (spec notes #2).
                        """,
                    minimum: (0, exclusive: false),
                    examples: [example(42)]
                ),
            ],
            examples: [example(Examples.youtubeAgent)]
        )
    }

    static var runAgentRequest: JSONSchema {
        .object(
            description: "What to run the agent on.",
            properties: [
                "input": .one(
                    of: [
                        .string(
                            description: "A natural-language instruction, as most agents take.",
                            minLength: 1,
                            examples: [example(.string(Examples.schedulerInput))]
                        ),
                        .object(
                            description: "Structured parameters, for agents that document them.",
                            examples: [example(["url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"])]
                        ),
                    ],
                    core: .init(
                        description: """
                            The input of the agent: either a string (a natural-language instruction, which \
                            every agent accepts) or an object of parameters specific to the agent.
                            """
                    )
                ),
                "contextData": .string(
                    required: false,
                    description: "Additional context for the agent, e.g. the user's time zone or earlier conversation.",
                    examples: [example("The user's time zone is Europe/Berlin.")]
                ),
            ],
            additionalProperties: .a(false),
            examples: [example(["input": .string(Examples.schedulerInput)])]
        )
    }

    static var agentRun: JSONSchema {
        .object(
            description: """
                A run of an agent: a job that is queued, then active, and ends `completed`, `failed` or \
                `cancelled`. Poll `GET /agents/{agentId}/{agentJobId}` until `status` is final; every second \
                or two is plenty.
                """,
            properties: [
                "jobId": .string(
                    format: .uuid,
                    description: "The job's identifier, a UUID. Use it as `agentJobId` to poll the run.",
                    examples: [example(.string(Examples.jobId))]
                ),
                "status": ref("RunStatus"),
                "progress": .integer(
                    required: false,
                    description: """
                        How far the run is, in percent: `0` while queued, `100` once completed. Servers should \
                        send it; the original run response (`{"jobId", "status"}`) leaves it out, so clients \
                        treat a missing `progress` as unknown (spec notes #12).
                        """,
                    maximum: (100, exclusive: false),
                    minimum: (0, exclusive: false),
                    examples: [example(40)]
                ),
                "result": .object(
                    required: false,
                    description: """
                        The agent's output, present only when `status` is `completed`. Its members depend on \
                        the agent.
                        """,
                    examples: [example(["transcript": "Never gonna give you up…"])]
                ),
                "error": ref("RunError", required: false, description: "Present only when `status` is `failed`."),
            ],
            examples: [example(Examples.completedRun)]
        )
    }

    static var creditHistoryRun: JSONSchema {
        .object(
            description: "A run, with what it cost.",
            properties: [
                "id": .string(
                    description: "The identifier of this history entry.", minLength: 1,
                    examples: [example("cm9fd21dc000ovp62yilaf9kw")]),
                "agent": .string(
                    description: "The `name` of the agent that ran.",
                    pattern: "^[a-z0-9]+(-[a-z0-9]+)*$",
                    examples: [example("youtube-transcription")]
                ),
                "creditsUsed": .integer(
                    description: "Credits charged: the agent's price when the run completed, `0` otherwise.",
                    minimum: (0, exclusive: false),
                    examples: [example(5)]
                ),
                "startedAt": .string(
                    format: .dateTime, description: "When the run was accepted (ISO 8601, UTC).",
                    examples: [example("2025-04-13T00:42:59.953Z")]),
                "completedAt": .string(
                    format: .dateTime, nullable: true,
                    description: "When the run reached a final status, or `null` while it is queued or active.",
                    examples: [example("2025-04-13T00:43:12.095Z")]
                ),
                "duration": .number(
                    nullable: true,
                    description: "`completedAt − startedAt` in seconds, or `null` while the run is not finished.",
                    minimum: (0, exclusive: false),
                    examples: [example(12.142)]
                ),
                "jobId": .string(
                    format: .uuid, description: "The run's job identifier (see `AgentRun.jobId`).",
                    examples: [example("a9c5f4e1-de05-4166-9aa4-6f97c518fa5c")]),
                "status": ref("RunStatus"),
            ],
            examples: [example(Examples.historyRun)]
        )
    }

    static var errorSchema: JSONSchema {
        .object(
            description: """
                The body of every error response (`4xx` and `5xx`). Branch on `error.code`, show \
                `error.message` to people, and when `error.pointer` or `error.parameter` is present, point \
                at the field that was wrong.
                """,
            properties: [
                "error": .object(
                    properties: [
                        "code": .string(
                            description: """
                                A stable, machine-readable error code:

                                | Code | Status |
                                |---|---|
                                | `invalid_request` | 400: a parameter or the body does not match this document |
                                | `agent_inactive` | 409: the agent exists but does not accept runs |
                                | `unauthorized` | 401: the API key is missing, malformed or revoked |
                                | `insufficient_credits` | 402: the balance is below the agent's price |
                                | `not_found` | 404: no such agent, job or route |
                                | `method_not_allowed` | 405: the path exists but not with this method; see `Allow` |
                                | `payload_too_large` | 413: the request body is too large |
                                | `unsupported_media_type` | 415: the body is not `application/json` |
                                | `rate_limited` | 429: too many requests; wait `Retry-After` seconds |
                                | `internal_error` | 500: something went wrong on our side; retry later |
                                """,
                            allowedValues: "invalid_request", "agent_inactive", "unauthorized",
                            "insufficient_credits", "not_found", "method_not_allowed", "payload_too_large",
                            "unsupported_media_type", "rate_limited", "internal_error",
                            examples: [example("not_found")]
                        ),
                        "message": .string(
                            description: "What went wrong, for people. Do not parse it: its wording may change.",
                            minLength: 1,
                            examples: [example("No agent named 'youtube-transcriber'.")]
                        ),
                        "pointer": .string(
                            format: .jsonPointer,
                            required: false,
                            description: "For an invalid body: a JSON pointer (RFC 6901) to the offending member.",
                            examples: [example("/input")]
                        ),
                        "parameter": .string(
                            required: false,
                            description: "For an invalid path or query parameter: its name.",
                            examples: [example("limit")]
                        ),
                    ]
                )
            ],
            examples: [example(["error": ["code": "not_found", "message": "No agent named 'youtube-transcriber'."]])]
        )
    }
}
