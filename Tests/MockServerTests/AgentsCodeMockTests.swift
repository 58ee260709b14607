import OpenAPIDocument
import JSONCore
import MockServer
import Testing

@Suite struct AgentsCodeMockTests {
    let seedInput: JSONValue = ["input": "Book an appointment for tomorrow with Jeff at 10am"]

    @Test func listsTheCatalogueByNameWithRunCounts() throws {
        let mock = try MockHarness()
        let response = mock.send("GET", "/v1/agents")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let names = response.json.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(
            names == [
                "email-drafter", "event-scheduler", "legacy-summarizer", "sentiment-analyzer", "text-summarizer",
                "youtube-transcription",
            ])
        let scheduler = response.json.arrayValue?.first { $0["name"] == "event-scheduler" }
        #expect(scheduler?["runCount"]?.int == 318)
        mock.send("POST", "/v1/agents/event-scheduler", json: seedInput)
        let after = mock.send("GET", "/v1/agents").json.arrayValue?.first { $0["name"] == "event-scheduler" }
        #expect(after?["runCount"]?.int == 319)
    }

    @Test func aRunIsQueuedThenActiveThenCompletedAndChargedOnlyThen() throws {
        let mock = try MockHarness(jobDuration: 10)
        let started = mock.send("POST", "/v1/agents/event-scheduler", json: seedInput)
        #expect(started.status == 200)
        #expect(started.json["status"] == "queued")
        #expect(started.json["progress"] == 0)
        let jobId = try #require(started.json["jobId"]?.stringValue)
        // Held, not spent: available drops at once, used only on completion.
        #expect(mock.send("GET", "/v1/credits/balance").json == ["available": 98, "used": 0])

        mock.advance(5)
        let active = mock.send("GET", "/v1/agents/event-scheduler/\(jobId)").json
        #expect(active["status"] == "active")
        #expect(active["progress"] == 50)
        #expect(active["result"] == nil)

        mock.advance(5)
        let done = mock.send("GET", "/v1/agents/event-scheduler/\(jobId)").json
        #expect(done["status"] == "completed")
        #expect(done["progress"] == 100)
        // 2025-04-13 is the start day, so "tomorrow at 10am" is the 14th.
        #expect(
            done["result"]
                == [
                    "event": [
                        "title": "Appointment with Jeff", "start": "2025-04-14T10:00:00Z",
                        "end": "2025-04-14T10:30:00Z",
                        "attendees": ["Jeff"],
                    ]
                ])
        #expect(mock.send("GET", "/v1/credits/balance").json == ["available": 98, "used": 2])
        let history = mock.send("GET", "/v1/credits/history").json
        #expect(history["hasMore"] == false)
        #expect(history["nextCursor"] == .null)
        let entry = try #require(history["runs"]?.arrayValue?.first)
        #expect(entry["jobId"]?.stringValue == jobId)
        #expect(entry["agent"] == "event-scheduler")
        #expect(entry["creditsUsed"] == 2)
        #expect(entry["status"] == "completed")
        #expect(entry["startedAt"] == "2025-04-13T00:00:00.000Z")
        #expect(entry["completedAt"] == "2025-04-13T00:00:10.000Z")
        #expect(entry["duration"] == 10)
    }

    @Test func aRunWithoutADateFailsAndCostsNothing() throws {
        let mock = try MockHarness(jobDuration: 10)
        let jobId = try #require(
            mock.send("POST", "/v1/agents/event-scheduler", json: ["input": "Book an appointment with Jeff"])
                .json["jobId"]?.stringValue)
        #expect(mock.send("GET", "/v1/credits/history").json["runs"]?.arrayValue?.first?["completedAt"] == .null)
        mock.advance(6)
        let failed = mock.send("GET", "/v1/agents/event-scheduler/\(jobId)").json
        #expect(failed["status"] == "failed")
        #expect(
            failed["error"]
                == [
                    "code": "agent_error",
                    "message": "No date could be read from the input \"Book an appointment with Jeff\".",
                ])
        #expect(mock.send("GET", "/v1/credits/balance").json == ["available": 100, "used": 0])
        #expect(mock.send("GET", "/v1/credits/history").json["runs"]?.arrayValue?.first?["creditsUsed"] == 0)
    }

    static let endings: [(String, JSONValue, String)] = [
        (
            "youtube-transcription", JSONValue.object(["url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"]),
            "completed"
        ),
        ("youtube-transcription", "transcribe my holiday video", "failed"),
        ("text-summarizer", "Swift is a language. It is fast and safe, and it runs on servers.", "completed"),
        ("text-summarizer", "Too short", "failed"),
        ("sentiment-analyzer", "I love this great product", "completed"),
        ("sentiment-analyzer", "1234 !!!", "failed"),
        ("email-drafter", "Ask Anna to move our call to Friday", "completed"),
        ("email-drafter", ["text": "Thank the team for the launch"], "completed"),
        ("email-drafter", ["subject": "no text member"], "failed"),
    ]

    @Test(arguments: endings)
    func everyAgentHasADocumentedWayToSucceedAndToFail(agent: String, input: JSONValue, ending: String) throws {
        let mock = try MockHarness(jobDuration: 1)
        let jobId = try #require(
            mock.send("POST", "/v1/agents/\(agent)", json: ["input": input]).json["jobId"]?.stringValue)
        mock.advance(1)
        let run = mock.send("GET", "/v1/agents/\(agent)/\(jobId)").json
        #expect(run["status"]?.stringValue == ending)
        #expect((run["result"] != nil) == (ending == "completed"))
    }

    @Test func tooFewCreditsIsA402AndNoJob() throws {
        let mock = try MockHarness(credits: 4)
        let refused = mock.send(
            "POST", "/v1/agents/youtube-transcription", json: ["input": ["url": "https://youtu.be/dQw4w9WgXcQ"]])
        #expect(refused.status == 402)
        #expect(
            refused.json
                == [
                    "error": [
                        "code": "insufficient_credits", "message": "This agent costs 5 credits; 4 are available.",
                    ]
                ])
        #expect(mock.send("GET", "/v1/credits/history").json["runs"] == [])
    }

    @Test func concurrentRunsNeverSpendMoreThanTheBalance() async throws {
        let mock = try MockHarness(credits: 100, jobDuration: 60)
        let input = seedInput
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    mock.service.respond(
                        to: APIRequest(
                            method: "POST", target: "/v1/agents/event-scheduler",
                            headers: [
                                ("Authorization", "Bearer \(MockHarness.key)"), ("Content-Type", "application/json"),
                            ], body: Array(input.compactJSON().utf8))
                    ).status
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 50)
        #expect(statuses.filter { $0 == 402 }.count == 150)
        #expect(mock.send("GET", "/v1/credits/balance").json == ["available": 0, "used": 0])
        mock.advance(60)
        #expect(mock.send("GET", "/v1/credits/balance").json == ["available": 0, "used": 100])
        #expect(mock.send("GET", "/v1/credits/history?limit=100").json["runs"]?.arrayValue?.count == 50)
    }

    /// Credits are counted from the runs not yet known to have ended (the others are settled as the clock
    /// passes them), so a write costs the same however long the history is: after hundreds of runs, some
    /// finished, some failed, some still going, the balance still equals the history's charges.
    @Test func theBalanceStaysExactAsRunsAreSettled() throws {
        func int(_ value: JSONValue?) -> Int {
            if case .number(let number)? = value { return number.intValue ?? 0 }
            return 0
        }
        let mock = try MockHarness(credits: 100_000, jobDuration: 10)
        for index in 0..<300 {
            let inputs = ["lunch with Jeff tomorrow at noon", "call Anna today at 3pm", "nonsense that fails"]
            _ = mock.send("POST", "/v1/agents/event-scheduler", json: ["input": .string(inputs[index % 3])])
            // Every few runs the clock passes the earlier ones' ends; the last ones are still going.
            mock.advance(index % 7 == 0 ? 30 : 1)
        }
        var charged = 0
        var cursor: String?
        repeat {
            let page = mock.send("GET", "/v1/credits/history?limit=100" + (cursor.map { "&cursor=\($0)" } ?? "")).json
            for run in page["runs"]?.arrayValue ?? [] { charged += int(run["creditsUsed"]) }
            cursor = page["nextCursor"]?.stringValue
        } while cursor != nil
        let balance = mock.send("GET", "/v1/credits/balance").json
        #expect(balance["used"] == .number(JSONNumber(charged)))
        let held = 100_000 - charged - int(balance["available"])
        #expect(held > 0, "the last runs are still going and hold their price")
        mock.advance(60)
        let settled = mock.send("GET", "/v1/credits/balance").json
        #expect(int(settled["available"]) == 100_000 - int(settled["used"]))
        #expect(int(settled["used"]) > charged)
    }

    @Test func theHistoryPagesNewestFirstWithoutGapsOrDuplicates() throws {
        let mock = try MockHarness(credits: 1000, jobDuration: 0)
        var jobIds: [String] = []
        for i in 0..<25 {
            let input: JSONValue = ["input": .string("I love item \(i)")]
            jobIds.append(
                try #require(mock.send("POST", "/v1/agents/sentiment-analyzer", json: input).json["jobId"]?.stringValue)
            )
            mock.advance(1)
        }
        var seen: [String] = []
        var cursor: String?
        var pages: [Int] = []
        repeat {
            let page = mock.send("GET", "/v1/credits/history?limit=10" + (cursor.map { "&cursor=\($0)" } ?? "")).json
            let runs = page["runs"]?.arrayValue ?? []
            pages.append(runs.count)
            seen += runs.compactMap { $0["jobId"]?.stringValue }
            cursor = page["nextCursor"]?.stringValue
            #expect(page["hasMore"] == .bool(cursor != nil))
        } while cursor != nil
        #expect(pages == [10, 10, 5])
        #expect(seen == Array(jobIds.reversed()))
        let unknown = mock.send("GET", "/v1/credits/history?cursor=cnotacursor")
        #expect(unknown.status == 404)
        #expect(unknown.json["error"]?["parameter"] == "cursor")
    }

    @Test func unknownAgentsJobsAndOtherAgentsJobsAre404() throws {
        let mock = try MockHarness()
        let unknown = mock.send("POST", "/v1/agents/youtube-transcriber", json: seedInput)
        #expect(unknown.status == 404)
        #expect(unknown.json == ["error": ["code": "not_found", "message": "No agent named 'youtube-transcriber'."]])
        let jobId = try #require(
            mock.send("POST", "/v1/agents/event-scheduler", json: seedInput).json["jobId"]?.stringValue)
        #expect(mock.send("GET", "/v1/agents/email-drafter/\(jobId)").status == 404)
        #expect(mock.send("GET", "/v1/agents/event-scheduler/3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17").status == 404)
        // By id as well as by name.
        #expect(mock.send("GET", "/v1/agents/agent_654321/\(jobId)").status == 200)
        let notUUID = mock.send("GET", "/v1/agents/event-scheduler/job_123")
        #expect(notUUID.status == 400)
        #expect(notUUID.json["error"]?["parameter"] == "agentJobId")
    }

    @Test func anInactiveAgentRefusesRuns() throws {
        let mock = try MockHarness()
        let refused = mock.send("POST", "/v1/agents/legacy-summarizer", json: seedInput)
        #expect(refused.status == 409)
        #expect(refused.json["error"]?["code"] == "agent_inactive")
    }

    @Test func eachKeyIsItsOwnAccount() throws {
        let mock = try MockHarness(keys: ["key-a", "key-b"])
        let jobId = try #require(
            mock.send("POST", "/v1/agents/event-scheduler", key: "key-a", json: seedInput).json["jobId"]?.stringValue)
        #expect(mock.send("GET", "/v1/agents/event-scheduler/\(jobId)", key: "key-b").status == 404)
        #expect(mock.send("GET", "/v1/credits/balance", key: "key-b").json == ["available": 100, "used": 0])
        #expect(mock.send("GET", "/v1/credits/balance", key: "key-a").json == ["available": 98, "used": 0])
        #expect(mock.send("GET", "/v1/credits/balance", key: MockHarness.key).status == 401)
    }

    @Test func badBodiesNameTheFieldWithAPointer() throws {
        let mock = try MockHarness()
        let missing = mock.send("POST", "/v1/agents/event-scheduler", json: ["inputs": "x"])
        #expect(missing.status == 400)
        #expect(
            missing.json == [
                "error": ["code": "invalid_request", "message": "'input' is required.", "pointer": "/input"]
            ])
        let wrongType = mock.send("POST", "/v1/agents/event-scheduler", json: ["input": 5])
        #expect(wrongType.json["error"]?["pointer"] == "/input")
        let extra = mock.send("POST", "/v1/agents/event-scheduler", json: ["input": "x", "mode": "fast"])
        #expect(extra.json["error"]?["pointer"] == "/mode")
        let malformed = mock.send(
            "POST", "/v1/agents/event-scheduler", body: Array("{\"input\": ".utf8),
            headers: [("Content-Type", "application/json")])
        #expect(malformed.status == 400)
        #expect(
            malformed.json["error"]?["message"]
                == "The body is not valid JSON: line 1, column 11: unexpected end of input, expected a JSON value.")
        // A key written twice: the mock does not pick one of the two values for the client.
        let twice = mock.send(
            "POST", "/v1/agents/event-scheduler", body: Array(#"{"input": "a", "input": {"x": 1}}"#.utf8),
            headers: [("Content-Type", "application/json")])
        #expect(twice.status == 400)
        #expect(
            twice.json["error"]?["message"]
                == #"The body is not valid JSON: line 1, column 16: duplicate key "input" in one object (first at line 1, column 2)."#
        )
        let empty = mock.send("POST", "/v1/agents/event-scheduler", headers: [("Content-Type", "application/json")])
        #expect(empty.status == 400)
        let limit = mock.send("GET", "/v1/credits/history?limit=0")
        #expect(limit.status == 400)
        #expect(
            limit.json
                == [
                    "error": [
                        "code": "invalid_request",
                        "message": "Query parameter 'limit': 0 is less than the minimum of 1.",
                        "parameter": "limit",
                    ]
                ])
    }

    @Test func wrongContentTypeIs415AndTooLargeIs413() throws {
        let mock = try MockHarness()
        let text = mock.send(
            "POST", "/v1/agents/event-scheduler", body: Array("input=x".utf8),
            headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(text.status == 415)
        #expect(text.json["error"]?["code"] == "unsupported_media_type")
        let big: JSONValue = ["input": .string(String(repeating: "a", count: 1 << 20))]
        let tooLarge = mock.send("POST", "/v1/agents/event-scheduler", json: big)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.json["error"]?["code"] == "payload_too_large")
        // Charset parameters are fine.
        let charset = mock.send(
            "POST", "/v1/agents/event-scheduler", body: Array(seedInput.compactJSON().utf8),
            headers: [("Content-Type", "application/json; charset=utf-8")])
        #expect(charset.status == 200)
    }

    @Test func missingAndWrongKeysAre401WithAChallenge() throws {
        let mock = try MockHarness()
        let missing = mock.send("GET", "/v1/agents", key: nil)
        #expect(missing.status == 401)
        #expect(missing.header("WWW-Authenticate") == "Bearer realm=\"agentscode\"")
        #expect(
            missing.json
                == [
                    "error": [
                        "code": "unauthorized", "message": "Send your API key as 'Authorization: Bearer YOUR_API_KEY'.",
                    ]
                ])
        let wrong = mock.send("GET", "/v1/agents", key: "sk_live_wrong")
        #expect(wrong.status == 401)
        #expect(wrong.header("WWW-Authenticate") == "Bearer realm=\"agentscode\", error=\"invalid_token\"")
        let basic = mock.send("GET", "/v1/agents", key: nil, headers: [("Authorization", "Basic \(MockHarness.key)")])
        #expect(basic.status == 401)
    }

    @Test func overTheRateLimitIs429WithRetryAfter() throws {
        let mock = try MockHarness(rateLimit: RateLimit(requests: 3, seconds: 30))
        for _ in 0..<3 { #expect(mock.send("GET", "/v1/credits/balance").status == 200) }
        let limited = mock.send("GET", "/v1/credits/balance")
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "10")
        #expect(limited.json["error"]?["code"] == "rate_limited")
        mock.advance(10)
        #expect(mock.send("GET", "/v1/credits/balance").status == 200)
        #expect(mock.send("GET", "/v1/credits/balance").status == 429)
    }

    @Test func unknownRoutesAre404AndOtherMethods405() throws {
        let mock = try MockHarness()
        let route = mock.send("GET", "/v1/nothing/here")
        #expect(route.status == 404)
        #expect(route.json == ["error": ["code": "not_found", "message": "No route GET /v1/nothing/here."]])
        let method = mock.send("DELETE", "/v1/agents")
        #expect(method.status == 405)
        #expect(method.header("Allow") == "GET")
        #expect(method.json["error"]?["code"] == "method_not_allowed")
        let outside = mock.send("GET", "/v2/agents")
        #expect(outside.status == 404)
        #expect(outside.header("Content-Type") == "application/problem+json")
        let head = mock.send("HEAD", "/v1/agents")
        #expect(head.status == 200 && head.body.isEmpty)
        // Its length is the GET answer's, not its own empty body's (RFC 9110 section 8.6).
        let get = mock.send("GET", "/v1/agents")
        #expect(!get.body.isEmpty && head.header("Content-Length") == String(get.body.count))
    }

    @Test func theSameSeedGivesTheSameIds() throws {
        let first = try MockHarness(seed: 9)
        let second = try MockHarness(seed: 9)
        let other = try MockHarness(seed: 10)
        let a = first.send("POST", "/v1/agents/event-scheduler", json: seedInput).json["jobId"]
        let b = second.send("POST", "/v1/agents/event-scheduler", json: seedInput).json["jobId"]
        let c = other.send("POST", "/v1/agents/event-scheduler", json: seedInput).json["jobId"]
        #expect(a == b)
        #expect(a != c)
    }
}
