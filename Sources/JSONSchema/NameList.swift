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
    private let utf8: [[UInt8]]
    /// Whether every name is ASCII: then an ASCII key matches a name exactly when their bytes do.
    let isASCII: Bool
    /// For lists longer than `Evaluator.scanLimit`: FNV-1a of a name's bytes to its position.
    private let byHash: [UInt64: Int]

    init(_ names: [String]) {
        self.names = names
        set = Set(names)
        utf8 = names.map { Array($0.utf8) }
        isASCII = utf8.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
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

    var count: Int { names.count }

    /// The position of the name whose bytes are `key` (an ASCII key; requires `isASCII`), looking from
    /// `hint` on first.
    @inline(__always)
    func position(ofASCII key: UnsafeRawBufferPointer, from hint: Int) -> Int? {
        if !byHash.isEmpty {
            guard let i = byHash[JSONTape.fnv1a(key)], same(i, key) else { return nil }
            return i
        }
        var i = hint
        for _ in 0..<utf8.count {
            if i >= utf8.count { i = 0 }
            if same(i, key) { return i }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private func same(_ i: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        utf8[i].withUnsafeBytes { name in name.count == key.count && Self.sameBytes(name, key) }
    }

    /// Whether two buffers of the same length hold the same bytes: eight at a time, without a call for
    /// the short names of API payloads.
    @inline(__always)
    static func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
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

    /// The position of `key` by string comparison, as the value path finds it.
    func position(of key: String) -> Int? {
        names.firstIndex { $0 == key }
    }
}
