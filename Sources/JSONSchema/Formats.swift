import JSONCore

/// Checks a string against a named format.
typealias FormatCheck = @Sendable (String) -> Bool

/// The formats asserted when format assertion is on. Unknown formats are annotations only.
enum Formats {
    static let checks: [String: FormatCheck] = [
        "date-time": isDateTime, "date": isDate, "time": isTime, "duration": isDuration,
        "email": { isEmail($0, international: false) }, "idn-email": { isEmail($0, international: true) },
        "hostname": isHostname, "ipv4": isIPv4, "ipv6": isIPv6,
        "uri": { URIGrammar.isValid($0, requireScheme: true, international: false) },
        "uri-reference": { URIGrammar.isValid($0, requireScheme: false, international: false) },
        "iri": { URIGrammar.isValid($0, requireScheme: true, international: true) },
        "iri-reference": { URIGrammar.isValid($0, requireScheme: false, international: true) },
        "uuid": isUUID, "regex": ECMARegex.isValid, "json-pointer": { JSONPointer($0) != nil },
        "relative-json-pointer": isRelativeJSONPointer, "uri-template": isURITemplate,
    ]

    /// The names of the asserted formats, sorted.
    static var supported: [String] { checks.keys.sorted() }

    /// OpenAPI's integer formats and their ranges.
    static let integerRanges: [String: (minimum: JSONNumber, maximum: JSONNumber)] = [
        "int32": (JSONNumber(Int(Int32.min)), JSONNumber(Int(Int32.max))),
        "int64": (JSONNumber(Int(Int64.min)), JSONNumber(Int(Int64.max))),
    ]

    // MARK: - Dates and times (RFC 3339, with ISO 8601 durations)

    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Calls `body` with the UTF-8 of `text`, without copying a native string.
    private static func bytes<R>(_ text: String, _ body: (Bytes) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    /// The decimal number in `b[range]` (two or four bytes in RFC 3339), all digits; nil otherwise. Each
    /// byte less "0" must be under ten: a byte below "0" wraps round to a large one.
    @inline(__always)
    private static func digits(_ b: Bytes, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int(d)
            i &+= 1
        }
        return value
    }

    private static let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    static func isDate(_ text: String) -> Bool {
        bytes(text) { isDate(utf8: $0) }
    }

    static func isDate(utf8 b: Bytes) -> Bool {
        b.count == 10 && fullDate(b, at: 0)
    }

    /// RFC 3339 full-date in the ten bytes from `start`.
    private static func fullDate(_ b: Bytes, at start: Int) -> Bool {
        guard b[start + 4] == UInt8(ascii: "-"), b[start + 7] == UInt8(ascii: "-"),
            let year = digits(b, start..<(start + 4)), let month = digits(b, (start + 5)..<(start + 7)),
            let day = digits(b, (start + 8)..<(start + 10))
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return day <= (month == 2 && leap ? 29 : daysInMonth[month - 1])
    }

    static func isTime(_ text: String) -> Bool {
        bytes(text) { isTime(utf8: $0) }
    }

    static func isTime(utf8 b: Bytes) -> Bool {
        fullTime(b, from: 0)
    }

    /// RFC 3339 full-time from `start` to the end of `b`.
    private static func fullTime(_ b: Bytes, from start: Int) -> Bool {
        guard b.count - start >= 9, b[start + 2] == UInt8(ascii: ":"), b[start + 5] == UInt8(ascii: ":"),
            let hour = digits(b, start..<(start + 2)), let minute = digits(b, (start + 3)..<(start + 5)),
            let second = digits(b, (start + 6)..<(start + 8))
        else { return false }
        var i = start + 8
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let first = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > first else { return false }
        }
        guard i < b.count else { return false }
        var offsetMinutes = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.count == i + 6, b[i + 3] == UInt8(ascii: ":"), let oh = digits(b, (i + 1)..<(i + 3)),
                let om = digits(b, (i + 4)..<(i + 6)), oh <= 23, om <= 59
            else { return false }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
        if second == 60 {
            // A leap second is only valid at 23:59:60 UTC.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func isDateTime(_ text: String) -> Bool {
        bytes(text) { isDateTime(utf8: $0) }
    }

    static func isDateTime(utf8 b: Bytes) -> Bool {
        b.count > 11 && (b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t")) && fullDate(b, at: 0)
            && fullTime(b, from: 11)
    }

    static func isDuration(_ text: String) -> Bool {
        var s = Substring(text)
        guard s.hasPrefix("P") else { return false }
        s = s.dropFirst()
        guard !s.isEmpty else { return false }
        // Weeks stand alone.
        if s.hasSuffix("W") {
            let n = s.dropLast()
            return !n.isEmpty && n.allSatisfy { $0.isASCII && $0.isNumber }
        }
        let parts = s.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        /// The units present must be a contiguous run in order (`YMD`, `MD`, `HM`…, never `YD` or `HS`).
        func units(_ part: Substring, _ order: [Character]) -> Bool? {
            var seen: [Int] = []
            var number = ""
            for c in part {
                if c.isASCII, c.isNumber {
                    number.append(c)
                    continue
                }
                guard !number.isEmpty, let index = order.firstIndex(of: c), index > (seen.last ?? -1) else {
                    return nil
                }
                if let last = seen.last, index != last + 1 { return nil }
                seen.append(index)
                number = ""
            }
            guard number.isEmpty else { return nil }
            return !seen.isEmpty
        }
        guard let datePart = units(parts[0], ["Y", "M", "D"]) else { return false }
        if parts.count == 2 {
            guard let timePart = units(parts[1], ["H", "M", "S"]), timePart else { return false }
            return true
        }
        return datePart
    }

    // MARK: - Internet names and addresses

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let value = Int(part), value <= 255
            else { return false }
            return part == "0" || !part.hasPrefix("0")
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.isASCII }) else { return false }
        var groups = text.components(separatedByString: ":")
        var tailGroups = 0
        if let last = groups.last, last.contains(".") {
            guard isIPv4(last) else { return false }
            groups.removeLast()
            groups.append("0")
            tailGroups = 1  // an IPv4 tail fills two groups
        }
        guard !text.contains(":::") else { return false }
        let doubleColons = text.countOccurrences(of: "::")
        guard doubleColons <= 1 else { return false }
        if doubleColons == 0 {
            guard groups.count + tailGroups == 8 else { return false }
            return groups.allSatisfy(isHexGroup)
        }
        // "::" leaves empty groups at its place (and at the ends when it starts or ends the text).
        var nonEmpty = 0
        for (index, g) in groups.enumerated() {
            if g.isEmpty {
                let atEdge = index == 0 || index == groups.count - 1
                _ = atEdge
                continue
            }
            guard isHexGroup(g) else { return false }
            nonEmpty += 1
        }
        if text.hasPrefix(":") && !text.hasPrefix("::") { return false }
        if text.hasSuffix(":") && !text.hasSuffix("::") { return false }
        return nonEmpty + tailGroups <= 7
    }

    private static func isHexGroup(_ g: String) -> Bool {
        !g.isEmpty && g.count <= 4 && g.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
    }

    static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else {
                return false
            }
            guard
                label.unicodeScalars.allSatisfy({
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                })
            else { return false }
            // Hyphens in the third and fourth places are reserved for A-labels ("xn--"), which must decode
            // to a valid internationalised label.
            let scalars = Array(label.unicodeScalars)
            if scalars.count >= 4, scalars[2] == "-", scalars[3] == "-" {
                return label.lowercased().hasPrefix("xn--") && IDNA.isValidALabel(label.dropFirst(4))
            }
            return true
        }
    }

    static func isEmail(_ text: String, international: Bool) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        // Local part: a dot-atom, or a quoted string.
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
        } else {
            guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
            let atext = "!#$%&'*+-/=?^_`{|}~."
            guard
                local.unicodeScalars.allSatisfy({
                    ($0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || atext.unicodeScalars.contains($0)))
                        || (international && !$0.isASCII)
                })
            else { return false }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return false }
            let literal = domain.dropFirst().dropLast()
            if literal.hasPrefix("IPv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(String(literal))
        }
        if international { return !domain.contains("..") && !domain.hasPrefix(".") && !domain.hasSuffix(".") }
        return isHostname(String(domain))
    }

    // MARK: - Identifiers

    static func isUUID(_ text: String) -> Bool {
        bytes(text) { isUUID(utf8: $0) }
    }

    static func isUUID(utf8 b: Bytes) -> Bool {
        guard b.count == 36, let p = b.baseAddress, p[8] == UInt8(ascii: "-"), p[13] == UInt8(ascii: "-"),
            p[18] == UInt8(ascii: "-"), p[23] == UInt8(ascii: "-")
        else { return false }
        // The 32 hex digits (8-4-4-4-12) in five overlapping eight-byte loads; the hyphens inside two of them
        // (bytes 13, 18 and 23) are not asked to be digits.
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            UnsafeRawPointer(p).loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
        }
        let hyphen13: UInt64 = 0x80 << (8 * 4)
        let hyphens18and23: UInt64 = 0x80 << (8 * 1) | 0x80 << (8 * 6)
        let bad = nonHexBytes(word(0)) | (nonHexBytes(word(9)) & ~hyphen13) | (nonHexBytes(word(17)) & ~hyphens18and23)
            | nonHexBytes(word(25)) | nonHexBytes(word(28))
        return bad == 0
    }

    /// The high bit of each byte of `word` that is not an ASCII hex digit, with no branch and no carry
    /// between bytes (each byte's sums stay below 0x100 once its high bit is cleared).
    @inline(__always)
    static func nonHexBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs = ones &* 0x80
        let ascii = ~word & highs
        let x = word & ~highs
        let atLeastZero = x &+ ones &* (0x80 - 0x30)
        let pastNine = x &+ ones &* (0x80 - 0x3A)
        let lower = x | ones &* 0x20
        let atLeastA = lower &+ ones &* (0x80 - 0x61)
        let pastF = lower &+ ones &* (0x80 - 0x67)
        let hex = ((atLeastZero & ~pastNine) | (atLeastA & ~pastF)) & ascii
        return ~hex & highs
    }

    static func isRelativeJSONPointer(_ text: String) -> Bool {
        let digitsEnd = text.firstIndex { !($0.isASCII && $0.isNumber) } ?? text.endIndex
        let number = text[..<digitsEnd]
        guard !number.isEmpty, number == "0" || !number.hasPrefix("0") else { return false }
        let rest = text[digitsEnd...]
        return rest.isEmpty || rest == "#" || JSONPointer(String(rest)) != nil
    }

    static func isURITemplate(_ text: String) -> Bool {
        var inExpression = false
        var expression = ""
        for c in text.unicodeScalars {
            switch c {
            case "{":
                guard !inExpression else { return false }
                inExpression = true
                expression = ""
            case "}":
                guard inExpression, isTemplateExpression(expression) else { return false }
                inExpression = false
            default:
                if inExpression {
                    expression.unicodeScalars.append(c)
                } else if c == " " || c == "\"" || c == "<" || c == ">" || c == "\\" || c == "^"
                    || c == "`" || c == "|" || c.value < 0x20 || c.value == 0x7F
                {
                    return false
                }
            }
        }
        return !inExpression
    }

    private static func isTemplateExpression(_ e: String) -> Bool {
        var body = Substring(e)
        if let first = body.first, "+#./;?&=,!@|".contains(first) { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        return body.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { spec in
            var name = spec
            if name.hasSuffix("*") {
                name = name.dropLast()
            } else if let colon = name.firstIndex(of: ":") {
                let length = name[name.index(after: colon)...]
                guard !length.isEmpty, length.count <= 4, length.allSatisfy({ $0.isASCII && $0.isNumber }),
                    !length.hasPrefix("0")
                else { return false }
                name = name[..<colon]
            }
            return !name.isEmpty && !name.hasPrefix(".") && !name.hasSuffix(".") && !name.contains("..")
                && name.unicodeScalars.allSatisfy {
                    $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
                        || $0 == "%"
                }
        }
    }
}

extension String {
    fileprivate func components(separatedByString separator: String) -> [String] {
        split(separator: Character(separator), omittingEmptySubsequences: false).map(String.init)
    }

    fileprivate func countOccurrences(of needle: String) -> Int {
        var count = 0
        var rest = Substring(self)
        while let range = rest.firstRange(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
