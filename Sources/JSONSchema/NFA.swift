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
