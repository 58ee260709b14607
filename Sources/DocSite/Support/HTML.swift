/// Escaping for text placed into HTML by Swift code (templates escape on their own).
package enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attribute values.
    package static func escape(_ text: String) -> String {
        var out = ""
        escape(text, into: &out)
        return out
    }

    /// Appends `text` with `& < > " '` as entities; text without them is appended as it is.
    static func escape(_ text: String, into output: inout String) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let replacement: String? =
                switch utf8[index] {
                case 0x26: "&amp;"
                case 0x3C: "&lt;"
                case 0x3E: "&gt;"
                case 0x22: "&quot;"
                case 0x27: "&#39;"
                default: nil
                }
            if let replacement {
                output += text[start..<index]
                output += replacement
                index = utf8.index(after: index)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if start == utf8.startIndex {
            output += text
        } else {
            output += text[start..<utf8.endIndex]
        }
    }

    /// Decodes numeric character references and the few named ones that matter for URL checks
    /// (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&colon;`, `&tab;`, `&newline;`, `&nbsp;`). Unknown
    /// names are kept as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t",
            "newline": "\n", "nbsp": "\u{A0}",
        ]
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "&" else {
                out.unicodeScalars.append(scalars[i])
                i += 1
                continue
            }
            var j = i + 1
            var body = ""
            while j < scalars.count, j - i <= 32, scalars[j] != ";", scalars[j] != "&" {
                body.unicodeScalars.append(scalars[j])
                j += 1
            }
            // Browsers accept numeric references without the closing semicolon; so must the check.
            let terminated = j < scalars.count && scalars[j] == ";"
            if body.hasPrefix("#") {
                let digits = body.dropFirst()
                let value: UInt32? =
                    digits.first == "x" || digits.first == "X"
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                if let value, let scalar = Unicode.Scalar(value) {
                    out.unicodeScalars.append(scalar)
                    i = terminated ? j + 1 : j
                    continue
                }
            } else if terminated, let replacement = named[body.lowercased()] {
                out += replacement
                i = j + 1
                continue
            }
            out += "&"
            i += 1
        }
        return out
    }
}

/// Which link and image targets may reach a page.
enum URLPolicy {
    static let linkSchemes: Set<String> = ["http", "https", "mailto", "tel"]
    static let imageSchemes: Set<String> = ["http", "https"]

    /// Relative targets are safe; absolute ones only with an allowed scheme. Entities are decoded and
    /// control characters and spaces removed first, as a browser would, so `jav&#x61;script:` is caught.
    static func isSafe(_ url: String, forImage: Bool) -> Bool {
        let decoded = HTML.decodeEntities(url)
        let cleaned = String(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard let colon = cleaned.firstIndex(of: ":") else { return true }
        let prefix = cleaned[..<colon]
        // A `:` after a path, query or fragment delimiter does not start a scheme.
        if prefix.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        let scheme = prefix.lowercased()
        if forImage {
            if scheme == "data" {
                let rest = cleaned[cleaned.index(after: colon)...].lowercased()
                return ["image/png", "image/gif", "image/jpeg", "image/webp"].contains { rest.hasPrefix($0) }
            }
            return imageSchemes.contains(scheme)
        }
        return linkSchemes.contains(scheme)
    }
}
