/// What a pattern says of a string: it matches, it does not, or the budget ran out before either was
/// known (only a pattern with backreferences can run out, or a lookaround over a very long string).
enum PatternVerdict: Sendable, Equatable {
    case match
    case noMatch
    /// `steps`: the budget that ran out.
    case undecided(steps: Int)
}

/// ECMA-262 matching by backtracking, for the patterns the automaton does not take (lookaround, `\b`,
/// backreferences, `\p{…}`, large counts). See `BacktrackProgram` for its two forms; both count steps,
/// and a match that would take more than its budget is `undecided`, never a wrong verdict.
final class Backtracker: Sendable {
    let program: BacktrackProgram
    private let syntax: PatternSyntax
    private let masks: [(low: UInt64, high: UInt64)]
    /// Whether every match must begin where the text does.
    private let anchored: Bool

    /// Steps allowed to a pattern with backreferences (about a tenth of a second).
    static let budget = 10_000_000
    /// The ceiling for remembered branches: their bound is known, so it scales with the text up to this.
    static let rememberingCeiling = 400_000_000
    /// Remembered (branch, position) cells above this fall back to the counted form.
    static let maxMemoCells = 8_000_000

    init(_ syntax: PatternSyntax, remembers: Bool? = nil) throws(PatternError) {
        let plain = remembers ?? !syntax.hasBackreferences
        self.syntax = syntax
        do {
            if plain, let unrolled = try? BacktrackProgram(syntax, remembers: true) {
                program = unrolled
            } else {
                program = try BacktrackProgram(syntax, remembers: false)
            }
        } catch {
            throw PatternError(message: "the pattern compiles to more than \(BacktrackProgram.maxInstructions) steps")
        }
        masks = program.classes.map(\.asciiMask)
        anchored = Self.startsAnchored(syntax.root)
    }

    private static func startsAnchored(_ node: PatternNode) -> Bool {
        switch node {
        case .start: true
        case .sequence(let items): items.first.map(startsAnchored) ?? false
        case .group(let inner, _): startsAnchored(inner)
        case .alternatives(let branches): branches.allSatisfy(startsAnchored)
        default: false
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    func verdict(_ text: String, budget: Int? = nil) -> PatternVerdict {
        let scalars = text.unicodeScalars.map(\.value)
        var run = Run(self, scalars)
        let n = scalars.count
        if let budget {
            run.budget = budget
        } else if program.remembers {
            let bound = program.instructions.count &* (n + 1) &* (program.lookCount &* (n + 1) &+ 1) &* 2
            run.budget = max(Self.budget, min(bound, Self.rememberingCeiling))
        } else {
            run.budget = Self.budget
        }
        if program.remembers, !program.memoRegions.isEmpty {
            let cells = program.memoRegions.count.multipliedReportingOverflow(by: n + 1)
            if cells.overflow || cells.partialValue > Self.maxMemoCells {
                // Too long a text to remember every branch at every position: the counted form.
                return (try? Backtracker(syntax, remembers: false))?.verdict(text) ?? .undecided(steps: 0)
            }
            run.memo = [UInt32](repeating: 0, count: cells.partialValue)
        }
        for start in 0...(anchored ? 0 : n) {
            if run.run(0, start) != nil { return .match }
            if run.exhausted { return .undecided(steps: run.budget) }
        }
        return .noMatch
    }

    /// One match's state.
    fileprivate struct Run {
        let instructions: [BacktrackProgram.Instruction]
        let classes: [CharacterClass]
        let masks: [(low: UInt64, high: UInt64)]
        let memoRegions: [Int]
        let text: [UInt32]
        var registers: [Int]
        /// Register writes to undo on backtracking: (register, old value).
        var trail: [(Int, Int)] = []
        /// Alternatives to try: (instruction, position, trail length).
        var stack: [(pc: Int, pos: Int, trail: Int)] = []
        var memo: [UInt32] = []
        /// The current invocation of each lookaround (0: the main match), so remembered branches inside one
        /// are forgotten when it is entered again.
        var stamps: [UInt32]
        /// Lookaround verdicts by (lookaround, position): 0 unknown, 1 true, 2 false (plain form only).
        var looks: [UInt8]
        let remembers: Bool
        var steps = 0
        var budget = 0
        var exhausted = false

        init(_ backtracker: Backtracker, _ text: [UInt32]) {
            let program = backtracker.program
            instructions = program.instructions
            classes = program.classes
            masks = backtracker.masks
            memoRegions = program.memoRegions
            remembers = program.remembers
            self.text = text
            registers = [Int](repeating: -1, count: program.registerCount)
            stamps = [UInt32](repeating: 1, count: program.lookCount + 1)
            looks = remembers && program.lookCount > 0
                ? [UInt8](repeating: 0, count: (program.lookCount + 1) * (text.count + 1)) : []
        }

        private mutating func set(_ register: Int, _ value: Int) {
            trail.append((register, registers[register]))
            registers[register] = value
        }

        private mutating func unwind(to length: Int) {
            while trail.count > length {
                let (register, value) = trail.removeLast()
                registers[register] = value
            }
        }

        private func isWord(_ pos: Int) -> Bool {
            guard pos >= 0, pos < text.count else { return false }
            let c = text[pos]
            return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || (c >= 0x61 && c <= 0x7A)
        }

        private func member(_ index: Int, _ c: UInt32) -> Bool {
            if c < 64 { return masks[index].low & (1 << UInt64(c)) != 0 }
            if c < 128 { return masks[index].high & (1 << UInt64(c - 64)) != 0 }
            return classes[index].contains(c)
        }

        /// Runs from `pc` at `pos` until a `succeed`: the position there, or nil when every alternative
        /// fails. Alternatives left inside are dropped on success (lookaround is atomic).
        mutating func run(_ startPC: Int, _ startPos: Int) -> Int? {
            let base = stack.count
            var pc = startPC
            var pos = startPos
            let n = text.count
            while true {
                steps &+= 1
                if steps > budget {
                    exhausted = true
                    stack.removeSubrange(base...)
                    return nil
                }
                var ok = true
                switch instructions[pc] {
                case .scalar(let c, let backward):
                    if backward {
                        if pos > 0, text[pos - 1] == c { pos -= 1; pc += 1 } else { ok = false }
                    } else {
                        if pos < n, text[pos] == c { pos += 1; pc += 1 } else { ok = false }
                    }
                case .member(let index, let backward):
                    if backward {
                        if pos > 0, member(index, text[pos - 1]) { pos -= 1; pc += 1 } else { ok = false }
                    } else {
                        if pos < n, member(index, text[pos]) { pos += 1; pc += 1 } else { ok = false }
                    }
                case .start:
                    if pos == 0 { pc += 1 } else { ok = false }
                case .end:
                    if pos == n { pc += 1 } else { ok = false }
                case .wordBoundary(let negated):
                    if (isWord(pos - 1) != isWord(pos)) != negated { pc += 1 } else { ok = false }
                case .split(let first, let second, let memo):
                    if memo >= 0 {
                        let cell = memo * (n + 1) + pos
                        let stamp = stamps[memoRegions[memo]]
                        if self.memo[cell] == stamp {
                            ok = false
                            break
                        }
                        self.memo[cell] = stamp
                    }
                    stack.append((second, pos, trail.count))
                    pc = first
                case .jump(let target):
                    pc = target
                case .save(let slot):
                    set(slot, pos)
                    pc += 1
                case .clear(let slots):
                    for slot in slots where registers[slot] != -1 { set(slot, -1) }
                    pc += 1
                case .backreference(let group, let backward):
                    let from = registers[2 * group]
                    let to = registers[2 * group + 1]
                    guard from >= 0, to >= from else {
                        pc += 1  // an unset group matches the empty string
                        break
                    }
                    let length = to - from
                    if backward {
                        if pos - length >= 0, text[(pos - length)..<pos].elementsEqual(text[from..<to]) {
                            pos -= length
                            pc += 1
                        } else {
                            ok = false
                        }
                    } else {
                        if pos + length <= n, text[pos..<(pos + length)].elementsEqual(text[from..<to]) {
                            pos += length
                            pc += 1
                        } else {
                            ok = false
                        }
                    }
                case .look(let id, let negated, let next):
                    var found: Bool
                    let cached = remembers ? looks[id * (n + 1) + pos] : 0
                    if cached != 0 {
                        found = cached == 1
                    } else {
                        let mark = trail.count
                        if remembers { stamps[id] &+= 1 }
                        found = run(pc + 1, pos) != nil
                        if exhausted {
                            stack.removeSubrange(base...)
                            return nil
                        }
                        if remembers { looks[id * (n + 1) + pos] = found ? 1 : 2 }
                        // A negative lookaround keeps no captures.
                        if negated { unwind(to: mark) }
                    }
                    if found != negated { pc = next } else { ok = false }
                case .succeed:
                    stack.removeSubrange(base...)
                    return pos
                case .loopStart(let counter):
                    set(counter, 0)
                    pc += 1
                case .loop(let counter, let min, let max, let greedy, let exit):
                    let count = registers[counter]
                    if count < min {
                        pc += 1
                    } else if count >= max {
                        pc = exit
                    } else if greedy {
                        stack.append((exit, pos, trail.count))
                        pc += 1
                    } else {
                        stack.append((pc + 1, pos, trail.count))
                        pc = exit
                    }
                case .setPosition(let register):
                    set(register, pos)
                    pc += 1
                case .loopEnd(let counter, let position, let min, let head):
                    let count = registers[counter]
                    if count >= min, pos == registers[position] {
                        ok = false  // an optional iteration that matched nothing
                    } else {
                        set(counter, count + 1)
                        pc = head
                    }
                }
                if !ok {
                    guard stack.count > base else { return nil }
                    let entry = stack.removeLast()
                    unwind(to: entry.trail)
                    pc = entry.pc
                    pos = entry.pos
                }
            }
        }
    }
}
