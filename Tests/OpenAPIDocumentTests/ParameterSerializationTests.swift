import JSONCore
import Testing

@testable import OpenAPIDocument

/// Every row of the specification's style examples (OpenAPI 3.1.1, "Style Examples"), read back as JSON.
struct ParameterSerializationTests {
    static let primitive = ParameterSerialization.Shape.primitive("string")
    static let array = ParameterSerialization.Shape.array(item: "string")
    static let object = ParameterSerialization.Shape.object(
        properties: ["R": "integer", "G": "integer", "B": "integer"], other: "string")
    static let blue: JSONValue = "blue"
    static let colors: JSONValue = ["blue", "black", "brown"]
    static let rgb: JSONValue = ["R": 100, "G": 200, "B": 150]

    func read(
        _ location: String, _ style: ParameterSerialization.Style, explode: Bool, _ shape: ParameterSerialization.Shape,
        path: String? = nil, query: String? = nil
    ) -> JSONValue? {
        let serialization = ParameterSerialization(
            name: "color", location: location, style: style, explode: explode, shape: shape)
        let source = ParameterSerialization.Source(
            query: query.map { APIRequest.parseQuery($0) } ?? [], path: path, header: path)
        return serialization.value(in: source)
    }

    @Test func pathStyles() {
        // matrix
        #expect(read("path", .matrix, explode: false, Self.primitive, path: ";color=blue") == Self.blue)
        #expect(read("path", .matrix, explode: false, Self.array, path: ";color=blue,black,brown") == Self.colors)
        #expect(read("path", .matrix, explode: false, Self.object, path: ";color=R,100,G,200,B,150") == Self.rgb)
        #expect(read("path", .matrix, explode: true, Self.primitive, path: ";color=blue") == Self.blue)
        #expect(
            read("path", .matrix, explode: true, Self.array, path: ";color=blue;color=black;color=brown") == Self.colors
        )
        #expect(read("path", .matrix, explode: true, Self.object, path: ";R=100;G=200;B=150") == Self.rgb)
        // label
        #expect(read("path", .label, explode: false, Self.primitive, path: ".blue") == Self.blue)
        #expect(read("path", .label, explode: false, Self.array, path: ".blue,black,brown") == Self.colors)
        #expect(read("path", .label, explode: false, Self.array, path: ".blue.black.brown") == Self.colors)
        #expect(read("path", .label, explode: false, Self.object, path: ".R,100,G,200,B,150") == Self.rgb)
        #expect(read("path", .label, explode: true, Self.array, path: ".blue.black.brown") == Self.colors)
        #expect(read("path", .label, explode: true, Self.object, path: ".R=100.G=200.B=150") == Self.rgb)
        // simple (paths and headers)
        #expect(read("path", .simple, explode: false, Self.primitive, path: "blue") == Self.blue)
        #expect(read("path", .simple, explode: false, Self.array, path: "blue,black,brown") == Self.colors)
        #expect(read("path", .simple, explode: false, Self.object, path: "R,100,G,200,B,150") == Self.rgb)
        #expect(read("header", .simple, explode: true, Self.object, path: "R=100,G=200,B=150") == Self.rgb)
    }

    @Test func queryStyles() {
        #expect(read("query", .form, explode: false, Self.primitive, query: "color=blue") == Self.blue)
        #expect(read("query", .form, explode: false, Self.array, query: "color=blue,black,brown") == Self.colors)
        #expect(read("query", .form, explode: false, Self.object, query: "color=R,100,G,200,B,150") == Self.rgb)
        #expect(
            read("query", .form, explode: true, Self.array, query: "color=blue&color=black&color=brown") == Self.colors)
        #expect(read("query", .form, explode: true, Self.object, query: "R=100&G=200&B=150&other=x") == Self.rgb)
        #expect(
            read("query", .spaceDelimited, explode: false, Self.array, query: "color=blue%20black%20brown")
                == Self.colors)
        #expect(
            read("query", .pipeDelimited, explode: false, Self.array, query: "color=blue|black|brown") == Self.colors)
        #expect(
            read("query", .deepObject, explode: true, Self.object, query: "color[R]=100&color[G]=200&color[B]=150")
                == Self.rgb)
        #expect(read("query", .form, explode: true, Self.primitive, query: "other=1") == nil)
        // Absent objects are absent, not `null` (which `JSONValue`'s `nil` literal would make them).
        #expect(read("query", .form, explode: true, Self.object, query: "other=1") == Optional<JSONValue>.none)
        #expect(read("query", .deepObject, explode: true, Self.object, query: "other=1") == Optional<JSONValue>.none)
    }

    func write(
        _ location: String, _ style: ParameterSerialization.Style, explode: Bool, _ value: JSONValue
    ) -> String {
        let serialization = ParameterSerialization(
            name: "color", location: location, style: style, explode: explode, shape: Self.primitive)
        if location == "query" {
            return serialization.pairs(for: value).map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        }
        return serialization.text(for: value)
    }

    /// Writing gives the specification's rows (3.1.1, unexploded labels with commas), which read back.
    @Test func writingGivesTheSpecificationsRows() {
        let rows: [(String, ParameterSerialization.Style, Bool, JSONValue, ParameterSerialization.Shape, String)] = [
            ("path", .matrix, false, Self.blue, Self.primitive, ";color=blue"),
            ("path", .matrix, false, Self.colors, Self.array, ";color=blue,black,brown"),
            ("path", .matrix, false, Self.rgb, Self.object, ";color=R,100,G,200,B,150"),
            ("path", .matrix, true, Self.colors, Self.array, ";color=blue;color=black;color=brown"),
            ("path", .matrix, true, Self.rgb, Self.object, ";R=100;G=200;B=150"),
            ("path", .label, false, Self.blue, Self.primitive, ".blue"),
            ("path", .label, false, Self.colors, Self.array, ".blue,black,brown"),
            ("path", .label, true, Self.colors, Self.array, ".blue.black.brown"),
            ("path", .label, true, Self.rgb, Self.object, ".R=100.G=200.B=150"),
            ("path", .simple, false, Self.colors, Self.array, "blue,black,brown"),
            ("path", .simple, false, Self.rgb, Self.object, "R,100,G,200,B,150"),
            ("header", .simple, true, Self.rgb, Self.object, "R=100,G=200,B=150"),
            ("query", .form, false, Self.blue, Self.primitive, "color=blue"),
            ("query", .form, false, Self.colors, Self.array, "color=blue,black,brown"),
            ("query", .form, false, Self.rgb, Self.object, "color=R,100,G,200,B,150"),
            ("query", .form, true, Self.colors, Self.array, "color=blue&color=black&color=brown"),
            ("query", .form, true, Self.rgb, Self.object, "R=100&G=200&B=150"),
            ("query", .spaceDelimited, false, Self.colors, Self.array, "color=blue black brown"),
            ("query", .pipeDelimited, false, Self.colors, Self.array, "color=blue|black|brown"),
            ("query", .deepObject, true, Self.rgb, Self.object, "color[R]=100&color[G]=200&color[B]=150"),
        ]
        for (location, style, explode, value, shape, written) in rows {
            #expect(write(location, style, explode: explode, value) == written, "\(location) \(style) \(explode)")
            let query = written.split(separator: "&").map { pair in
                let halves = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return (name: halves[0], value: halves.count > 1 ? halves[1] : "")
            }
            let serialization = ParameterSerialization(
                name: "color", location: location, style: style, explode: explode, shape: shape)
            let back = serialization.value(
                in: .init(query: location == "query" ? query : [], path: written, header: written))
            #expect(back == value, "\(location) \(style) \(explode) reads back")
        }
    }

    @Test func valuesAreTypedByTheirSchemas() {
        let document: JSONValue = [
            "components": ["schemas": ["Limit": ["type": "integer"]]]
        ]
        let parameter = ParameterSerialization(
            parameter: ["name": "limit", "in": "query", "schema": ["$ref": "#/components/schemas/Limit"]],
            document: document)
        #expect(parameter.shape == .primitive("integer"))
        #expect(parameter.value(in: .init(query: [("limit", "20")])) == 20)
        #expect(parameter.value(in: .init(query: [("limit", "twenty")])) == "twenty")
        let flag = ParameterSerialization(
            parameter: ["name": "flag", "in": "query", "allowEmptyValue": true, "schema": ["type": "boolean"]],
            document: [:])
        #expect(flag.value(in: .init(query: [("flag", "")])) == nil)
        #expect(flag.value(in: .init(query: [("flag", "true")])) == true)
    }

    @Test func formBodiesAreTypedByTheirSchemas() {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "temperature": ["type": "number"], "stream": ["type": "boolean"], "file": ["type": "string"],
                "tags": ["type": "array", "items": ["type": "integer"]], "meta": ["type": "object"],
            ],
        ]
        let fields: [FormBody.Field] = [
            .init(name: "temperature", value: "0"), .init(name: "stream", value: "false"),
            .init(name: "file", value: "photo.png"), .init(name: "tags", value: "1"), .init(name: "tags", value: "2"),
            .init(name: "meta", value: #"{"a": 1}"#, contentType: "application/json"),
        ]
        #expect(
            FormBody.value(of: fields, schema: schema, encoding: nil, document: [:])
                == ["temperature": 0, "stream": false, "file": "photo.png", "tags": [1, 2], "meta": ["a": 1]])
        let encoded = FormBody.urlEncodedFields(Array("To=%2B15005550006&Body=Hello+there".utf8))
        #expect(encoded.map(\.value) == ["+15005550006", "Hello there"])
    }

    /// A required array without a part is an empty one (a form has no other way to write `[]`), unless it
    /// must have items.
    @Test func aRequiredArrayWithoutPartsIsEmpty() {
        let schema: JSONValue = [
            "type": "object", "required": ["files", "tags", "name"],
            "properties": [
                "files": ["oneOf": [["type": "array", "items": ["type": "string"]], ["type": "string"]]],
                "tags": ["type": "array", "minItems": 1, "items": ["type": "string"]],
                "name": ["type": "string"],
            ],
        ]
        #expect(FormBody.value(of: [], schema: schema, encoding: nil, document: [:]) == ["files": []])
    }

    /// Discord's multipart bodies are `anyOf` two objects: the fields are typed by the branches' properties,
    /// and a nullable field's text `null` is `null` (Schemathesis found both: `max_age=0` and
    /// `auto_archive_duration=null` were strings, so no branch matched).
    @Test func formFieldsAreTypedThroughTheBranches() {
        let schema: JSONValue = [
            "anyOf": [
                ["type": "object", "properties": ["max_age": ["type": "integer"], "temporary": ["type": "boolean"]]],
                [
                    "type": "object",
                    "properties": [
                        "auto_archive_duration": ["type": ["integer", "null"]],
                        "name": ["type": ["string", "null"]],
                        "poll": ["oneOf": [["type": "null"], ["type": "object"]]],
                        "attachments": ["type": ["array", "null"], "items": ["type": "object"]],
                    ],
                ],
            ]
        ]
        let fields: [FormBody.Field] = [
            .init(name: "max_age", value: "0"), .init(name: "temporary", value: "false"),
            .init(name: "auto_archive_duration", value: "null"), .init(name: "name", value: "null"),
            .init(name: "poll", value: #"{"q": 1}"#), .init(name: "attachments", value: "null"),
        ]
        #expect(
            FormBody.value(of: fields, schema: schema, encoding: nil, document: [:])
                == [
                    "max_age": 0, "temporary": false, "auto_archive_duration": nil, "name": "null",
                    "poll": ["q": 1], "attachments": nil,
                ])
    }
}
