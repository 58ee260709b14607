import JSONCore

/// Reading the tape for `TapeEvaluator`'s keywords: numbers exactly, string lengths in scalars, keys by
/// their bytes or (with escapes or non-ASCII text) as strings.
extension TapeEvaluator {
    /// The number at `i`, exactly (an `Int` one without decimal work).
    @inline(__always)
    func number(_ i: Int) -> JSONNumber {
        if let v = view.plainInt(at: i) { return JSONNumber(v) }
        return view.number(at: i)
    }

    /// The number of Unicode scalars of the string at `i`.
    func scalarCount(_ i: Int) -> Int {
        let e = view[i]
        if e.flags & JSONTape.escaped != 0 { return view.string(at: i).unicodeScalars.count }
        if e.flags & JSONTape.nonASCII == 0 { return Int(e.b) }
        return Self.scalarCount(view.utf8(at: i))
    }

    /// Scalars in valid UTF-8: the bytes that do not continue a sequence.
    static func scalarCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for b in bytes where b & 0xC0 != 0x80 { count += 1 }
        return count
    }

    func keyVerdict(_ pattern: Pattern, _ k: Int) -> PatternVerdict {
        view[k].flags & JSONTape.escaped == 0
            ? pattern.verdict(utf8: view.utf8(at: k)) : pattern.verdict(view.string(at: k))
    }

    /// Where `table` lists the key at `k`, compared as strings (keys with escapes or non-ASCII text).
    func position(_ k: Int, _ table: PropertyTable) -> Int? {
        let key = view.string(at: k)
        if table.names.count <= Evaluator.scanLimit { return table.list.position(of: key) }
        guard let node = table.lookup[key] else { return nil }
        return table.nodes.firstIndex { $0 === node }
    }

    /// The key entry of the member `name` of the object at `i`, compared as strings.
    func key(_ name: String, in i: Int) -> Int? {
        let end = Int(view[i].a)
        let plain = view[i].flags & JSONTape.oddKeys == 0
        var name = name
        return name.withUTF8 { nameBytes -> Int? in
            let asciiName = nameBytes.allSatisfy { $0 < 0x80 }
            var k = i + 1
            while k < end {
                if plain, asciiName {
                    let raw = view.utf8(at: k)
                    if raw.count == nameBytes.count, raw.elementsEqual(nameBytes) { return k }
                } else if view.string(at: k) == String(decoding: nameBytes, as: UTF8.self) {
                    return k
                }
                k = view.next(after: k + 1)
            }
            return nil
        }
    }

    /// Whether the object at `i` has every one of `names`.
    func hasAll(_ names: NameList, object i: Int) -> Bool {
        let e = view[i]
        if e.flags & JSONTape.oddKeys == 0, names.isASCII, names.count <= 64 {
            var seen: UInt64 = 0
            var k = i + 1
            var hint = 0
            while k < Int(e.a) {
                if let p = names.position(ofASCII: view.utf8(at: k), from: hint) {
                    seen |= 1 << UInt64(p)
                    hint = p + 1
                }
                k = view.next(after: k + 1)
            }
            let all: UInt64 = names.count == 64 ? ~0 : (1 << UInt64(names.count)) - 1
            if seen == all { return true }
            // A name listed twice is never marked at its second place: look again by name.
        }
        return names.names.allSatisfy { key($0, in: i) != nil }
    }
}
