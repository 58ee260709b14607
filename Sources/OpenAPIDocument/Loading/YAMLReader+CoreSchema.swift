import JSONCore
import Yams

/// YAML 1.2's core schema (https://yaml.org/spec/1.2.2/#1023-core-schema): how a plain scalar without a tag
/// is typed. Quoted and block scalars are strings; explicit tags are honoured.
extension YAMLReader {
    static func scalarValue(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        // `Tag.name` is internal to Yams; its description is the name.
        switch Tag.Name(rawValue: scalar.tag.description) {
        case .implicit:
            guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
            return coreValue(text) ?? .string(text)
        case .null:
            return .null
        case .bool:
            return boolValue(text).map(JSONValue.bool) ?? .string(text)
        case .int, .float:
            return numberValue(text).map(JSONValue.number) ?? .string(text)
        default:
            // `!!str`, `!!binary`, `!!timestamp`, `!` and tags of the document's own.
            return .string(text)
        }
    }

    /// The typed value of a plain scalar, or `nil` for a string.
    static func coreValue(_ text: String) -> JSONValue? {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return ["~", "null", "Null", "NULL"].contains(text) ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return boolValue(text).map(JSONValue.bool)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return numberValue(text).map(JSONValue.number)
        default:
            return nil
        }
    }

    static func boolValue(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` and `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    /// as exact JSON numbers. `.inf` and `.nan` have no JSON form: they stay strings.
    static func numberValue(_ text: String) -> JSONNumber? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "x") { return radixNumber(bytes[2...], radix: 16) }
            if bytes[1] == UInt8(ascii: "o") { return radixNumber(bytes[2...], radix: 8) }
        }
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        func digits() -> ArraySlice<UInt8> {
            let start = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return bytes[start..<i]
        }
        let whole = digits()
        var fraction: ArraySlice<UInt8> = []
        var hasPoint = false
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            hasPoint = true
            i += 1
            fraction = digits()
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        var exponent: [UInt8] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponent.append(bytes[i])
                i += 1
            }
            let e = digits()
            guard !e.isEmpty else { return nil }
            exponent += e
        }
        guard i == bytes.count else { return nil }
        // JSON wants no leading zeros, no sign `+`, and digits on both sides of a point.
        var json = negative ? "-" : ""
        let trimmed = whole.drop { $0 == UInt8(ascii: "0") }
        json += trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
        if hasPoint, !fraction.isEmpty { json += "." + String(decoding: fraction, as: UTF8.self) }
        if !exponent.isEmpty { json += "e" + String(decoding: exponent, as: UTF8.self) }
        return JSONNumber(json)
    }

    /// Hexadecimal or octal digits as an exact decimal number, however long.
    private static func radixNumber(_ digits: ArraySlice<UInt8>, radix: Int) -> JSONNumber? {
        // Little-endian base-10^9 limbs, multiplied by the radix and added to per digit.
        var limbs: [UInt64] = [0]
        for byte in digits {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard digit < radix else { return nil }
            var carry = UInt64(digit)
            for k in limbs.indices {
                let product = limbs[k] * UInt64(radix) + carry
                limbs[k] = product % 1_000_000_000
                carry = product / 1_000_000_000
            }
            if carry > 0 { limbs.append(carry) }
        }
        var text = String(limbs.last ?? 0)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return JSONNumber(text)
    }
}
