import OpenAPIDocument
import JSONCore
import MockServer
import Testing

@Suite struct OpenAgentsMockTests {
    static func agent(_ n: Int) -> JSONValue {
        [
            "name": .string("Agent \(n)"), "description": "Does things.", "instructions": "Ask.",
            "welcome_message": "Hello!",
        ]
    }

    /// Creates `count` agents and returns their ids.
    func create(_ count: Int, in mock: MockHarness, key: String = MockHarness.key) throws -> [Int] {
        try (1...count).map { n in
            let response = mock.send("POST", "/api/v1/agents", key: key, json: Self.agent(n))
            #expect(response.status == 200)
            #expect(response.json["success"] == true)
            #expect(response.json["message"] == "Agent created successfully.")
            mock.advance(1)
            return try #require(response.json["data"]?["agent_id"]?.int)
        }
    }

    @Test func createdAgentsGetIncreasingIdsAndCanBeRetrieved() throws {
        let mock = try MockHarness(keys: ["a", "b"])
        let ids = try create(3, in: mock, key: "a")
        #expect(ids == [1, 2, 3])
        #expect(try create(1, in: mock, key: "b") == [4])
        let agent = mock.send("GET", "/api/v1/agents/2", key: "a").json
        #expect(
            agent
                == [
                    "success": true,
                    "data": [
                        "id": 2, "name": "Agent 2", "description": "Does things.", "instructions": "Ask.",
                        "welcome_message": "Hello!", "created_at": "2025-04-13T00:00:01Z", "balance": 0, "user_id": 1,
                        "published_at": nil,
                    ],
                ])
        // Another account's agent does not exist for you.
        let other = mock.send("GET", "/api/v1/agents/4", key: "a")
        #expect(other.status == 404)
        #expect(
            other.json == ["success": false, "message": "Agent 4 was not found.", "error": ["code": "not_found"]])
    }

    @Test func creatingWithAMissingOrWrongFieldIs400WithItsPointer() throws {
        let mock = try MockHarness()
        var body = Self.agent(1).objectValue ?? [:]
        body["welcome_message"] = nil
        let missing = mock.send("POST", "/api/v1/agents", json: .object(body))
        #expect(missing.status == 400)
        #expect(
            missing.json
                == [
                    "success": false, "message": "'welcome_message' is required.",
                    "error": ["code": "invalid_request", "pointer": "/welcome_message"],
                ])
        body["welcome_message"] = 42
        let wrong = mock.send("POST", "/api/v1/agents", json: .object(body))
        #expect(wrong.json["error"]?["pointer"] == "/welcome_message")
        #expect(wrong.json["message"] == "Invalid 'welcome_message': 42 is not of type \"string\".")
        #expect(mock.send("GET", "/api/v1/agents").json["data"] == [])
    }

    @Test func listingPagesWithAfterAndBeforeInBothOrders() throws {
        let mock = try MockHarness()
        _ = try create(7, in: mock)
        func ids(_ query: String) -> (ids: [Int], hasMore: Bool, first: JSONValue?, last: JSONValue?) {
            let page = mock.send("GET", "/api/v1/agents" + query).json
            #expect(page["object"] == "list")
            return (
                page["data"]?.arrayValue?.compactMap { $0["id"]?.int } ?? [], page["has_more"] == true,
                page["first_id"], page["last_id"]
            )
        }
        #expect(ids("").ids == [7, 6, 5, 4, 3, 2, 1])
        #expect(ids("?limit=3").ids == [7, 6, 5])
        #expect(ids("?limit=3").hasMore)
        #expect(ids("?limit=3").first == 7 && ids("?limit=3").last == 5)
        #expect(ids("?limit=3&after=5").ids == [4, 3, 2])
        #expect(ids("?limit=3&after=2").ids == [1])
        #expect(!ids("?limit=3&after=2").hasMore)
        // `before` gives the page just before the cursor, in the same order.
        #expect(ids("?limit=3&before=2").ids == [5, 4, 3])
        #expect(ids("?limit=3&before=2").hasMore)
        #expect(ids("?limit=3&before=5").ids == [7, 6])
        #expect(!ids("?limit=3&before=5").hasMore)
        #expect(ids("?order=asc&limit=3").ids == [1, 2, 3])
        #expect(ids("?order=asc&limit=3&after=3").ids == [4, 5, 6])
        #expect(ids("?order=asc&limit=3&before=6").ids == [3, 4, 5])
        // A cursor is a position, not an agent that must exist.
        #expect(ids("?limit=2&after=100").ids == [7, 6])
        let empty = ids("?after=1")
        #expect(empty.ids.isEmpty && empty.first == .null && empty.last == .null && !empty.hasMore)
        // Walking forward with last_id visits every agent once.
        var walked: [Int] = []
        var after: Int?
        repeat {
            let page = ids("?limit=2" + (after.map { "&after=\($0)" } ?? ""))
            walked += page.ids
            after = page.hasMore ? page.last?.int : nil
        } while after != nil
        #expect(walked == [7, 6, 5, 4, 3, 2, 1])
        // Both cursors: the agents between them, from `after` on.
        #expect(ids("?after=6&before=2").ids == [5, 4, 3])
        #expect(ids("?after=6&before=2&limit=2").ids == [5, 4])
        #expect(ids("?after=6&before=2&limit=2").hasMore)
        #expect(!ids("?after=6&before=2&limit=3").hasMore)
        #expect(ids("?order=asc&after=2&before=6").ids == [3, 4, 5])
        #expect(ids("?after=2&before=6").ids.isEmpty)
        #expect(mock.send("GET", "/api/v1/agents?order=random").json["error"]?["parameter"] == "order")
        #expect(mock.send("GET", "/api/v1/agents?limit=101").status == 400)
        #expect(mock.send("GET", "/api/v1/agents?after=0").status == 400)
    }

    static func multipart(
        _ parts: [(name: String, filename: String?, type: String?, body: [UInt8])], boundary: String = "XyZ123"
    ) -> (body: [UInt8], contentType: String) {
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { head += "; filename=\"\(filename)\"" }
            head += "\r\n"
            if let type = part.type { head += "Content-Type: \(type)\r\n" }
            body += Array((head + "\r\n").utf8) + part.body + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    @Test func uploadingAFileStoresItsMetadata() throws {
        let mock = try MockHarness()
        _ = try create(1, in: mock)
        let form = Self.multipart([
            ("file", "data.csv", "text/csv", Array("a,b\n1,2\n".utf8)),
            ("description", nil, nil, Array("CSV data file for visualization".utf8)),
        ])
        let added = mock.send(
            "POST", "/api/v1/agents/1/files", body: form.body, headers: [("Content-Type", form.contentType)])
        #expect(added.status == 200)
        #expect(
            added.json
                == [
                    "success": true, "message": "File added to agent successfully.",
                    "data": ["file_id": 1, "agent_id": 1],
                ])
        let stored = try #require(mock.service.mounts.compactMap { $0.api as? OpenAgentsMock }.first)
        let files = stored.store.read(MockHarness.key) { $0.files } ?? []
        #expect(files.map(\.filename) == ["data.csv"])
        #expect(files.first?.size == 8)
        #expect(files.first?.contentType == "text/csv")
        #expect(files.first?.description == "CSV data file for visualization")
    }

    @Test func badUploadsGetAClearAnswer() throws {
        let mock = try MockHarness()
        _ = try create(1, in: mock)
        let noDescription = Self.multipart([("file", "a.txt", "text/plain", Array("x".utf8))])
        let missing = mock.send(
            "POST", "/api/v1/agents/1/files", body: noDescription.body,
            headers: [("Content-Type", noDescription.contentType)])
        #expect(missing.status == 400)
        #expect(missing.json["error"]?["pointer"] == "/description")

        let broken = Array("--XyZ123\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc".utf8)
        let malformed = mock.send(
            "POST", "/api/v1/agents/1/files", body: broken,
            headers: [("Content-Type", "multipart/form-data; boundary=XyZ123")])
        #expect(malformed.status == 400)
        #expect(
            malformed.json["message"]
                == "The multipart body is malformed: part 1 is not closed by the boundary \"--XyZ123\".")

        let big = Self.multipart([
            ("file", "big.bin", "application/octet-stream", Array(repeating: 7, count: OpenAgentsMock.maxFileSize + 1)),
            ("description", nil, nil, Array("too big".utf8)),
        ])
        let tooLarge = mock.send(
            "POST", "/api/v1/agents/1/files", body: big.body, headers: [("Content-Type", big.contentType)])
        #expect(tooLarge.status == 413)
        #expect(
            tooLarge.json
                == [
                    "success": false, "message": "The file exceeds 10485760 bytes.",
                    "error": ["code": "payload_too_large", "pointer": "/file"],
                ])

        let good = Self.multipart([("file", "a.txt", nil, Array("x".utf8)), ("description", nil, nil, Array("d".utf8))])
        #expect(
            mock.send("POST", "/api/v1/agents/9/files", body: good.body, headers: [("Content-Type", good.contentType)])
                .status
                == 404)
        let json = mock.send("POST", "/api/v1/agents/1/files", json: ["file": "x", "description": "d"])
        #expect(json.status == 415)
        // Nothing was stored by the refused uploads.
        let stored = try #require(mock.service.mounts.compactMap { $0.api as? OpenAgentsMock }.first)
        #expect(stored.store.read(MockHarness.key) { $0.files.count } == 0)
    }
}
