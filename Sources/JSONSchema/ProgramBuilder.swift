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
