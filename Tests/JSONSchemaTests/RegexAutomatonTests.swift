import Foundation
import JSONCore
import Testing

@testable import JSONSchema

/// The automaton that runs most `pattern`s, checked against ICU (which ran every pattern before it) on
/// many strings per pattern, and against ECMA-262 where the two engines differ.
@Suite struct RegexAutomatonTests {
    /// Patterns from API documents (ours, OpenAI's), the official suite, and the corners of the syntax.
    static let patterns = [
        "^[a-z0-9]+(-[a-z0-9]+)*$", "^[0-9]+\\.[0-9]+\\.[0-9]+$", "^[a-z0-9][a-z0-9_-]*$",
        "^tunnel_[a-z0-9]{32}$", "^[A-Za-z0-9_.-]+$", "^[a-zA-Z0-9_-]+$", "^a*$", "a+", "^abc$", "^\\t$",
        "^\\cC$", "^\\cc$", "^\\d$", "^\\D$", "^\\w$", "^\\W$", "\\wcole", "[a-z]cole", "^\\d+$",
        "ab|cd", "^(ab|cd)+$", "(a|b)*c", "^(?:x|yz){2,3}$", "a{2}", "^a{2,}$", "^a{0,2}b?$", "^$", "$^", "^",
        "$", "a$|^b", "^(a*)*$", "(a*|b)*c", "[^a-c]", "[]", "[^]", "^[^]*$", "[\\d-]", "[-a]", "[a-]",
        "[\\]\\\\]", "\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/\\^\\$", "é+", "^.{3}$", "^.$", "[é-ü]", "\\u00e9",
        "\\x41", "\\u{1F600}", "^(?<year>\\d{4})-(?<month>\\d{2})$", "a+?b", "a*?", "(a|ab)(c|bcd)(d*)",
        "^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$", "^#[0-9a-fA-F]{6}$", "[\\W\\d]", "[^\\S]", "^\\S+$", "\\0",
        "^((a|b)c?)+$", "x*y*z*$", "^(?:(?:a|b)(?:c|d))*$",
    ]

    /// Strings built from each pattern's literal characters and some others; scalars where ICU and
    /// ECMA-262 disagree (`\v`, `\f`, U+0085, U+FEFF) are left out.
    static func corpus(for pattern: String, count: Int, seed: UInt64) -> [String] {
        var alphabet = Set(pattern.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\\" })
        for extra in [
            "a", "b", "c", "d", "z", "A", "Z", "0", "5", "9", "_", "-", ".", " ", "\t", "\n", "é", "ü", "日", "😀",
            "\u{2028}", "\u{00A0}",
        ] {
            alphabet.insert(Unicode.Scalar(extra)!)
        }
        let scalars = alphabet.sorted { $0.value < $1.value }
        var generator = SplitMix64(seed: seed)
        var strings: [String] = ["", "abc", "abc\n", "aa", "2025-01", "tunnel_" + String(repeating: "a", count: 32)]
        for _ in 0..<count {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text.append(scalars.randomElement(using: &generator)!)
            }
            strings.append(String(text))
        }
        return strings
    }

    @Test(arguments: patterns)
    func agreesWithICU(pattern: String) throws {
        let automaton = try #require(RegexAutomaton(pattern), "\(pattern) should run on the automaton")
        let icu = try NSRegularExpression(pattern: try ECMARegex.translate(pattern))
        var disagreements: [String] = []
        for text in Self.corpus(for: pattern, count: 3_000, seed: UInt64(pattern.utf8.count)) {
            let expected = icu.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
            if automaton.matches(text) != expected {
                disagreements.append("\(text.debugDescription): ICU says \(expected)")
            }
        }
        #expect(disagreements.isEmpty, "\(pattern): \(disagreements.prefix(5).joined(separator: "; "))")
    }

    @Test(arguments: [
        "\\bword\\b", "(a)\\1", "(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b", "\\p{Letter}", "\\P{Lu}", "a{1000}",
        "\\k<x>", "^*", "a{2,1}", "x{", "\\-",
    ])
    func leavesTheRestToICU(pattern: String) {
        #expect(RegexAutomaton(pattern) == nil)
    }

    @Test func patternUsesTheAutomatonOnlyWhereItCan() throws {
        #expect(try !Pattern("^[a-z]+$").usesBacktracker)
        #expect(try Pattern("\\p{Letter}cole").usesBacktracker)
        #expect(try Pattern("\\p{Letter}cole").matches("école"))
    }

    /// ICU refuses the empty pattern, which ECMA-262 reads as matching everything (it did not compile
    /// before the automaton).
    @Test func theEmptyPatternMatchesEverything() throws {
        let pattern = try Pattern("")
        #expect(!pattern.usesBacktracker)
        #expect(pattern.matches(""))
        #expect(pattern.matches("anything"))
    }

    /// Where ICU strays from ECMA-262, the automaton follows ECMA-262.
    @Test func followsECMA262WhereICUDoesNot() throws {
        let space = try #require(RegexAutomaton("^\\s$"))
        #expect(space.matches("\u{0B}"))  // vertical tab: ECMA WhiteSpace, not ICU \s
        #expect(space.matches("\u{FEFF}"))
        #expect(!space.matches("\u{85}"))
        let dot = try #require(RegexAutomaton("^.$"))
        #expect(dot.matches("\u{0B}"))
        #expect(dot.matches("\u{85}"))
        #expect(!dot.matches("\u{2029}"))
    }

    /// Non-ASCII text switches from the DFA to the NFA mid-string, in any state.
    @Test func switchesToTheNFAMidString() throws {
        let automaton = try #require(RegexAutomaton("^ab[é-ü]+c$"))
        #expect(automaton.matches("abéüc"))
        #expect(!automaton.matches("abéü"))
        #expect(!automaton.matches("abc"))
        let unanchored = try #require(RegexAutomaton("日本"))
        #expect(unanchored.matches("xx日本yy"))
        #expect(!unanchored.matches("xx日x本"))
    }

    /// A pattern whose ASCII DFA would be huge still runs, on the NFA alone.
    @Test func largeAutomataFallBackToTheNFA() throws {
        let automaton = try #require(RegexAutomaton("(a|b)*a(a|b){12}"))
        #expect(!automaton.hasDFA)
        #expect(try #require(RegexAutomaton("^[a-z]+$")).hasDFA)
        #expect(automaton.matches("ab" + String(repeating: "a", count: 12)))
        #expect(!automaton.matches(String(repeating: "b", count: 20)))
    }
}
