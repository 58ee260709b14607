import Foundation
import JSONCore
import Testing

@testable import OpenAPIDocument

/// A document split over three folders (`Fixtures/multifile`): path items, parameters, responses and
/// schemas in other files, references to references, schemas that refer to each other across files, and a
/// reference back into the entry file.
struct MultiFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let entry = fixtures.appendingPathComponent("multifile/openapi.yaml").path

    func load() throws -> SpecDocument {
        let document = try SpecDocument.load(path: Self.entry)
        #expect(document.diagnostics == [], "\(document.diagnostics)")
        return document
    }

    @Test func pathItemsInOtherFilesAreWrittenInPlace() throws {
        let value = try load().value
        let list = try #require(value.value(at: JSONPointer("/paths/~1pets/get")!))
        #expect(list["operationId"] == "listPets")
        #expect(list["parameters"]?.arrayValue?.first == ["$ref": "#/components/parameters/limit"])
        #expect(
            list.value(at: JSONPointer("/responses/200/content/application~1json/schema/items")!)
                == ["$ref": "#/components/schemas/Pet"])
        #expect(list.value(at: JSONPointer("/responses/default")!) == ["$ref": "#/components/responses/Problem"])
        let show = try #require(value.value(at: JSONPointer("/paths/~1pets~1{petId}")!))
        #expect(show["parameters"]?.arrayValue?.first?["name"] == "petId")
        #expect(show["get"]?["operationId"] == "showPet")
    }

    @Test func componentsFromOtherFilesJoinTheEntrysOwn() throws {
        let value = try load().value
        let schemas = try #require(value["components"]?["schemas"]?.objectValue)
        // The entry's own first, then in the order references reached them; `Tag` was a reference to a
        // file, so its slot holds the file's schema.
        #expect(schemas.keys == ["Error", "Tag", "Pet", "Owner"])
        #expect(schemas["Tag"]?["properties"]?["label"]?["type"] == "string")
        // A reference to a reference (`TagAlias.yaml` holds only `$ref: ./Tag.yaml`) reaches the final target.
        #expect(schemas["Pet"]?["properties"]?["tags"]?["items"] == ["$ref": "#/components/schemas/Tag"])
        // Pet → Owner → Pet across two files: both are components, each referring to the other.
        #expect(schemas["Pet"]?["properties"]?["owner"] == ["$ref": "#/components/schemas/Owner"])
        #expect(schemas["Owner"]?["properties"]?["pets"]?["items"] == ["$ref": "#/components/schemas/Pet"])
        // A reference from another file back into the entry is a local reference.
        #expect(
            value.value(at: JSONPointer("/components/responses/Problem/content/application~1json/schema")!)
                == ["$ref": "#/components/schemas/Error"])
        #expect(value["components"]?["parameters"]?["limit"]?["in"] == "query")
        #expect(value["info"]?["description"] == "A shop of pets, written over three folders.\n")
    }

    @Test func examplesAreDataNotReferences() throws {
        let example = try load().value.value(
            at: JSONPointer("/paths/~1pets/get/responses/200/content/application~1json/example/0")!)
        #expect(example?["$ref"] == "#/only/data")
    }

    /// `example: {$ref: file#/x}` is how split documents share examples (DigitalOcean's do): replaced by
    /// the value, as Redocly and Swagger UI read it.
    @Test func anExampleThatIsOnlyAReferenceToAFileIsThatFilesValue() throws {
        let document = try load()
        let example = document.value.value(
            at: JSONPointer("/paths/~1pets~1{petId}/get/responses/200/content/application~1json/example")!)
        #expect(example == ["id": 1, "name": "Rex", "owner": ["name": "Ann"]])
        let folder = Self.fixtures.appendingPathComponent("multifile").path
        #expect(
            document.location(
                of: JSONPointer("/paths/~1pets~1{petId}/get/responses/200/content/application~1json/example/owner")!
            )
            .description == "\(folder)/components/examples.yaml:4:3")
    }

    @Test func valuesKeepTheirFileLineAndColumn() throws {
        let document = try load()
        #expect(document.files.count == 11)
        func at(_ pointer: String) -> String { document.location(of: JSONPointer(pointer)!).description }
        let folder = Self.fixtures.appendingPathComponent("multifile").path
        #expect(at("/components/schemas/Pet/properties/owner") == "\(folder)/schemas/Pet.yaml:9:3")
        #expect(at("/components/schemas/Owner/properties/pets/items") == "\(folder)/schemas/Owner.yaml:7:5")
        #expect(at("/paths/~1pets/get/operationId") == "\(folder)/paths/pets.yaml:2:3")
        #expect(at("/paths/~1pets~1{petId}/parameters/0/name") == "\(folder)/paths/pet.yaml:2:5")
        #expect(at("/components/schemas/Error/required") == "\(folder)/openapi.yaml:18:7")
        #expect(at("/components/schemas/Tag/properties/label") == "\(folder)/schemas/Tag.yaml:3:3")
        #expect(at("/components/parameters/limit/schema/default") == "\(folder)/components/parameters.yaml:6:5")
        let origin = document.origin(of: JSONPointer("/components/schemas/Pet/properties/id")!)
        #expect(origin.file.name == "\(folder)/schemas/Pet.yaml")
        #expect(origin.pointer.description == "/properties/id")
    }

    @Test func referencedFilesAreNamedFromTheEntrysFolderAsTheUserNamedIt() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let relative = relativePath(from: cwd, to: Self.entry)
        let document = try SpecDocument.load(path: relative)
        let folder = (relative as NSString).deletingLastPathComponent
        #expect(document.files.map(\.name).contains("\(folder)/schemas/Owner.yaml"))
    }

    @Test func integersOfAnySizeStayExact() throws {
        let maximum = try load().value.value(at: JSONPointer("/components/schemas/Pet/properties/id/maximum")!)
        #expect(maximum?.compactJSON() == "123456789012345678901")
        #expect(maximum == .number(try #require(JSONNumber("123456789012345678901"))))
        #expect(maximum != .number(try #require(JSONNumber("123456789012345678900"))))
    }

    @Test func yaml12ScalarsInReferencedFiles() throws {
        let label = try load().value.value(at: JSONPointer("/components/schemas/Tag/properties/label/example")!)
        #expect(label == "18:00")
    }

    @Test func aSingleFileDocumentIsItsOwnValue() throws {
        let file = try SourceFile.parse(Array(#"{"openapi": "3.1.0", "paths": {}}"#.utf8), name: "one.json")
        let document = SpecDocument.load(entry: file, options: .init())
        #expect(document.files.count == 1)
        #expect(document.value == file.value)
        #expect(document.location(of: JSONPointer("/paths")!).description == "one.json:1:22")
    }

    private func relativePath(from base: String, to path: String) -> String {
        let a = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        return (Array(repeating: "..", count: a.count - common) + b[common...]).joined(separator: "/")
    }
}

/// What a document's servers mean: the base URL samples use and the path the mock serves under.
struct ServerTests {
    @Test func basePathsFromServerURLs() {
        func path(_ server: JSONValue) -> String { Server(server).basePath }
        #expect(path(["url": "https://api.agentscode.dev/v1"]) == "/v1")
        #expect(path(["url": "/api/v2/"]) == "/api/v2")
        #expect(path(["url": "https://x.example"]) == "")
        #expect(path(["url": "https://x.example/v1?x=1#f"]) == "/v1")
        #expect(
            path(["url": "https://{region}.x.example/{base}", "variables": ["base": ["default": "shop"]]]) == "/shop")
        #expect(Server.all(in: [:]) == [])
    }

    @Test func urlsWithVariablesAtTheirDefaults() {
        let servers = Server.all(
            in: [
                "servers": [
                    [
                        "url": "https://{region}.example.com/{version}/", "description": "regional",
                        "variables": [
                            "region": ["default": "eu", "enum": ["eu", "us"]], "version": ["default": "v2"],
                        ],
                    ],
                    ["url": "http://localhost:8080"],
                ]
            ])
        #expect(servers.map(\.url) == ["https://eu.example.com/v2", "http://localhost:8080"])
        #expect(servers.map(\.template) == ["https://{region}.example.com/{version}/", "http://localhost:8080"])
        #expect(servers.first?.description == "regional")
    }
}
