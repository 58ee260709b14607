import JSONCore
import OpenAPIKit

extension AgentsCode {
    static var parameters:
        OrderedDictionary<OpenAPI.ComponentKey, Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter>>
    {
        [
            "agentId": .b(
                .path(
                    name: "agentId",
                    schema: .string(
                        minLength: 1, maxLength: 64, pattern: "^[a-z0-9][a-z0-9_-]*$",
                        examples: [example("event-scheduler")]),
                    description: """
                        The agent to run: its `name` (such as `event-scheduler`), as the examples use, or its `id`.
                        """
                )
            ),
            "agentJobId": .b(
                .path(
                    name: "agentJobId",
                    schema: .string(format: .uuid, examples: [example(.string(Examples.jobId))]),
                    description: "The `jobId` that `POST /agents/{agentId}` returned."
                )
            ),
            "cursor": .b(
                .query(
                    name: "cursor",
                    schema: .string(minLength: 1, examples: [example("cm9wt68c0i01brbmvg5t1d3a")]),
                    description: """
                        Where to continue: the `nextCursor` of the previous page. Leave it out for the first \
                        (newest) page. Cursors are opaque and stay valid while runs are added.
                        """
                )
            ),
            "limit": .b(
                .query(
                    name: "limit",
                    schema: .integer(
                        maximum: (100, exclusive: false), minimum: (1, exclusive: false),
                        defaultValue: example(20), examples: [example(20)]),
                    description: "How many runs one page holds, from 1 to 100."
                )
            ),
        ]
    }

    static var headers:
        OrderedDictionary<OpenAPI.ComponentKey, Either<OpenAPI.Reference<OpenAPI.Header>, OpenAPI.Header>>
    {
        errorHeaders(realm: "agentscode")
    }

    /// One reusable response per error status, each with the `Error` body and a typical example.
    static var responses:
        OrderedDictionary<OpenAPI.ComponentKey, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>>
    {
        func error(
            _ description: String, _ examples: [(String, String, String, String?)],
            headers: OpenAPI.Header.Map? = nil
        ) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
            var map = OrderedDictionary<String, Either<OpenAPI.Reference<OpenAPI.Example>, OpenAPI.Example>>()
            for (name, code, message, pointer) in examples {
                var body = JSONObject([("code", .string(code)), ("message", .string(message))])
                if let pointer { body["pointer"] = .string(pointer) }
                map[name] = namedExample(message, .object(JSONObject([("error", .object(body))])))
            }
            return .b(
                OpenAPI.Response(description: description, headers: headers, content: json(ref("Error"), examples: map))
            )
        }
        return [
            "BadRequest": error(
                "The request does not match this document: a parameter or the body is missing, malformed or out of range.",
                [("missingInput", "invalid_request", "'input' is required.", "/input")]
            ),
            "AgentInactive": error(
                "The agent exists but is `INACTIVE`: it does not accept runs. Nothing was charged and no job was created.",
                [
                    (
                        "agentInactive", "agent_inactive",
                        "The agent 'legacy-summarizer' is INACTIVE and does not accept runs.", nil
                    )
                ]
            ),
            "Unauthorized": error(
                "The API key is missing, malformed or revoked.",
                [("missingKey", "unauthorized", "Send your API key as 'Authorization: Bearer YOUR_API_KEY'.", nil)],
                headers: ["WWW-Authenticate": headerRef("WWW-Authenticate")]
            ),
            "InsufficientCredits": error(
                "Your available credits are fewer than the agent's price. Nothing was charged and no job was created.",
                [("insufficientCredits", "insufficient_credits", "This agent costs 5 credits; 3 are available.", nil)]
            ),
            "NotFound": error(
                "No such agent, job or history cursor for this API key.",
                [("unknownAgent", "not_found", "No agent named 'youtube-transcriber'.", nil)]
            ),
            "PayloadTooLarge": error(
                "The request body is larger than 1 MiB.",
                [("tooLarge", "payload_too_large", "The request body exceeds 1048576 bytes.", nil)]
            ),
            "UnsupportedMediaType": error(
                "The request body is not `application/json`.",
                [("wrongType", "unsupported_media_type", "Send the body as 'application/json'.", nil)]
            ),
            "RateLimited": error(
                "Too many requests. Wait the number of seconds in `Retry-After` before sending another.",
                [("rateLimited", "rate_limited", "Rate limit exceeded: retry in 30 seconds.", nil)],
                headers: ["Retry-After": headerRef("Retry-After")]
            ),
            "ServerError": error(
                "Something went wrong on our side. Retrying later is safe for `GET` requests.",
                [("internal", "internal_error", "An unexpected error occurred; it has been logged.", nil)]
            ),
        ]
    }
}
