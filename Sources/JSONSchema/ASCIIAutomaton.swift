/// The subset construction over ASCII text: states are sets of NFA leaves, with the search restarting
/// at every position folded in. A state holding `match` accepts at once.
struct ASCIIAutomaton: Sendable {
    static let initial = 0
    /// Larger constructions are not built; the NFA runs alone.
    static let maxStates = 512

    /// The equivalence class of each ASCII byte: bytes in the same sets behave alike.
    private let classOf: [UInt8]
    private let classCount: Int
    private let transitions: [Int32]
    let accepting: [Bool]
    let acceptingAtEnd: [Bool]
    let leaves: [[Int32]]

    /// The most closure steps (states × byte classes × instructions) spent building a DFA, so that no
    /// pattern makes compiling a schema slow; past it, the NFA runs alone.
    static let constructionBudget = 4_000_000

    init?(_ nfa: NFA) {
        // Byte classes by partition refinement over 128-bit masks: every set splits each class into the
        // bytes it holds and those it does not.
        var classes: [ASCIIMask] = [ASCIIMask.all]
        for set in nfa.sets {
            let mask = ASCIIMask(set)
            var refined: [ASCIIMask] = []
            for group in classes {
                let inside = group.intersection(mask)
                let outside = group.subtracting(mask)
                if !inside.isEmpty { refined.append(inside) }
                if !outside.isEmpty { refined.append(outside) }
            }
            classes = refined
        }
        var classOf = [UInt8](repeating: 0, count: 128)
        var representatives: [UInt32] = []
        for (id, group) in classes.enumerated() {
            representatives.append(UInt32(group.first))
            for byte in 0..<128 where group.contains(byte) { classOf[byte] = UInt8(id) }
        }
        let stateLimit = min(
            ASCIIAutomaton.maxStates,
            ASCIIAutomaton.constructionBudget / max(1, representatives.count * nfa.program.count))
        var closure = Closure(program: nfa.program)
        var states: [[Int32]] = [nfa.start]
        var ids: [[Int32]: Int32] = [:]  // the initial state is never shared: only it is at the start
        var transitions: [Int32] = []
        var state = 0
        while state < states.count {
            let current = states[state]
            for scalar in representatives {
                let following = nfa.step(current, scalar, &closure)
                if let id = ids[following] {
                    transitions.append(id)
                } else {
                    guard states.count < stateLimit else { return nil }
                    ids[following] = Int32(states.count)
                    transitions.append(Int32(states.count))
                    states.append(following)
                }
            }
            state += 1
        }
        self.classOf = classOf
        self.classCount = representatives.count
        self.transitions = transitions
        self.accepting = states.map(nfa.matched)
        self.acceptingAtEnd = states.enumerated().map {
            closure.acceptsAtEnd($1, atStart: $0 == ASCIIAutomaton.initial)
        }
        self.leaves = states
    }

    /// One printable byte for each byte class that has one, the plainest first: lowercase letters, then
    /// uppercase letters, digits, and other printable characters.
    var printableRepresentatives: [UInt8] {
        let preference =
            Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            + Array(UInt8(ascii: "0")...UInt8(ascii: "9")) + Array(UInt8(0x20)...UInt8(0x7E))
        var chosen: [Int: UInt8] = [:]
        var order: [UInt8] = []
        for byte in preference where chosen[Int(classOf[Int(byte)])] == nil {
            chosen[Int(classOf[Int(byte)])] = byte
            order.append(byte)
        }
        return order
    }

    @inline(__always)
    func next(_ state: Int, _ byte: UInt8) -> Int {
        Int(transitions[state &* classCount &+ Int(classOf[Int(byte)])])
    }
}

/// A set of ASCII bytes as two 64-bit words.
struct ASCIIMask {
    var low: UInt64
    var high: UInt64

    static let all = ASCIIMask(low: ~0, high: ~0)

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The ASCII part of a scalar set.
    init(_ set: ScalarSet) {
        low = 0
        high = 0
        for range in set.ranges where range.lowerBound < 128 {
            for byte in Int(range.lowerBound)...Int(min(range.upperBound, 127)) {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
        }
    }

    var isEmpty: Bool { low == 0 && high == 0 }
    var first: Int { low != 0 ? low.trailingZeroBitCount : 64 + high.trailingZeroBitCount }
    func contains(_ byte: Int) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte - 64)) != 0
    }
    func intersection(_ other: ASCIIMask) -> ASCIIMask { ASCIIMask(low: low & other.low, high: high & other.high) }
    func subtracting(_ other: ASCIIMask) -> ASCIIMask { ASCIIMask(low: low & ~other.low, high: high & ~other.high) }
}
