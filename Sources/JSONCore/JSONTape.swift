import Foundation

/// A JSON text parsed without a value per node: one flat list of entries over the input bytes, in
/// document order. Strings and numbers are ranges into the bytes, decoded only when asked; arrays and
/// objects are spans (an object's members are its key and value entries in turn). One tape is reused
/// for text after text, so that parsing a stream allocates nothing once the lists have grown.
///
/// The tape accepts exactly the texts `JSONParser` accepts (the same grammar, UTF-8 and escape checks,
/// depth limit and duplicate keys, from the same scanning code); where it refuses one, `JSONParser`
/// says why. It reads the bytes it was loaded from: they must outlive every use until the next `load`.
public final class JSONTape {
    public enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number, string, array, object
    }

    /// One value. Strings and numbers: `a` is where their bytes start (inside the quotes), `b` how many
    /// there are. Arrays and objects: `a` is the index of the entry after the container's last one, `b` how
    /// many items or members it has.
    public struct Entry: Sendable {
        public var kind: Kind
        /// Strings: `escaped` (the bytes hold escapes), `nonASCII`. Numbers: `plain` (no fraction or exponent).
        public var flags: UInt8
        public var a: UInt32
        public var b: UInt32
    }

    public static let escaped: UInt8 = 1
    public static let nonASCII: UInt8 = 2
    public static let plain: UInt8 = 1
    /// On an object: some key has escapes or non-ASCII bytes (else every key is plain ASCII, and keys
    /// and names compare by their bytes).
    public static let oddKeys: UInt8 = 1

    public private(set) var entries: [Entry] = []
    /// The bytes of the last `load`.
    public private(set) var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    // Reused between loads: the open containers (entry index), and the key entries of open objects.
    private var open: [Int] = []
    private var keys: [Int] = []
    private var scratch: [(UInt64, Int)] = []

    public init() {}

    /// Parses `bytes` onto the tape; false when `JSONParser` would refuse them (ask it why), or when the
    /// text is too large for the tape's 32-bit offsets.
    public func load(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 512) -> Bool {
        self.bytes = bytes
        entries.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        guard bytes.count < Int(UInt32.max) else { return false }
        var state = ParserState(bytes: bytes, maxDepth: maxDepth)
        do throws(JSONParseError) {
            try build(&state)
            return true
        } catch {
            return false
        }
    }

    /// Gives back memory a very large text made the tape take.
    public func shrink(above entryLimit: Int = 1 << 20) {
        if entries.capacity > entryLimit { entries = [] }
        if keys.capacity > entryLimit { keys = [] }
        if scratch.capacity > entryLimit { scratch = [] }
    }

    private func build(_ p: inout ParserState) throws(JSONParseError) {
        if p.bytes.count >= 3, p.bytes[0] == 0xEF, p.bytes[1] == 0xBB, p.bytes[2] == 0xBF { p.i = 3 }
        parsing: while true {
            p.skipWhitespace()
            guard p.i < p.bytes.count else { throw p.error("") }
            switch p.bytes[p.i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = p.bytes[p.i] == UInt8(ascii: "{")
                p.i += 1
                p.skipWhitespace()
                let index = entries.count
                entries.append(Entry(kind: isObject ? .object : .array, flags: 0, a: UInt32(index + 1), b: 0))
                if p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: isObject ? "}" : "]") {
                    p.i += 1
                } else {
                    guard open.count < p.maxDepth else { throw p.error("") }
                    open.append(index)
                    if isObject { try key(&p) }
                    continue parsing
                }
            case UInt8(ascii: "\""):
                try string(&p)
            case UInt8(ascii: "t"):
                try p.literal("true")
                entries.append(Entry(kind: .true, flags: 0, a: 0, b: 0))
            case UInt8(ascii: "f"):
                try p.literal("false")
                entries.append(Entry(kind: .false, flags: 0, a: 0, b: 0))
            case UInt8(ascii: "n"):
                try p.literal("null")
                entries.append(Entry(kind: .null, flags: 0, a: 0, b: 0))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = p.i
                let plain = try p.scanNumber()
                entries.append(
                    Entry(kind: .number, flags: plain ? Self.plain : 0, a: UInt32(start), b: UInt32(p.i - start)))
            default:
                throw p.error("")
            }
            // A value is complete: count it in the enclosing containers until one wants another value.
            while let container = open.last {
                entries[container].b += 1
                p.skipWhitespace()
                let isObject = entries[container].kind == .object
                if p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: ",") {
                    p.i += 1
                    if isObject {
                        p.skipWhitespace()
                        try key(&p)
                    }
                    continue parsing
                }
                guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: isObject ? "}" : "]") else {
                    throw p.error("")
                }
                p.i += 1
                entries[container].a = UInt32(entries.count)
                if isObject {
                    let first = keys.count - Int(entries[container].b)
                    let odd = entries[container].flags & Self.oddKeys != 0
                    if odd ? hasDuplicateString(from: first) : hasDuplicateKey(from: first) { throw p.error("") }
                    keys.removeSubrange(first...)
                }
                open.removeLast()
            }
            p.skipWhitespace()
            guard p.i == p.bytes.count else { throw p.error("") }
            return
        }
    }

    private func key(_ p: inout ParserState) throws(JSONParseError) {
        guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "\"") else { throw p.error("") }
        keys.append(entries.count)
        try string(&p)
        if entries[entries.count - 1].flags != 0, let container = open.last { entries[container].flags |= Self.oddKeys }
        p.skipWhitespace()
        guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: ":") else { throw p.error("") }
        p.i += 1
    }

    private func string(_ p: inout ParserState) throws(JSONParseError) {
        let (start, end, hasEscape) = try p.scanString()
        var flags: UInt8 = hasEscape ? Self.escaped : 0
        if hasEscape {
            _ = try p.unescape(start: start, end: end)  // its escapes are checked
        }
        // A non-ASCII byte anywhere: checked eight bytes at a time.
        var k = start
        while k + 8 <= end {
            if p.bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            k += 8
        }
        while k < end, p.bytes[k] < 0x80 { k += 1 }
        if k < end { flags |= Self.nonASCII }
        entries.append(Entry(kind: .string, flags: flags, a: UInt32(start), b: UInt32(end - start)))
    }

    /// Whether two of the keys from `keys[first...]` are the same string.
    private func hasDuplicateKey(from first: Int) -> Bool {
        let count = keys.count - first
        guard count > 1 else { return false }
        if count <= 16 {
            for x in first..<(keys.count - 1) {
                for y in (x + 1)..<keys.count where sameKey(keys[x], keys[y]) { return true }
            }
            return false
        }
        scratch.removeAll(keepingCapacity: true)
        for k in first..<keys.count { scratch.append((keyHash(keys[k]), keys[k])) }
        scratch.sort { $0.0 < $1.0 }
        var x = 0
        while x < scratch.count {
            var y = x + 1
            while y < scratch.count, scratch[y].0 == scratch[x].0 { y += 1 }
            if y - x > 1 {
                for m in x..<(y - 1) {
                    for n in (m + 1)..<y where sameKey(scratch[m].1, scratch[n].1) { return true }
                }
            }
            x = y
        }
        return false
    }

    /// Plain ASCII keys: the same string exactly when the same bytes.
    private func sameKey(_ x: Int, _ y: Int) -> Bool {
        let ex = entries[x]
        let ey = entries[y]
        return ex.b == ey.b && memcmp(bytes.baseAddress! + Int(ex.a), bytes.baseAddress! + Int(ey.a), Int(ex.b)) == 0
    }

    private func keyHash(_ k: Int) -> UInt64 { Self.fnv1a(utf8(at: k)) }

    /// Keys with escapes or non-ASCII text: compared as `JSONParser` compares them (as strings).
    private func hasDuplicateString(from first: Int) -> Bool {
        let texts = keys[first...].map { string(at: $0) }
        let fingerprints = texts.map(ParserState.fingerprint)
        var index: [String: Int]?
        return fingerprints.withUnsafeBufferPointer {
            JSONObject.firstDuplicate(keys: texts, fingerprints: $0, index: &index) != nil
        }
    }

    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }

    // MARK: - Reading

    /// The index of the entry after the value at `i` (its last member's, for a container).
    @inline(__always)
    public func next(after i: Int) -> Int {
        let e = entries[i]
        return e.kind.rawValue >= Kind.array.rawValue ? Int(e.a) : i + 1
    }

    /// The raw bytes of the string or number at `i` (a string's escapes are left as written).
    @inline(__always)
    public func utf8(at i: Int) -> UnsafeRawBufferPointer {
        let e = entries[i]
        return UnsafeRawBufferPointer(start: bytes.baseAddress! + Int(e.a), count: Int(e.b))
    }

    /// The string at `i`, escapes decoded.
    public func string(at i: Int) -> String {
        let e = entries[i]
        guard e.flags & Self.escaped != 0 else { return String(decoding: utf8(at: i), as: UTF8.self) }
        var state = ParserState(bytes: bytes, maxDepth: 0)
        // `load` checked the escapes.
        return (try? state.unescape(start: Int(e.a), end: Int(e.a + e.b))) ?? ""
    }

    /// The number at `i`, exactly.
    public func number(at i: Int) -> JSONNumber {
        let slice = utf8(at: i)
        return JSONNumber(validatedText: String(decoding: slice, as: UTF8.self), storage: JSONNumber.canonical(slice) ?? .integer(0))
    }

    /// The number at `i` as an `Int` when it is written as one (no fraction or exponent, at most 18
    /// digits); nil otherwise, whatever its value (ask `number(at:)`).
    @inline(__always)
    public func plainInt(at i: Int) -> Int? {
        let e = entries[i]
        guard e.flags & Self.plain != 0, e.b <= 18 else { return nil }
        let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + Int(e.a)
        var k = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative { k = 1 }
        var value = 0
        while k < Int(e.b) {
            value = value &* 10 &+ Int(p[k] &- 48)
            k += 1
        }
        return negative ? -value : value
    }

    /// The value at `i`, built in full.
    public func value(at i: Int) -> JSONValue {
        let e = entries[i]
        switch e.kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number: return .number(number(at: i))
        case .string: return .string(string(at: i))
        case .array:
            var items: [JSONValue] = []
            items.reserveCapacity(Int(e.b))
            var k = i + 1
            while k < Int(e.a) {
                items.append(value(at: k))
                k = next(after: k)
            }
            return .array(items)
        case .object:
            var keys: [String] = []
            var values: [JSONValue] = []
            keys.reserveCapacity(Int(e.b))
            values.reserveCapacity(Int(e.b))
            var k = i + 1
            while k < Int(e.a) {
                keys.append(string(at: k))
                values.append(value(at: k + 1))
                k = next(after: k + 1)
            }
            // Built as the parser builds it (`load` found no key written twice).
            let fingerprints = keys.map(ParserState.fingerprint)
            var duplicate: (Int, Int)?
            let object = fingerprints.withUnsafeBufferPointer {
                JSONObject.parsed(keys: keys, values: values, fingerprints: $0, duplicate: &duplicate)
            }
            return .object(object ?? JSONObject())
        }
    }
}
