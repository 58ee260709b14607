/// A pattern compiled for `Backtracker`: instructions over code points, run forward or (inside a
/// lookbehind) backward.
///
/// Two forms. Without backreferences a pattern's verdict depends only on where the match is and which
/// instruction runs, so the program is plain (counts unrolled, no captures) and the backtracker remembers
/// every (branch, position) it has tried: each is tried once, and matching takes time linear in the text
/// for each lookaround. With backreferences it keeps ECMA-262's whole state (captures, iteration counts,
/// the empty-iteration check) and counts its steps against a budget.
struct BacktrackProgram: Sendable {
    enum Instruction: Sendable {
        case scalar(UInt32, backward: Bool)
        case member(Int, backward: Bool)
        case start
        case end
        case wordBoundary(negated: Bool)
        /// Try `first`, then `second`; `memo` is the branch's number when branches are remembered.
        case split(first: Int, second: Int, memo: Int)
        case jump(Int)
        case save(Int)
        /// Reset captures `slots` (a quantified group's, at each iteration).
        case clear(Range<Int>)
        case backreference(Int, backward: Bool)
        /// The lookaround's body starts at the next instruction and ends with `succeed`; `next` follows it.
        case look(id: Int, negated: Bool, next: Int)
        case succeed
        case loopStart(counter: Int)
        /// A quantifier's head: its body starts at the next instruction (`setPosition`).
        case loop(counter: Int, min: Int, max: Int, greedy: Bool, exit: Int)
        case setPosition(Int)
        case loopEnd(counter: Int, position: Int, min: Int, head: Int)
    }

    private(set) var instructions: [Instruction] = []
    private(set) var classes: [CharacterClass] = []
    /// Remembered branches (`split`'s `memo`), each with the lookaround it is in (0: none).
    private(set) var memoRegions: [Int] = []
    private(set) var lookCount = 0
    private(set) var registerCount: Int
    let remembers: Bool
    private let captures: Bool
    private var region = 0

    /// Longer programs are refused, unrolled or not.
    static let maxInstructions = 50_000

    struct TooLarge: Error {}

    /// The plain form when `remembers` (the pattern must have no backreferences), else the whole one.
    init(_ syntax: PatternSyntax, remembers: Bool) throws(TooLarge) {
        precondition(!remembers || !syntax.hasBackreferences)
        self.remembers = remembers
        self.captures = syntax.hasBackreferences
        self.registerCount = 2 * (syntax.groupCount + 1)
        try emit(syntax.root, backward: false)
        append(.succeed)
    }

    private mutating func append(_ instruction: Instruction) {
        instructions.append(instruction)
    }

    private mutating func emit(_ node: PatternNode, backward: Bool) throws(TooLarge) {
        guard instructions.count < Self.maxInstructions else { throw TooLarge() }
        switch node {
        case .empty: break
        case .scalar(let members):
            if let single = members.single {
                append(.scalar(single, backward: backward))
            } else {
                classes.append(members)
                append(.member(classes.count - 1, backward: backward))
            }
        case .start: append(.start)
        case .end: append(.end)
        case .wordBoundary(let negated): append(.wordBoundary(negated: negated))
        case .sequence(let items):
            for item in backward ? items.reversed() : items { try emit(item, backward: backward) }
        case .alternatives(let branches):
            var jumps: [Int] = []
            for branch in branches.dropLast() {
                let split = instructions.count
                append(.jump(0))
                try emit(branch, backward: backward)
                jumps.append(instructions.count)
                append(.jump(0))
                instructions[split] = self.split(split + 1, instructions.count)
            }
            try emit(branches[branches.count - 1], backward: backward)
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .group(let inner, let capture):
            guard captures, let capture else { return try emit(inner, backward: backward) }
            append(.save(2 * capture + (backward ? 1 : 0)))
            try emit(inner, backward: backward)
            append(.save(2 * capture + (backward ? 0 : 1)))
        case .look(let inner, let behind, let negated):
            lookCount += 1
            let id = lookCount
            let head = instructions.count
            append(.succeed)
            let outer = region
            region = id
            try emit(inner, backward: behind)
            region = outer
            append(.succeed)
            instructions[head] = .look(id: id, negated: negated, next: instructions.count)
        case .backreference(let group): append(.backreference(group, backward: backward))
        case .repetition(let inner, let min, let max, let greedy, let groups):
            if max == 0 { return }
            if remembers {
                try unrolled(inner, min: min, max: max, greedy: greedy, backward: backward)
            } else {
                try counted(inner, min: min, max: max, greedy: greedy, groups: groups, backward: backward)
            }
        }
    }

    private mutating func split(_ first: Int, _ second: Int) -> Instruction {
        guard remembers else { return .split(first: first, second: second, memo: -1) }
        memoRegions.append(region)
        return .split(first: first, second: second, memo: memoRegions.count - 1)
    }

    /// `x{2,4}` as `x x (x (x)?)?`, `x{2,}` as `x x x*`.
    private mutating func unrolled(
        _ inner: PatternNode, min: Int, max: Int?, greedy: Bool, backward: Bool
    ) throws(TooLarge) {
        for _ in 0..<min { try emit(inner, backward: backward) }
        guard let max else {
            let head = instructions.count
            append(.jump(0))
            try emit(inner, backward: backward)
            append(.jump(head))
            let exit = instructions.count
            instructions[head] = greedy ? split(head + 1, exit) : split(exit, head + 1)
            return
        }
        var heads: [Int] = []
        for _ in min..<max {
            heads.append(instructions.count)
            append(.jump(0))
            try emit(inner, backward: backward)
        }
        let exit = instructions.count
        for head in heads { instructions[head] = greedy ? split(head + 1, exit) : split(exit, head + 1) }
    }

    /// ECMA-262's RepeatMatcher: a counter, the position where the iteration began (an iteration past the
    /// minimum that matches nothing fails), and the captures inside reset at each iteration.
    private mutating func counted(
        _ inner: PatternNode, min: Int, max: Int?, greedy: Bool, groups: Range<Int>, backward: Bool
    ) throws(TooLarge) {
        let counter = registerCount
        let position = registerCount + 1
        registerCount += 2
        append(.loopStart(counter: counter))
        let head = instructions.count
        append(.jump(0))
        append(.setPosition(position))
        if captures, !groups.isEmpty { append(.clear((2 * groups.lowerBound)..<(2 * groups.upperBound))) }
        try emit(inner, backward: backward)
        append(.loopEnd(counter: counter, position: position, min: min, head: head))
        instructions[head] = .loop(counter: counter, min: min, max: max ?? Int.max, greedy: greedy, exit: instructions.count)
    }
}
