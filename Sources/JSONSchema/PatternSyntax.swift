/// An ECMA-262 regular expression parsed whole: every construct `pattern` may use, including what the
/// automaton does not take (captures, backreferences, lookaround, `\b`, `\p{…}`, large counts).
///
/// Patterns are read with ECMA-262's Unicode semantics (the `u` flag: code points, `\p{…}`, `\u{…}`), and
/// with the Annex B leniency API documents rely on: a `{` or `}` that is not a quantifier, a lone `]`, and
/// an identity escape of any punctuation are literals. A Python, PCRE or ICU construct (`(?P<n>…)`,
/// `(?i)`, `\a`, `\Z`, octal escapes) is an error, as JSON Schema asks.
indirect enum PatternNode: Sendable {
    case empty
    /// One scalar of the class.
    case scalar(CharacterClass)
    case start
    case end
    case wordBoundary(negated: Bool)
    case sequence([PatternNode])
    case alternatives([PatternNode])
    /// A group; `capture` is its number (from 1) when it captures.
    case group(PatternNode, capture: Int?)
    case look(PatternNode, behind: Bool, negated: Bool)
    case backreference(Int)
    /// `groups` are the numbers of the captures inside, which each iteration resets.
    case repetition(PatternNode, min: Int, max: Int?, greedy: Bool, groups: Range<Int>)
}

struct PatternSyntax: Sendable {
    let root: PatternNode
    /// How many capturing groups the pattern has.
    let groupCount: Int
    let hasBackreferences: Bool
    let hasLookaround: Bool

    /// Counts above this are refused: ECMA-262 allows up to 2⁵³, but no string in a JSON document needs more.
    static let maxCount = 1_000_000
    /// Nesting deeper than this is refused: the parser and the compiler recurse once per level.
    static let maxNesting = 256

    init(_ source: String) throws(PatternError) {
        var parser = Parser(source: source)
        let tree = try parser.parse()
        self.groupCount = parser.groupCount
        self.hasLookaround = parser.hasLookaround
        var resolved = false
        if !parser.namedReferences.isEmpty || parser.highestReference > 0 {
            guard parser.highestReference <= parser.groupCount else {
                throw parser.fail("\\\(parser.highestReference) refers to a group the pattern does not have")
            }
            for name in parser.namedReferences where parser.groupNames[name] == nil {
                throw parser.fail("\\k<\(name)> refers to a group the pattern does not have")
            }
            resolved = true
        }
        self.hasBackreferences = resolved
        var numbers: [Int: Int] = [:]
        for (index, name) in parser.namedReferences.enumerated() { numbers[-(index + 1)] = parser.groupNames[name] }
        self.root = resolved ? Self.resolveNames(tree, numbers) : tree
    }

    /// Named backreferences are parsed as negative numbers into `namedReferences`, resolved once every
    /// group is known (a reference may come before its group).
    private static func resolveNames(_ node: PatternNode, _ names: [Int: Int]) -> PatternNode {
        switch node {
        case .empty, .scalar, .start, .end, .wordBoundary: return node
        case .backreference(let n): return n >= 0 ? node : .backreference(names[n] ?? 0)
        case .sequence(let items): return .sequence(items.map { resolveNames($0, names) })
        case .alternatives(let items): return .alternatives(items.map { resolveNames($0, names) })
        case .group(let inner, let capture): return .group(resolveNames(inner, names), capture: capture)
        case .look(let inner, let behind, let negated):
            return .look(resolveNames(inner, names), behind: behind, negated: negated)
        case .repetition(let inner, let min, let max, let greedy, let groups):
            return .repetition(resolveNames(inner, names), min: min, max: max, greedy: greedy, groups: groups)
        }
    }

    private struct Parser {
        let source: String
        let scalars: [Unicode.Scalar]
        var i = 0
        var groupCount = 0
        var groupNames: [String: Int] = [:]
        var namedReferences: [String] = []
        var highestReference = 0
        var hasLookaround = false
        var nesting = 0

        init(source: String) {
            self.source = source
            self.scalars = Array(source.unicodeScalars)
        }

        func fail(_ why: String) -> PatternError {
            PatternError(message: "\"\(source)\" is not an ECMA-262 regular expression: \(why)")
        }

        private var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

        private func peek(_ offset: Int) -> Unicode.Scalar? {
            i + offset < scalars.count ? scalars[i + offset] : nil
        }

        mutating func parse() throws(PatternError) -> PatternNode {
            let tree = try alternatives()
            if i < scalars.count { throw fail("an unmatched ')'") }
            return tree
        }

        private mutating func alternatives() throws(PatternError) -> PatternNode {
            var branches: [PatternNode] = []
            while true {
                branches.append(try sequence())
                guard peek == "|" else { break }
                i += 1
            }
            return branches.count == 1 ? branches[0] : .alternatives(branches)
        }

        private mutating func sequence() throws(PatternError) -> PatternNode {
            var items: [PatternNode] = []
            while let c = peek, c != "|", c != ")" {
                let groupsBefore = groupCount
                let (atom, quantifiable) = try atom()
                items.append(try quantifier(on: atom, quantifiable: quantifiable, groups: groupsBefore..<groupCount))
            }
            return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .sequence(items))
        }

        /// The atom at the cursor, and whether a quantifier may follow it.
        private mutating func atom() throws(PatternError) -> (PatternNode, Bool) {
            let c = scalars[i]
            i += 1
            switch c {
            case "^": return (.start, false)
            case "$": return (.end, false)
            case ".": return (.scalar(CharacterClass(.dot)), true)
            case "(": return try group()
            case "[": return (.scalar(try characterClass()), true)
            case "\\":
                guard let next = peek else { throw fail("it ends with a lone backslash") }
                switch next {
                case "b", "B":
                    i += 1
                    return (.wordBoundary(negated: next == "B"), false)
                case "1"..."9":
                    var n = 0
                    while let d = peek, ("0"..."9").contains(d) {
                        n = min(n * 10 + Int(d.value - 48), 100_000)
                        i += 1
                    }
                    highestReference = max(highestReference, n)
                    return (.backreference(n), true)
                case "k":
                    i += 1
                    guard peek == "<", let name = try groupName() else { throw fail("\\k needs a group name") }
                    namedReferences.append(name)
                    return (.backreference(-namedReferences.count), true)
                default:
                    return (.scalar(try escape(inClass: false)), true)
                }
            case "*", "+", "?": throw fail("'\(c)' has nothing to repeat")
            case "{":
                if countLength(at: i - 1) != nil { throw fail("'{' has nothing to repeat") }
                return (.scalar(CharacterClass(c.value)), true)
            case ")": throw fail("an unmatched ')'")
            default: return (.scalar(CharacterClass(c.value)), true)
            }
        }

        private mutating func group() throws(PatternError) -> (PatternNode, Bool) {
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= PatternSyntax.maxNesting else {
                throw fail("groups nest more than \(PatternSyntax.maxNesting) deep")
            }
            var capture: Int?
            var look: (behind: Bool, negated: Bool)?
            if peek == "?" {
                switch (peek(1), peek(2)) {
                case (":", _): i += 2
                case ("=", _), ("!", _):
                    look = (false, peek(1) == "!")
                    i += 2
                case ("<", "="), ("<", "!"):
                    look = (true, peek(2) == "!")
                    i += 3
                case ("<", _):
                    i += 1
                    guard let name = try groupName() else { throw fail("a named group needs a valid name") }
                    guard groupNames[name] == nil else { throw fail("two groups are named \"\(name)\"") }
                    groupCount += 1
                    groupNames[name] = groupCount
                    capture = groupCount
                default:
                    let next = peek(1).map { String($0) } ?? ""
                    throw fail("\"(?\(next)\" is not ECMA-262 group syntax")
                }
            } else {
                groupCount += 1
                capture = groupCount
            }
            let inner = try alternatives()
            guard peek == ")" else { throw fail("an unclosed '('") }
            i += 1
            if let look {
                hasLookaround = true
                // Annex B lets a lookahead be quantified (it changes nothing); a lookbehind may not be.
                return (.look(inner, behind: look.behind, negated: look.negated), !look.behind)
            }
            return (.group(inner, capture: capture), true)
        }

        /// `<name>` at the cursor (which is on `<`), consumed; nil when the name is not an identifier.
        private mutating func groupName() throws(PatternError) -> String? {
            guard peek == "<" else { return nil }
            var j = i + 1
            var name = ""
            while j < scalars.count, scalars[j] != ">" {
                name.unicodeScalars.append(scalars[j])
                j += 1
            }
            guard j < scalars.count, let first = name.unicodeScalars.first,
                first.properties.isIDStart || first == "_" || first == "$",
                name.unicodeScalars.allSatisfy({ $0.properties.isIDContinue || $0 == "$" || $0 == "\u{200C}" || $0 == "\u{200D}" })
            else { return nil }
            i = j + 1
            return name
        }

        private mutating func quantifier(
            on atom: PatternNode, quantifiable: Bool, groups: Range<Int>
        ) throws(PatternError) -> PatternNode {
            guard let c = peek else { return atom }
            var bounds: (min: Int, max: Int?)
            switch c {
            case "*": bounds = (0, nil)
            case "+": bounds = (1, nil)
            case "?": bounds = (0, 1)
            case "{":
                guard let length = countLength(at: i) else { return atom }
                bounds = try count(length: length)
            default: return atom
            }
            guard quantifiable else { throw fail("'\(c)' follows something that cannot be repeated") }
            if c != "{" { i += 1 }
            var greedy = true
            if peek == "?" {
                greedy = false
                i += 1
            }
            if let next = peek, next == "*" || next == "+" || next == "?" || (next == "{" && countLength(at: i) != nil) {
                throw fail("'\(next)' has nothing to repeat")
            }
            return .repetition(atom, min: bounds.min, max: bounds.max, greedy: greedy, groups: (groups.lowerBound + 1)..<(groups.upperBound + 1))
        }

        /// The length of `{n}`, `{n,}` or `{n,m}` at `j`; nil when the brace is a literal.
        private func countLength(at j: Int) -> Int? {
            var k = j + 1
            var digits = 0
            while k < scalars.count, ("0"..."9").contains(scalars[k]) {
                k += 1
                digits += 1
            }
            guard digits > 0, k < scalars.count else { return nil }
            if scalars[k] == "," {
                k += 1
                while k < scalars.count, ("0"..."9").contains(scalars[k]) { k += 1 }
            }
            guard k < scalars.count, scalars[k] == "}" else { return nil }
            return k - j + 1
        }

        private mutating func count(length: Int) throws(PatternError) -> (Int, Int?) {
            let text = String(String.UnicodeScalarView(scalars[(i + 1)..<(i + length - 1)]))
            i += length
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            func number(_ part: Substring) throws(PatternError) -> Int {
                guard part.count <= 9, let n = Int(part), n <= PatternSyntax.maxCount else {
                    throw fail("a count above \(PatternSyntax.maxCount) in {\(text)}")
                }
                return n
            }
            let low = try number(parts[0])
            let high: Int? = parts.count == 1 ? low : (parts[1].isEmpty ? nil : try number(parts[1]))
            if let high, high < low { throw fail("{\(text)} has its numbers out of order") }
            return (low, high)
        }

        private mutating func characterClass() throws(PatternError) -> CharacterClass {
            var negated = false
            if peek == "^" {
                negated = true
                i += 1
            }
            var members = CharacterClass(ScalarSet([]))
            while true {
                guard let c = peek else { throw fail("an unclosed '['") }
                if c == "]" { break }
                let first = try classAtom()
                if peek == "-", let after = peek(1), after != "]" {
                    i += 1
                    let second = try classAtom()
                    guard case .single(let low) = first, case .single(let high) = second else {
                        throw fail("a class range needs single characters at both ends")
                    }
                    guard low <= high else { throw fail("a class range is out of order") }
                    members.add(CharacterClass(ScalarSet([low...high])))
                    continue
                }
                switch first {
                case .single(let value): members.add(CharacterClass(value))
                case .class(let set): members.add(set)
                }
            }
            i += 1
            return negated ? members.inverted : members
        }

        private enum ClassAtom {
            case single(UInt32)
            case `class`(CharacterClass)
        }

        private mutating func classAtom() throws(PatternError) -> ClassAtom {
            let c = scalars[i]
            i += 1
            guard c == "\\" else { return .single(c.value) }
            guard let next = peek else { throw fail("it ends with a lone backslash") }
            switch next {
            case "b":
                i += 1
                return .single(0x08)
            case "-":
                i += 1
                return .single(0x2D)
            case "B": throw fail("\\B is not allowed in a character class")
            case "1"..."9": throw fail("a backreference is not allowed in a character class")
            default: break
            }
            let members = try escape(inClass: true)
            if let single = members.single { return .single(single) }
            return .class(members)
        }

        /// The escape after a backslash (already consumed), as the scalars it matches.
        private mutating func escape(inClass: Bool) throws(PatternError) -> CharacterClass {
            let c = scalars[i]
            i += 1
            switch c {
            case "d": return CharacterClass(.digits)
            case "D": return CharacterClass(ScalarSet.digits.inverted)
            case "w": return CharacterClass(.word)
            case "W": return CharacterClass(ScalarSet.word.inverted)
            case "s": return CharacterClass(.space)
            case "S": return CharacterClass(ScalarSet.space.inverted)
            case "t": return CharacterClass(0x09)
            case "n": return CharacterClass(0x0A)
            case "v": return CharacterClass(0x0B)
            case "f": return CharacterClass(0x0C)
            case "r": return CharacterClass(0x0D)
            case "0":
                if let next = peek, ("0"..."9").contains(next) { throw fail("octal escapes are not allowed") }
                return CharacterClass(0)
            case "c":
                guard let letter = peek, ("a"..."z").contains(letter) || ("A"..."Z").contains(letter) else {
                    throw fail("\\c needs a letter")
                }
                i += 1
                return CharacterClass(letter.value % 32)
            case "x":
                guard let value = hex(count: 2) else { throw fail("\\x needs two hex digits") }
                return CharacterClass(value)
            case "u":
                if peek == "{" {
                    var j = i + 1
                    var value: UInt32 = 0
                    while j < scalars.count, let digit = hexDigit(scalars[j]), value <= 0x10FFFF {
                        value = value << 4 | digit
                        j += 1
                    }
                    guard j > i + 1, j < scalars.count, scalars[j] == "}", value <= 0x10FFFF else {
                        throw fail("\\u{…} needs hex digits of a code point")
                    }
                    i = j + 1
                    return CharacterClass(value)
                }
                guard let value = hex(count: 4) else { throw fail("\\u needs four hex digits") }
                // A surrogate pair written as two escapes is one code point.
                if (0xD800...0xDBFF).contains(value), peek == "\\", peek(1) == "u" {
                    let saved = i
                    i += 2
                    if let low = hex(count: 4), (0xDC00...0xDFFF).contains(low) {
                        return CharacterClass(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))
                    }
                    i = saved
                }
                return CharacterClass(value)
            case "p", "P":
                guard peek == "{", let close = scalars[i...].firstIndex(of: "}") else {
                    throw fail("\\\(c) needs a {property}")
                }
                let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                i = close + 1
                guard let property = UnicodeProperty(name) else {
                    throw fail("\\\(c){\(name)} names no Unicode property ECMA-262 knows")
                }
                return CharacterClass(property: property, negated: c == "P")
            case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
                return CharacterClass(c.value)
            default:
                if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                    throw fail("\"\\\(c)\" is not an ECMA-262 escape")
                }
                // Identity escape of punctuation or other symbols.
                return CharacterClass(c.value)
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
}
