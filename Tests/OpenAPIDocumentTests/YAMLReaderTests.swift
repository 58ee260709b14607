import JSONCore
import Testing

@testable import OpenAPIDocument

/// YAML 1.2's core schema, which OpenAPI 3.1 documents are written in, against YAML 1.1's habits.
struct YAMLReaderTests {
    static let scalars: [(String, JSONValue)] = [
        // YAML 1.1 read these as a sexagesimal number, booleans and a date; 1.2 keeps them strings.
        ("18:00", "18:00"), ("1:30:00", "1:30:00"), ("on", "on"), ("off", "off"), ("yes", "yes"), ("no", "no"),
        ("y", "y"), ("N", "N"), ("On", "On"), ("2024-01-01", "2024-01-01"),
        (
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14t21:59:43.10-05:00"
        ), ("1_000", "1_000"), ("0b101", "0b101"), ("010", .number(JSONNumber(10))),
        // The core schema's own types.
        ("true", true), ("True", true), ("TRUE", true), ("false", false), ("FALSE", false), ("tRUE", "tRUE"),
        ("null", nil), ("Null", nil), ("~", nil), ("", nil), ("nULL", "nULL"),
        ("0", 0), ("-17", -17), ("+17", 17), ("0o17", 15), ("0x1F", 31), ("0xff", 255), ("0x", "0x"),
        ("1.5", 1.5), ("-.5", -0.5), (".5", 0.5), ("5.", 5), ("1e3", 1000), ("1.5E-3", 0.0015), ("+1.0", 1),
        // No JSON form: kept as written.
        (".inf", ".inf"), ("-.Inf", "-.Inf"), (".nan", ".nan"),
        ("1.2.3", "1.2.3"), ("3.1.0", "3.1.0"), ("-x", "-x"), ("+", "+"), (".", "."), ("1e", "1e"), ("0x1G", "0x1G"),
    ]

    @Test(arguments: scalars)
    func plainScalar(_ text: String, _ expected: JSONValue) throws {
        let value = try YAMLReader.read("key: \(text)\n")
        #expect(value["key"] == expected, "\(text)")
        #expect(value["key"]?.typeName == expected.typeName, "\(text)")
    }

    @Test func quotedAndTaggedScalars() throws {
        let value = try YAMLReader.read(
            """
            a: "18:00"
            b: 'true'
            c: !!str 42
            d: !!int "42"
            e: !!float "1.5"
            f: !!bool "false"
            g: !!null ""
            h: |
              10
            i: !custom 7
            """)
        #expect(
            value == [
                "a": "18:00", "b": "true", "c": "42", "d": 42, "e": 1.5, "f": false, "g": nil, "h": "10\n", "i": "7",
            ])
    }

    @Test func twentyDigitIntegersStayExact() throws {
        let value = try YAMLReader.read(
            "maximum: 9223372036854776000\nbig: -123456789012345678901234567890\nhex: 0xFFFFFFFFFFFFFFFFFF\n")
        #expect(value["maximum"]?.compactJSON() == "9223372036854776000")
        #expect(value["big"]?.compactJSON() == "-123456789012345678901234567890")
        #expect(value["hex"]?.compactJSON() == "4722366482869645213695")
        #expect(value["maximum"] != .number(JSONNumber(9_223_372_036_854_775_807)))
        let twenty = try YAMLReader.read("x: 12345678901234567890\n")["x"]
        #expect(twenty?.compactJSON() == "12345678901234567890")
        #expect(twenty == .number(try #require(JSONNumber("12345678901234567890"))))
        #expect(twenty != .number(try #require(JSONNumber("12345678901234567891"))))
    }

    @Test func keysAreStringsAndOrderIsKept() throws {
        let value = try YAMLReader.read("200: ok\non: yes\n1.0: x\nnull: y\nb: 1\na: 2\n")
        #expect(value.objectValue?.keys == ["200", "on", "1.0", "null", "b", "a"])
    }

    @Test func mergeKeys() throws {
        let value = try YAMLReader.read(
            """
            base: &base {type: string, maxLength: 5}
            derived:
              <<: *base
              maxLength: 9
            """)
        #expect(value["derived"] == ["maxLength": 9, "type": "string"])
    }

    /// Both places: the error is at the second key (the one a reader would keep), the first in the message.
    @Test func duplicateKeysAreAnErrorWithBothPlaces() {
        #expect {
            try YAMLReader.read("a: 1\nb:\n  c: 2\n  \"c\": 3\na: 3\n")
        } throws: { error in
            let failure = error as? YAMLReader.Failure
            return failure?.text == "duplicate key 'c' in one mapping (first at line 3, column 3)"
                && failure?.line == 4 && failure?.column == 3
        }
        // In a flow mapping the second place is not searched for: the first is given.
        #expect {
            try YAMLReader.read("a: {x: 1, x: 2}\n")
        } throws: { error in
            let failure = error as? YAMLReader.Failure
            return failure?.message == "duplicate key 'x' in one mapping" && failure?.line == 1
        }
    }

    @Test func anAliasBombStopsAtTheBudget() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let items = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(items)]\n"
        }
        #expect(text.utf8.count < 700)
        #expect {
            try YAMLReader.read(text)
        } throws: { error in
            (error as? YAMLReader.Failure)?.message
                == "aliases expand to more than 1000000 values; refusing to expand them"
        }
    }

    /// A UTF-8 byte-order mark before a YAML document is not part of it (YAML 1.2, 5.2), and lines and
    /// columns do not count it.
    @Test func aByteOrderMarkIsNotPartOfTheDocument() throws {
        let text = "\u{FEFF}openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\n"
        let document = try SpecDocument.load(bytes: Array(text.utf8), name: "bom.yaml")
        #expect(document.value["openapi"] == "3.1.0")
        #expect(
            document.location(of: JSONPointer(tokens: ["openapi"]))
                == FileLocation(file: "bom.yaml", line: 1, column: 1))
        #expect(
            document.location(of: JSONPointer(tokens: ["paths"])) == FileLocation(file: "bom.yaml", line: 3, column: 1))
        #expect {
            try SpecDocument.load(bytes: Array("\u{FEFF}a: [1,\n".utf8), name: "bad.yaml")
        } throws: { error in
            (error as? Diagnostic)?.line == 2
        }
    }

    @Test func syntaxErrorsHaveALocation() {
        #expect {
            try YAMLReader.read("a: [1, 2\nb: 3\n")
        } throws: { error in
            let failure = error as? YAMLReader.Failure
            return failure?.line == 2 && failure?.message.hasPrefix("not valid YAML: ") == true
        }
    }

    @Test func locationsOfValues() throws {
        let text = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      tags: [x, y]\n"
        let locations = try #require(YAMLReader.locations(text))
        #expect(locations["/paths/~1a/get"]! == (4, 5))
        #expect(locations["/paths/~1a/get/tags/1"]! == (5, 17))
    }

    @Test func jsonLocations() {
        let text = "{\n  \"a\": {\"b~/\": [1, {\"c\": \"é\", \"d\": true}]},\n  \"e\": null\n}"
        let locations = JSONLocator.locations(Array(text.utf8))
        #expect(locations["/a"]! == (2, 3))
        #expect(locations["/a/b~0~1"]! == (2, 9))
        #expect(locations["/a/b~0~1/1"]! == (2, 20))
        #expect(locations["/a/b~0~1/1/d"]! == (2, 31))
        #expect(locations["/e"]! == (3, 3))
    }
}
