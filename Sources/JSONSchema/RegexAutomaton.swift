/// An ECMA-262 regular expression without backreferences, lookaround or word boundaries, compiled to an
/// automaton: a DFA over ASCII built when the pattern is compiled, and the NFA it was built from for the
/// rest of Unicode. Matching is linear in the text and allocates nothing for ASCII text.
///
/// JSON Schema asks one question of a `pattern`: does it match anywhere in the string? Greedy and lazy
/// quantifiers give the same answer to that, and groups capture nothing, so they are plain groups here.
/// Anything outside the subset (`\b`, `\1`, `(?=…)`, `\p{…}`, Annex B oddities) makes `init` return
/// nil, and `Pattern` runs `Backtracker` instead.
/// A class, so that handing it around retains one object rather than each of its arrays.
final class RegexAutomaton: Sendable {
    private let nfa: NFA
    /// The DFA over ASCII, when the pattern's subset construction stays small.
    private let dfa: ASCIIAutomaton?

    /// Deeper group nesting than this, or a longer program, is left to the backtracker.
    static let maxNesting = 64
    static let maxInstructions = 4_000

    init?(_ source: String) {
        var parser = RegexParser(scalars: Array(source.unicodeScalars))
        guard let tree = parser.parse() else { return nil }
        var builder = ProgramBuilder(sets: parser.sets)
        guard let program = builder.build(tree) else { return nil }
        self.nfa = NFA(program: program, sets: parser.sets)
        self.dfa = ASCIIAutomaton(nfa)
    }

    /// Whether ASCII text runs on the DFA (false: the subset construction was too large).
    var hasDFA: Bool { dfa != nil }

    /// Whether the expression matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches(utf8: $0) }
    }

    /// Whether the expression matches anywhere in the text whose (valid) UTF-8 is `bytes`.
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dfa else { return simulate(bytes, from: 0, leaves: nil) }
        var state = ASCIIAutomaton.initial
        if dfa.accepting[state] { return true }
        for (offset, byte) in bytes.enumerated() {
            if byte >= 0x80 { return simulate(bytes, from: offset, leaves: dfa.leaves[state]) }
            state = dfa.next(state, byte)
            if dfa.accepting[state] { return true }
        }
        return dfa.acceptingAtEnd[state]
    }

    /// A shortest printable ASCII string the expression matches with `minLength`…`maxLength` characters,
    /// found by a breadth-first search of the DFA; `nil` when there is no DFA or no such string within
    /// `minLength + 64` characters. Each character is its byte class's plainest member (a lowercase letter,
    /// then an uppercase one, a digit, other printable characters).
    func example(minLength: Int, maxLength: Int?) -> String? {
        guard let dfa else { return nil }
        let limit = min(maxLength ?? Int.max, minLength + 64)
        guard limit >= 0 else { return nil }
        let choices = dfa.printableRepresentatives
        // Breadth-first over (state, length so far, capped at minLength): the first hit is shortest.
        var parents: [(state: Int, length: Int, previous: Int, byte: UInt8)] = [(ASCIIAutomaton.initial, 0, -1, 0)]
        var seen: Set<Int> = [ASCIIAutomaton.initial &* (minLength + 1)]
        var next = 0
        while next < parents.count {
            let node = parents[next]
            func text() -> String {
                var bytes: [UInt8] = []
                var at = next
                while parents[at].previous >= 0 {
                    bytes.append(parents[at].byte)
                    at = parents[at].previous
                }
                return String(decoding: bytes.reversed(), as: UTF8.self)
            }
            // Matched where the text ends, or already matched inside it (then any padding still matches).
            if dfa.acceptingAtEnd[node.state], node.length >= minLength { return text() }
            if dfa.accepting[node.state] {
                let padding = max(0, minLength - node.length)
                if node.length + padding <= limit { return text() + String(repeating: "a", count: padding) }
            }
            if node.length < limit {
                for byte in choices {
                    let state = dfa.next(node.state, byte)
                    let length = node.length + 1
                    let key = state &* (minLength + 1) &+ min(length, minLength)
                    guard seen.insert(key).inserted else { continue }
                    parents.append((state, length, next, byte))
                }
            }
            next += 1
        }
        return nil
    }

    /// The NFA run from `offset`, with the live leaves there (nil: the start of the text).
    private func simulate(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, leaves: [Int32]?) -> Bool {
        var closure = Closure(program: nfa.program)
        var current = leaves ?? nfa.start
        var atStart = leaves == nil && offset == 0
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset...]), as: UTF8.self)
        for scalar in text.unicodeScalars {
            if nfa.matched(current) { return true }
            current = nfa.step(current, scalar.value, &closure)
            atStart = false
        }
        return closure.acceptsAtEnd(current, atStart: atStart)
    }
}
