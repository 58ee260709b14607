import Foundation
import JSONCore
import MockServer
import OpenAPIDocument
import SpecCheck
import SpecIO
import Testing

/// The generic mock of a document written by someone else (the bookshop fixture of the site tests) and
/// of the built-in documents served without state.
@Suite struct GenericMockTests {
    static let bookshopPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("DocSiteTests/Fixtures/bookshop/bookshop.yaml").path

    struct Generic {
        let service: MockService
        let contract: OpenAPIContract
        let mock: MockContract
        let prefix: String

        init(_ document: JSONValue, keys: [String] = []) throws {
            var configuration = MockConfiguration()
            configuration.apiKeys = keys
            service = try MockFactory.generic(document, configuration: configuration)
            contract = try OpenAPIContract(document: document)
            mock = try MockContract(document: document)
            prefix = Server.all(in: document).first?.basePath ?? ""
        }

        func send(
            _ method: String, _ target: String, headers: [(name: String, value: String)] = [], json: JSONValue? = nil,
            conforming: Bool = true, sourceLocation: Testing.SourceLocation = #_sourceLocation
        ) -> APIResponse {
            var headers = headers
            if json != nil { headers.append(("Content-Type", "application/json")) }
            let request = APIRequest(
                method: method, target: target, headers: headers, body: json.map { Array($0.compactJSON().utf8) } ?? [])
            let response = service.respond(to: request)
            if case .route(let operation, _) = mock.match(
                method: method, path: String(request.path.dropFirst(prefix.count))),
                conforming, response.status != 400, response.status != 401,
                let checked = contract.operation(id: operation.id)
            {
                let findings = contract.check(
                    response: response,
                    of: checked)
                #expect(findings.isEmpty, "\(method) \(target): \(findings)", sourceLocation: sourceLocation)
            }
            return response
        }
    }

    /// An example that breaks its own schema (Twilio's relative URLs in `format: uri` fields) is not sent:
    /// the next one that meets it is, or a value made from the schema; the contract warns of it; a client
    /// that asks for it by name still gets it.
    @Test func examplesThatBreakTheirSchemaAreNotSent() throws {
        let document: JSONValue = [
            "openapi": "3.1.0", "info": ["title": "T", "version": "1"],
            "paths": [
                "/a": [
                    "get": [
                        "operationId": "a",
                        "responses": [
                            "200": [
                                "description": "ok",
                                "content": [
                                    "application/json": [
                                        "schema": [
                                            "type": "object", "required": ["uri"],
                                            "properties": ["uri": ["type": "string", "format": "uri"]],
                                        ],
                                        "examples": [
                                            "relative": ["value": ["uri": "/2010-04-01/Accounts.json"]],
                                            "absolute": ["value": ["uri": "https://api.twilio.com/x"]],
                                        ],
                                    ]
                                ],
                            ]
                        ],
                    ]
                ]
            ],
        ]
        let mock = try Generic(document)
        #expect(mock.send("GET", "/a").json == ["uri": "https://api.twilio.com/x"])
        #expect(
            mock.mock.warnings == [
                "/paths/~1a/get/responses/200/content/application~1json/examples/relative/value: the example does not meet its schema (/uri: \"/2010-04-01/Accounts.json\" is not a valid uri); it is not sent unless a client asks for it by name (Prefer: example=NAME)"
            ])
        let asked = mock.send("GET", "/a", headers: [("Prefer", "example=relative")], conforming: false)
        #expect(asked.json == ["uri": "/2010-04-01/Accounts.json"])
    }

    @Test func answersFromSchemasAndExamplesAndChecksRequests() throws {
        let shop = try Generic(SpecDocument.load(path: Self.bookshopPath).value)
        #expect(shop.prefix == "/api")
        let list = shop.send("GET", "/api/books")
        #expect(list.status == 200)
        #expect(list.json.arrayValue?.first?["isbn"] != nil)
        let book = shop.send("GET", "/api/books/9780141439518")
        #expect(book.status == 200)
        #expect(book.json["title"] != nil)

        let badPage = shop.send("GET", "/api/books?page=0")
        #expect(badPage.status == 400)
        #expect(badPage.header("Content-Type") == "application/problem+json")
        #expect(
            badPage.json
                == [
                    "type": "about:blank", "title": "Bad Request", "status": 400,
                    "detail": "Query parameter 'page': 0 is less than the minimum of 1.", "code": "invalid_request",
                    "parameter": "page",
                ])
        #expect(shop.send("GET", "/api/books/123").json["parameter"] == "isbn")

        // addBook needs its API key header; any value does when no --api-key is given.
        let anonymous = shop.send("POST", "/api/books", json: ["isbn": "9780141439518", "title": "Emma", "price": 5])
        #expect(anonymous.status == 401)
        let added = shop.send(
            "POST", "/api/books", headers: [("X-Shop-Key", "anything")],
            json: ["isbn": "9780141439518", "title": "Emma", "price": 5])
        #expect(added.status == 201)
        #expect(added.body.isEmpty)
        let free = shop.send(
            "POST", "/api/books", headers: [("X-Shop-Key", "k")],
            json: ["isbn": "9780141439518", "title": "Emma", "price": 0])
        // The refusal is shaped as the document's own error (its `default` is a Problem with a `detail`),
        // so it conforms, with the reason in `detail`.
        #expect(free.status == 400)
        #expect(free.json.objectValue?.keys == ["detail"])
        #expect(free.json["detail"]?.stringValue?.contains("price") == true)
    }

    @Test func preferChoosesTheStatusAndTheExample() throws {
        let shop = try Generic(SpecDocument.load(path: Self.bookshopPath).value)
        let missing = shop.send("GET", "/api/books/9780141439518", headers: [("Prefer", "code=404")])
        #expect(missing.status == 404)
        // Asking for what the document does not have is the client's mistake: a problem, not a conforming answer.
        let undocumented = shop.send(
            "GET", "/api/books/9780141439518", headers: [("Prefer", "code=418")], conforming: false)
        #expect(undocumented.status == 404)
        #expect(
            undocumented.json["detail"]
                == "Prefer: code=418: getBook documents no such response (documented: 200, 404).")
        // `default` covers any code.
        let error = shop.send(
            "POST", "/api/books", headers: [("X-Shop-Key", "k"), ("Prefer", "code=409")],
            json: ["isbn": "9780141439518", "title": "Emma", "price": 5])
        #expect(error.status == 409)

        let agents = try Generic(MockHarness.agentsCode, keys: ["k"])
        let auth = ("Authorization", "Bearer k")
        let run = "/v1/agents/event-scheduler/3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17"
        #expect(agents.send("GET", run, headers: [auth]).json["status"] == "completed")
        #expect(agents.send("GET", run, headers: [auth, ("Prefer", "example=failed")]).json["status"] == "failed")
        let notFound = agents.send("GET", run, headers: [auth, ("Prefer", "code=404")])
        #expect(notFound.status == 404)
        #expect(notFound.json["error"]?["code"] == "not_found")
        let limited = agents.send("GET", run, headers: [auth, ("Prefer", "code=429")])
        #expect(limited.header("Retry-After") == "30")
        let unknownExample = agents.send("GET", run, headers: [auth, ("Prefer", "example=nope")], conforming: false)
        #expect(unknownExample.status == 404)
        #expect(
            unknownExample.json["detail"]
                == "Prefer: example=nope: status 200 of getAgentRun has no such example (documented: completed, active, failed)."
        )
        let dynamic = agents.send("GET", run, headers: [auth, ("Prefer", "dynamic=true")])
        #expect(dynamic.status == 200)
        #expect(agents.send("GET", run, headers: [("Authorization", "Bearer other")]).status == 401)
    }

    @Test func everyOperationOfTheBuiltInDocumentsAnswersAConformingExample() throws {
        for document in [MockHarness.agentsCode, MockHarness.openAgents] {
            let mock = try Generic(document)
            for operation in mock.mock.operations {
                // Path values from the parameters' own examples.
                var path = operation.template.template
                for (name, value) in [
                    ("agentId", "event-scheduler"), ("agentJobId", "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17"),
                    ("agent_id", "42"),
                ] {
                    path = path.replacingOccurrences(of: "{\(name)}", with: value)
                }
                let body: JSONValue? =
                    operation.id == "runAgent"
                    ? ["input": "x"]
                    : operation.id == "createAgent"
                        ? ["name": "a", "description": "b", "instructions": "c", "welcome_message": "d"] : nil
                let response: APIResponse
                if operation.id == "addAgentFile" {
                    let form = OpenAgentsMockTests.multipart([
                        ("file", "a.txt", "text/plain", [65]), ("description", nil, nil, [66]),
                    ])
                    response = mock.service.respond(
                        to: APIRequest(
                            method: "POST", target: mock.prefix + path,
                            headers: [("Authorization", "Bearer k"), ("Content-Type", form.contentType)],
                            body: form.body))
                } else {
                    response = mock.send(
                        operation.method, mock.prefix + path, headers: [("Authorization", "Bearer k")], json: body)
                }
                #expect(response.status == 200, "\(operation.id): \(response.text)")
            }
        }
    }
}
