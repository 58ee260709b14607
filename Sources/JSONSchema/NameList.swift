import Foundation
import JSONCore

/// Property names a keyword lists (`required`, `properties`, the names `additionalProperties` skips),
/// with what a tape needs to find a key among them without making a `String` of it: each name's UTF-8
/// and, for long lists, a table from a hash of those bytes to the name.
///
/// Names compare as Swift strings do everywhere else in the validator (canonical equivalence); bytes
/// settle it only when both the key and every name are ASCII, where the two agree.
final class NameList: @unchecked Sendable {
    let names: [String]
    let set: Set<String>
    /// Every name's UTF-8, one after another, and for each name where it starts, its length and its first
    /// eight bytes as one word: read without reference counting (this is the validator's hottest lookup),
    /// and most names are told apart, or found whole, by one compare of that word.
    private let bytes: UnsafeMutableRawBufferPointer
    private let probes: UnsafeMutableBufferPointer<Probe>

    private struct Probe {
        var prefix: UInt64
        var start: Int
        var count: Int
    }
    /// Whether every name is ASCII: then an ASCII key matches a name exactly when their bytes do.
    let isASCII: Bool
    /// A `required` list whose names the same schema's `properties` table marks as it finds them
    /// (`PropertyTable.requiredMask`). Set once, by the compiler.
    var foundWithProperties = false
    /// For lists longer than `Evaluator.scanLimit`: FNV-1a of a name's bytes to its position.
    private let byHash: [UInt64: Int]

    init(_ names: [String]) {
        self.names = names
        set = Set(names)
        let utf8 = names.map { Array($0.utf8) }
        isASCII = utf8.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
        let storage = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(1, utf8.reduce(0) { $0 + $1.count }), alignment: 8)
        let probeTable = UnsafeMutableBufferPointer<Probe>.allocate(capacity: max(1, utf8.count))
        var offset = 0
        for (i, name) in utf8.enumerated() {
            UnsafeMutableRawBufferPointer(rebasing: storage[offset..<offset + name.count]).copyBytes(from: name)
            let prefix = name.withUnsafeBytes { JSONTape.prefix($0) }
            probeTable.initializeElement(at: i, to: Probe(prefix: prefix, start: offset, count: name.count))
            offset += name.count
        }
        bytes = storage
        probes = probeTable
        var table: [UInt64: Int] = [:]
        var collides = false
        if names.count > Evaluator.scanLimit {
            for (i, bytes) in utf8.enumerated() {
                let hash = bytes.withUnsafeBytes { JSONTape.fnv1a($0) }
                // Two names with one hash (or one name twice): scan instead.
                if table.updateValue(i, forKey: hash) != nil { collides = true }
            }
        }
        byHash = collides ? [:] : table
    }

    deinit {
        bytes.deallocate()
        probes.deallocate()
    }

    var count: Int { names.count }

    /// The position of the name whose bytes are exactly `bytes` (any text: a byte-for-byte match).
    func position(ofBytes bytes: UnsafeRawBufferPointer) -> Int? {
        position(ofASCII: bytes, from: 0)
    }

    /// The position of the name whose bytes are `key` (an ASCII key; requires `isASCII`), looking from
    /// `hint` on first. The match is byte for byte; ASCII is what makes it the strings' equality.
    @inline(__always)
    func position(ofASCII key: UnsafeRawBufferPointer, from hint: Int) -> Int? {
        if !byHash.isEmpty {
            guard let i = byHash[JSONTape.fnv1a(key)], same(i, key) else { return nil }
            return i
        }
        let count = names.count
        let prefix = JSONTape.prefix(key)
        var i = hint
        for _ in 0..<count {
            if i >= count { i = 0 }
            let probe = probes[i]
            if probe.prefix == prefix, probe.count == key.count, probe.count <= 8 || same(i, key) { return i }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private func same(_ i: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let probe = probes[i]
        return probe.count == key.count
            && JSONTape.sameBytes(UnsafeRawBufferPointer(rebasing: bytes[probe.start..<probe.start + probe.count]), key)
    }


    /// The position of `key` by string comparison, as the value path finds it.
    func position(of key: String) -> Int? {
        names.firstIndex { $0 == key }
    }
}
