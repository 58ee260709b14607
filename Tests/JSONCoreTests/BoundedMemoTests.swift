import JSONCore
import Testing

/// A value is worked out once per key and kept; past the limit the memo empties and fills again; many
/// threads may use it at once.
@Suite struct BoundedMemoTests {
    @Test func aValueIsWorkedOutOncePerKey() {
        let memo = BoundedMemo<String, Int>()
        var made = 0
        for key in ["a", "b", "a", "a", "b"] {
            _ = memo.value(for: key) {
                made += 1
                return key.count
            }
        }
        #expect(made == 2)
        #expect(memo.value(for: "a") { 99 } == 1)
    }

    @Test func pastItsLimitTheMemoEmptiesAndFillsAgain() {
        let memo = BoundedMemo<Int, Int>(limit: 3)
        for key in 0..<3 { _ = memo.value(for: key) { key } }
        #expect(memo.count == 3)
        _ = memo.value(for: 3) { 3 }
        #expect(memo.count == 1)
        // What was dropped is worked out again.
        #expect(memo.value(for: 0) { -1 } == -1)
    }

    @Test func manyThreadsAgreeOnEachValue() async {
        let memo = BoundedMemo<Int, Int>(limit: 64)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<2_000 {
                        let key = (round + task) % 100
                        if memo.value(for: key, make: { key * 2 }) != key * 2 { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(memo.count <= 64)
    }
}
