import Foundation
import JSONCore
import OpenAPIDocument
import SpecCheck
import Testing

/// The rules lint applies to documents written elsewhere, 3.0 and 3.1 alike, with Spectral's severities.
@Suite struct LintRuleTests {
    func findings(_ text: String, ruleset: Ruleset = Ruleset()) throws -> [String] {
        let document = try SpecDocument.load(bytes: Array(text.utf8), name: "doc.yaml")
        return SpecLinter.lint(document, ruleset: ruleset).map {
            "\($0.severity) \($0.rule) \($0.pointer ?? ""): \($0.message)"
        }
    }

    @Test func a30DocumentIsCheckedAgainstTheOfficialSchema() throws {
        // No info, a response without a description, an unknown member of an operation.
        let found = try findings(
            """
            openapi: 3.0.3
            paths:
              /a:
                get:
                  operationId: a
                  summary2: oops
                  responses:
                    "200": {}
            """)
        #expect(found.contains(#"error oas3-schema : required property "info" is missing"#))
        #expect(found.contains { $0.hasPrefix("error oas3-schema /paths/~1a/get") })
        #expect(found.allSatisfy { !$0.contains("openapikit") })
    }

    @Test func what31AllowsIsNotAnError() throws {
        // Webhooks and no paths, an operation without responses, `{}` schemas: all valid 3.1.
        let found = try findings(
            """
            openapi: 3.1.0
            info: {title: hooks, version: "1"}
            webhooks:
              ping:
                post:
                  operationId: ping
                  requestBody:
                    content:
                      application/json:
                        schema: {}
            """)
        #expect(found.filter { $0.hasPrefix("error") } == [])
    }

    @Test func schemasOf31DocumentsAreJSONSchema202012() throws {
        let found = try findings(
            """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths: {}
            components:
              schemas:
                Rate:
                  type: number
                  minimum: 0
                  exclusiveMinimum: true
                Pair:
                  type: object
                  required: [a, a]
                  nullable: true
                  properties:
                    a: {type: integr}
            """)
        #expect(
            found.contains(
                #"error oas3-schema /components/schemas/Rate/exclusiveMinimum: not a JSON Schema 2020-12 schema: true is not of type "number""#
            ))
        #expect(found.contains { $0.hasPrefix("error oas3-schema /components/schemas/Pair/required:") })
        #expect(found.contains { $0.hasPrefix("error oas3-schema /components/schemas/Pair/properties/a/type:") })
        #expect(found.contains { $0.hasPrefix("warning nullable-in-3.1 /components/schemas/Pair/nullable:") })
    }

    @Test func defaultsEnumsMediaTypesAndSecurity() throws {
        let found = try findings(
            """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            security: [{missing: []}]
            paths:
              /a:
                get:
                  operationId: a
                  parameters:
                    - name: limit
                      in: query
                      schema: {type: integer, default: ten}
                  responses:
                    "200":
                      description: ok
                      content:
                        json:
                          schema: {type: string, enum: [a, b, a]}
            """)
        #expect(
            found.contains(
                #"error oas3-valid-schema-example /paths/~1a/get/parameters/0/schema/default: "ten" is not of type "integer""#
            ))
        #expect(
            found.contains(
                #"warning duplicated-entry-in-enum /paths/~1a/get/responses/200/content/json/schema/enum/2: "a" is in the enum more than once"#
            ))
        #expect(
            found.contains(
                #"warning media-type-name /paths/~1a/get/responses/200/content/json: "json" is not a media type such as application/json or a range such as image/*"#
            ))
        #expect(
            found.contains(
                #"warning oas3-operation-security-defined /security/0/missing: the security scheme "missing" is not defined in components/securitySchemes"#
            ))
    }

    /// Found on Discord's and OpenAI's documents: an enum with no value, and discriminators whose implied
    /// values (the schema names) contradict what each branch fixes.
    @Test func emptyEnumsAndDiscriminatorsWithoutMappings() throws {
        let found = try findings(
            """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  operationId: a
                  parameters:
                    - {name: status, in: query, schema: {type: string, enum: []}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            oneOf: [{$ref: "#/components/schemas/Active"}, {$ref: "#/components/schemas/Closed"}]
                            discriminator: {propertyName: type}
            components:
              schemas:
                Active: {type: object, properties: {type: {enum: [active]}}}
                Closed: {type: object, properties: {type: {const: Closed}}}
            """)
        #expect(
            found.contains(
                "warning empty-enum /paths/~1a/get/parameters/0/schema/enum: the enum is empty, so no value meets this schema"
            ))
        #expect(
            found.contains(
                #"warning discriminator-implicit-value /paths/~1a/get/responses/200/content/application~1json/schema/oneOf/0: the discriminator has no mapping, so 'type' must be 'Active' for this branch, but Active allows only "active"; add a mapping"#
            ))
        // `Closed` fixes `type` to its own name: consistent.
        #expect(!found.contains { $0.contains("oneOf/1") })
    }

    /// References that only lead to references and back reach no value; a schema that refers to itself
    /// inside its own properties (a tree) is a value and fine.
    @Test func referenceCyclesAreErrorsButRecursiveSchemasAreNot() throws {
        let found = try findings(
            """
            openapi: 3.1.0
            info: {title: cycles, version: "1"}
            paths: {}
            components:
              schemas:
                A: {$ref: "#/components/schemas/B"}
                B: {$ref: "#/components/schemas/A"}
                Tree:
                  type: object
                  properties:
                    children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
              parameters:
                P: {$ref: "#/components/parameters/P"}
            """
        ).filter { $0.contains("invalid-ref") }
        #expect(
            found == [
                ##"error invalid-ref /components/schemas/A/$ref: "#/components/schemas/B" never reaches a value: the references go round in a cycle (#/components/schemas/B → #/components/schemas/A → #/components/schemas/B)"##,
                ##"error invalid-ref /components/schemas/B/$ref: "#/components/schemas/A" never reaches a value: the references go round in a cycle (#/components/schemas/A → #/components/schemas/B → #/components/schemas/A)"##,
                ##"error invalid-ref /components/parameters/P/$ref: "#/components/parameters/P" never reaches a value: the references go round in a cycle (#/components/parameters/P → #/components/parameters/P)"##,
            ])
    }

    @Test func notOpenAPIAtAll() throws {
        #expect(SpecLinter.refusal(["swagger": "2.0", "info": [:]])?.hasPrefix("a Swagger 2.0 document") == true)
        #expect(
            SpecLinter.refusal(["name": "x"])
                == "not an OpenAPI document: it has no 'openapi' version (such as openapi: 3.1.0)")
        #expect(SpecLinter.refusal(["a", "b"])?.hasPrefix("not an OpenAPI document: the file holds an array") == true)
        #expect(SpecLinter.refusal(["openapi": "4.0.0"]) == "OpenAPI 4.0.0 is not read: only 3.0.x and 3.1.x are")
        #expect(SpecLinter.refusal(["openapi": "3.0.1"]) == nil)
    }

    @Test func rulesetsInSpectralsShape() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ruleset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("rules.yaml")
        try "rules:\n  operation-operationId: error\n  media-type-name: off\n  operation-security: {severity: hint}\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let ruleset = try Ruleset.load(path: good.path)
        let text = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  responses:
                    "200": {description: ok, content: {json: {}}}
            """
        let found = try findings(text, ruleset: ruleset)
        #expect(found.contains("error operation-operationId /paths/~1a/get: the operation has no operationId"))
        #expect(!found.contains { $0.contains("media-type-name") })
        #expect(found.contains { $0.hasPrefix("warning operation-security /paths/~1a/get") })

        let bad = folder.appendingPathComponent("bad.yaml")
        try "rules:\n  operation-operationId: loud\n  no-such-rule: off\n".write(
            to: bad, atomically: true, encoding: .utf8)
        #expect {
            try Ruleset.load(path: bad.path)
        } throws: { error in
            (error as? Diagnostic)?.description
                == #"\#(bad.path):2:3: error: 'operation-operationId': "loud" is not a severity (error, warn, info, hint or off) [ruleset]"#
        }
    }
}
