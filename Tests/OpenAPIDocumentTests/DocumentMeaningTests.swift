import Foundation
import JSONCore
import Testing

@testable import OpenAPIDocument

/// What a document means, decided once for every tool: operations (paths, webhooks, callbacks), where a
/// credential goes, and which operation a request is for.
struct DocumentMeaningTests {
    static let realDocuments: URL = {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            ProcessInfo.processInfo.environment["SHARED_DIR"].map { URL(fileURLWithPath: $0) },
            checkout.deletingLastPathComponent().appendingPathComponent("shared"),
            URL(fileURLWithPath: "/work/shared"),
        ].compactMap { $0 }
        let shared = candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("testdata").path)
        }
        return (shared ?? candidates[0]).appendingPathComponent("testdata/real-openapi")
    }()

    @Test func webhooksAndCallbacksOfRealDocuments() throws {
        let webhooks = try SpecDocument.load(
            path: Self.realDocuments.appendingPathComponent("readme31-webhooks.json").path)
        let hooks = APIOperation.webhooks(in: webhooks.value)
        #expect(hooks.map { "\($0.method) \($0.path)" } == ["post newPet"])
        #expect(hooks.first?.kind == .webhook)
        #expect(hooks.first?.pointer.description == "/webhooks/newPet/post")
        #expect(APIOperation.all(in: webhooks.value).isEmpty)

        let callbacks = try SpecDocument.load(
            path: Self.realDocuments.appendingPathComponent("readme30-callbacks.json").path)
        let streams = try #require(APIOperation.all(in: callbacks.value).first { $0.path == "/streams" })
        let found = streams.callbacks(in: callbacks.value)
        #expect(found.map { "\($0.method) \($0.path)" } == ["post {$request.query.callbackUrl}/data"])
        #expect(found.first?.kind == .callback(parent: "POST /streams", name: "onData"))
        #expect(
            found.first?.pointer.description
                == "/paths/~1streams/post/callbacks/onData/{$request.query.callbackUrl}~1data/post")
    }

    static let secured: JSONValue = [
        "openapi": "3.1.0",
        "security": [["bearer": []]],
        "components": [
            "securitySchemes": [
                "bearer": ["type": "http", "scheme": "bearer"],
                "basic": ["type": "http", "scheme": "Basic"],
                "key": ["type": "apiKey", "in": "header", "name": "X-Key"],
                "query": ["type": "apiKey", "in": "query", "name": "api_key"],
                "cookie": ["type": "apiKey", "in": "cookie", "name": "session"],
                "oauth": ["type": "oauth2", "flows": [:]],
                "tls": ["type": "mutualTLS"],
                "shared": ["$ref": "#/components/securitySchemes/key"],
            ]
        ],
    ]

    @Test func whereEachCredentialGoes() {
        func credentials(_ security: JSONValue) -> [[SecurityScheme.Credential?]] {
            SecurityScheme.requirements(of: ["security": security], in: Self.secured).map { $0.map(\.credential) }
        }
        #expect(credentials([["bearer": []]]) == [[.authorization(scheme: "Bearer")]])
        #expect(credentials([["basic": []]]) == [[.authorization(scheme: "Basic")]])
        #expect(
            credentials([["key": [], "query": []], ["cookie": []]]) == [
                [.header("X-Key"), .query("api_key")], [.cookie("session")],
            ])
        #expect(credentials([["oauth": ["read"]]]) == [[.authorization(scheme: "Bearer")]])
        #expect(credentials([["tls": []]]) == [[nil]])
        // A scheme that is a reference; an unknown name is left out; `{}` is an alternative needing nothing.
        #expect(credentials([["shared": []]]) == [[.header("X-Key")]])
        #expect(credentials([["nothing": []], [:]]) == [[], []])
        #expect(credentials([]) == [])
        // Without its own, an operation has the document's.
        #expect(SecurityScheme.requirements(of: [:], in: Self.secured).map { $0.map(\.name) } == [["bearer"]])
    }

    @Test func theMostSpecificTemplateWins() {
        let router = Router([
            (method: "get", template: PathTemplate("/agents/{id}"), route: "get agent"),
            (method: "get", template: PathTemplate("/agents/me"), route: "get me"),
            (method: "delete", template: PathTemplate("/agents/{id}"), route: "delete agent"),
            (method: "post", template: PathTemplate("/agents/me"), route: "post me"),
        ])
        #expect(router.route(method: "GET", path: "/agents/me") == "get me")
        #expect(router.route(method: "GET", path: "/agents/a%20b") == "get agent")
        #expect(router.route(method: "HEAD", path: "/agents/7") == "get agent")
        // `/agents/me` has no DELETE of its own: the concrete path decides, so it is a 405 although
        // `/agents/{id}` has one (Schemathesis's unsupported-method check, Discord's `/guilds/{id}/members/@me`).
        guard case .methodNotAllowed(let onMe) = router.match(method: "delete", path: "/agents/me") else {
            Issue.record("expected 405")
            return
        }
        #expect(onMe == ["GET", "POST"])
        #expect(router.route(method: "delete", path: "/agents/you") == "delete agent")
        guard case .route(_, let values) = router.match(method: "GET", path: "/agents/a%20b") else {
            Issue.record("no route")
            return
        }
        #expect(values == ["id": "a b"])
        guard case .methodNotAllowed(let allowed) = router.match(method: "PUT", path: "/agents/me") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == ["GET", "POST"])
        guard case .notFound = router.match(method: "GET", path: "/agents") else {
            Issue.record("expected 404")
            return
        }
        // Literal segments a client must percent-encode (DigitalOcean's `PUT /<upload_url>`) match encoded.
        let literal = Router([(method: "put", template: PathTemplate("/<upload_url>"), route: "upload")])
        #expect(literal.route(method: "PUT", path: "/%3Cupload_url%3E") == "upload")
        #expect(literal.route(method: "PUT", path: "/%3Cother%3E") == nil)
        // Variables are decoded, whole segments and parts of one; a malformed escape is passed as sent.
        let template = PathTemplate("/files/{name}/{base}.{ext}")
        #expect(template.match("/files/a%20b/r%C3%A9sum%C3%A9.p%64f") == ["name": "a b", "base": "résumé", "ext": "pdf"])
        #expect(template.match("/files/100%/x.y") == ["name": "100%", "base": "x", "ext": "y"])
    }

    @Test func requestsAndResponsesAsValues() {
        let request = APIRequest(
            method: "post", target: "http://127.0.0.1:4010/v1/agents?limit=2&q=a+b&x=%2F#frag",
            headers: [("content-type", "application/json")], body: Array("{}".utf8))
        #expect(request.method == "POST")
        #expect(request.origin == "http://127.0.0.1:4010")
        #expect(request.path == "/v1/agents")
        #expect(request.query.map { "\($0.name)=\($0.value)" } == ["limit=2", "q=a b", "x=/"])
        #expect(request.url == "http://127.0.0.1:4010/v1/agents?limit=2&q=a%20b&x=%2F")
        #expect(request.contentType == "application/json")
        #expect(APIRequest(method: "GET", target: "/").url == "/")
        // A URL in the query is not the request's origin.
        let redirect = APIRequest(method: "GET", target: "/go?to=http://x/y#z")
        #expect(redirect.origin == "" && redirect.path == "/go")
        #expect(redirect.queryValues("to") == ["http://x/y"])
        let bare = APIRequest(method: "Get", target: "https://h:1")
        #expect(bare.method == "GET" && bare.origin == "https://h:1" && bare.path == "/" && bare.query.isEmpty)
        let response = APIResponse.json(201, ["id": 1], headers: [("Location", "/v1/agents/1")])
        #expect(response.header("location") == "/v1/agents/1")
        #expect(response.jsonBody == ["id": 1])
    }

    @Test func mediaTypes() {
        #expect(MediaType.bare("Application/JSON; charset=utf-8") == "application/json")
        #expect(MediaType.bare("application/json") == "application/json")
        #expect(MediaType.bare(" text/Plain") == "text/plain")
        #expect(MediaType.parameter("boundary", of: #"multipart/form-data; boundary="x y""#) == "x y")
        let keys = ["application/json", "image/*", "*/*"]
        #expect(MediaType.documentedKey(for: "application/json; charset=utf-8", in: keys) == "application/json")
        #expect(MediaType.documentedKey(for: "image/png", in: keys) == "image/*")
        #expect(MediaType.documentedKey(for: "text/plain", in: keys) == "*/*")
        #expect(MediaType.documentedKey(for: nil, in: ["*/*"]) == "*/*")
        #expect(MediaType.documentedKey(for: "text/plain", in: ["application/json"]) == nil)
    }
}

/// Values made from schemas (the mock's answers, the run's requests, the reference's examples) meet them.
struct ExampleSynthesizerTests {
    static let document: JSONValue = [
        "components": [
            "schemas": [
                "Base": [
                    "type": "object", "required": ["id"], "example": ["id": "AB12"],
                    "properties": ["id": ["type": "string", "pattern": "^[A-Z]{2}[0-9]{2}$"]],
                ],
                "Item": [
                    "allOf": [
                        ["$ref": "#/components/schemas/Base"],
                        ["required": ["count"], "properties": ["count": ["type": "integer", "minimum": 5]]],
                        ["description": "no type of its own"],
                    ]
                ],
            ]
        ]
    ]

    @Test func allOfPartsAreOneSchema() {
        let value = ExampleSynthesizer(document: Self.document, direction: .response).example(
            for: ["$ref": "#/components/schemas/Item"])
        // Every part's properties, each meeting its constraints; not the first part's example alone.
        #expect(value == ["id": "AA00", "count": 5])
    }

    @Test func stringsMeetTheirPatternAndLengths() {
        let synthesizer = ExampleSynthesizer(document: [:], direction: .request)
        #expect(synthesizer.example(for: ["type": "string", "pattern": "^(0|[1-9][0-9]*)$"]) == "0")
        #expect(
            synthesizer.example(for: ["type": "string", "format": "uuid", "pattern": "^[0-9a-f-]+$"])
                == "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17")
        #expect(synthesizer.example(for: ["type": "string", "pattern": "^[0-9]+$", "minLength": 4]) == "0000")
        // "string" already fits: kept.
        #expect(synthesizer.example(for: ["type": "string", "pattern": "^[a-z]+$", "minLength": 4]) == "string")
    }

    @Test func numbersMeetTheirBoundsAndMultiples() {
        let synthesizer = ExampleSynthesizer(document: [:], direction: .request)
        #expect(synthesizer.example(for: ["type": "integer", "multipleOf": 2]) == 2)
        #expect(synthesizer.example(for: ["type": "integer", "exclusiveMinimum": 5]) == 6)
        #expect(synthesizer.example(for: ["type": "integer", "maximum": -3]) == -3)
        #expect(synthesizer.example(for: ["type": "number", "minimum": 1.2, "multipleOf": 0.5]) == 1.5)
        #expect(synthesizer.example(for: ["type": "number", "minimum": 0, "maximum": 0.5]) == 0.5)
        // 3.0's boolean exclusiveMaximum: below the maximum.
        #expect(synthesizer.example(for: ["type": "integer", "maximum": 1, "exclusiveMaximum": true]) == 0)
        #expect(synthesizer.example(for: ["type": "integer", "minimum": 10, "maximum": 20, "multipleOf": 7]) == 14)
    }

    @Test func aSchemasOwnValuesOnlyWhenTheyMeetIt() {
        // `default: null` on a string that is not nullable, an example that breaks `multipleOf`: with a checker
        // they are passed over for the enum value or a made value that fits.
        let checker = SchemaChecker(document: ["openapi": "3.0.3"], direction: .request)
        let synthesizer = ExampleSynthesizer(document: ["openapi": "3.0.3"], direction: .request, checker: checker)
        #expect(synthesizer.example(for: ["type": "string", "default": nil]) == "string")
        #expect(synthesizer.example(for: ["type": "integer", "multipleOf": 2, "example": 3]) == 2)
        #expect(synthesizer.example(for: ["type": "string", "example": 5, "enum": [5, "a"]]) == "a")
        // Without one, the document's values as they are.
        let plain = ExampleSynthesizer(document: [:], direction: .request)
        #expect(plain.example(for: ["type": "integer", "multipleOf": 2, "example": 3]) == 3)
    }
}

/// Of a `oneOf`'s branches, a value that matches exactly one.
struct OneOfExampleTests {
    static let document: JSONValue = [
        "openapi": "3.1.0",
        "components": [
            "schemas": [
                "Cat": [
                    "type": "object", "required": ["kind"],
                    "properties": ["kind": ["type": "string"], "purrs": ["type": "boolean"]],
                ],
                "Dog": [
                    "type": "object", "required": ["kind"],
                    "properties": ["kind": ["type": "string"], "barks": ["type": "boolean"]],
                ],
            ]
        ],
    ]

    func example(_ schema: JSONValue) -> (JSONValue, Bool?) {
        let checker = SchemaChecker(document: Self.document, direction: .response)
        let value = ExampleSynthesizer(document: Self.document, direction: .response, checker: checker).example(
            for: schema)
        return (value, checker.accepts(value, schema))
    }

    @Test func overlappingObjectsAreToldApart() {
        // {a, b} and {c, d} without additionalProperties: false both accept {"a": …, "b": …}; a `c` that is
        // not a string makes it the first branch's alone.
        let schema: JSONValue = [
            "oneOf": [
                ["type": "object", "properties": ["a": ["type": "string"], "b": ["type": "string"]]],
                ["type": "object", "properties": ["c": ["type": "string"], "d": ["type": "string"]]],
            ]
        ]
        let (value, valid) = example(schema)
        #expect(valid == true, "\(value.compactJSON())")
        #expect(value == ["a": "string", "b": "string", "c": 0])
    }

    @Test func aDiscriminatorNamesTheBranch() {
        let schema: JSONValue = [
            "oneOf": [["$ref": "#/components/schemas/Cat"], ["$ref": "#/components/schemas/Dog"]],
            "discriminator": ["propertyName": "kind", "mapping": ["cat": "#/components/schemas/Cat"]],
        ]
        let (value, valid) = example(schema)
        #expect(valid == true, "\(value.compactJSON())")
        #expect(value["kind"] == "cat")
    }

    @Test func withoutAChoiceTheFirstBranch() {
        // Every value fits both: the document's own contradiction, answered with the first branch's value.
        let (value, valid) = example(["oneOf": [["description": "one"], ["description": "two"]]])
        #expect(value == "value")
        #expect(valid == false)
    }
}
