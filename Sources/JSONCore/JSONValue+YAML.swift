// MARK: - YAML text

extension JSONValue {
    /// Block-style YAML 1.2 that every YAML 1.1 or 1.2 loader reads back as this exact JSON value.
    ///
    /// Strings are written plain only when no loader could take them for anything else (a number, a
    /// boolean, a date, `null`, an indicator); otherwise they are double-quoted with JSON escapes, which
    /// YAML shares. Keys follow the same rule, so a response code is written `'200'`-safe as `"200":`.
    /// Multi-line strings become literal blocks. The same value always gives the same bytes.
    public func yaml() -> String {
        var out = ""
        switch self {
        case .object(let o) where !o.isEmpty:
            JSONValue.writeMembers(o, into: &out, indent: "")
        case .array(let a) where !a.isEmpty:
            JSONValue.writeItems(a, into: &out, indent: "")
        default:
            writeScalarOrEmpty(into: &out, indent: "")
            out += "\n"
        }
        return out
    }

    private static func writeMembers(_ object: JSONObject, into out: inout String, indent: String) {
        for (key, value) in object.members {
            out += indent
            writeScalarString(key, into: &out)
            out += ":"
            value.writeNested(into: &out, indent: indent, inSequence: false)
        }
    }

    private static func writeItems(_ items: [JSONValue], into out: inout String, indent: String) {
        for item in items {
            out += indent + "-"
            switch item {
            case .object(let o) where !o.isEmpty:
                // The first member shares the dash's line; the rest align under it.
                let inner = indent + "  "
                var first = true
                for (key, value) in o.members {
                    out += first ? " " : inner
                    first = false
                    writeScalarString(key, into: &out)
                    out += ":"
                    value.writeNested(into: &out, indent: inner, inSequence: false)
                }
            default:
                item.writeNested(into: &out, indent: indent, inSequence: true)
            }
        }
    }

    /// Writes what follows `key:` or `-`, including the line break.
    private func writeNested(into out: inout String, indent: String, inSequence: Bool) {
        let inner = indent + "  "
        switch self {
        case .object(let o) where !o.isEmpty:
            out += "\n"
            JSONValue.writeMembers(o, into: &out, indent: inner)
        case .array(let a) where !a.isEmpty:
            out += "\n"
            JSONValue.writeItems(a, into: &out, indent: inner)
        default:
            out += " "
            writeScalarOrEmpty(into: &out, indent: inner)
            out += "\n"
        }
    }

    private func writeScalarOrEmpty(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s):
            if JSONValue.fitsLiteralBlock(s) {
                out += s.hasSuffix("\n") ? "|" : "|-"
                var lines = s.split(separator: "\n", omittingEmptySubsequences: false)
                if s.hasSuffix("\n") { lines.removeLast() }
                for line in lines {
                    out += "\n"
                    if !line.isEmpty { out += indent + line }
                }
            } else {
                JSONValue.writeScalarString(s, into: &out)
            }
        case .array: out += "[]"
        case .object: out += "{}"
        }
    }

    private static func writeScalarString(_ s: String, into out: inout String) {
        if isPlainSafe(s) { out += s } else { writeString(s, into: &out) }
    }

    /// Whether `s` can be written as a plain scalar that YAML 1.1 and 1.2 loaders both read as this string.
    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        // A leading letter, `_`, `/` or `$` rules out numbers, dates, indicators and `.inf`/`.nan`.
        guard
            ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_" || first == "/"
                || first == "$"
        else { return false }
        guard last != " ", last != ":" else { return false }
        let reserved: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
        if reserved.contains(s.lowercased()) { return false }
        var previous: Unicode.Scalar = " "
        for c in s.unicodeScalars {
            let ok =
                ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                || " _-./$+()=;:?,".unicodeScalars.contains(c)
            guard ok else { return false }
            if previous == ":" && c == " " { return false }
            if previous == " " && c == "#" { return false }
            previous = c
        }
        return true
    }

    /// Whether `s` reads back exactly from a `|` or `|-` literal block.
    static func fitsLiteralBlock(_ s: String) -> Bool {
        guard s.contains("\n"), !s.hasSuffix("\n\n"), !s.hasPrefix(" "), !s.hasPrefix("\t"), !s.hasPrefix("\n") else {
            return false
        }
        for c in s.unicodeScalars {
            if c == "\n" { continue }
            if c.value < 0x20 && c != "\t" { return false }
            if c.value == 0x7F || (0x80...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029
                || c.value == 0xFEFF
            {
                return false
            }
        }
        // A line holding only spaces before more text would change the block's detected indentation.
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix(" ") || line.hasSuffix("\t") { return false }
        }
        return true
    }
}
