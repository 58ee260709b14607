import JSONCore
import Testing

/// The tape accepts exactly what `JSONParser` accepts, and reads back the values it parses.
@Suite struct JSONTapeTests {
    let parser = JSONParser()

    /// Texts either way: valid JSON of every shape, and every kind of refusal the parser makes.
    static let texts: [String] = [
        #" {"b": [1, -2.50, 3e2, true, false, null], "a": {"x": "y\u00e9\n"}} "#, "[]", "{}", "[[], {}, [[]]]",
        "0", "-0", "1.0", "123456789012345678901234567890", "1e400", "-1.5E-7", "\"\"", "\"日本\"",
        #""\ud83d\ude00""#, "\u{FEFF}[1]", "\u{FEFF}", "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}",
        // The same text as "é" in two spellings: different scalars, so not the same key for the byte
        // check, but Swift's string equality takes them as one (canonical equivalence), as the parser does.
        "{\"\u{E9}\":1,\"e\u{301}\":2}", "{\"K\":1,\"\u{212A}\":2}",
        "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"K\":10,\"\u{212A}\":11}",
        // Keys of one length that differ only at their end, before and past eight bytes, and one written twice.
        #"{"abcdefgh":1,"abcdefgi":2,"completedAt":3,"completedAu":4}"#, #"{"completedAt":1,"x":0,"completedAt":2}"#,
        "{\"a\": 1,}", "[1, 2", "{\n  \"a\" 1\n}", "[01]", "\"abc", "\"a\tb\"", "\"\\x\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\u12\"", "[1] [2]", "-", "1.", "1e", "01", "tru", "nul", "[1,]",
        "{\"a\"}", "{1:2}", "\"\\", "[\"a\" \"b\"]", "{\"a\":1 \"b\":2}", " ", "",
    ]

    @Test(arguments: texts)
    func acceptsWhatTheParserAccepts(text: String) {
        let tape = JSONTape()
        let bytes = Array(text.utf8)
        let parsed = try? parser.parse(bytes)
        let loaded = bytes.withUnsafeBytes { tape.load($0) }
        #expect(loaded == (parsed != nil), "\(text)")
        // Compared as written out: two keys Swift takes as one string make `==` on the object unreliable.
        if loaded, let parsed { #expect(tape.value(at: 0).compactJSON() == parsed.compactJSON(), "\(text)") }
    }

    @Test func invalidUTF8AndDepthAreRefusedAsByTheParser() {
        let tape = JSONTape()
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]] {
            #expect((try? parser.parse(bytes)) == nil)
            #expect(!bytes.withUnsafeBytes { tape.load($0) })
        }
        let deep = Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)
        #expect(!deep.withUnsafeBytes { tape.load($0) })
        let shallow = Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)
        #expect(shallow.withUnsafeBytes { tape.load($0) })
        // A hundred thousand nested arrays: refused, without recursion.
        let hostile = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(!hostile.withUnsafeBytes { tape.load($0) })
    }

    @Test func manyKeysAreCheckedForDuplicatesByHash() {
        let tape = JSONTape()
        let keys = (0..<500).map { "\"key\($0)\":\($0)" }
        let unique = Array(("{" + keys.joined(separator: ",") + "}").utf8)
        #expect(unique.withUnsafeBytes { tape.load($0) })
        #expect(tape.entries[0].b == 500)
        let repeated = Array(("{" + keys.joined(separator: ",") + ",\"key250\":0}").utf8)
        #expect(!repeated.withUnsafeBytes { tape.load($0) })
    }

    @Test func entriesDescribeTheText() {
        let tape = JSONTape()
        let bytes = Array(#"{"n":-12,"f":1.5,"s":"a\"b","u":"é","list":[1,[2],{}]}"#.utf8)
        bytes.withUnsafeBytes { buffer in
            #expect(tape.load(buffer))
            #expect(tape.entries[0].kind == .object && tape.entries[0].b == 5)
            #expect(tape.next(after: 0) == tape.entries.count)
            #expect(tape.plainInt(at: 2) == -12)
            #expect(tape.plainInt(at: 4) == nil)  // 1.5 is not written as an integer
            #expect(tape.number(at: 4) == JSONNumber(1.5))
            #expect(tape.entries[6].flags & JSONTape.escaped != 0 && tape.string(at: 6) == "a\"b")
            #expect(tape.entries[8].flags & JSONTape.nonASCII != 0 && tape.string(at: 8) == "é")
            #expect(tape.entries[10].kind == .array && tape.entries[10].b == 3)
            #expect(tape.next(after: 10) == tape.entries.count)
        }
    }

    /// The tape is reused line after line: nothing of the previous text remains.
    @Test func reloadingStartsAfresh() {
        let tape = JSONTape()
        for text in ["[1,2,3,[4,[5]]]", "{\"a\":\"b\"}", "7"] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { buffer in
                #expect(tape.load(buffer))
                #expect(tape.value(at: 0) == (try? parser.parse(text)))
            }
        }
    }
}
