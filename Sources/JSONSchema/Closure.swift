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
