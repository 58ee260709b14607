import JSONCore
import JSONSchema
import Testing

/// `format: uuid` reads its 36 bytes eight at a time (`Formats.isUUID`); every byte value at every position
/// must get the verdict a byte-by-byte reading gives, on the tape path and the value path alike.
@Suite struct UUIDFormatTests {
    static func expected(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                if b != UInt8(ascii: "-") { return false }
            } else if !((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)) {
                return false
            }
        }
        return true
    }

    @Test func everyByteAtEveryPositionGetsTheBytewiseVerdict() throws {
        let validator = try SchemaCompiler(options: SchemaOptions(formatAssertion: true))
            .compile(["type": "string", "format": "uuid"])
        let valid = Array("a9c5f4e1-de05-4166-5aA4-6f97c518fa5c".utf8)
        #expect(validator.isValid(JSONValue.string(String(decoding: valid, as: UTF8.self))))
        var checked = 0
        for position in 0..<36 {
            for byte in UInt8(0x20)...UInt8(0x7E) where byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                var bytes = valid
                bytes[position] = byte
                let text = String(decoding: bytes, as: UTF8.self)
                let json = Array("\"".utf8) + bytes + Array("\"".utf8)
                let tape = JSONTape()
                let verdict = json.withUnsafeBytes { raw in tape.load(raw) ? validator.isValid(tape) : nil }
                #expect(verdict == Self.expected(bytes), "\(text) on the tape")
                #expect(validator.isValid(.string(text)) == Self.expected(bytes), "\(text) as a value")
                checked += 1
            }
        }
        // Non-ASCII in place of two digits (é is two bytes: still 36 in all) and a string one byte short.
        #expect("a9c5f4e1-de05-4166-5aa4-6f97c518féc".utf8.count == 36)
        #expect(!validator.isValid(.string("a9c5f4e1-de05-4166-5aa4-6f97c518féc")))
        #expect(!validator.isValid(.string("a9c5f4e1-de05-4166-5aa4-6f97c518fa5")))
        #expect(checked == 36 * 93)
    }
}
