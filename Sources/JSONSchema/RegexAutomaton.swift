/// An ECMA-262 regular expression without backreferences, lookaround or word boundaries, compiled to an
/// automaton: a DFA over ASCII built when the pattern is compiled, and the NFA it was built from for the
/// rest of Unicode. Matching is linear in the text and allocates nothing for ASCII text.
///
/// JSON Schema asks one question of a `pattern`: does it match anywhere in the string? Greedy and lazy
/// quantifiers give the same answer to that, and groups capture nothing, so they are plain groups here.
/// Anything outside the subset (`\b`, `\1`, `(?=…)`, `\p{…}`, Annex B oddities) makes `init` return
/// nil, and `Pattern` runs ICU instead.
/// A class, so that handing it around retains one object rather than each of its arrays.
final class RegexAutomaton: Sendable {
    private let nfa: NFA
    /// The DFA over ASCII, when the pattern's subset construction stays small.
    private let dfa: ASCIIAutomaton?

    /// Deeper group nesting than this, or a longer program, is left to ICU.
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
        return text.withUTF8 { bytes in
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

// MARK: - Scalar sets

/// A set of Unicode scalar values as sorted, disjoint, non-adjacent closed ranges.
struct ScalarSet: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>]

    init(_ ranges: [ClosedRange<UInt32>]) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    static let all = ScalarSet([0...0x10FFFF])
    static let digits = ScalarSet([0x30...0x39])
    static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// ECMA-262's WhiteSpace and LineTerminator.
    static let space = ScalarSet([
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F,
        0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// What `.` matches: everything but the line terminators.
    static let dot = ScalarSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]).inverted

    var inverted: ScalarSet {
        var gaps: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { gaps.append(next...(range.lowerBound - 1)) }
            next = range.upperBound &+ 1
        }
        if next <= 0x10FFFF, ranges.last?.upperBound != 0x10FFFF { gaps.append(next...0x10FFFF) }
        return ScalarSet(gaps)
    }

    func union(_ other: ScalarSet) -> ScalarSet { ScalarSet(ranges + other.ranges) }

    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value {
                low = mid + 1
            } else if ranges[mid].lowerBound > value {
                high = mid
            } else {
                return true
            }
        }
        return false
    }
}

// MARK: - Parsing

/// The parsed expression.
indirect enum RegexTree {
    case empty
    case set(Int)
    case start
    case end
    case sequence([RegexTree])
    case alternatives([RegexTree])
    case repetition(RegexTree, min: Int, max: Int?)
}

/// A recursive-descent parser of the supported subset; nil for anything else.
struct RegexParser {
    let scalars: [Unicode.Scalar]
    var i = 0
    var sets: [ScalarSet] = []
    private var nesting = 0
    /// Counted repetitions above this are left to ICU (they would unroll into a large program).
    static let maxCount = 100

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parse() -> RegexTree? {
        guard let tree = alternatives(), i == scalars.count else { return nil }
        return tree
    }

    private var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private mutating func alternatives() -> RegexTree? {
        var branches: [RegexTree] = []
        while true {
            guard let branch = sequence() else { return nil }
            branches.append(branch)
            guard peek == "|" else { break }
            i += 1
        }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    private mutating func sequence() -> RegexTree? {
        var items: [RegexTree] = []
        while let c = peek, c != "|", c != ")" {
            guard let atom = atom() else { return nil }
            guard let quantified = quantifier(on: atom) else { return nil }
            items.append(quantified)
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .sequence(items))
    }

    private mutating func atom() -> RegexTree? {
        guard let c = peek else { return nil }
        i += 1
        switch c {
        case "^": return .start
        case "$": return .end
        case ".": return set(.dot)
        case "(":
            if peek == "?" {
                // Only plain and named groups: lookaround is ICU's.
                guard i + 1 < scalars.count else { return nil }
                if scalars[i + 1] == ":" {
                    i += 2
                } else if scalars[i + 1] == "<", i + 2 < scalars.count, scalars[i + 2] != "=", scalars[i + 2] != "!" {
                    guard let close = scalars[i...].firstIndex(of: ">") else { return nil }
                    i = close + 1
                } else {
                    return nil
                }
            }
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= RegexAutomaton.maxNesting, let inner = alternatives(), peek == ")" else { return nil }
            i += 1
            return inner
        case "[": return characterClass()
        case "\\":
            guard let escaped = escape(inClass: false) else { return nil }
            return set(escaped)
        case "*", "+", "?", "{", ")": return nil
        default: return set(ScalarSet([c.value...c.value]))
        }
    }

    private mutating func set(_ scalars: ScalarSet) -> RegexTree {
        if let known = sets.firstIndex(of: scalars) { return .set(known) }
        sets.append(scalars)
        return .set(sets.count - 1)
    }

    private mutating func quantifier(on atom: RegexTree) -> RegexTree? {
        guard let c = peek else { return atom }
        var bounds: (Int, Int?)
        switch c {
        case "*": bounds = (0, nil)
        case "+": bounds = (1, nil)
        case "?": bounds = (0, 1)
        case "{":
            guard let counted = count() else { return nil }
            bounds = counted
        default: return atom
        }
        switch atom {
        case .start, .end: return nil  // quantified assertions: ICU's call
        default: break
        }
        i += c == "{" ? 0 : 1
        if peek == "?" { i += 1 }  // lazy: the same verdict
        return .repetition(atom, min: bounds.0, max: bounds.1)
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor, consumed; nil when it is not one (a literal brace is
    /// Annex B syntax, left to ICU).
    private mutating func count() -> (Int, Int?)? {
        var j = i + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while j < scalars.count, ("0"..."9").contains(scalars[j]) {
                value = min(value * 10 + Int(scalars[j].value - 48), RegexParser.maxCount + 1)
                j += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if j < scalars.count, scalars[j] == "," {
            j += 1
            high = number()
        }
        guard j < scalars.count, scalars[j] == "}", low <= RegexParser.maxCount else { return nil }
        if let high, high < low || high > RegexParser.maxCount { return nil }
        i = j + 1
        return (low, high)
    }

    private mutating func characterClass() -> RegexTree? {
        var negated = false
        if peek == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        while peek != nil, peek != "]" {
            guard let first = classAtom() else { return nil }
            if peek == "-", i + 1 < scalars.count, scalars[i + 1] != "]" {
                i += 1
                guard case .single(let low) = first, let second = classAtom(), case .single(let high) = second,
                    low <= high
                else { return nil }
                ranges.append(low...high)
                continue
            }
            switch first {
            case .single(let value): ranges.append(value...value)
            case .set(let set): ranges += set.ranges
            }
        }
        guard peek == "]" else { return nil }
        i += 1
        let members = ScalarSet(ranges)
        return set(negated ? members.inverted : members)
    }

    private enum ClassAtom {
        case single(UInt32)
        case set(ScalarSet)
    }

    private mutating func classAtom() -> ClassAtom? {
        guard let c = peek else { return nil }
        i += 1
        guard c == "\\" else { return .single(c.value) }
        if peek == "b" {
            i += 1
            return .single(0x08)
        }
        if peek == "-" {
            i += 1
            return .single(0x2D)
        }
        guard let set = escape(inClass: true) else { return nil }
        if set.ranges.count == 1, set.ranges[0].lowerBound == set.ranges[0].upperBound {
            return .single(set.ranges[0].lowerBound)
        }
        return .set(set)
    }

    /// The escape after a backslash (already consumed), as the scalars it matches.
    private mutating func escape(inClass: Bool) -> ScalarSet? {
        guard let c = peek else { return nil }
        i += 1
        func one(_ value: UInt32) -> ScalarSet { ScalarSet([value...value]) }
        switch c {
        case "d": return .digits
        case "D": return ScalarSet.digits.inverted
        case "w": return .word
        case "W": return ScalarSet.word.inverted
        case "s": return .space
        case "S": return ScalarSet.space.inverted
        case "t": return one(0x09)
        case "n": return one(0x0A)
        case "v": return one(0x0B)
        case "f": return one(0x0C)
        case "r": return one(0x0D)
        case "0":
            if let next = peek, ("0"..."9").contains(next) { return nil }
            return one(0)
        case "c":
            guard let letter = peek, ("a"..."z").contains(letter) || ("A"..."Z").contains(letter) else { return nil }
            i += 1
            return one(letter.value % 32)
        case "x":
            guard let value = hex(count: 2) else { return nil }
            return one(value)
        case "u":
            if peek == "{" {
                guard let close = scalars[i...].firstIndex(of: "}"), close > i + 1, close - i <= 9 else { return nil }
                i += 1
                guard let value = hex(count: close - i), value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value)
                else { return nil }
                i += 1
                return one(value)
            }
            guard let value = hex(count: 4), !(0xD800...0xDFFF).contains(value) else { return nil }
            return one(value)
        case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
            return one(c.value)
        default:
            // `\b`, `\B`, backreferences, `\k<…>`, `\p{…}`: ICU's. Other identity escapes of
            // punctuation are literal.
            if c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" { return nil }
            return one(c.value)
        }
    }

    private mutating func hex(count: Int) -> UInt32? {
        guard i + count <= scalars.count else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[i..<(i + count)] {
            guard let digit = hexDigit(scalar) else { return nil }
            value = value << 4 | digit
        }
        i += count
        return value
    }

    private func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 87
        case "A"..."F": scalar.value - 55
        default: nil
        }
    }
}

// MARK: - The NFA

/// One NFA instruction. Successors are instruction indices.
enum Instruction: Sendable {
    case consume(set: Int, next: Int32)
    case split(Int32, Int32)
    case jump(Int32)
    case assertStart(next: Int32)
    case assertEnd(next: Int32)
    case match

    var isMatch: Bool {
        if case .match = self { return true }
        return false
    }
}

/// Compiles a tree into instructions, each piece pointing at its continuation; instruction 0 is the entry.
struct ProgramBuilder {
    let sets: [ScalarSet]
    private var program: [Instruction] = []

    init(sets: [ScalarSet]) { self.sets = sets }

    mutating func build(_ tree: RegexTree) -> [Instruction]? {
        program = [.jump(0), .match]
        guard let entry = emit(tree, next: 1) else { return nil }
        program[0] = .jump(entry)
        return program
    }

    private mutating func add(_ instruction: Instruction) -> Int32? {
        guard program.count < RegexAutomaton.maxInstructions else { return nil }
        program.append(instruction)
        return Int32(program.count - 1)
    }

    private mutating func emit(_ tree: RegexTree, next: Int32) -> Int32? {
        switch tree {
        case .empty: return next
        case .set(let set): return add(.consume(set: set, next: next))
        case .start: return add(.assertStart(next: next))
        case .end: return add(.assertEnd(next: next))
        case .sequence(let items):
            var entry = next
            for item in items.reversed() {
                guard let previous = emit(item, next: entry) else { return nil }
                entry = previous
            }
            return entry
        case .alternatives(let branches):
            var entries: [Int32] = []
            for branch in branches {
                guard let entry = emit(branch, next: next) else { return nil }
                entries.append(entry)
            }
            var entry = entries[entries.count - 1]
            for other in entries.dropLast().reversed() {
                guard let split = add(.split(other, entry)) else { return nil }
                entry = split
            }
            return entry
        case .repetition(let body, let min, let max):
            var entry: Int32
            if let max {
                entry = next
                for _ in 0..<(max - min) {
                    guard let item = emit(body, next: entry), let split = add(.split(item, next)) else { return nil }
                    entry = split
                }
            } else {
                // A loop: the split is written once the body's entry is known.
                guard let loop = add(.jump(0)), let item = emit(body, next: loop) else { return nil }
                program[Int(loop)] = .split(item, next)
                entry = loop
            }
            for _ in 0..<min {
                guard let item = emit(body, next: entry) else { return nil }
                entry = item
            }
            return entry
        }
    }
}

/// Epsilon closures: from instructions to the leaves they reach (consuming instructions, `match`, and
/// `$` assertions that only the end of the text can pass).
struct Closure {
    let program: [Instruction]
    private var seen: [UInt32]
    private var generation: UInt32 = 0
    private var stack: [Int32] = []

    init(program: [Instruction]) {
        self.program = program
        self.seen = Array(repeating: 0, count: program.count)
    }

    /// The sorted leaves reached from `entries` (plus the leaves in `adding`).
    mutating func leaves(from entries: [Int32], atStart: Bool, atEnd: Bool = false, adding: [Int32] = [])
        -> [Int32]
    {
        generation &+= 1
        var result: [Int32] = []
        for pc in adding where seen[Int(pc)] != generation {
            seen[Int(pc)] = generation
            result.append(pc)
        }
        stack.append(contentsOf: entries.reversed())
        while let pc = stack.popLast() {
            guard seen[Int(pc)] != generation else { continue }
            seen[Int(pc)] = generation
            switch program[Int(pc)] {
            case .consume, .match: result.append(pc)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .jump(let target): stack.append(target)
            case .assertStart(let next): if atStart { stack.append(next) }
            case .assertEnd(let next):
                if atEnd { stack.append(next) } else { result.append(pc) }
            }
        }
        return result.sorted()
    }

    /// Whether a text ending here matches, given the live leaves.
    mutating func acceptsAtEnd(_ live: [Int32], atStart: Bool) -> Bool {
        var pending: [Int32] = []
        for pc in live {
            switch program[Int(pc)] {
            case .match: return true
            case .assertEnd(let next): pending.append(next)
            default: break
            }
        }
        guard !pending.isEmpty else { return false }
        return leaves(from: pending, atStart: atStart, atEnd: true).contains { program[Int($0)].isMatch }
    }
}

/// The program with its sets, and the leaves the search begins from: at the start of the text, and
/// at any later position (the search is unanchored).
struct NFA: Sendable {
    let program: [Instruction]
    let sets: [ScalarSet]
    let start: [Int32]
    let restart: [Int32]

    init(program: [Instruction], sets: [ScalarSet]) {
        self.program = program
        self.sets = sets
        var closure = Closure(program: program)
        start = closure.leaves(from: [0], atStart: true)
        restart = closure.leaves(from: [0], atStart: false)
    }

    /// Whether the live leaves hold `match`.
    func matched(_ leaves: [Int32]) -> Bool { leaves.contains { program[Int($0)].isMatch } }

    /// The live leaves after `scalar`, with a new search begun there.
    func step(_ leaves: [Int32], _ scalar: UInt32, _ closure: inout Closure) -> [Int32] {
        var targets: [Int32] = []
        for pc in leaves {
            if case .consume(let set, let next) = program[Int(pc)], sets[set].contains(scalar) {
                targets.append(next)
            }
        }
        return closure.leaves(from: targets, atStart: false, adding: restart)
    }
}

// MARK: - The ASCII DFA

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
