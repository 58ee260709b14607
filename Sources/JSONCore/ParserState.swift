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

    /// Moves past blanks. Inlined for its usual case, no blank at all (compact JSON).
    @inline(__always)
    mutating func skipWhitespace() {
        if i < bytes.count, bytes[i] > 0x20 { return }
        skipBlanks()
    }

    private mutating func skipBlanks() {
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

/// A byte as two hex digits, for messages.
func hex2(_ b: UInt8) -> String {
    let s = String(b, radix: 16, uppercase: true)
    return s.count == 1 ? "0" + s : s
}
