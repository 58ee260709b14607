import Foundation
import JSONCore
import Testing

@Suite struct JSONWriterTests {
    @Test func prettyJSONKeepsInsertionOrder() {
        let value: JSONValue = ["zeta": 1, "alpha": [true, nil, "x"], "mid": [:], "empty": []]
        #expect(
            value.prettyJSON() == """
                {
                  "zeta": 1,
                  "alpha": [
                    true,
                    null,
                    "x"
                  ],
                  "mid": {},
                  "empty": []
                }

                """)
    }

    @Test func stringsAreEscapedPerRFC8259() {
        let value: JSONValue = .string("quote\" back\\ nl\n tab\t ctl\u{01} slash/ é")
        #expect(value.compactJSON() == #""quote\" back\\ nl\n tab\t ctl\u0001 slash/ é""#)
    }

    @Test func separatorsControlsAndTheByteOrderMarkAreEscapedForYAML() {
        let value: JSONValue = .string("del\u{7F} c1\u{85} ls\u{2028} ps\u{2029} bom\u{FEFF} ok\u{A0}\u{2027}€😀")
        #expect(value.compactJSON() == #""del\u007F c1\u0085 ls\u2028 ps\u2029 bom\uFEFF ok\#u{A0}\#u{2027}€😀""#)
        #expect(value.compactJSONBytes() == Array(value.compactJSON().utf8))
        let nested: JSONValue = ["a": [1, "x\"y", nil, ["k": false]]]
        #expect(String(decoding: nested.compactJSONBytes(), as: UTF8.self) == #"{"a":[1,"x\"y",null,{"k":false}]}"#)
    }

    @Test func objectsSmallAndLargeLookUpReplaceRemoveAndHashAlike() {
        for size in [3, 8, 9, 40] {
            var forward = JSONObject()
            var backward = JSONObject()
            for i in 0..<size { forward["k\(i)"] = .number(JSONNumber(i)) }
            for i in (0..<size).reversed() { backward["k\(i)"] = .number(JSONNumber(i)) }
            #expect(forward == backward, "size \(size)")
            #expect(forward.hashValue == backward.hashValue, "size \(size)")
            #expect(forward["k\(size - 1)"] == .number(JSONNumber(size - 1)))
            #expect(forward["missing"] == nil)
            forward["k0"] = "replaced"
            #expect(forward.keys.first == "k0" && forward["k0"] == "replaced" && forward.count == size)
            forward["k1"] = nil
            #expect(forward.count == size - 1 && forward["k1"] == nil && !forward.keys.contains("k1"))
            #expect(forward["k\(size - 1)"] == .number(JSONNumber(size - 1)), "lookups after a removal, size \(size)")
            #expect(forward != backward)
            #expect(forward.values.count == forward.keys.count)
        }
        let repeated = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(repeated.keys == ["a", "b"] && repeated["a"] == 3)
    }

    @Test func replacingAllReplacesEveryOccurrence() {
        #expect("a%b%%c".replacingAll("%", with: "%25") == "a%25b%25%25c")
        #expect("/agents/{id}/{id}".replacingAll("{id}", with: "7") == "/agents/7/7")
        #expect("abc".replacingAll("", with: "x") == "abc")
        #expect("aaa".replacingAll("aa", with: "b") == "ba")
        #expect(" \t a b\t ".trimmingBlanks == "a b")
        #expect("a b/é~-._".percentEncoded == "a%20b%2F%C3%A9~-._")
    }

    @Test func percentDecodingTakesOnlyWholeHexEscapesOfUTF8() {
        #expect("a%20b%2F%c3%A9".percentDecoded == "a b/é")
        #expect("plain".percentDecoded == "plain")
        for malformed in ["%", "%4", "a%zz", "%+1", "%-1", "%FF", "%C3"] {
            #expect(malformed.percentDecoded == nil, "\(malformed)")
        }
    }

    @Test func objectEqualityIgnoresOrder() {
        let a: JSONValue = ["a": 1, "b": 2]
        let b: JSONValue = ["b": 2.0, "a": 1]
        #expect(a == b)
    }

    @Test func pointerEscapingRoundTrips() throws {
        let pointer = JSONPointer(tokens: ["paths", "/agents/{agentId}", "a~b"])
        #expect(pointer.description == "/paths/~1agents~1{agentId}/a~0b")
        #expect(JSONPointer(pointer.description) == pointer)
        let doc: JSONValue = ["paths": ["/agents/{agentId}": ["a~b": [10, 20]]]]
        #expect(doc.value(at: pointer.appending(1)) == 20)
        #expect(JSONPointer("no-slash") == nil)
        #expect(JSONPointer("/bad~2escape") == nil)
    }
}

@Suite struct YAMLWriterTests {
    @Test(arguments: [
        // Strings a YAML 1.1 or 1.2 loader would read as something else must be quoted.
        ("200", false), ("1.0.0", false), ("null", false), ("Yes", false), ("off", false), ("~", false),
        ("2024-02-25T12:00:00Z", false), ("-dash", false), ("#comment", false), ("a: b", false), ("a #b", false),
        ("trailing ", false), ("", false), ("{x}", false), ("*alias", false), ("end:", false), ("é", false),
        // Plain is fine for these.
        ("listAgents", true), ("$ref", true), ("/agents", true), ("https://api.agentscode.dev/v1", true),
        ("Transcribe YouTube videos to text", true), ("agent_123456", true),
    ])
    func plainScalarRule(text: String, plain: Bool) {
        let yaml = JSONValue.object(JSONObject([("k", .string(text))])).yaml()
        if plain {
            #expect(yaml == "k: \(text)\n")
        } else {
            #expect(yaml == "k: \(JSONValue.string(text).compactJSON())\n")
        }
    }

    @Test func responseCodeKeysAreQuoted() {
        let value: JSONValue = ["responses": ["200": ["description": "OK"], "4XX": ["description": "Client"]]]
        #expect(
            value.yaml() == """
                responses:
                  "200":
                    description: OK
                  "4XX":
                    description: Client

                """)
    }

    @Test func nestedSequencesAndMultilineStrings() {
        let value: JSONValue = [
            "items": [["a": 1, "b": ["x", "y"]], [], "s"],  // "y" is a YAML 1.1 boolean
            "text": "line one\n\n  indented\nlast",
            "withNewline": "one\ntwo\n",
        ]
        #expect(
            value.yaml() == """
                items:
                  - a: 1
                    b:
                      - x
                      - "y"
                  - []
                  - s
                text: |-
                  line one

                    indented
                  last
                withNewline: |
                  one
                  two

                """)
    }

    /// The start of the compact JSON (for quoting a value in a message): a prefix of the whole text, at
    /// least `limit` bytes of it or all of it, cut only between items and members, and said to be complete
    /// exactly when it is.
    @Test(arguments: [0, 1, 7, 40, 100, 10_000])
    func compactPrefixIsAPrefixCutBetweenValues(limit: Int) throws {
        let values: [JSONValue] = [
            [:], "e\u{301}\u{301}\u{301}", 12.5,
            ["runs": .array((0..<20).map { ["id": .string("run-\($0)"), "n": .number(JSONNumber($0))] }), "more": true],
            [[[[["deep"]]]], ["k": ["x": ["y": "z"]]]],
        ]
        for value in values {
            let whole = value.compactJSONBytes()
            let (prefix, complete) = value.compactJSONPrefix(bytes: limit)
            #expect(Array(whole.prefix(prefix.count)) == prefix, "\(value)")
            #expect(prefix.count >= min(limit, whole.count), "\(value)")
            if complete { #expect(prefix == whole, "\(value)") } else { #expect(prefix.count > limit, "\(value)") }
            // Cut between values, never inside a string: the bytes are whole UTF-8.
            #expect(String(validating: prefix, as: UTF8.self) != nil)
        }
    }
}

