import Foundation

/// An ECMA-262 regular expression, as JSON Schema's `pattern` and `format: regex` mean it.
///
/// Most patterns in API documents are regular expressions in the strict sense: those run as a
/// `RegexAutomaton`, linear in the text. The rest (lookaround, `\b`, backreferences, `\p{…}`, large
/// counts) run on `Backtracker`, which follows ECMA-262 step for step and answers `undecided` rather than
/// guess when a match would take more than its budget.
final class Pattern: Sendable {
    let source: String
    private let engine: Engine

    private enum Engine {
        case automaton(RegexAutomaton)
        case backtracker(Backtracker)
    }

    init(_ source: String) throws(PatternError) {
        let syntax = try PatternSyntax(source)
        self.source = source
        if let automaton = RegexAutomaton(source) {
            engine = .automaton(automaton)
        } else {
            engine = .backtracker(try Backtracker(syntax))
        }
    }

    /// Whether the backtracker runs this pattern (it uses what the automaton does not have).
    var usesBacktracker: Bool {
        if case .backtracker = engine { return true }
        return false
    }

    /// A short string the pattern matches, with `minLength`…`maxLength` characters, when the automaton runs
    /// the pattern (the backtracker's patterns give none).
    func example(minLength: Int = 0, maxLength: Int? = nil) -> String? {
        guard case .automaton(let automaton) = engine else { return nil }
        return automaton.example(minLength: minLength, maxLength: maxLength)
    }

    /// Whether the pattern matches anywhere in `text` (patterns are not anchored), or `undecided`.
    func verdict(_ text: String) -> PatternVerdict {
        switch engine {
        case .automaton(let automaton): automaton.matches(text) ? .match : .noMatch
        case .backtracker(let backtracker): backtracker.verdict(text)
        }
    }

    /// `verdict` on the text whose (valid, unescaped) UTF-8 is `bytes`, read in place by the automaton.
    func verdict(utf8 bytes: UnsafeRawBufferPointer) -> PatternVerdict {
        switch engine {
        case .automaton(let automaton):
            automaton.matches(utf8: bytes.assumingMemoryBound(to: UInt8.self)) ? .match : .noMatch
        case .backtracker(let backtracker): backtracker.verdict(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Whether the pattern is known to match `text` (`undecided` is no).
    func matches(_ text: String) -> Bool { verdict(text) == .match }

    /// What a validator says when the verdict on `text` is unknown.
    func undecidedMessage(_ text: String, steps: Int) -> String {
        var budget = String(steps)
        for index in stride(from: budget.count - 3, to: 0, by: -3) {
            budget.insert(",", at: budget.index(budget.startIndex, offsetBy: index))
        }
        return "the pattern \"\(source)\" could not be decided on a string of \(text.unicodeScalars.count) characters "
            + "within \(budget) backtracking steps (its backreferences make matching exponential); the string is refused"
    }
}

/// Each engine's answer for one pattern and text, for the differential fuzzer: the automaton's (nil when it
/// does not take the pattern), the backtracker's in both its forms, and ICU's on the translated pattern
/// (nil when ICU cannot run it).
@_spi(Fuzzing)
public enum PatternEngines {
    public static func answers(
        pattern: String, text: String
    ) -> (automaton: Bool?, remembering: Bool?, counted: Bool?, icu: Bool?)? {
        guard let syntax = try? PatternSyntax(pattern) else { return nil }
        func answer(_ backtracker: Backtracker?) -> Bool? {
            switch backtracker?.verdict(text) {
            case .match: true
            case .noMatch: false
            case .undecided, nil: nil
            }
        }
        let remembering = syntax.hasBackreferences ? nil : answer(try? Backtracker(syntax, remembers: true))
        let counted = answer(try? Backtracker(syntax, remembers: false))
        var icu: Bool?
        if let translated = try? ECMARegex.translate(pattern),
            let regex = try? NSRegularExpression(pattern: translated, options: [])
        {
            icu = regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count)) != nil
        }
        return (RegexAutomaton(pattern)?.matches(text), remembering, counted, icu)
    }
}

struct PatternError: Error, Sendable {
    var message: String
}

/// ECMA-262 syntax: the `regex` format, and the ICU form of a pattern, which the tests and the fuzzer use as
/// an independent check of the engines (ICU no longer runs patterns: it gives up on long backtracking and
/// then answers "no match").
enum ECMARegex {
    /// Whether `source` is a valid ECMA-262 regular expression (the `regex` format).
    static func isValid(_ source: String) -> Bool {
        (try? PatternSyntax(source)) != nil
    }

    static func translate(_ source: String) throws(PatternError) -> String {
        let chars = Array(source.unicodeScalars)
        var out = ""
        var i = 0
        var depth = 0
        func fail(_ why: String) -> PatternError {
            PatternError(message: "\"\(source)\" is not an ECMA-262 regular expression: \(why)")
        }

        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < chars.count else { throw fail("it ends with a lone backslash") }
                let (text, length) = try escape(chars, at: i, inClass: false, fail: fail)
                out += text
                i += length
                continue
            case "(":
                if i + 1 < chars.count, chars[i + 1] == "?" {
                    let rest = String(String.UnicodeScalarView(chars[(i + 2)...].prefix(3)))
                    if rest.hasPrefix(":") || rest.hasPrefix("=") || rest.hasPrefix("!") || rest.hasPrefix("<=")
                        || rest.hasPrefix("<!")
                    {
                        out += "(?"
                        i += 2
                    } else if rest.hasPrefix("<") {
                        // A named group: (?<name>…)
                        var j = i + 3
                        var name = ""
                        while j < chars.count, chars[j] != ">" {
                            name.unicodeScalars.append(chars[j])
                            j += 1
                        }
                        guard j < chars.count, let first = name.unicodeScalars.first,
                            first.properties.isAlphabetic || first == "_" || first == "$",
                            name.unicodeScalars.allSatisfy({
                                $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)
                            })
                        else { throw fail("a named group needs a valid name") }
                        out += "(?<\(name)>"
                        i = j + 1
                    } else {
                        throw fail("\"(?\(rest.prefix(1))\" is not ECMA-262 group syntax")
                    }
                } else {
                    out += "("
                    i += 1
                }
                depth += 1
                continue
            case ")":
                guard depth > 0 else { throw fail("an unmatched ')'") }
                depth -= 1
                out += ")"
            case "$":
                out += "\\z"
            case "[":
                let (text, length) = try characterClass(chars, at: i, fail: fail)
                out += text
                i += length
                continue
            case "{":
                if let length = quantifierLength(chars, at: i) {
                    out += String(String.UnicodeScalarView(chars[i..<(i + length)]))
                    i += length
                    continue
                }
                out += "\\{"
            case "}", "]":
                out += "\\" + String(c)
            default:
                out.unicodeScalars.append(c)
            }
            i += 1
        }
        guard depth == 0 else { throw fail("an unclosed '('") }
        return out
    }

    /// `{n}`, `{n,}` or `{n,m}` at `i`: its length; nil when the brace is a literal.
    private static func quantifierLength(_ chars: [Unicode.Scalar], at i: Int) -> Int? {
        var j = i + 1
        var digits = 0
        while j < chars.count, ("0"..."9").contains(chars[j]) {
            j += 1
            digits += 1
        }
        guard digits > 0, j < chars.count else { return nil }
        if chars[j] == "," {
            j += 1
            while j < chars.count, ("0"..."9").contains(chars[j]) { j += 1 }
        }
        guard j < chars.count, chars[j] == "}" else { return nil }
        return j - i + 1
    }

    private static func characterClass(
        _ chars: [Unicode.Scalar], at start: Int, fail: (String) -> PatternError
    ) throws(PatternError) -> (String, Int) {
        var i = start + 1
        var negated = false
        if i < chars.count, chars[i] == "^" {
            negated = true
            i += 1
        }
        if i < chars.count, chars[i] == "]" {
            // `[]` matches nothing, `[^]` anything.
            return (negated ? "[\\s\\S]" : "(?!)", i + 1 - start)
        }
        var out = negated ? "[^" : "["
        while true {
            guard i < chars.count else { throw fail("an unclosed '['") }
            let c = chars[i]
            if c == "]" { break }
            if c == "\\" {
                guard i + 1 < chars.count else { throw fail("it ends with a lone backslash") }
                let (text, length) = try escape(chars, at: i, inClass: true, fail: fail)
                out += text
                i += length
                continue
            }
            if c == "[" || c == "&" || c == "~" || c == "=" || c == "!" {
                out += "\\" + String(c)
            } else {
                out.unicodeScalars.append(c)
            }
            i += 1
        }
        out += "]"
        return (out, i + 1 - start)
    }

    /// The ICU form of the escape at `i` (which is a backslash) and how many scalars it spans.
    private static func escape(
        _ chars: [Unicode.Scalar], at i: Int, inClass: Bool, fail: (String) -> PatternError
    ) throws(PatternError) -> (String, Int) {
        let c = chars[i + 1]
        switch c {
        case "d": return (inClass ? "0-9" : "[0-9]", 2)
        case "D": return (inClass ? "\\x{0}-/:-\\x{10FFFF}" : "[^0-9]", 2)
        case "w": return (inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]", 2)
        case "W": return (inClass ? "\\x{0}-/:-@\\[-\\^`\\{-\\x{10FFFF}" : "[^a-zA-Z0-9_]", 2)
        case "s", "S", "f", "n", "r", "t": return ("\\" + String(c), 2)
        case "b": return (inClass ? "\\x{08}" : "\\b", 2)
        case "B":
            guard !inClass else { throw fail("\\B is not allowed in a character class") }
            return ("\\B", 2)
        case "v": return ("\\x{0B}", 2)
        case "0":
            if i + 2 < chars.count, ("0"..."9").contains(chars[i + 2]) { throw fail("octal escapes are not allowed") }
            return ("\\x{00}", 2)
        case "1"..."9":
            var j = i + 1
            while j < chars.count, ("0"..."9").contains(chars[j]) { j += 1 }
            return ("\\" + String(String.UnicodeScalarView(chars[(i + 1)..<j])), j - i)
        case "c":
            guard i + 2 < chars.count,
                chars[i + 2].properties.isASCIIHexDigit || ("a"..."z").contains(chars[i + 2])
                    || ("A"..."Z").contains(chars[i + 2])
            else { throw fail("\\c needs a letter") }
            return ("\\c" + String(chars[i + 2]).uppercased(), 3)
        case "x":
            guard i + 3 < chars.count, chars[i + 2].properties.isASCIIHexDigit, chars[i + 3].properties.isASCIIHexDigit
            else { throw fail("\\x needs two hex digits") }
            return ("\\x{" + String(chars[i + 2]) + String(chars[i + 3]) + "}", 4)
        case "u":
            if i + 2 < chars.count, chars[i + 2] == "{" {
                var j = i + 3
                var hex = ""
                while j < chars.count, chars[j].properties.isASCIIHexDigit {
                    hex.unicodeScalars.append(chars[j])
                    j += 1
                }
                guard !hex.isEmpty, j < chars.count, chars[j] == "}" else { throw fail("\\u{…} needs hex digits") }
                return ("\\x{" + hex + "}", j - i + 1)
            }
            guard i + 5 < chars.count, (2...5).allSatisfy({ chars[i + $0].properties.isASCIIHexDigit }) else {
                throw fail("\\u needs four hex digits")
            }
            return ("\\x{" + String(String.UnicodeScalarView(chars[(i + 2)...(i + 5)])) + "}", 6)
        case "k":
            guard i + 2 < chars.count, chars[i + 2] == "<", let close = chars[(i + 3)...].firstIndex(of: ">") else {
                throw fail("\\k needs a group name")
            }
            return ("\\k<" + String(String.UnicodeScalarView(chars[(i + 3)..<close])) + ">", close - i + 1)
        case "p", "P":
            guard i + 2 < chars.count, chars[i + 2] == "{", let close = chars[(i + 3)...].firstIndex(of: "}") else {
                throw fail("\\\(c) needs a {property}")
            }
            return ("\\" + String(String.UnicodeScalarView(chars[(i + 1)...close])), close - i + 1)
        case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/", "-":
            return ("\\" + String(c), 2)
        default:
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                throw fail("\"\\\(c)\" is not an ECMA-262 escape")
            }
            // Identity escape of punctuation or other symbols.
            return ("\\x{" + String(c.value, radix: 16) + "}", 2)
        }
    }
}

/// Strings that meet a `pattern`, for tools that make example values (the mock, request planning, the
/// reference's samples).
package enum PatternExamples {
    /// A string `pattern` matches with `minLength`…`maxLength` characters, preferring `candidate` when it
    /// already fits; `nil` when the pattern is not ECMA-262, or no short example can be found.
    package static func string(
        matching pattern: String, minLength: Int = 0, maxLength: Int? = nil, candidate: String? = nil
    ) -> String? {
        guard let compiled = compiled(pattern) else { return nil }
        if let candidate, compiled.matches(candidate), candidate.unicodeScalars.count >= minLength,
            maxLength.map({ candidate.unicodeScalars.count <= $0 }) ?? true
        {
            return candidate
        }
        return compiled.example(minLength: minLength, maxLength: maxLength)
    }

    /// Compiled once each: a mock makes examples on every request.
    private static let lock = NSLock()
    private nonisolated(unsafe) static var cache: [String: Pattern?] = [:]

    private static func compiled(_ pattern: String) -> Pattern? {
        lock.withLock {
            if let known = cache[pattern] { return known }
            let compiled = try? Pattern(pattern)
            if cache.count < 4_096 { cache[pattern] = .some(compiled) }
            return compiled
        }
    }
}
