import JSONCore
import Testing

/// The shelf lends tapes and takes them back: a tape comes back for the next text, tapes lent at once are
/// distinct, and no more than its capacity are kept.
@Suite struct JSONTapeShelfTests {
    @Test func aTapeComesBackForTheNextText() {
        let shelf = JSONTapeShelf()
        let first = shelf.withTape { tape in
            #expect(Array(#"{"a":[1,2,3,4,5]}"#.utf8).withUnsafeBytes { tape.load($0) })
            return tape
        }
        let (second, value) = shelf.withTape { tape in
            // Loaded again, it reads the new text, not what the last one left.
            let value = Array("[true]".utf8).withUnsafeBytes { tape.load($0) ? tape.value(at: 0) : nil }
            return (tape, value)
        }
        #expect(first === second)
        #expect(value == .array([.bool(true)]))
    }

    @Test func tapesLentAtOnceAreDistinctAndTheShelfKeepsItsCapacity() {
        let shelf = JSONTapeShelf(capacity: 2)
        func lend(_ count: Int) -> [JSONTape] {
            guard count > 0 else { return [] }
            return shelf.withTape { tape in [tape] + lend(count - 1) }
        }
        // The tapes are held here, so none is freed and its address given to another.
        let out = lend(3)
        #expect(Set(out.map(ObjectIdentifier.init)).count == 3)
        // Three came back, two were kept: lending three again reuses those two and makes one.
        let again = lend(3)
        #expect(Set(again.map(ObjectIdentifier.init)).count == 3)
        #expect(Set(again.map(ObjectIdentifier.init)).intersection(out.map(ObjectIdentifier.init)).count == 2)
    }
}
