/// The parser proper: `JSONParser`'s state while it reads one text, with its own stack of open containers.
struct ParserState {
    let bytes: UnsafeRawBufferPointer
    let maxDepth: Int
    var i = 0

    init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// The containers being filled, innermost last: where their members start on the value stack (and,
    /// for objects, on the key stack).
    struct Container {
        var isObject: Bool
        var firstValue: Int
        var firstKey: Int
    }

    mutating func document() throws(JSONParseError) -> JSONValue {
        // RFC 8259 §8.1 lets a parser ignore a byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        // Members wait on flat stacks until their container closes; then they move, without copies, into
        // an array of exactly their number.
        var containers: [Container] = []
        var values = MoveStack<JSONValue>()
        var keys = MoveStack<String>()
        var fingerprints = MoveStack<Int>()
        // Where each key starts, for the message about a key written twice.
        var keyOffsets = MoveStack<Int>()
        var value: JSONValue
        parsing: while true {
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input, expected a JSON value") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                let open = i
                i += 1
                skipWhitespace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    value = .object(JSONObject())
                } else {
                    guard containers.count < maxDepth else {
                        i = open
                        throw error("nesting deeper than \(maxDepth) levels")
                    }
                    containers.append(Container(isObject: true, firstValue: values.count, firstKey: keys.count))
                    keyOffsets.push(i)
                    let (key, fingerprint) = try memberKey()
                    keys.push(key)
                    fingerprints.push(fingerprint)
                    continue parsing
                }
            case UInt8(ascii: "["):
                let open = i
                i += 1
                skipWhitespace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    value = .array([])
                } else {
                    guard containers.count < maxDepth else {
                        i = open
                        throw error("nesting deeper than \(maxDepth) levels")
                    }
                    containers.append(Container(isObject: false, firstValue: values.count, firstKey: keys.count))
                    continue parsing
                }
            case UInt8(ascii: "\""):
                value = .string(try string().text)
            case UInt8(ascii: "t"):
                try literal("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try number())
            default:
                throw unexpected(expecting: "a JSON value")
            }
            // A value is complete: hand it to the enclosing containers until one wants another value.
            while let container = containers.last {
                values.push(value)
                skipWhitespace()
                if container.isObject {
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        skipWhitespace()
                        keyOffsets.push(i)
                        let (key, fingerprint) = try memberKey()
                        keys.push(key)
                        fingerprints.push(fingerprint)
                        continue parsing
                    }
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "}") else {
                        throw unexpected(expecting: "',' or '}' after an object member")
                    }
                    i += 1
                    var duplicate: (Int, Int)?
                    let memberKeys = keys.moveOut(from: container.firstKey)
                    guard
                        let object = JSONObject.parsed(
                            keys: memberKeys, values: values.moveOut(from: container.firstValue),
                            fingerprints: fingerprints.top(from: container.firstKey), duplicate: &duplicate)
                    else {
                        // Which of two values a reader keeps is up to the reader (RFC 8259 §4): refuse both.
                        let offsets = keyOffsets.top(from: container.firstKey)
                        let (first, second) = duplicate ?? (0, 0)
                        i = offsets[first]
                        let earlier = error("")
                        i = offsets[second]
                        throw error(
                            "duplicate key \"\(memberKeys[second])\" in one object (first at line \(earlier.line), "
                                + "column \(earlier.column))")
                    }
                    value = .object(object)
                    fingerprints.drop(from: container.firstKey)
                    keyOffsets.drop(from: container.firstKey)
                } else {
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue parsing
                    }
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "]") else {
                        throw unexpected(expecting: "',' or ']' after an array element")
                    }
                    i += 1
                    value = .array(values.moveOut(from: container.firstValue))
                }
                containers.removeLast()
            }
            skipWhitespace()
            guard i == bytes.count else { throw unexpected(expecting: "the end of input after the JSON value") }
            return value
        }
    }

    /// The bytes of `word` that end or interrupt a plain run of string text (`"`, `\`, a byte below 0x20,
    /// or one of 0x80 and above), each as its high bit: the classic "has zero byte" and "has less than"
    /// tests. Each flags its lowest matching byte exactly (only bytes above a match can be flagged falsely,
    /// by the borrow), so the lowest flagged byte is the first special one.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroInQuote = (quote &- ones) & ~quote
        let zeroInBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroInQuote | zeroInBackslash | control | word) & highs
    }

    /// `"key"` and the `:` after it, with the key's fingerprint.
    mutating func memberKey() throws(JSONParseError) -> (String, Int) {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
            throw unexpected(expecting: "a string as object key")
        }
        let key = try string()
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
            throw unexpected(expecting: "':' after object key")
        }
        i += 1
        return key
    }

    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = i
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { w in
            guard start + count <= bytes.count else { return false }
            for k in 0..<count where bytes[start + k] != w[k] { return false }
            return true
        }
        guard matches else { throw unexpected(expecting: "a JSON value") }
        i += count
    }

    mutating func number() throws(JSONParseError) -> JSONNumber {
        let start = i
        _ = try scanNumber()
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
        // The grammar was checked, so canonicalisation cannot fail.
        let storage = JSONNumber.canonical(slice) ?? .integer(0)
        return JSONNumber(validatedText: String(decoding: slice, as: UTF8.self), storage: storage)
    }

    /// Moves past a number, checking its grammar; whether it has neither a fraction nor an exponent.
    mutating func scanNumber() throws(JSONParseError) -> Bool {
        var plain = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected(expecting: "a digit after '-'") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw error("leading zeros are not allowed in numbers") }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            plain = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected(expecting: "a digit after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            plain = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected(expecting: "a digit in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return plain
    }

    /// A string, with a fingerprint of its UTF-8 (length, first and last byte): strings with different
    /// fingerprints differ, which settles most duplicate-key checks without comparing strings.
    mutating func string() throws(JSONParseError) -> (text: String, fingerprint: Int) {
        let (start, end, hasEscape, _) = try scanString()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        guard hasEscape else {
            let fingerprint = raw.isEmpty ? 0 : raw.count << 16 | Int(raw[0]) << 8 | Int(raw[raw.count - 1])
            return (String(decoding: raw, as: UTF8.self), fingerprint)
        }
        let text = try unescape(start: start, end: end)
        return (text, Self.fingerprint(text))
    }

    /// Moves past a string (from its opening quote), checking its bytes are UTF-8 with no raw control
    /// character; where its text starts and ends, and whether it has escapes (checked by `unescape`).
    mutating func scanString() throws(JSONParseError) -> (start: Int, end: Int, hasEscape: Bool, nonASCII: Bool) {
        i += 1  // the opening quote
        let start = i
        var hasEscape = false
        var nonASCII = false
        while true {
            // Eight bytes at a time while none is a quote, a backslash, a control character or non-ASCII;
            // then straight to the first that is (the lowest flagged byte of a little-endian load).
            while i + 8 <= bytes.count {
                let special = Self.specialBytes(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
                if special == 0 {
                    i += 8
                } else {
                    i += special.trailingZeroBitCount >> 3
                    break
                }
            }
            guard i < bytes.count else {
                i = start - 1
                throw error("unterminated string")
            }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                hasEscape = true
                i += 2
                continue
            }
            if b < 0x20 {
                throw error("unescaped control character U+\(hex4(UInt32(b))) in string; write it as an escape")
            }
            if b >= 0x80 { nonASCII = true }
            i += 1
        }
        let end = i
        i += 1  // the closing quote
        if nonASCII, let bad = firstInvalidUTF8(from: start, to: end) {
            i = bad
            throw error("invalid UTF-8 byte 0x\(hex2(bytes[bad])) in string")
        }
        return (start, end, hasEscape, nonASCII)
    }

    static func fingerprint(_ text: String) -> Int {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return 0 }
        return utf8.count << 16 | Int(first) << 8 | Int(last)
    }

    mutating func unescape(start: Int, end: Int) throws(JSONParseError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var k = start
        while k < end {
            let b = bytes[k]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                k += 1
                continue
            }
            guard k + 1 < end else {
                i = k
                throw error("unfinished escape at the end of the string")
            }
            let e = bytes[k + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexEscape(at: k)
                if (0xD800...0xDBFF).contains(scalar) {
                    guard k + 11 < end, bytes[k + 6] == UInt8(ascii: "\\"), bytes[k + 7] == UInt8(ascii: "u")
                    else {
                        i = k
                        throw error("lone surrogate \\u\(hex4(scalar)) in string; JSON text must be valid Unicode")
                    }
                    let low = try hexEscape(at: k + 6)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        i = k
                        throw error("lone surrogate \\u\(hex4(scalar)) in string; JSON text must be valid Unicode")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    i = k
                    throw error("lone surrogate \\u\(hex4(scalar)) in string; JSON text must be valid Unicode")
                }
                appendUTF8(scalar, to: &out)
                k += 6
                continue
            default:
                i = k
                throw error("invalid escape '\\\(Unicode.Scalar(e))' in string")
            }
            k += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The four hex digits of a `\uXXXX` escape starting at `k`.
    mutating func hexEscape(at k: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for j in (k + 2)..<(k + 6) {
            guard j < bytes.count, let digit = hexValue(bytes[j]) else {
                i = k
                throw error("invalid \\u escape; expected four hex digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    func firstInvalidUTF8(from start: Int, to end: Int) -> Int? {
        var k = start
        while k < end {
            let b0 = bytes[k]
            if b0 < 0x80 {
                k += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F  // no UTF-16 surrogates
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F  // nothing above U+10FFFF
            default: return k
            }
            guard k + length <= end else { return k }
            let b1 = bytes[k + 1]
            guard b1 >= low, b1 <= high else { return k + 1 }
            for j in 2..<length where bytes[k + j] & 0xC0 != 0x80 { return k + j }
            k += length
        }
        return nil
    }

    func error(_ message: String) -> JSONParseError {
        var line = 1
        var lineStart = 0
        let limit = min(i, bytes.count)
        for k in 0..<limit where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        var column = 1
        for k in lineStart..<limit where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return JSONParseError(line: line, column: column, offset: i, message: message)
    }

    func unexpected(expecting expected: String) -> JSONParseError {
        guard i < bytes.count else { return error("unexpected end of input, expected \(expected)") }
        let b = bytes[i]
        let found =
            b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(hex2(b))"
        return error("unexpected \(found), expected \(expected)")
    }
}

// MARK: - Byte helpers

private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

private func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - 48)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - 87)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - 55)
    default: nil
    }
}

private func hex2(_ b: UInt8) -> String {
    let s = String(b, radix: 16, uppercase: true)
    return s.count == 1 ? "0" + s : s
}

private func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | scalar >> 6))
        out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | scalar >> 12))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    default:
        out.append(UInt8(0xF0 | scalar >> 18))
        out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    }
}
