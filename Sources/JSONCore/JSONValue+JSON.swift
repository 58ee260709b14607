// MARK: - JSON text

extension JSONValue {
    /// Pretty JSON with two-space indentation, keys in insertion order and a final newline.
    ///
    /// The same value always gives the same bytes: nothing depends on hashing or the platform.
    public func prettyJSON() -> String {
        var out = ""
        writeJSON(into: &out, indent: "")
        out += "\n"
        return out
    }

    /// Compact JSON on one line.
    public func compactJSON() -> String {
        var out = ""
        writeCompact(into: &out)
        return out
    }

    private func writeJSON(into out: inout String, indent: String) {
        switch self {
        case .array(let items) where !items.isEmpty:
            let inner = indent + "  "
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.writeJSON(into: &out, indent: inner)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let object) where !object.isEmpty:
            let inner = indent + "  "
            out += "{\n"
            for (i, member) in object.members.enumerated() {
                out += inner
                JSONValue.writeString(member.key, into: &out)
                out += ": "
                member.value.writeJSON(into: &out, indent: inner)
                out += i == object.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            writeCompact(into: &out)
        }
    }

    private func writeCompact(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeCompact(into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(member.key, into: &out)
                out += ":"
                member.value.writeCompact(into: &out)
            }
            out += "}"
        }
    }

    /// Writes `s` as a JSON string literal (RFC 8259): quotes, backslashes and control characters
    /// escaped, everything else as UTF-8. The result is also a valid YAML double-quoted scalar.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                // C0/C1 controls, DEL, line separators and BOM are escaped so that YAML readers accept them too.
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
