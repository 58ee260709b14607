import Foundation

/// Builds a `JSONTape`'s entries: the parse loop of `JSONParser` writing entries instead of values. The
/// entries live in a buffer it grows by doubling and keeps from text to text; the tape moves it out while
/// loading, so that the loop works on a local value.
struct TapeBuilder {
    private(set) var entries: PlainBuffer<JSONTape.Entry>
    /// The bytes being parsed (set by `build`).
    private var bytes: UnsafeRawPointer?
    // The open containers (entry index), and the key entries of open objects, each with a word of its
    // length and first eight bytes (keys with different words differ).
    private var open = PlainBuffer<Int>(capacity: 32)
    private var keys = PlainBuffer<Int>(capacity: 64)
    private var keyWords = PlainBuffer<UInt64>(capacity: 64)
    private var scratch: [(UInt64, Int)] = []

    init(capacity: Int = 256) {
        entries = PlainBuffer(capacity: capacity)
    }

    /// A builder that is only ever swapped in while a tape's own one works (never used, never freed).
    nonisolated(unsafe) static let empty = TapeBuilder(capacity: 1)

    private var view: TapeView { TapeView(entries: entries.base, bytes: bytes) }
    /// How many entries the last text made.
    var count: Int { entries.count }

    mutating func reset() {
        entries.removeAll()
        open.removeAll()
        keys.removeAll()
        keyWords.removeAll()
    }

    mutating func shrink(above entryLimit: Int) {
        entries.removeAll(shrinkingAbove: entryLimit)
        keys.removeAll(shrinkingAbove: entryLimit)
        keyWords.removeAll(shrinkingAbove: entryLimit)
        if scratch.capacity > entryLimit { scratch = [] }
    }

    /// Frees the buffers; the builder is not used afterwards.
    mutating func free() {
        entries.free()
        open.free()
        keys.free()
        keyWords.free()
    }

    @inline(__always)
    private mutating func append(_ entry: JSONTape.Entry) { entries.append(entry) }

    mutating func build(_ p: inout ParserState) throws(JSONParseError) {
        bytes = p.bytes.baseAddress
        if p.bytes.count >= 3, p.bytes[0] == 0xEF, p.bytes[1] == 0xBB, p.bytes[2] == 0xBF { p.i = 3 }
        parsing: while true {
            p.skipWhitespace()
            guard p.i < p.bytes.count else { throw p.error("") }
            switch p.bytes[p.i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = p.bytes[p.i] == UInt8(ascii: "{")
                p.i += 1
                p.skipWhitespace()
                let index = count
                append(JSONTape.Entry(kind: isObject ? .object : .array, flags: 0, a: UInt32(index + 1), b: 0))
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
                append(JSONTape.Entry(kind: .true, flags: 0, a: 0, b: 0))
            case UInt8(ascii: "f"):
                try p.literal("false")
                append(JSONTape.Entry(kind: .false, flags: 0, a: 0, b: 0))
            case UInt8(ascii: "n"):
                try p.literal("null")
                append(JSONTape.Entry(kind: .null, flags: 0, a: 0, b: 0))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = p.i
                let plain = try p.scanNumber()
                append(
                    JSONTape.Entry(kind: .number, flags: plain ? JSONTape.plain : 0, a: UInt32(start), b: UInt32(p.i - start)))
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
                entries[container].a = UInt32(count)
                if isObject {
                    let first = keys.count - Int(entries[container].b)
                    let odd = entries[container].flags & JSONTape.oddKeys != 0
                    if odd ? hasDuplicateString(from: first) : hasDuplicateKey(from: first) { throw p.error("") }
                    keys.truncate(to: first)
                    keyWords.truncate(to: first)
                }
                open.removeLast()
            }
            p.skipWhitespace()
            guard p.i == p.bytes.count else { throw p.error("") }
            return
        }
    }

    private mutating func key(_ p: inout ParserState) throws(JSONParseError) {
        guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "\"") else { throw p.error("") }
        keys.append(count)
        try string(&p)
        let e = entries[count - 1]
        keyWords.append(
            JSONTape.prefix(UnsafeRawBufferPointer(start: bytes! + Int(e.a), count: Int(e.b)))
                ^ UInt64(truncatingIfNeeded: e.b) &* 0x9E37_79B9_7F4A_7C15)
        if entries[count - 1].flags != 0, let container = open.last { entries[container].flags |= JSONTape.oddKeys }
        p.skipWhitespace()
        guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: ":") else { throw p.error("") }
        p.i += 1
    }

    private mutating func string(_ p: inout ParserState) throws(JSONParseError) {
        let (start, end, hasEscape, nonASCII) = try p.scanString()
        var flags: UInt8 = nonASCII ? JSONTape.nonASCII : 0
        if hasEscape {
            flags |= JSONTape.escaped
            _ = try p.unescape(start: start, end: end, keep: false)  // its escapes are checked
        }
        append(JSONTape.Entry(kind: .string, flags: flags, a: UInt32(start), b: UInt32(end - start)))
    }

    /// Whether two of the keys from `keys[first...]` are the same string.
    private mutating func hasDuplicateKey(from first: Int) -> Bool {
        let count = keys.count - first
        guard count > 1 else { return false }
        if count <= 16 {
            // Words first: most pairs differ there, without reading either key.
            for x in first..<(keys.count - 1) {
                for y in (x + 1)..<keys.count where keyWords[x] == keyWords[y] && sameKey(keys[x], keys[y]) {
                    return true
                }
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
        return ex.b == ey.b
            && JSONTape.sameBytes(
                UnsafeRawBufferPointer(start: bytes! + Int(ex.a), count: Int(ex.b)),
                UnsafeRawBufferPointer(start: bytes! + Int(ey.a), count: Int(ey.b)))
    }

    private func keyHash(_ k: Int) -> UInt64 { JSONTape.fnv1a(view.utf8(at: k)) }

    /// Keys with escapes or non-ASCII text: compared as `JSONParser` compares them (as strings).
    private func hasDuplicateString(from first: Int) -> Bool {
        let texts = (first..<keys.count).map { view.string(at: keys[$0]) }
        let fingerprints = texts.map(ParserState.fingerprint)
        var index: [String: Int]?
        return fingerprints.withUnsafeBufferPointer {
            JSONObject.firstDuplicate(keys: texts, fingerprints: $0, index: &index) != nil
        }
    }


}
