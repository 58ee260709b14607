import Foundation
import JSONCore
import OpenAPIDocument
import Testing

@testable import SpecDiff

/// One edit of the fixture: a value set (JSON text) or removed, in the base or the revision.
enum Edit: Sendable {
    case rev(String, String)
    case drop(String)
    case base(String, String)
    /// Moves the revision's value at the first pointer to the second.
    case move(String, String)
}

/// A change the table expects: its rule, level, where it is in both documents, and how many operations report it.
struct Expected: Sendable, CustomStringConvertible {
    var id: String
    var level: ChangeLevel
    var base: String
    var revision: String
    var times = 1

    init(_ id: String, _ level: ChangeLevel, base: String, revision: String, times: Int = 1) {
        self.id = id
        self.level = level
        self.base = base
        self.revision = revision
        self.times = times
    }

    var description: String { "\(level) \(id) \(base) → \(revision)" }
}

struct DiffCase: Sendable, CustomTestStringConvertible {
    var name: String
    var edits: [Edit]
    var expected: [Expected]

    init(_ name: String, _ edits: [Edit], _ expected: [Expected]) {
        self.name = name
        self.edits = edits
        self.expected = expected
    }

    var testDescription: String { name }
}

private let P = "/paths/~1pets", PG = P + "/get", PP = P + "/post", I = "/paths/~1pets~1{petId}"
private let S = "/components/schemas", SS = "/components/securitySchemes"
private let limit = PG + "/parameters/0/schema", status = PG + "/parameters/1/schema"
private let trace = PG + "/parameters/2/schema"
private let NP = S + "/NewPet", PT = S + "/Pet", R200 = PG + "/responses/200"
private let rateLimit = R200 + "/headers/X-Rate-Limit"
private func np(_ name: String) -> String { NP + "/properties/" + name }
private func pt(_ name: String) -> String { PT + "/properties/" + name }

extension DiffCase {
    static let all: [DiffCase] = paths + parameters + requestBodies + responses + composition + security

    static let paths: [DiffCase] = [
        .init(
            "operation removed", [.drop(I + "/delete")],
            [.init("api-removed-without-deprecation", .err, base: I + "/delete", revision: I)]),
        .init(
            "deprecated operation removed", [.base(I + "/delete/deprecated", "true"), .drop(I + "/delete")],
            [.init("api-removed-with-deprecation", .info, base: I + "/delete", revision: I)]),
        .init(
            "path removed", [.drop(I)],
            [
                .init("api-path-removed-without-deprecation", .err, base: I + "/get", revision: "/paths"),
                .init("api-path-removed-without-deprecation", .err, base: I + "/delete", revision: "/paths"),
            ]),
        .init(
            "path added", [.rev("/paths/~1owners", ##"{"get": {"responses": {"200": {"description": "ok"}}}}"##)],
            [.init("endpoint-added", .info, base: "/paths", revision: "/paths/~1owners/get")]),
        .init(
            "path parameter renamed",
            [.move(I, "/paths/~1pets~1{id}"), .rev("/paths/~1pets~1{id}/parameters/0/name", ##""id""##)],
            []),
        .init(
            "operationId changed", [.rev(PG + "/operationId", ##""listAllPets""##)],
            [.init("api-operation-id-removed", .info, base: PG + "/operationId", revision: PG + "/operationId")]),
        .init(
            "operation deprecated", [.rev(PG + "/deprecated", "true")],
            [.init("endpoint-deprecated", .info, base: PG, revision: PG + "/deprecated")]),
        .init(
            "tag added", [.rev(PG + "/tags/-", ##""animals""##)],
            [.init("api-tag-added", .info, base: PG, revision: PG + "/tags")]),
        .init(
            "webhook added",
            [.rev("/webhooks/petAdded", ##"{"post": {"responses": {"200": {"description": "ok"}}}}"##)],
            [.init("webhook-added", .info, base: "", revision: "/webhooks/petAdded/post")]),
    ]

    static let parameters: [DiffCase] = [
        .init(
            "required query parameter added",
            [
                .rev(
                    PG + "/parameters/-",
                    ##"{"name": "owner", "in": "query", "required": true, "schema": {"type": "string"}}"##)
            ],
            [.init("new-required-request-parameter", .err, base: PG, revision: PG + "/parameters/3")]),
        .init(
            "optional query parameter added",
            [.rev(PG + "/parameters/-", ##"{"name": "owner", "in": "query", "schema": {"type": "string"}}"##)],
            [.init("new-optional-request-parameter", .info, base: PG, revision: PG + "/parameters/3")]),
        .init(
            "parameter removed", [.drop(PG + "/parameters/0")],
            [.init("request-parameter-removed", .warn, base: PG + "/parameters/0", revision: PG)]),
        .init(
            "parameter became required", [.rev(PG + "/parameters/0/required", "true")],
            [
                .init(
                    "request-parameter-became-required", .err, base: PG + "/parameters/0",
                    revision: PG + "/parameters/0/required")
            ]),
        .init(
            "parameter type changed", [.rev(limit + "/type", ##""string""##)],
            [.init("request-parameter-type-changed", .err, base: limit, revision: limit)]),
        .init(
            "parameter type widened", [.rev(limit + "/type", ##""number""##)],
            [.init("request-parameter-type-generalized", .info, base: limit, revision: limit)]),
        .init(
            "parameter enum value removed", [.rev(status + "/enum", ##"["available"]"##)],
            [.init("request-parameter-enum-value-removed", .err, base: status, revision: status)]),
        .init(
            "parameter enum value added", [.rev(status + "/enum", ##"["available", "sold", "pending"]"##)],
            [.init("request-parameter-enum-value-added", .info, base: status, revision: status)]),
        .init(
            "parameter maximum decreased", [.rev(limit + "/maximum", "50")],
            [.init("request-parameter-max-decreased", .err, base: limit, revision: limit)]),
        .init(
            "parameter minimum decreased", [.rev(limit + "/minimum", "0")],
            [.init("request-parameter-min-decreased", .info, base: limit, revision: limit)]),
        .init(
            "parameter maxLength set", [.rev(trace + "/maxLength", "32")],
            [.init("request-parameter-max-length-set", .err, base: trace, revision: trace)]),
        .init(
            "parameter pattern added", [.rev(trace + "/pattern", ##""^[0-9a-f]+$""##)],
            [.init("request-parameter-pattern-added", .err, base: trace, revision: trace)]),
        .init(
            "parameter default changed", [.rev(limit + "/default", "10")],
            [.init("request-parameter-default-value-changed", .info, base: limit, revision: limit)]),
        .init("header parameter name in another case", [.rev(PG + "/parameters/2/name", ##""x-trace""##)], []),
        .init(
            "parameter written differently", [.rev(PG + "/parameters/1/explode", "false")],
            [
                .init(
                    "request-parameter-serialization-changed", .err, base: PG + "/parameters/1",
                    revision: PG + "/parameters/1")
            ]),
    ]

    static let requestBodies: [DiffCase] = [
        .init(
            "request body became optional", [.rev(PP + "/requestBody/required", "false")],
            [.init("request-body-became-optional", .info, base: PP + "/requestBody", revision: PP + "/requestBody")]),
        .init(
            "request body removed", [.drop(PP + "/requestBody")],
            [.init("request-body-removed", .err, base: PP + "/requestBody", revision: PP)]),
        .init(
            "required request body added",
            [
                .rev(
                    PG + "/requestBody",
                    ##"{"required": true, "content": {"application/json": {"schema": {"type": "object"}}}}"##)
            ],
            [.init("request-body-added-required", .err, base: PG, revision: PG + "/requestBody")]),
        .init(
            "request media type replaced",
            [
                .drop(PP + "/requestBody/content/application~1json"),
                .rev(
                    PP + "/requestBody/content/application~1xml",
                    ##"{"schema": {"$ref": "#/components/schemas/NewPet"}}"##),
            ],
            [
                .init(
                    "request-body-media-type-removed", .err, base: PP + "/requestBody/content/application~1json",
                    revision: PP + "/requestBody"),
                .init(
                    "request-body-media-type-added", .info, base: PP + "/requestBody",
                    revision: PP + "/requestBody/content/application~1xml"),
            ]),
        .init(
            "required request property added",
            [.rev(np("color"), ##"{"type": "string"}"##), .rev(NP + "/required/-", ##""color""##)],
            [.init("new-required-request-property", .err, base: NP, revision: np("color"))]),
        .init(
            "optional request property added", [.rev(np("color"), ##"{"type": "string"}"##)],
            [.init("new-optional-request-property", .info, base: NP, revision: np("color"))]),
        .init(
            "request property removed", [.drop(np("tag"))],
            [.init("request-property-removed", .warn, base: np("tag"), revision: NP)]),
        .init(
            "request property became required", [.rev(NP + "/required/-", ##""tag""##)],
            [.init("request-property-became-required", .err, base: np("tag"), revision: np("tag"))]),
        .init(
            "request property became optional", [.drop(NP + "/required/0")],
            [.init("request-property-became-optional", .info, base: np("name"), revision: np("name"))]),
        .init(
            "request property maxLength decreased", [.rev(np("name") + "/maxLength", "32")],
            [.init("request-property-max-length-decreased", .err, base: np("name"), revision: np("name"))]),
        .init(
            "request property minLength increased", [.rev(np("name") + "/minLength", "2")],
            [.init("request-property-min-length-increased", .err, base: np("name"), revision: np("name"))]),
        .init(
            "request property pattern changed", [.rev(np("name") + "/pattern", ##""^[a-z0-9]+$""##)],
            [.init("request-property-pattern-changed", .warn, base: np("name"), revision: np("name"))]),
        .init(
            "request property pattern removed", [.drop(np("name") + "/pattern")],
            [.init("request-property-pattern-removed", .info, base: np("name"), revision: np("name"))]),
        .init(
            "request property minimum increased", [.rev(np("age") + "/minimum", "1")],
            [.init("request-property-min-increased", .err, base: np("age"), revision: np("age"))]),
        .init(
            "request property type changed", [.rev(np("age") + "/type", ##""string""##)],
            [.init("request-property-type-changed", .err, base: np("age"), revision: np("age"))]),
        .init(
            "request property maxItems decreased", [.rev(np("tags") + "/maxItems", "5")],
            [.init("request-property-max-items-decreased", .err, base: np("tags"), revision: np("tags"))]),
        .init(
            "request array items type changed", [.rev(np("tags") + "/items/type", ##""integer""##)],
            [.init("request-property-type-changed", .err, base: np("tags") + "/items", revision: np("tags") + "/items")]
        ),
        .init("read-only request property became required", [.rev(NP + "/required/-", ##""readonlyId""##)], []),
        .init(
            "request property became nullable", [.rev(np("tag") + "/type", ##"["string", "null"]"##)],
            [.init("request-property-became-nullable", .info, base: np("tag"), revision: np("tag"))]),
        .init(
            "optional request property became read-only", [.rev(np("tag") + "/readOnly", "true")],
            [.init("request-optional-property-became-read-only", .info, base: np("tag"), revision: np("tag"))]),
        .init(
            "request property deprecated", [.rev(np("tag") + "/deprecated", "true")],
            [.init("request-property-deprecated", .info, base: np("tag"), revision: np("tag"))]),
        .init(
            "request property became an enum", [.rev(np("tag") + "/enum", ##"["a", "b"]"##)],
            [.init("request-property-became-enum", .err, base: np("tag"), revision: np("tag"))]),
    ]

    static let responses: [DiffCase] = [
        .init(
            "non-success response removed", [.drop(PG + "/responses/400")],
            [
                .init(
                    "response-non-success-status-removed", .info, base: PG + "/responses/400",
                    revision: PG + "/responses")
            ]),
        .init(
            "success response replaced",
            [.drop(PP + "/responses/201"), .rev(PP + "/responses/200", ##"{"description": "ok"}"##)],
            [
                .init(
                    "response-success-status-removed", .err, base: PP + "/responses/201", revision: PP + "/responses"),
                .init("response-success-status-added", .info, base: PP + "/responses", revision: PP + "/responses/200"),
            ]),
        .init(
            "non-success response added", [.rev(I + "/get/responses/404", ##"{"description": "no pet"}"##)],
            [
                .init(
                    "response-non-success-status-added", .info, base: I + "/get/responses",
                    revision: I + "/get/responses/404")
            ]),
        .init(
            "response media type replaced",
            [
                .drop(R200 + "/content/application~1json"),
                .rev(R200 + "/content/text~1csv", ##"{"schema": {"type": "string"}}"##),
            ],
            [
                .init("response-media-type-removed", .err, base: R200 + "/content/application~1json", revision: R200),
                .init("response-media-type-added", .info, base: R200, revision: R200 + "/content/text~1csv"),
            ]),
        .init(
            "response body type changed", [.rev(R200 + "/content/application~1json/schema", ##"{"type": "object"}"##)],
            [
                .init(
                    "response-body-type-changed", .err, base: R200 + "/content/application~1json/schema",
                    revision: R200 + "/content/application~1json/schema")
            ]),
        .init(
            "required response property removed", [.drop(pt("name"))],
            [.init("response-required-property-removed", .err, base: pt("name"), revision: PT, times: 3)]),
        .init(
            "optional response property removed", [.drop(pt("tag"))],
            [.init("response-optional-property-removed", .info, base: pt("tag"), revision: PT, times: 3)]),
        .init(
            "required response property added",
            [.rev(pt("color"), ##"{"type": "string"}"##), .rev(PT + "/required/-", ##""color""##)],
            [.init("response-required-property-added", .info, base: PT, revision: pt("color"), times: 3)]),
        .init(
            "response property became optional", [.drop(PT + "/required/1")],
            [.init("response-property-became-optional", .err, base: pt("name"), revision: pt("name"), times: 3)]),
        .init(
            "response enum value added", [.rev(pt("status") + "/enum/-", ##""pending""##)],
            [.init("response-property-enum-value-added", .warn, base: pt("status"), revision: pt("status"), times: 3)]),
        .init(
            "response property became not nullable", [.rev(pt("owner") + "/type", ##""string""##)],
            [.init("response-property-became-not-nullable", .info, base: pt("owner"), revision: pt("owner"), times: 3)]),
        .init(
            "response property became nullable", [.rev(pt("tag") + "/type", ##"["string", "null"]"##)],
            [.init("response-property-became-nullable", .err, base: pt("tag"), revision: pt("tag"), times: 3)]),
        .init(
            "response maxLength increased", [.rev(pt("name") + "/maxLength", "128")],
            [.init("response-property-max-length-increased", .err, base: pt("name"), revision: pt("name"), times: 3)]),
        .init(
            "response format removed", [.drop(pt("id") + "/format")],
            [.init("response-property-type-generalized", .err, base: pt("id"), revision: pt("id"), times: 3)]),
        .init(
            "required response property became write-only", [.rev(pt("name") + "/writeOnly", "true")],
            [
                .init(
                    "response-required-property-became-write-only", .info, base: pt("name"), revision: pt("name"),
                    times: 3)
            ]),
        .init(
            "required response header removed", [.drop(rateLimit)],
            [.init("required-response-header-removed", .err, base: rateLimit, revision: R200)]),
        .init(
            "optional response header removed", [.drop(R200 + "/headers/X-Next")],
            [.init("optional-response-header-removed", .warn, base: R200 + "/headers/X-Next", revision: R200)]),
        .init(
            "response header became optional", [.drop(rateLimit + "/required")],
            [.init("response-header-became-optional", .err, base: rateLimit, revision: rateLimit)]),
        .init(
            "response header added", [.rev(R200 + "/headers/X-Request-Id", ##"{"schema": {"type": "string"}}"##)],
            [.init("response-header-added", .info, base: R200, revision: R200 + "/headers/X-Request-Id")]),
        .init(
            "response header type changed", [.rev(rateLimit + "/schema/type", ##""string""##)],
            [.init("response-header-type-changed", .err, base: rateLimit + "/schema", revision: rateLimit + "/schema")]),
    ]

    static let composition: [DiffCase] = [
        .init(
            "request oneOf member removed", [.drop(np("food") + "/oneOf/1")],
            [.init("request-property-one-of-removed", .err, base: np("food") + "/oneOf/1", revision: np("food"))]),
        .init(
            "request oneOf member added", [.rev(np("food") + "/oneOf/-", ##"{"title": "Name", "type": "boolean"}"##)],
            [.init("request-property-one-of-added", .info, base: np("food"), revision: np("food") + "/oneOf/2")]),
        .init(
            "request oneOf members reordered",
            [
                .rev(
                    np("food") + "/oneOf",
                    ##"[{"title": "Code", "type": "integer"}, {"title": "Brand", "type": "string"}]"##)
            ],
            []),
        .init(
            "request oneOf member matched by title changed", [.rev(np("food") + "/oneOf/0/maxLength", "10")],
            [
                .init(
                    "request-property-max-length-set", .err, base: np("food") + "/oneOf/0",
                    revision: np("food") + "/oneOf/0")
            ]),
        .init(
            "request anyOf member added",
            [
                .rev(
                    np("food"),
                    ##"{"anyOf": [{"title": "Brand", "type": "string"}, {"title": "Code", "type": "integer"}, {"title": "Name", "type": "boolean"}]}"##
                ),
                .base(
                    np("food"),
                    ##"{"anyOf": [{"title": "Brand", "type": "string"}, {"title": "Code", "type": "integer"}]}"##),
            ],
            [.init("request-property-any-of-added", .info, base: np("food"), revision: np("food") + "/anyOf/2")]),
        .init(
            "request allOf member with a required property added",
            [
                .rev(NP + "/allOf", ##"[{"$ref": "#/components/schemas/License"}]"##),
                .rev(
                    S + "/License",
                    ##"{"type": "object", "required": ["license"], "properties": {"license": {"type": "string"}}}"##),
            ],
            [
                .init("request-body-all-of-added", .err, base: NP, revision: NP + "/allOf/0"),
                .init("new-required-request-property", .err, base: NP, revision: S + "/License/properties/license"),
            ]),
        .init(
            "response oneOf members reordered",
            [
                .rev(
                    pt("kind") + "/oneOf",
                    ##"[{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}]"##)
            ],
            []),
        .init(
            "response oneOf member added",
            [
                .rev(pt("kind") + "/oneOf/-", ##"{"$ref": "#/components/schemas/Bird"}"##),
                .rev(S + "/Bird", ##"{"type": "object", "properties": {"type": {"const": "bird"}}}"##),
            ],
            [
                .init(
                    "response-property-one-of-added", .err, base: pt("kind"), revision: pt("kind") + "/oneOf/2",
                    times: 3)
            ]),
        .init(
            "response oneOf member removed", [.drop(pt("kind") + "/oneOf/1")],
            [
                .init(
                    "response-property-one-of-removed", .info, base: pt("kind") + "/oneOf/1", revision: pt("kind"),
                    times: 3)
            ]),
        .init(
            "inline members matched by discriminator value, one changed and reordered",
            [
                .base(
                    pt("kind"),
                    ##"{"oneOf": [{"type": "object", "properties": {"type": {"const": "cat"}, "lives": {"type": "integer"}}}, {"type": "object", "properties": {"type": {"const": "dog"}}}], "discriminator": {"propertyName": "type"}}"##
                ),
                .rev(
                    pt("kind"),
                    ##"{"oneOf": [{"type": "object", "properties": {"type": {"const": "dog"}}}, {"type": "object", "properties": {"type": {"const": "cat"}, "lives": {"type": "integer", "maximum": 9}}}], "discriminator": {"propertyName": "type"}}"##
                ),
            ],
            [
                .init(
                    "response-property-max-set", .info, base: pt("kind") + "/oneOf/0/properties/lives",
                    revision: pt("kind") + "/oneOf/1/properties/lives", times: 3)
            ]),
        .init(
            "webhook removed",
            [.base("/webhooks/petAdded", ##"{"post": {"responses": {"200": {"description": "ok"}}}}"##)],
            [.init("webhook-removed", .err, base: "/webhooks/petAdded/post", revision: "")]),
        .init(
            "response discriminator mapping added",
            [.rev(pt("kind") + "/discriminator/mapping", ##"{"cat": "#/components/schemas/Cat"}"##)],
            [
                .init(
                    "response-property-discriminator-mapping-added", .info, base: pt("kind"), revision: pt("kind"),
                    times: 3)
            ]),
        .init(
            "schema rewritten as allOf of the same content",
            [
                .rev(S + "/Error", ##"{"allOf": [{"$ref": "#/components/schemas/ErrorBase"}]}"##),
                .rev(
                    S + "/ErrorBase",
                    ##"{"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}, "code": {"type": "integer"}}}"##
                ),
            ],
            []),
        .init(
            "component renamed and referenced the same way",
            [
                .move(PT, S + "/Animal"),
                .rev(R200 + "/content/application~1json/schema/items/$ref", ##""#/components/schemas/Animal""##),
                .rev(PP + "/responses/201/content/application~1json/schema/$ref", ##""#/components/schemas/Animal""##),
                .rev(
                    I + "/get/responses/200/content/application~1json/schema/$ref", ##""#/components/schemas/Animal""##),
            ],
            []),
        .init(
            "unused component removed", [.drop(S + "/Unused")],
            [.init("api-schema-removed", .info, base: S + "/Unused", revision: S)]),
    ]

    static let security: [DiffCase] = [
        .init(
            "global security scheme replaced", [.rev("/security", ##"[{"oauth": []}]"##)],
            [
                .init("api-global-security-removed", .err, base: "/security/0", revision: "/security"),
                .init("api-global-security-added", .info, base: "/security", revision: "/security/0"),
            ]),
        .init(
            "operation scope added", [.rev(PG + "/security/0/oauth/-", ##""write""##)],
            [
                .init(
                    "api-security-scope-added", .err, base: PG + "/security/0/oauth", revision: PG + "/security/0/oauth"
                )
            ]),
        .init(
            "operation scope removed", [.rev(PG + "/security/0/oauth", "[]")],
            [
                .init(
                    "api-security-scope-removed", .info, base: PG + "/security/0/oauth",
                    revision: PG + "/security/0/oauth")
            ]),
        .init(
            "operation no longer open", [.drop(I + "/get/security")],
            [
                .init("api-security-removed", .err, base: I + "/get/security", revision: "/security"),
                .init("api-security-added", .info, base: I + "/get/security", revision: "/security/0"),
            ]),
        .init(
            "security scheme added", [.rev(SS + "/apiKey", ##"{"type": "apiKey", "in": "header", "name": "X-Key"}"##)],
            [.init("api-security-component-added", .info, base: SS, revision: SS + "/apiKey")]),
        .init(
            "security scheme scope removed", [.drop(SS + "/oauth/flows/clientCredentials/scopes/write")],
            [
                .init(
                    "api-security-component-oauth-scope-removed", .info,
                    base: SS + "/oauth/flows/clientCredentials/scopes/write", revision: SS + "/oauth")
            ]),
    ]
}

struct DiffRuleTests {
    static func apply(_ edits: [Edit]) throws -> (base: SpecDocument, revision: SpecDocument, texts: [String: String]) {
        var base = try DiffFixture.baseValue
        var revision = base
        for edit in edits {
            switch edit {
            case .base(let pointer, let json): base.set(pointer, try JSONParser().parse(Array(json.utf8)))
            case .rev(let pointer, let json): revision.set(pointer, try JSONParser().parse(Array(json.utf8)))
            case .drop(let pointer): revision.set(pointer, nil)
            case .move(let from, let to):
                let pointer = try #require(JSONPointer(from))
                let value = try #require(revision.value(at: pointer))
                revision.set(from, nil)
                revision.set(to, value)
            }
        }
        return (
            try DiffFixture.document(base, name: "base.yaml"),
            try DiffFixture.document(revision, name: "revision.yaml"),
            ["base.yaml": base.yaml(), "revision.yaml": revision.yaml()]
        )
    }

    /// The rule, level and both places of each change, and that each place's line is the one its value
    /// was written at.
    @Test(arguments: DiffCase.all)
    func rule(_ testCase: DiffCase) throws {
        let (base, revision, texts) = try Self.apply(testCase.edits)
        let changes = DocumentDiff.changes(from: base, to: revision)
        let found = changes.map { "\($0.level) \($0.id) \($0.base?.pointer ?? "-") → \($0.revision?.pointer ?? "-")" }
        let expected = testCase.expected.flatMap { Array(repeating: $0.description, count: $0.times) }
        #expect(found.sorted() == expected.sorted(), "\(changes.map(\.text))")
        for change in changes {
            #expect(RuleCatalog.level(of: change.id) != nil, "\(change.id) is not in the catalog")
            for (place, document) in [(change.base, base), (change.revision, revision)] {
                let place = try #require(place)
                let location = try #require(place.location)
                #expect(location.file == document.entry.name)
                // The line holds the pointer's last key, unless the value is an array item or the root.
                let lines = (texts[document.entry.name] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                let last = JSONPointer(place.pointer)?.tokens.last ?? ""
                if !last.isEmpty, Int(last) == nil {
                    #expect(lines[location.line - 1].contains(last), "line \(location.line) of \(place)")
                }
            }
        }
    }

    @Test func tableCoversEnoughPairs() {
        #expect(DiffCase.all.count >= 60)
        let categories = Set(
            DiffCase.all.flatMap(\.expected).map { $0.id.split(separator: "-").prefix(2).joined(separator: "-") })
        #expect(categories.count >= 20, "\(categories.sorted())")
    }
}
