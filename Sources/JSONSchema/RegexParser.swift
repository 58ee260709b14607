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
    /// Counted repetitions above this are left to the backtracker (they would unroll into a large program).
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
                // Only plain and named groups: lookaround is the backtracker's.
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
        case .start, .end: return nil  // quantified assertions: the backtracker's call
        default: break
        }
        i += c == "{" ? 0 : 1
        if peek == "?" { i += 1 }  // lazy: the same verdict
        return .repetition(atom, min: bounds.0, max: bounds.1)
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor, consumed; nil when it is not one (a literal brace is
    /// Annex B syntax, left to the backtracker).
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
            // `\b`, `\B`, backreferences, `\k<…>`, `\p{…}`: the backtracker's. Other identity escapes of
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
