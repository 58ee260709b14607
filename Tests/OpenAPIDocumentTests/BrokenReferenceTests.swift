import Foundation
import JSONCore
import Testing

@testable import OpenAPIDocument

/// References that cannot be followed (`Fixtures/broken`): each is one diagnostic with the file, line and
/// column of the reference, the reference is left as written, and reading goes on.
struct BrokenReferenceTests {
    static let folder = MultiFileTests.fixtures.appendingPathComponent("broken").path

    func diagnostics() throws -> [String] {
        try SpecDocument.load(path: Self.folder + "/openapi.yaml").diagnostics.map(\.description)
    }

    @Test func aMissingFileNamesTheReferenceAndWhatLedToIt() throws {
        let f = Self.folder
        #expect(
            try diagnostics().contains(
                "\(f)/parts/responses.yaml:6:9: error: \"../nowhere/schema.yaml\": cannot read '\(f)/nowhere/schema.yaml': no such file [invalid-ref]\n\(f)/openapi.yaml:8:11: note: referenced from here"
            ))
    }

    @Test func aPointerToNothing() throws {
        let f = Self.folder
        #expect(
            try diagnostics().contains(
                "\(f)/openapi.yaml:10:11: error: '\(f)/parts/responses.yaml#/missing' does not exist: '\(f)/parts/responses.yaml' has no value at '/missing' [invalid-ref]"
            ))
    }

    @Test func aCycleOfReferencesWithNothingInBetween() throws {
        let f = Self.folder
        #expect(
            try diagnostics().contains(
                "\(f)/openapi.yaml:12:11: error: reference cycle with nothing in between: '\(f)/cycle/a.yaml' → '\(f)/cycle/b.yaml' → '\(f)/cycle/a.yaml' [invalid-ref]"
            ))
    }

    @Test func filesOutsideTheEntrysFolderAreRefused() throws {
        let f = Self.folder
        #expect(
            try diagnostics().contains(
                "\(f)/openapi.yaml:14:11: error: \"../outside.yaml\" leaves the folder '\(f)'; references may only read files under it (--ref-root allows another folder) [invalid-ref]"
            ))
        // Allowed when the root is wider.
        let wider = try SpecDocument.load(
            path: f + "/openapi.yaml", options: .init(referenceRoot: MultiFileTests.fixtures))
        #expect(!wider.diagnostics.contains { $0.message.contains("leaves the folder") })
        #expect(
            wider.value.value(at: JSONPointer("/components/responses/outside/description")!)
                == "not under the entry's folder")
    }

    /// A link under the folder leads outside it: the file a link names, and a linked folder, are where the
    /// link points, so both are refused; a link that stays inside is read.
    @Test func symbolicLinksAreFollowedBeforeTheFolderIsChecked() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)")
        let inside = base.appendingPathComponent("api")
        let outside = base.appendingPathComponent("elsewhere")
        defer { try? FileManager.default.removeItem(at: base) }
        for folder in [inside.appendingPathComponent("parts"), outside] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let response = Data("description: a response\n".utf8)
        try response.write(to: outside.appendingPathComponent("secret.yaml"))
        try response.write(to: inside.appendingPathComponent("parts/real.yaml"))
        let links = FileManager.default
        try links.createSymbolicLink(
            at: inside.appendingPathComponent("parts/file-link.yaml"),
            withDestinationURL: outside.appendingPathComponent("secret.yaml"))
        try links.createSymbolicLink(at: inside.appendingPathComponent("folder-link"), withDestinationURL: outside)
        try links.createSymbolicLink(
            at: inside.appendingPathComponent("parts/inside-link.yaml"),
            withDestinationURL: inside.appendingPathComponent("parts/real.yaml"))
        try Data(
            """
            openapi: 3.1.0
            info: {title: links, version: '1'}
            paths: {}
            components:
              responses:
                file: {$ref: 'parts/file-link.yaml'}
                folder: {$ref: 'folder-link/secret.yaml'}
                kept: {$ref: 'parts/inside-link.yaml'}
            """.utf8
        ).write(to: inside.appendingPathComponent("openapi.yaml"))
        let loaded = try SpecDocument.load(path: inside.appendingPathComponent("openapi.yaml").path)
        let refused = loaded.diagnostics.filter { $0.message.contains("leaves the folder") }.map(\.message)
        #expect(refused.count == 2)
        #expect(refused.contains { $0.hasPrefix("\"parts/file-link.yaml\"") })
        #expect(refused.contains { $0.hasPrefix("\"folder-link/secret.yaml\"") })
        #expect(
            loaded.value.value(at: JSONPointer("/components/responses/kept/description")!) == "a response")
    }

    @Test func remoteReferencesAreNotFetched() throws {
        #expect(
            try diagnostics().contains(
                "\(Self.folder)/openapi.yaml:16:11: error: \"https://example.com/shared.yaml#/Error\" is a remote reference; nothing is fetched over the network (download it and refer to the file) [invalid-ref]"
            ))
    }

    @Test func aReferencedFileWithDuplicateKeys() throws {
        let f = Self.folder
        #expect(
            try diagnostics().contains(
                "\(f)/parts/duplicate.yaml:3:1: error: duplicate key 'description' in one mapping (first at line 1, column 1) [parser]\n\(f)/openapi.yaml:18:11: note: referenced from here"
            ))
    }

    @Test func everyProblemOnceAndTheRestStillRead() throws {
        let document = try SpecDocument.load(path: Self.folder + "/openapi.yaml")
        #expect(document.diagnostics.count == 6, "\(document.diagnostics)")
        #expect(document.diagnostics.allSatisfy { $0.severity == .error && $0.line != nil })
        // What could be read was: the `ok` response is a component, with its broken reference as written.
        #expect(
            document.value.value(at: JSONPointer("/paths/~1a/get/responses/200")!)
                == ["$ref": "#/components/responses/ok"])
        #expect(
            document.value.value(at: JSONPointer("/components/responses/ok/content/application~1json/schema")!)
                == ["$ref": "../nowhere/schema.yaml"])
        #expect(
            document.value.value(at: JSONPointer("/paths/~1a/get/responses/502")!) == ["$ref": "../outside.yaml"])
    }

    @Test func anUnreadableEntryThrows() {
        #expect(throws: Diagnostic.self) { try SpecDocument.load(path: Self.folder + "/none.yaml") }
        do {
            _ = try SpecDocument.load(path: Self.folder + "/none.yaml")
        } catch {
            #expect(error.isUnreadable)
            #expect(error.summary == "\(Self.folder)/none.yaml: cannot read the file: no such file")
        }
    }

    @Test func aCycleOfInlinedPathItems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /a:
            $ref: item.yaml
        """.write(to: folder.appendingPathComponent("openapi.yaml"), atomically: true, encoding: .utf8)
        try """
        get:
          callbacks:
            again:
              "{$request.body#/url}":
                $ref: item.yaml
          responses:
            "200": {description: OK}
        """.write(to: folder.appendingPathComponent("item.yaml"), atomically: true, encoding: .utf8)
        let document = try SpecDocument.load(path: folder.appendingPathComponent("openapi.yaml").path)
        let messages = document.diagnostics.map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("reference cycle: ") == true)
        #expect(
            messages.first?.hasSuffix("(a path item can only be written in place, so it cannot contain itself)") == true
        )
        #expect(document.value.value(at: JSONPointer("/paths/~1a/get/responses/200/description")!) == "OK")
    }
}

/// References written where only a bundler looks: a discriminator's mapping, and data that only looks
/// like a reference.
struct DiscriminatorMappingTests {
    @Test func mappingValuesThatNameFilesPointAtTheirComponents() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mapping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("pets"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths: {}
        components:
          schemas:
            Pet:
              oneOf:
                - $ref: pets/dog.yaml
                - $ref: pets/cat.yaml#/Cat
              discriminator:
                propertyName: kind
                mapping:
                  dog: pets/dog.yaml
                  cat: pets/cat.yaml#/Cat
                  bird: Bird
            Bird: {type: object}
        """.write(to: folder.appendingPathComponent("openapi.yaml"), atomically: true, encoding: .utf8)
        try "type: object\nproperties: {kind: {const: dog}}\n".write(
            to: folder.appendingPathComponent("pets/dog.yaml"), atomically: true, encoding: .utf8)
        try "Cat:\n  type: object\n  properties: {kind: {const: cat}}\n".write(
            to: folder.appendingPathComponent("pets/cat.yaml"), atomically: true, encoding: .utf8)
        let document = try SpecDocument.load(path: folder.appendingPathComponent("openapi.yaml").path)
        #expect(document.diagnostics == [])
        let pet = try #require(document.value["components"]?["schemas"]?["Pet"])
        #expect(pet["oneOf"] == [["$ref": "#/components/schemas/dog"], ["$ref": "#/components/schemas/Cat"]])
        #expect(
            pet["discriminator"]?["mapping"]
                == ["dog": "#/components/schemas/dog", "cat": "#/components/schemas/Cat", "bird": "Bird"])
        #expect(document.value["components"]?["schemas"]?.objectValue?.keys == ["Pet", "Bird", "dog", "Cat"])
    }
}
