/// Escaping for text placed into HTML by Swift code (templates escape on their own).
enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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
