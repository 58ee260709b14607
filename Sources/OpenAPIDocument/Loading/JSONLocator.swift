import JSONCore

/// Finds where each value of a JSON text starts, by JSON pointer: what a finding needs to name a line.
/// `JSONParser` keeps no positions (the validator's hot path should not pay for them), so this second,
/// lighter scan runs only when a location is asked for. It keeps its own stack, so nesting costs no frames.
enum JSONLocator {
    /// For an object member the position of its key, for an array item the item's own; `""` is the root.
    /// Text that is not JSON stops the scan: what was found before it is returned.
    static func locations(_ bytes: [UInt8]) -> [String: (line: Int, column: Int)] {
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0
        var found: [String: (line: Int, column: Int)] = [:]

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// Where the column count last stopped on the current line: offsets only grow, so counting resumes
        /// there (a minified file is one long line).
        var counted = (offset: 0, column: 1)

        /// The column of byte `offset` on the current line, counting scalars (UTF-8 lead bytes).
        mutating func column(_ offset: Int) -> Int {
            if counted.offset < lineStart || counted.offset > offset { counted = (lineStart, 1) }
            var k = counted.offset
            var count = counted.column
            while k < offset {
                if bytes[k] & 0xC0 != 0x80 { count += 1 }
                k += 1
            }
            counted = (offset, count)
            return count
        }

        mutating func skipWhitespace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0D: i += 1
                case 0x0A:
                    i += 1
                    line += 1
                    lineStart = i
                default: return
                }
            }
        }

        struct Frame {
            var pointer: String
            var isObject: Bool
            var index: Int
        }

        mutating func run() -> [String: (line: Int, column: Int)] {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            skipWhitespace()
            let rootColumn = column(i)
            found[""] = (line, rootColumn)
            var stack: [Frame] = []
            // Each turn reads one value at `i` whose pointer is `pointer`, then closes what it completes.
            var pointer = ""
            while true {
                skipWhitespace()
                guard i < bytes.count else { return found }
                switch bytes[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = bytes[i] == UInt8(ascii: "{")
                    i += 1
                    skipWhitespace()
                    guard i < bytes.count else { return found }
                    if bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                    } else {
                        stack.append(Frame(pointer: pointer, isObject: isObject, index: 0))
                        guard let next = member(of: stack[stack.count - 1]) else { return found }
                        pointer = next
                        continue
                    }
                case UInt8(ascii: "\""):
                    guard skipString() else { return found }
                default:
                    while i < bytes.count, !Self.ends(bytes[i]) { i += 1 }
                }
                // The value is complete: move to the next member, closing containers as they end.
                while !stack.isEmpty {
                    skipWhitespace()
                    guard i < bytes.count else { return found }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        stack[stack.count - 1].index += 1
                        guard let next = member(of: stack[stack.count - 1]) else { return found }
                        pointer = next
                        break
                    }
                    i += 1  // `}` or `]`
                    stack.removeLast()
                }
                if stack.isEmpty { return found }
            }
        }

        /// Reads a member's key (objects) and records where it starts; returns the member's pointer.
        mutating func member(of frame: Frame) -> String? {
            skipWhitespace()
            guard i < bytes.count else { return nil }
            let at = (line: line, column: column(i))
            let token: String
            if frame.isObject {
                guard bytes[i] == UInt8(ascii: "\""), let key = readString() else { return nil }
                token = key
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
            } else {
                token = String(frame.index)
            }
            let pointer = frame.pointer + "/" + Self.escape(token)
            if found[pointer] == nil { found[pointer] = at }
            return pointer
        }

        static func ends(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: true
            default: false
            }
        }

        /// Skips a string starting at its opening quote.
        mutating func skipString() -> Bool {
            i += 1
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    i += 1
                    return true
                case UInt8(ascii: "\\"): i += 2
                default: i += 1
                }
            }
            return false
        }

        /// Reads a string starting at its opening quote, escapes decoded.
        mutating func readString() -> String? {
            let start = i + 1
            guard skipString() else { return nil }
            let raw = bytes[start..<(i - 1)]
            guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
            // Rare in keys: let the real parser decode the escapes.
            return try? JSONParser().parse(Array(bytes[(start - 1)..<i])).stringValue
        }

        static func escape(_ token: String) -> String {
            guard token.contains("~") || token.contains("/") else { return token }
            return JSONPointer(tokens: [token]).description.dropFirst().description
        }
    }
}
