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
        var bytes: [UInt8] = []
        writeCompact(into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Compact JSON on one line, as UTF-8 bytes (what a server sends).
    public func compactJSONBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        writeCompact(into: &out)
        return out
    }

    /// The start of the compact JSON: at least its first `limit` bytes (the whole text when shorter), and
    /// whether that is the whole text. Stops soon after the limit, so a message quoting the start of a
    /// large value does not write all of it.
    public func compactJSONPrefix(bytes limit: Int) -> (bytes: [UInt8], complete: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(min(limit, 256) + 16)
        writeCompact(into: &out, limit: limit)
        return (out, out.count <= limit)
    }

    /// Writes the compact JSON, stopping after the member or item that takes `out` past `limit`.
    private func writeCompact(into out: inout [UInt8], limit: Int = .max) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if out.count > limit { return }
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.writeCompact(into: &out, limit: limit)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if out.count > limit { return }
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.writeCompact(into: &out, limit: limit)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        writeString(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `s` as a JSON string literal (RFC 8259): quotes, backslashes and control characters
    /// escaped, everything else as UTF-8. The result is also a valid YAML double-quoted scalar: C1
    /// controls, DEL, the line separators U+2028/U+2029 and the BOM are escaped as well.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = s
        string.withUTF8 { bytes in
            var i = 0
            let count = bytes.count
            func escape(_ value: UInt32) {
                let digits = Array("0123456789ABCDEF".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                for shift in stride(from: 12, through: 0, by: -4) {
                    out.append(digits[Int(value >> UInt32(shift) & 0xF)])
                }
            }
            while i < count {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x00..<0x20, 0x7F: escape(UInt32(b))
                case 0xC2 where i + 1 < count && (0x80...0x9F).contains(bytes[i + 1]):
                    escape(UInt32(bytes[i + 1]))
                    i += 1
                case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    i += 2
                case 0xEF where i + 2 < count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:
                    escape(0xFEFF)
                    i += 2
                default:
                    // Runs of plain bytes are copied at once.
                    var end = i + 1
                    while end < count {
                        let next = bytes[end]
                        if next < 0x20 || next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next == 0x7F
                            || next == 0xC2 || next == 0xE2 || next == 0xEF
                        {
                            break
                        }
                        end += 1
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    i = end
                    continue
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
