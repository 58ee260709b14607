/// A loaded `JSONTape`'s entries and bytes as plain pointers: what a reader in a tight loop holds, so that
/// no class property (and its exclusivity check) is in the way. Valid until the tape's next `load`.
public struct TapeView {
    @usableFromInline let entries: UnsafeMutablePointer<JSONTape.Entry>
    @usableFromInline let bytes: UnsafeRawPointer?

    @usableFromInline init(entries: UnsafeMutablePointer<JSONTape.Entry>, bytes: UnsafeRawPointer?) {
        self.entries = entries
        self.bytes = bytes
    }

    @inlinable
    public subscript(i: Int) -> JSONTape.Entry { entries[i] }

    /// The index of the entry after the value at `i` (its last member's, for a container).
    @inlinable
    public func next(after i: Int) -> Int {
        let e = entries[i]
        return e.kind.rawValue >= JSONTape.Kind.array.rawValue ? Int(e.a) : i + 1
    }

    /// The raw bytes of the string or number at `i` (a string's escapes are left as written).
    @inlinable
    public func utf8(at i: Int) -> UnsafeRawBufferPointer {
        let e = entries[i]
        return UnsafeRawBufferPointer(start: bytes! + Int(e.a), count: Int(e.b))
    }

    /// The number at `i` as an `Int` when it is written as one (no fraction or exponent, at most 18
    /// characters); nil otherwise, whatever its value.
    @inlinable
    public func plainInt(at i: Int) -> Int? {
        let e = entries[i]
        guard e.flags & JSONTape.plain != 0, e.b <= 18 else { return nil }
        let p = bytes!.assumingMemoryBound(to: UInt8.self) + Int(e.a)
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
}

extension TapeView {
    /// The string at `i`, escapes decoded.
    public func string(at i: Int) -> String {
        let e = entries[i]
        let end = Int(e.a + e.b)
        guard e.flags & JSONTape.escaped != 0 else { return String(decoding: utf8(at: i), as: UTF8.self) }
        var state = ParserState(bytes: UnsafeRawBufferPointer(start: bytes, count: end), maxDepth: 0)
        // `load` checked the escapes.
        return (try? state.unescape(start: Int(e.a), end: end)) ?? ""
    }

    /// The number at `i`, exactly.
    public func number(at i: Int) -> JSONNumber {
        let slice = utf8(at: i)
        return JSONNumber(
            validatedText: String(decoding: slice, as: UTF8.self), storage: JSONNumber.canonical(slice) ?? .integer(0))
    }
}
