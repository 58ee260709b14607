import JSONCore
import JSONSchema
import Testing

/// Each error names the instance location, the keyword location and what was expected.
@Suite struct ErrorReportingTests {
    let schema: JSONValue = try! JSONParser().parse(
        """
        {
          "$id": "https://example.com/agent",
          "type": "object",
          "required": ["id", "status"],
          "properties": {
            "id": {"type": "string", "format": "uuid"},
            "status": {"$ref": "#/$defs/status"},
            "cost": {"type": "integer", "minimum": 0},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 3}, "uniqueItems": true}
          },
          "additionalProperties": false,
          "$defs": {"status": {"enum": ["queued", "active", "completed", "failed"]}}
        }
        """)

    func errors(_ json: String, options: SchemaOptions = SchemaOptions()) throws -> [ValidationError] {
        let validator = try SchemaCompiler(options: options).compile(schema)
        return validator.validate(try JSONParser().parse(json))
    }

    @Test func reportsEveryErrorWithBothLocations() throws {
        let found = try errors(
            #"{"id": "job_1", "status": "done", "cost": -1, "tags": ["abcd", "x", "x"], "extra": 1}"#)
        let rows = found.map {
            [$0.instanceLocation.description, $0.keywordLocation.description, $0.absoluteKeywordLocation, $0.message]
        }
        #expect(
            rows == [
                [
                    "/id", "/properties/id/format", "https://example.com/agent#/properties/id/format",
                    #""job_1" is not a valid uuid"#,
                ],
                [
                    "/status", "/properties/status/$ref/enum", "https://example.com/agent#/$defs/status/enum",
                    #""done" is not one of "queued", "active", "completed", "failed""#,
                ],
                [
                    "/cost", "/properties/cost/minimum", "https://example.com/agent#/properties/cost/minimum",
                    "-1 is less than the minimum of 0",
                ],
                [
                    "/tags", "/properties/tags/uniqueItems", "https://example.com/agent#/properties/tags/uniqueItems",
                    #"["abcd","x","x"] has non-unique items at 1 and 2"#,
                ],
                [
                    "/tags/0", "/properties/tags/items/maxLength",
                    "https://example.com/agent#/properties/tags/items/maxLength",
                    #""abcd" is longer than 3 characters"#,
                ],
                [
                    "/extra", "/additionalProperties", "https://example.com/agent#/additionalProperties",
                    #"property "extra" is not allowed (additionalProperties is false)"#,
                ],
            ])
    }

    @Test func missingPropertiesAndWrongTypes() throws {
        let found = try errors(#"{"status": "queued", "cost": "12"}"#)
        #expect(
            found.map(\.description) == [
                #"(root): required property "id" is missing"#, #"/cost: "12" is not of type "integer""#,
            ])
        #expect(found[0].keywordLocation.description == "/required")
    }

    @Test func basicOutputFormat() throws {
        let output = try errors(#"{"id": "7d3e9a52-0c1b-4a8e-9f6d-2b5c8e1a4f30", "status": 3}"#).basicOutput
        #expect(
            output.compactJSON()
                == #"{"valid":false,"errors":[{"keywordLocation":"/properties/status/$ref/enum","absoluteKeywordLocation":"https://example.com/agent#/$defs/status/enum","instanceLocation":"/status","error":"3 is not one of \"queued\", \"active\", \"completed\", \"failed\""}]}"#
        )
        #expect(
            try errors(#"{"id": "7d3e9a52-0c1b-4a8e-9f6d-2b5c8e1a4f30", "status": "queued"}"#).basicOutput == [
                "valid": true
            ])
    }

    @Test func formatsCanBeAnnotationsOnly() throws {
        let found = try errors(#"{"id": "job_1", "status": "queued"}"#, options: SchemaOptions(formatAssertion: false))
        #expect(found.isEmpty)
    }

    @Test func openAPIIntegerFormatsAssertTheirRangesWhenAsked() throws {
        let schema: JSONValue = ["type": "integer", "format": "int64"]
        let big = try JSONParser().parse("9223372036854775808")
        #expect(try SchemaCompiler().compile(schema).isValid(big))
        var options = SchemaOptions()
        options.integerFormats = true
        let validator = try SchemaCompiler(options: options).compile(schema)
        #expect(validator.isValid(try JSONParser().parse("9223372036854775807")))
        #expect(
            validator.validate(big).map(\.description) == [
                "(root): 9223372036854775808 is outside the int64 range -9223372036854775808…9223372036854775807"
            ])
        let int32 = try SchemaCompiler(options: options).compile(["format": "int32"])
        #expect(!int32.isValid(2_147_483_648))
        #expect(int32.isValid(-2_147_483_648))
        #expect(int32.isValid("not a number"))
    }

    @Test func schemaErrorsNameTheKeyword() {
        #expect(
            throws: SchemaError(
                pointer: JSONPointer("/properties/a/minLength"),
                message: #""minLength" must be a non-negative integer, got -1"#)
        ) {
            try SchemaCompiler().compile(["properties": ["a": ["minLength": -1]]])
        }
        #expect(
            throws: SchemaError(
                pointer: JSONPointer("/$ref"),
                message: ##"cannot resolve "#/$defs/missing": nothing at "/$defs/missing""##)
        ) {
            try SchemaCompiler().compile(["$ref": "#/$defs/missing"])
        }
        #expect(
            throws: SchemaError(
                pointer: JSONPointer("/pattern"),
                message: #""(?i)a" is not an ECMA-262 regular expression: "(?i" is not ECMA-262 group syntax"#)
        ) {
            try SchemaCompiler().compile(["pattern": "(?i)a"])
        }
    }
}

/// OpenAPI's additions: direction-dependent readOnly/writeOnly, 3.0 nullable, discriminator.
@Suite struct OpenAPISchemaTests {
    let user: JSONValue = [
        "type": "object", "required": ["id", "password"],
        "properties": [
            "id": ["type": "integer", "readOnly": true], "password": ["type": "string", "writeOnly": true],
        ],
    ]

    @Test func readOnlyAndWriteOnlyDependOnDirection() throws {
        let request = try SchemaCompiler(options: SchemaOptions(direction: .request)).compile(user)
        let response = try SchemaCompiler(options: SchemaOptions(direction: .response)).compile(user)
        #expect(request.validate(["password": "x"]).isEmpty)
        #expect(
            request.validate(["id": 1, "password": "x"]).map(\.description) == [
                #"/id: property "id" is read-only and must not be sent in a request"#
            ])
        #expect(response.validate(["id": 1]).isEmpty)
        #expect(
            response.validate(["id": 1, "password": "x"]).map(\.description) == [
                #"/password: property "password" is write-only and must not appear in a response"#
            ])
        let plain = try SchemaCompiler().compile(user)
        #expect(plain.validate(["id": 1]).map(\.description) == [#"(root): required property "password" is missing"#])
    }

    @Test func nullableInOpenAPI30() throws {
        let schema: JSONValue = ["type": "string", "nullable": true, "enum": ["a"]]
        let v30 = try SchemaCompiler(options: SchemaOptions(dialect: .openAPI30)).compile(schema)
        #expect(v30.isValid(nil))
        #expect(!v30.isValid("b"))
        let v31 = try SchemaCompiler().compile(schema)
        #expect(!v31.isValid(nil))
    }

    /// OpenAI's 3.1 document writes `minimum: 0, exclusiveMinimum: true` and `nullable: true`: no 2020-12
    /// schema, or one that refuses null, unless the option reads them as 3.0 does.
    @Test func booleanExclusiveBoundsInA31Document() throws {
        let schema: JSONValue = ["type": "number", "minimum": 0, "exclusiveMinimum": true]
        #expect(throws: SchemaError.self) { try SchemaCompiler().compile(schema) }
        var options = SchemaOptions()
        options.readsOpenAPI30Keywords = true
        let lenient = try SchemaCompiler(options: options).compile(schema)
        #expect(!lenient.isValid(0))
        #expect(lenient.isValid(0.5))
        // Numeric exclusive bounds keep their 2020-12 meaning.
        let numeric = try SchemaCompiler(options: options).compile(["exclusiveMaximum": 1])
        #expect(!numeric.isValid(1))
        #expect(numeric.isValid(0))
        // OpenAI's `max_completion_tokens: {type: integer, nullable: true}`: null, as its author meant.
        let nullable: JSONValue = ["type": "integer", "nullable": true, "enum": [1, 2]]
        #expect(!(try SchemaCompiler().compile(nullable)).isValid(nil))
        #expect(try SchemaCompiler(options: options).compile(nullable).isValid(nil))
        #expect(!(try SchemaCompiler(options: options).compile(nullable)).isValid(3))
        // Beside no `type` (OpenAI's `model: {anyOf: [...], nullable: true}`): null, and the rest as written.
        let choice: JSONValue = ["anyOf": [["type": "string"], ["type": "integer"]], "nullable": true]
        #expect(!(try SchemaCompiler().compile(choice)).isValid(nil))
        let lenientChoice = try SchemaCompiler(options: options).compile(choice)
        #expect(lenientChoice.isValid(nil) && lenientChoice.isValid("a") && lenientChoice.isValid(1))
        #expect(!lenientChoice.isValid(true))
        #expect(lenientChoice.validate(true).first?.message.isEmpty == false)
    }

    @Test func discriminatorPicksTheBranch() throws {
        let document: JSONValue = [
            "components": [
                "schemas": [
                    "Pet": [
                        "oneOf": [["$ref": "#/components/schemas/Cat"], ["$ref": "#/components/schemas/Dog"]],
                        "discriminator": ["propertyName": "kind"],
                    ],
                    "Cat": ["type": "object", "properties": ["kind": ["const": "Cat"], "lives": ["type": "integer"]]],
                    "Dog": ["type": "object", "properties": ["kind": ["const": "Dog"], "bark": ["type": "string"]]],
                ]
            ]
        ]
        let compiler = SchemaCompiler()
        let handle = try compiler.add(document: document, uri: "urn:test:openapi", schemaPointers: [])
        let pet = try compiler.compile(document: handle, at: JSONPointer("/components/schemas/Pet")!)
        #expect(pet.isValid(["kind": "Cat", "lives": 9]))
        #expect(
            pet.validate(["kind": "Cat", "lives": "nine"]).map(\.description) == [
                #"/lives: "nine" is not of type "integer""#
            ])
        // An unmapped value falls back to oneOf: the discriminator is a hint, not a rule.
        #expect(
            pet.validate(["kind": "Cow"]).map(\.description) == [
                #"(root): {"kind":"Cow"} does not match any of the 2 oneOf schemas"#
            ])
    }

    /// A value quoted in a message is its compact JSON cut at 60 characters (57 and "…"), however large the
    /// value, and whole when it has 60 characters or fewer, however many bytes they take.
    @Test func quotedValuesAreCutAtSixtyCharacters() throws {
        let validator = try SchemaCompiler().compile(["anyOf": [["type": "integer"], ["type": "boolean"]]])
        let large: JSONValue = ["runs": .array((0..<500).map { .string("run-\($0)") })]
        let whole = large.compactJSON()
        #expect(
            validator.validate(large).map(\.message) == [
                "\(whole.prefix(57))… does not match any of the 2 anyOf schemas"
            ])
        // Twenty characters of 61 bytes each (a letter and thirty combining accents): quoted whole.
        let heavy = JSONValue.string(String(repeating: "e" + String(repeating: "\u{301}", count: 30), count: 20))
        #expect(
            validator.validate(heavy).map(\.message) == [
                "\(heavy.compactJSON()) does not match any of the 2 anyOf schemas"
            ])
        let array = JSONValue.array(Array(repeating: heavy, count: 3))
        #expect(
            validator.validate(array).map(\.message) == [
                "\(array.compactJSON().prefix(57))… does not match any of the 2 anyOf schemas"
            ])
    }
}

