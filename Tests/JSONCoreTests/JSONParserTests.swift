import JSONCore
import Testing

@Suite struct JSONParserTests {
    let parser = JSONParser()

    @Test func parsesEveryKindOfValueKeepingMemberOrder() throws {
        let value = try parser.parse(#" {"b": [1, -2.50, 3e2, true, false, null], "a": {"x": "y\u00e9\n"}} "#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["b", "a"])
        #expect(value["b"] == [1, -2.5, 300, true, false, nil])
        #expect(value["a"]?["x"] == "yé\n")
    }

    @Test func numbersStayExact() throws {
        let big = try parser.parse("123456789012345678901234567890")
        let bigger = try parser.parse("123456789012345678901234567891")
        #expect(big != bigger)
        guard case .number(let n) = big else { return }
        #expect(n.text == "123456789012345678901234567890")
        #expect(try parser.parse("0.10000000000000000000000001") != parser.parse("0.1"))
        #expect(try parser.parse("1.0") == parser.parse("1"))
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try parser.parse(#""\ud83d\ude00""#) == "😀")
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "unexpected '}', expected a string as object key"),
        ("[1, 2", 1, 6, "unexpected end of input, expected ',' or ']' after an array element"),
        ("{\n  \"a\" 1\n}", 2, 7, "unexpected '1', expected ':' after object key"),
        ("[01]", 1, 3, "leading zeros are not allowed in numbers"),
        ("\"abc", 1, 1, "unterminated string"),
        ("\"a\tb\"", 1, 3, "unescaped control character U+0009 in string; write it as an escape"),
        ("\"\\x\"", 1, 2, "invalid escape '\\x' in string"),
        ("\"\\ud800\"", 1, 2, "lone surrogate \\uD800 in string; JSON text must be valid Unicode"),
        ("[1] 2", 1, 5, "unexpected '2', expected the end of input after the JSON value"),
        ("tru", 1, 1, "unexpected 't', expected a JSON value"),
        ("", 1, 1, "unexpected end of input, expected a JSON value"),
        ("[\"é\", x]", 1, 7, "unexpected 'x', expected a JSON value"),
    ])
    func reportsWhatAndWhere(input: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONParseError.self) { try parser.parse(input) }
        do {
            _ = try parser.parse(input)
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message == message)
            #expect(error.description == "line \(line), column \(column): \(message)")
        }
    }

    /// Which of two values a reader keeps is up to the reader (RFC 8259 §4): a key written twice is an
    /// error at the second, naming the first, in small objects and in large (indexed) ones alike.
    @Test func aKeyWrittenTwiceIsAnErrorWithBothPlaces() {
        do {
            _ = try parser.parse(Array("{\"a\": 1,\n \"b\": {\"c\": 2,\n  \"c\": 3}}".utf8))
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.message == "duplicate key \"c\" in one object (first at line 2, column 8)")
            #expect((error.line, error.column) == (3, 3))
        }
        let many = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        do {
            _ = try parser.parse(Array("{\(many), \"k7\": 0}".utf8))
            Issue.record("a duplicate key in a large object was accepted")
        } catch {
            #expect(error.message.hasPrefix("duplicate key \"k7\" in one object (first at line 1, column "))
        }
        // The same name escaped differently is the same key.
        #expect(throws: JSONParseError.self) { try parser.parse(Array(#"{"a": 1, "\u0061": 2}"#.utf8)) }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = Array("[\"ok\", \"".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        do {
            _ = try parser.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message == "invalid UTF-8 byte 0x28 in string")
            #expect(error.offset == 9)
        }
        // Overlong encodings and encoded surrogates are invalid too.
        #expect(throws: JSONParseError.self) { try parser.parse([0x22, 0xC0, 0xAF, 0x22]) }
        #expect(throws: JSONParseError.self) { try parser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }
    }

    @Test func refusesAbsurdNestingWithoutOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try parser.parse(deep)
            Issue.record("100,000 nested arrays were accepted")
        } catch {
            #expect(error.message == "nesting deeper than 512 levels")
            #expect(error.column == 513)
        }
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect((try? parser.parse(ok)) != nil)
    }

    /// A repeated key keeps its first position and its last value, however it is spelled and however
    /// large the object (small objects are checked by key fingerprints, large ones through their index).
    /// Keys alike in length or letters are different keys; the same name, however escaped, is one key
    /// written twice, in small objects and in indexed ones.
    @Test(arguments: [0, 3, 12])
    func onlyTheSameNameIsADuplicate(padding: Int) throws {
        let filler = (0..<padding).map { "\"k\($0)\": \($0), " }.joined()
        let value = try parser.parse(#"{"a": 1, "# + filler + #""ab": 2, "ba": 4, "a\u0062c": 5}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.count == padding + 4)
        #expect(object["ab"] == 2)
        #expect(object["abc"] == 5)
        #expect(throws: JSONParseError.self) { try parser.parse(#"{"ab": 1, "# + filler + #""a\u0062": 3}"#) }
    }

    /// Members of nested containers land in their own container, whatever the nesting.
    @Test func nestedContainersKeepTheirOwnMembers() throws {
        let value = try parser.parse(#"[{"a": [1, {"b": []}, [2, 3]], "c": {}}, [], [[{"d": "e"}]], 4]"#)
        #expect(
            value == [["a": [1, ["b": []], [2, 3]], "c": [:]], [], [[["d": "e"]]], 4] as JSONValue)
        #expect(value.value(at: JSONPointer(tokens: ["0", "a", "1", "b"])) == [])
    }

    /// A failure deep inside containers still reports its place (and leaks nothing on the way out).
    @Test func failuresInsideContainersReportTheirPlace() {
        do {
            _ = try parser.parse("[{\"a\": [1, 2,]}]")
            Issue.record("a trailing comma was accepted")
        } catch {
            #expect(error.column == 14)
            #expect(error.message == "unexpected ']', expected a JSON value")
        }
    }

    /// Strings are scanned eight bytes at a time: whatever stops the scan (the closing quote, an escape,
    /// a control character, a non-ASCII or invalid byte) must be found at every offset in the word.
    @Test(arguments: 0..<18)
    func stringScanningFindsEverythingAtEveryOffset(offset: Int) throws {
        let plain = String(repeating: "a", count: offset)
        #expect(try parser.parse("\"\(plain)\"") == .string(plain))
        #expect(try parser.parse("\"\(plain)\\n\(plain)\"") == .string(plain + "\n" + plain))
        #expect(try parser.parse("\"\(plain)é\(plain)\"") == .string(plain + "é" + plain))
        #expect(try parser.parse("\"\(plain)\\\"\(plain)\"") == .string(plain + "\"" + plain))
        do {
            _ = try parser.parse("\"\(plain)\u{01}\(plain)\"")
            Issue.record("a raw control character was accepted at \(offset)")
        } catch {
            #expect(error.column == offset + 2)
            #expect(error.message.hasPrefix("unescaped control character U+0001"))
        }
        do {
            _ = try parser.parse(Array("\"\(plain)".utf8) + [0xFF] + Array("\(plain)\"".utf8))
            Issue.record("an invalid UTF-8 byte was accepted at \(offset)")
        } catch {
            #expect(error.offset == offset + 1)
        }
        do {
            _ = try parser.parse("\"\(plain)")
            Issue.record("an unterminated string was accepted at \(offset)")
        } catch {
            #expect(error.message == "unterminated string")
        }
    }
}
