import Foundation
import JSONCore
import OpenAPIDocument
import OpenAPIKit
import SpecCheck
import SpecIO
import SpecModel
import Testing

@Suite struct SpecDocumentTests {
    static let files: [SpecFile] = (try? SpecPublisher.files(for: APICatalog.all)) ?? []

    @Test func publishesFourFiles() {
        #expect(
            Self.files.map(\.name) == [
                "agentscode.openapi.yaml", "agentscode.openapi.json", "openagents.openapi.yaml",
                "openagents.openapi.json",
            ])
    }

    /// The committed documents are golden files: a change to the model shows up as a diff here.
    @Test(arguments: files)
    func matchesTheCommittedDocument(file: SpecFile) throws {
        let url = GoldenFiles.specFolder.appendingPathComponent(file.name)
        if GoldenFiles.recording {
            try FileManager.default.createDirectory(at: GoldenFiles.specFolder, withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(
            committed == file.contents, "\(file.name) is out of date: run `RECORD_GOLDEN=1 swift test` or `make spec`")
    }

    @Test func outputIsDeterministic() throws {
        let again = try SpecPublisher.files(for: APICatalog.all)
        #expect(again == Self.files)
    }

    /// Each published file decodes with OpenAPIKit to the document the model built, and validates strictly
    /// with the opt-in checks on.
    @Test(arguments: files)
    func roundTripsAndValidates(file: SpecFile) throws {
        // Read as every tool reads it (YAML 1.2 for the .yaml file), then decoded by OpenAPIKit.
        let decoded = try StructuralLint.decode(SourceFile.parse(Array(file.contents.utf8), name: file.name).value)
        let id = String(file.name.prefix { $0 != "." })
        let model = try #require(APICatalog.api(named: id)).document
        let difference = firstDifference(
            try SpecSerializer.jsonValue(of: decoded), try SpecSerializer.jsonValue(of: model))
        #expect(difference == nil)
        #expect(decoded.openAPIVersion == .v3_1_1)
        // With the house rules on top of the specification's own (operations have responses, and so on).
        _ = try decoded.validate(using: StructuralLint.houseValidator, strict: true)
        #expect(StructuralLint.findings(decoded) == [])
    }

    @Test func lintReportsAnUndefinedPathParameter() throws {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/undefined-path-parameter", withExtension: "json"))
        let document = try SpecDocument.load(path: url.path)
        let file = url.path
        // Spectral's severities: a path parameter is an error, the missing operationId and success response
        // warnings; the house rule that every operation is secured is off unless a ruleset turns it on.
        #expect(
            SpecLinter.lint(document).map(\.description) == [
                #"\#(file):1:75#/paths/~1a~1{id}/get: error: path parameter "id" of "/a/{id}" is not declared [path-params]"#,
                "\(file):1:75#/paths/~1a~1{id}/get: warning: the operation has no operationId [operation-operationId]",
                "\(file):1:82#/paths/~1a~1{id}/get/responses: warning: the operation documents no 2xx or 3xx response [operation-success-response]",
            ])
        let choices: [String: Diagnostic.Severity?] = [
            "operation-security": .error, "operation-operationId": .error, "path-params": nil,
        ]
        let house = Ruleset(overrides: choices)
        #expect(
            SpecLinter.lint(document, ruleset: house).map(\.description) == [
                "\(file):1:75#/paths/~1a~1{id}/get: error: the operation has no operationId [operation-operationId]",
                "\(file):1:82#/paths/~1a~1{id}/get/responses: warning: the operation documents no 2xx or 3xx response [operation-success-response]",
                "\(file):1:75#/paths/~1a~1{id}/get: error: the operation has no security requirement, so anyone may call it [operation-security]",
            ])
    }

    @Test func structuralLintReportsWhereADocumentIsWrong() throws {
        let text = #"{"openapi": "3.1.0","# + "\n" + #"  "info": {"title": "x"}, "paths": {}}"#
        let document = SpecDocument(entry: try SourceFile.parse(Array(text.utf8), name: "broken.json"))
        #expect(
            SpecLinter.lint(document).map(\.description) == [
                // The OpenAPI Initiative's schema finds it; OpenAPIKit's account of the same place is not repeated.
                #"broken.json:2:3#/info: error: required property "version" is missing [oas3-schema]"#
            ])
    }
}
