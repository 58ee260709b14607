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
    public enum Kind: UInt8, Sendable, BitwiseCopyable {
        case null, `false`, `true`, number, string, array, object
    }

    /// One value. Strings and numbers: `a` is where their bytes start (inside the quotes), `b` how many
    /// there are. Arrays and objects: `a` is the index of the entry after the container's last one, `b` how
    /// many items or members it has.
    public struct Entry: Sendable, BitwiseCopyable {
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

    /// The entries of the last `load`, valid until the next one.
    public var entries: UnsafeBufferPointer<Entry> { UnsafeBufferPointer(start: builder.entries.base, count: builder.count) }
    /// The bytes of the last `load`.
    public private(set) var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Working memory a reader of the tape keeps from text to text (the validator's stacks), so that
    /// reading a stream allocates nothing once it has grown. The tape only holds it.
    public var readerScratch: AnyObject?
    /// The entries and bytes as plain pointers, for readers in a loop (no class property in the way).
    public var view: TapeView { TapeView(entries: builder.entries.base, bytes: bytes.baseAddress) }
    private var builder = TapeBuilder()

    public init() {}

    deinit { builder.free() }

    /// Parses `bytes` onto the tape; false when `JSONParser` would refuse them (ask it why), or when the
    /// text is too large for the tape's 32-bit offsets.
    public func load(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 512) -> Bool {
        self.bytes = bytes
        // The builder works as a local value: no exclusivity check per entry.
        var working = TapeBuilder.empty
        swap(&working, &builder)
        defer { swap(&working, &builder) }
        working.reset()
        guard bytes.count < Int(UInt32.max) else { return false }
        var state = ParserState(bytes: bytes, maxDepth: maxDepth)
        do throws(JSONParseError) {
            try working.build(&state)
            return true
        } catch {
            return false
        }
    }

    /// Empties the tape (load again before reading), giving back memory a very large text made it take.
    public func shrink(above entryLimit: Int = 1 << 20) {
        builder.shrink(above: entryLimit)
    }

    /// The first eight bytes of `text` (fewer, zero-padded) as one word. A shorter text is read as two
    /// loads that overlap (their shared bytes are the same, so OR-ing them is exact), never past its end.
    @inlinable @inline(__always)
    public static func prefix(_ text: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = text.baseAddress else { return 0 }
        let n = text.count
        if n >= 8 { return UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) }
        if n >= 4 {
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return low | high &<< UInt64(8 * (n - 4))
        }
        if n >= 2 {
            let low = UInt64(UInt16(littleEndian: base.loadUnaligned(as: UInt16.self)))
            let high = UInt64(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)))
            return low | high &<< UInt64(8 * (n - 2))
        }
        return n == 1 ? UInt64(base.load(as: UInt8.self)) : 0
    }

    /// Whether two buffers of the same length hold the same bytes: eight at a time, without a call for
    /// the short keys and names of API payloads.
    @inlinable @inline(__always)
    public static func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        guard n > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        var k = 0
        while k + 8 <= n {
            if x.loadUnaligned(fromByteOffset: k, as: UInt64.self) != y.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
                return false
            }
            k += 8
        }
        while k < n {
            if x.load(fromByteOffset: k, as: UInt8.self) != y.load(fromByteOffset: k, as: UInt8.self) { return false }
            k += 1
        }
        return true
    }

    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }

    // MARK: - Reading

    /// The index of the entry after the value at `i` (its last member's, for a container).
    public func next(after i: Int) -> Int { view.next(after: i) }

    /// The raw bytes of the string or number at `i` (a string's escapes are left as written).
    public func utf8(at i: Int) -> UnsafeRawBufferPointer { view.utf8(at: i) }

    /// The string at `i`, escapes decoded.
    public func string(at i: Int) -> String { view.string(at: i) }

    /// The number at `i`, exactly.
    public func number(at i: Int) -> JSONNumber { view.number(at: i) }

    /// The number at `i` as an `Int` when it is written as one (no fraction or exponent, at most 18
    /// digits); nil otherwise, whatever its value (ask `number(at:)`).
    public func plainInt(at i: Int) -> Int? { view.plainInt(at: i) }

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
