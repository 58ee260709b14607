import OpenAPIDocument
import Foundation
import JSONCore
import MockServer
import Testing

@Suite struct MultipartParserTests {
    @Test func readsPartsWithNamesFileNamesAndTypes() throws {
        let body = Array(
            "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n--b\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n\r\n--b--\r\n"
                .utf8)
        let parts = try MultipartParser.parse(body, contentType: "multipart/form-data; boundary=\"b\"")
        #expect(
            parts == [
                MultipartPart(
                    name: "file", filename: "a b.txt", contentType: "text/plain", body: Array("line1\r\nline2".utf8)),
                MultipartPart(name: "description", filename: nil, contentType: nil, body: []),
            ])
        // An empty field name is still a name (RFC 7578 does not forbid it).
        let empty = try MultipartParser.parse(
            Array("--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--b--".utf8),
            contentType: "multipart/form-data; boundary=b")
        #expect(empty == [MultipartPart(name: "", filename: nil, contentType: nil, body: [UInt8(ascii: "x")])])
    }

    @Test(arguments: [
        ("multipart/form-data", "--b--", "the Content-Type has no boundary parameter"),
        ("multipart/form-data; boundary=zz", "--b--", "the boundary \"zz\" does not occur in the body"),
        (
            "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue",
            "part 1 is not closed by the boundary \"--b\""
        ),
        (
            "multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--",
            "part 1 has no Content-Disposition with a field name"
        ),
        (
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n--b--",
            "part 1 has no Content-Disposition with a field name"
        ),
        (
            "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--b--",
            "part 1 is \"attachment; name=\"x\"\", not form-data"
        ),
        (
            "multipart/form-data; boundary=b", "--b\r\nContent-Disposition form-data\r\n\r\nv\r\n--b--",
            "part 1 has a malformed header line \"Content-Disposition form-data\""
        ),
        (
            "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"",
            "part 1 has no blank line after its headers"
        ),
        ("multipart/form-data; boundary=b", "--b", "the body ends without the closing boundary \"--b--\""),
    ])
    func brokenBodiesSayWhatIsWrong(contentType: String, body: String, message: String) {
        #expect(throws: MultipartParser.Failure(message: message)) {
            try MultipartParser.parse(Array(body.utf8), contentType: contentType)
        }
    }
}

@Suite struct MockRequestTests {
    @Test func queriesArePercentDecoded() {
        let request = APIRequest(method: "get", target: "/a%20b?x=1&y=a+b%2Fc&x=2&flag")
        #expect(request.method == "GET")
        #expect(request.path == "/a%20b")
        #expect(request.queryValues("x") == ["1", "2"])
        #expect(request.queryValues("y") == ["a b/c"])
        #expect(request.queryValues("flag") == [""])
    }

    @Test func rateLimitsParse() {
        #expect(RateLimit("100/60") == RateLimit(requests: 100, seconds: 60))
        #expect(RateLimit("5/0.5") == RateLimit(requests: 5, seconds: 0.5))
        #expect(RateLimit("10") == RateLimit(requests: 10, seconds: 60))
        #expect(RateLimit("0/60") == nil)
        #expect(RateLimit("x/60") == nil)
        #expect(RateLimit("10/0") == nil)
    }
}

@Suite struct MockStateTests {
    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mock-state-\(UUID().uuidString).sqlite").path
    }

    @Test func aRestartRestoresRunsAgentsFilesAndCounters() throws {
        let path = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let form = OpenAgentsMockTests.multipart([
            ("file", "a.txt", "text/plain", [1, 2, 3]), ("description", nil, nil, Array("d".utf8)),
        ])
        let jobId: String
        do {
            let first = try MockHarness(keys: ["a", "b"], jobDuration: 10, statePath: path)
            jobId = try #require(
                first.send(
                    "POST", "/v1/agents/event-scheduler", key: "a", json: ["input": "lunch with Jeff tomorrow at noon"]
                )
                .json["jobId"]?.stringValue)
            first.send("POST", "/api/v1/agents", key: "b", json: OpenAgentsMockTests.agent(1))
            #expect(
                first.send(
                    "POST", "/api/v1/agents/1/files", key: "b", body: form.body,
                    headers: [("Content-Type", form.contentType)]
                )
                .status == 200)
            // While it runs, no second mock opens the same file: the two states would drift apart.
            #expect {
                _ = try MockHarness(keys: ["a"], jobDuration: 10, statePath: path)
            } throws: { error in
                "\(error)".contains("another process is using the state file '\(path)'")
            }
        }

        // A second mock on the same file, once the first has stopped: the run has finished meanwhile and is charged.
        let second = try MockHarness(keys: ["b", "a"], jobDuration: 10, statePath: path)
        second.advance(30)
        let run = second.send("GET", "/v1/agents/event-scheduler/\(jobId)", key: "a").json
        #expect(run["status"] == "completed")
        #expect(run["result"]?["event"]?["title"] == "Lunch with Jeff")
        #expect(second.send("GET", "/v1/credits/balance", key: "a").json == ["available": 98, "used": 2])
        // Accounts keep their user ids whatever the order of the keys.
        #expect(second.send("GET", "/api/v1/agents/1", key: "b").json["data"]?["user_id"] == 2)
        #expect(
            second.send("POST", "/api/v1/agents", key: "a", json: OpenAgentsMockTests.agent(2)).json["data"]?[
                "agent_id"] == 2)
        let next = second.send(
            "POST", "/api/v1/agents/1/files", key: "b", body: form.body, headers: [("Content-Type", form.contentType)])
        #expect(next.json["data"]?["file_id"] == 2)
        let agents = second.send("GET", "/v1/agents", key: "a").json.arrayValue?.first {
            $0["name"] == "event-scheduler"
        }
        #expect(agents?["runCount"] == 319)
        // A second run gets a new id, not a repeat of the restored one.
        let another = second.send(
            "POST", "/v1/agents/event-scheduler", key: "a", json: ["input": "call Anna today at 3pm"])
        #expect(another.json["jobId"] != .string(jobId))
    }

    @Test func anUnopenableStateFileIsAClearError() {
        var configuration = MockConfiguration()
        configuration.statePath = "/nonexistent-folder/state.sqlite"
        #expect {
            _ = try MockFactory.builtIn([(.agentscode, MockHarness.agentsCode)], configuration: configuration)
        } throws: { error in
            "\(error)".contains("cannot open the state database '/nonexistent-folder/state.sqlite'")
        }
    }
}
