/// RFC 3986 (URI) and RFC 3987 (IRI) syntax checks for the `uri`, `uri-reference`, `iri` and
/// `iri-reference` formats.
enum URIGrammar {
    static func isValid(_ text: String, requireScheme: Bool, international: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var rest = scalars[...]
        // Fragment and query.
        if let hash = rest.firstIndex(of: "#") {
            guard isValid(rest[(hash + 1)...], extra: "/?", international: international) else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            guard isValid(rest[(question + 1)...], extra: "/?", international: international) else { return false }
            rest = rest[..<question]
        }
        // Scheme: letters first, up to the first colon, if that colon comes before any '/'.
        var hasScheme = false
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            let scheme = rest[..<colon]
            if let first = scheme.first, isAlpha(first),
                scheme.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == "+" || $0 == "-" || $0 == "." })
            {
                hasScheme = true
                rest = rest[(colon + 1)...]
            } else {
                // Not a scheme, and a relative reference's first segment may not contain a colon.
                return false
            }
        }
        if requireScheme && !hasScheme { return false }
        if rest.starts(with: ["/", "/"]) {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            guard isAuthority(afterSlashes[..<end], international: international) else { return false }
            rest = afterSlashes[end...]
        }
        return isValid(rest, extra: "/", international: international)
    }

    private static func isAuthority(_ s: ArraySlice<Unicode.Scalar>, international: Bool) -> Bool {
        var host = s
        if let at = s.lastIndex(of: "@") {
            guard isValid(s[..<at], extra: ":", international: international, pcharColonAt: false) else { return false }
            host = s[(at + 1)...]
        }
        if host.first == "[" {
            guard let close = host.firstIndex(of: "]") else { return false }
            let literal = String(String.UnicodeScalarView(host[(host.startIndex + 1)..<close]))
            guard literal.hasPrefix("v") || literal.hasPrefix("V") || Formats.isIPv6(literal) else { return false }
            let port = host[(close + 1)...]
            return port.isEmpty || (port.first == ":" && port.dropFirst().allSatisfy(isDigit))
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[(colon + 1)...].allSatisfy(isDigit) else { return false }
            host = host[..<colon]
        }
        return isValid(host, extra: "", international: international, pcharColonAt: false)
    }

    /// Whether every character is unreserved, a sub-delimiter, a valid percent-escape, ':' or '@'
    /// (unless excluded), or one of `extra`.
    private static func isValid(
        _ s: ArraySlice<Unicode.Scalar>, extra: String, international: Bool, pcharColonAt: Bool = true
    ) -> Bool {
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "%" {
                guard i + 2 < s.endIndex, s[i + 1].properties.isASCIIHexDigit, s[i + 2].properties.isASCIIHexDigit
                else { return false }
                i += 3
                continue
            }
            let ok =
                isAlpha(c) || isDigit(c) || "-._~".unicodeScalars.contains(c)
                || "!$&'()*+,;=".unicodeScalars.contains(c)
                || (pcharColonAt && (c == ":" || c == "@")) || extra.unicodeScalars.contains(c)
                || (international && isUCSChar(c))
            guard ok else { return false }
            i += 1
        }
        return true
    }

    private static func isUCSChar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0xA0...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v)
            || (0x10000...0xEFFFD).contains(v) || (0xE000...0xF8FF).contains(v) || (0xF0000...0xFFFFD).contains(v)
            || (0x100000...0x10FFFD).contains(v)
    }

    private static func isAlpha(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}
