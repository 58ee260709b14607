import Foundation
import JSONCore
import OpenAPIDocument
import Testing

@testable import SpecDiff

/// `specvalidate diff` on documents others wrote: no change where the meaning is the same, every
/// scripted change found and nothing else.
struct DiffDocumentsTests {
    static let shared: URL = {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            ProcessInfo.processInfo.environment["SHARED_DIR"].map { URL(fileURLWithPath: $0) },
            checkout.deletingLastPathComponent().appendingPathComponent("shared"),
            URL(fileURLWithPath: "/work/shared"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("testdata").path) }
            ?? candidates[0]
    }()

    /// Every public document: 36 single files, DigitalOcean's of 2,900 files, and OpenAI's.
    static let realDocuments: [String] = {
        let folder = shared.appendingPathComponent("testdata/real-openapi")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
            .map { folder.appendingPathComponent($0).path }
            + [
                folder.appendingPathComponent("digitalocean/specification/DigitalOcean-public.v2.yaml").path,
                shared.appendingPathComponent("testdata/openai-openapi/openapi.yaml").path,
            ]
    }()

    @Test func everyPublicDocumentIsFound() {
        #expect(Self.realDocuments.count == 38)
    }

    /// A document against itself, and against itself written out again as YAML (other lines, other
    /// quoting, keys in the same order): no change.
    @Test(arguments: realDocuments)
    func documentAgainstItselfHasNoChange(_ path: String) throws {
        let document = try SpecDocument.load(path: path)
        #expect(DocumentDiff.changes(from: document, to: document).isEmpty)
        let rewritten = try SpecDocument.load(bytes: Array(document.value.yaml().utf8), name: "rewritten.yaml")
        let changes = DocumentDiff.changes(from: document, to: rewritten)
        #expect(changes.isEmpty, "\(changes.prefix(5).map(\.text))")
    }

    /// A 3.0 document against its 3.1 spelling (`nullable` as a `null` type or a `null` branch, boolean
    /// exclusive bounds as numbers): compared by meaning, no change.
    @Test(
        arguments: realDocuments.filter {
            (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("3.0.") ?? false
        })
    func openAPI30AgainstIts31SpellingHasNoChange(_ path: String) throws {
        let document = try SpecDocument.load(path: path)
        guard document.value["openapi"]?.stringValue?.hasPrefix("3.0") == true else { return }
        var upgraded = Self.upgraded(document.value)
        upgraded.set("/openapi", "3.1.0")
        let revision = try SpecDocument.load(bytes: Array(upgraded.yaml().utf8), name: "upgraded.yaml")
        let changes = DocumentDiff.changes(from: document, to: revision)
        #expect(changes.isEmpty, "\(changes.prefix(5).map { "\($0.id): \($0.text)" })")
    }

    /// OpenAPI 3.0's schema keywords in their 3.1 form, everywhere they appear.
    static func upgraded(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(upgraded))
        case .object(let object):
            var out = JSONObject(object.members.map { ($0.key, upgraded($0.value)) })
            for (bound, exclusive) in [("maximum", "exclusiveMaximum"), ("minimum", "exclusiveMinimum")] {
                guard let flag = out[exclusive]?.boolValue else { continue }
                out[exclusive] = nil
                if flag, let number = out[bound] {
                    out[exclusive] = number
                    out[bound] = nil
                }
            }
            if let nullable = out["nullable"]?.boolValue {
                out["nullable"] = nil
                if nullable {
                    switch out["type"] {
                    case .string(let type)?: out["type"] = [.string(type), "null"]
                    case nil: return ["anyOf": [.object(out), ["type": "null"]]]
                    default: break
                    }
                }
            }
            return .object(out)
        default: return value
        }
    }

    /// OpenAI's document against a copy with twenty changes of every kind: each found where it was made,
    /// nothing else.
    @Test func openAIWithTwentyScriptedChanges() throws {
        let path = Self.shared.appendingPathComponent("testdata/openai-openapi/openapi.yaml").path
        let base = try SpecDocument.load(path: path)
        var value = base.value
        let S = "/components/schemas"
        let edits: [(String, JSONValue?)] = [
            ("/paths/~1files~1{file_id}/delete", nil),
            ("/paths/~1health", ["get": ["responses": ["200": ["description": "OK"]]]]),
            ("/paths/~1models/get/operationId", "listAllModels"),
            ("/paths/~1embeddings/post/deprecated", true),
            ("/paths/~1files/get/parameters/2/schema/enum", ["desc"]),
            ("/paths/~1files/get/parameters/1/schema/maximum", 10000),
            (
                "/paths/~1files/get/parameters/-",
                ["name": "project", "in": "query", "required": true, "schema": ["type": "string"]]
            ),
            ("/paths/~1files/get/parameters/0", nil),
            ("\(S)/CreateEmbeddingRequest/properties/project", ["type": "string"]),
            ("\(S)/CreateEmbeddingRequest/required/-", "project"),
            ("\(S)/CreateBatchRequest/properties/completion_window/enum/-", "48h"),
            ("\(S)/DeleteModelResponse/required/2", nil),
            ("\(S)/CreateModerationResponse/properties/model", nil),
            ("\(S)/CreateSpeechRequest/properties/input/maxLength", 2048),
            ("\(S)/ProjectCreateRequest/properties/name/maxLength", 64),
            ("/paths/~1batches/post/responses/200", nil),
            ("/paths/~1models/get/responses/200/content/text~1plain", ["schema": ["type": "string"]]),
            ("/paths/~1embeddings/post/requestBody/required", false),
            ("/paths/~1files/get/tags/-", "Storage"),
            ("/components/securitySchemes/AdminApiKeyAuth/type", "apiKey"),
            ("/paths/~1models/get/responses/200/headers/X-Request-Id", ["schema": ["type": "string"]]),
        ]
        for (pointer, newValue) in edits { value.set(pointer, newValue) }
        let revision = try SpecDocument.load(bytes: Array(value.yaml().utf8), name: "openapi-changed.yaml")
        let changes = DocumentDiff.changes(from: base, to: revision)
        let found = changes.map { "\($0.id) \($0.operation?.description ?? "")" }.sorted()
        let expected = [
            "api-removed-without-deprecation DELETE /files/{file_id}",
            "endpoint-added GET /health",
            "api-operation-id-removed GET /models",
            "endpoint-deprecated POST /embeddings",
            "request-parameter-enum-value-removed GET /files",
            "request-parameter-max-set GET /files",
            "new-required-request-parameter GET /files",
            "request-parameter-removed GET /files",
            "new-required-request-property POST /embeddings",
            "request-property-enum-value-added POST /batches",
            "response-property-became-optional DELETE /models/{model}",
            "response-required-property-removed POST /moderations",
            "request-property-max-length-decreased POST /audio/speech",
            "request-property-max-length-set POST /organization/projects",
            "response-success-status-removed POST /batches",
            "response-media-type-added GET /models",
            "request-body-became-optional POST /embeddings",
            "api-tag-added GET /files",
            "api-security-component-type-changed ",
            "response-header-added GET /models",
        ].sorted()
        #expect(found == expected)
        // Every change is placed in both files.
        for change in changes {
            #expect(change.base?.location?.file == path)
            #expect(change.revision?.location?.file == "openapi-changed.yaml")
        }
    }
}
