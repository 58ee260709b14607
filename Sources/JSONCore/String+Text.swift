extension String {
    /// Every occurrence of `target` replaced, without Foundation (shared by the package's modules).
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// The text with each CR that ends a line (before an LF) left out: CRLF read as LF. After this every LF
    /// is a character boundary ("\r\n" is one Character, so a split on "\n" never splits a CRLF text).
    package var withUnixLineEnds: String {
        guard utf8.contains(UInt8(ascii: "\r")) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previous: UInt8?
        for byte in utf8 {
            if let previous, !(previous == UInt8(ascii: "\r") && byte == UInt8(ascii: "\n")) { bytes.append(previous) }
            previous = byte
        }
        if let previous { bytes.append(previous) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text's lines, LF or CRLF ended, without their line ends; an empty last line when the text ends
    /// with one.
    package var textLines: [Substring] {
        withUnixLineEnds.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    package var trimmingBlanks: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    /// Percent-encoded for a URL path segment or query component: RFC 3986 unreserved characters stay,
    /// every other byte of the UTF-8 becomes `%XX`.
    package var percentEncoded: String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 0xF)])
            }
        }
        return out
    }
}

// MARK: - Report escaping

extension String {
    /// Escaped for XML 1.0 text and attribute values; control characters XML cannot hold become `?`.
    package var xmlEscaped: String {
        var out = ""
        for c in unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            default:
                if c.value < 0x20 && c != "\t" { out += "?" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// Escaped as the message of a GitHub Actions workflow command.
    package var githubCommandData: String {
        replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escaped as a property value of a GitHub Actions workflow command.
    package var githubCommandProperty: String {
        githubCommandData.replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
