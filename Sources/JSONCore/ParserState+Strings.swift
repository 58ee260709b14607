/// Strings: finding where one ends (eight bytes at a time), checking its UTF-8, and unescaping it.
extension ParserState {
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
    @inline(__always)
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

    /// The string between `start` and `end` with its escapes replaced; with `keep` false, only checked
    /// (nothing is built: a tape records where an escaped string is and decodes it when asked).
    mutating func unescape(start: Int, end: Int, keep: Bool = true) throws(JSONParseError) -> String {
        var out: [UInt8] = []
        if keep { out.reserveCapacity(end - start) }
        var k = start
        while k < end {
            let b = bytes[k]
            guard b == UInt8(ascii: "\\") else {
                if keep { out.append(b) }
                k += 1
                continue
            }
            guard k + 1 < end else {
                i = k
                throw error("unfinished escape at the end of the string")
            }
            let e = bytes[k + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): if keep { out.append(e) }
            case UInt8(ascii: "b"): if keep { out.append(0x08) }
            case UInt8(ascii: "f"): if keep { out.append(0x0C) }
            case UInt8(ascii: "n"): if keep { out.append(0x0A) }
            case UInt8(ascii: "r"): if keep { out.append(0x0D) }
            case UInt8(ascii: "t"): if keep { out.append(0x09) }
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
                if keep { appendUTF8(scalar, to: &out) }
                k += 6
                continue
            default:
                i = k
                throw error("invalid escape '\\\(Unicode.Scalar(e))' in string")
            }
            k += 2
        }
        return keep ? String(decoding: out, as: UTF8.self) : ""
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
}

// MARK: - Byte helpers

private func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - 48)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - 87)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - 55)
    default: nil
    }
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
