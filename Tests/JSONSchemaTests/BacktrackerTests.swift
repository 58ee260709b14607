import Foundation
import JSONCore
import Testing

@testable import JSONSchema

/// The engine for patterns the automaton does not take: ECMA-262's own examples and corners, ICU as an
/// independent check where the two agree, both of its forms against each other, and the budget.
@Suite struct BacktrackerTests {
    static func verdict(_ pattern: String, _ text: String, remembers: Bool? = nil) throws -> PatternVerdict {
        try Backtracker(try PatternSyntax(pattern), remembers: remembers).verdict(text)
    }

    /// Issue 20, item 4: ICU gave up after about 2 s and answered "no match"; both are decided now, at once.
    @Test func decidesWhatICUGaveUpOn() throws {
        let pattern = try Pattern("^(?:(a|a)*\\bX|a*!Y)")
        #expect(pattern.usesBacktracker)
        #expect(pattern.verdict(String(repeating: "a", count: 30) + "!Y") == .match)
        #expect(pattern.verdict(String(repeating: "a", count: 30) + "!Z") == .noMatch)
        let slow = try Pattern("(a|a)*\\bX")
        #expect(slow.verdict(String(repeating: "a", count: 41)) == .noMatch)
        #expect(slow.verdict(String(repeating: "a", count: 5_000)) == .noMatch)
        #expect(slow.verdict(String(repeating: "a", count: 5_000) + "X") == .noMatch)  // no boundary before X
        #expect(slow.verdict(String(repeating: "a", count: 50) + " X") == .match)
    }

    /// ECMA-262 semantics ICU does not have, with the answers V8 gives.
    @Test(arguments: [
        // Captures inside a quantified group are reset at each iteration (RepeatMatcher step 4).
        ("^(?:(a)|b)*\\1$", "ab", true), ("^(?:(a)|b)*\\1$", "aba", false),
        // A backreference to a group that has not matched matches the empty string, forward references too.
        ("\\1(a)", "a", true), ("^(a)?\\1b$", "b", true),
        // The specification's own examples (22.2.2.3, 22.2.2.4).
        ("(?=(a+))a*b\\1", "baaabac", true), ("(.*?)a(?!(a+)b\\2c)\\2(.*)", "baaabaac", true),
        // Lookbehind runs backward: a backreference before its group in the source sees it.
        ("(?<=\\1(a))b", "aab", true), ("(?<=\\1(a))b", "cab", false), ("(?<=(\\d+)(\\d+))$", "1053", true),
        ("(?<=a+)b", "aaab", true), ("(?<!^a+)b", "aab", false), ("(?<!^a+)b", "acb", true),
        // An optional iteration that matches nothing fails; the empty string still matches as zero iterations.
        ("^(a*)*$", "", true), ("^(a*)+b$", "b", true), ("^(?:a|())*?b$", "aab", true),
        // A lookahead's captures stay after it (ICU loses them and answers "no match").
        ("(?=(\\w+))\\1:", "5:", true), ("(?=(\\w+))\\1:", "ab:", true), ("(?=(\\w+))\\1:", "a:b", true),
        // \b looks at ASCII word characters only (ICU's counts every letter).
        ("\\Ba\\B", "za日", false), ("\\bé", "aé", true), ("\\bé", "é", false),
        // A negative lookaround keeps no captures.
        ("(?!(a))\\1b", "b", true),
        ("\\bfoo\\b", "a foo.", true), ("\\bfoo\\b", "afoo", false), ("\\Bfoo", "afoo", true),
        ("^\\p{Script=Greek}+$", "αβγ", true), ("^\\p{Script=Greek}+$", "abc", false), ("^\\p{digit}+$", "৪২", true),
        ("^\\P{L}$", "1", true), ("^[^\\p{L}\\d]$", "5", false), ("^[^\\p{L}\\d]$", "-", true), ("^[\\p{Lu}a]+$", "Aa", true),
        ("^a{1000}$", String(repeating: "a", count: 1000), true), ("^a{1000}$", String(repeating: "a", count: 999), false),
        ("^(?:ab){2,}?c", "ababc", true), ("\\u{1F600}|\\uD83D\\uDE00x", "😀", true), ("^.$", "😀", true),
    ])
    func followsECMA262(pattern: String, text: String, expected: Bool) throws {
        #expect(try Self.verdict(pattern, text) == (expected ? .match : .noMatch), "/\(pattern)/ on \(text.debugDescription)")
        #expect(try Self.verdict(pattern, text, remembers: false) == (expected ? .match : .noMatch), "counted form")
    }

    /// Patterns from the corners of the syntax, on strings from their own characters: the backtracker's two
    /// forms against each other, and against ICU (whose meaning matches ECMA-262's on these, except that
    /// its `\b` counts non-ASCII letters as word characters: those strings are left out for `\b` and `\B`).
    @Test(arguments: [
        "\\bword\\b", "(a)\\1", "(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b", "\\p{Letter}cole", "\\P{Lu}+x", "a{3,}?b",
        "^(\\w+)\\s\\1$", "(?<x>a|b)\\k<x>", "^(?=.*\\d)(?=.*[a-z]).{4,}$", "(?<=\\d{2,3})x", "^(a+)+$",
        "(a|ab)(c|bcd)(d*)", "\\b(\\w)\\w*\\1\\b", "^(?!.*(.).*\\1)[a-d]+$", "x(?=y|$)", "\\Ba\\B",
        "^(?:a(?=b)|.)*$", "(?<!\\d)\\d{2}(?!\\d)",
    ])
    func agreesWithICU(pattern: String) throws {
        let syntax = try PatternSyntax(pattern)
        let counted = try Backtracker(syntax, remembers: false)
        let remembering = syntax.hasBackreferences ? nil : try Backtracker(syntax, remembers: true)
        let icu = try NSRegularExpression(pattern: try ECMARegex.translate(pattern))
        var disagreements: [String] = []
        let boundaries = pattern.contains("\\b") || pattern.contains("\\B")
        for text in RegexAutomatonTests.corpus(for: pattern, count: 1_500, seed: UInt64(pattern.utf8.count))
        where !boundaries || text.unicodeScalars.allSatisfy(\.isASCII) {
            let expected: PatternVerdict =
                icu.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil ? .match : .noMatch
            if counted.verdict(text) != expected { disagreements.append("\(text.debugDescription): counted form") }
            if let remembering, remembering.verdict(text) != expected {
                disagreements.append("\(text.debugDescription): remembering form")
            }
        }
        #expect(disagreements.isEmpty, "\(pattern): ICU disagrees on \(disagreements.prefix(5).joined(separator: "; "))")
    }

    /// With backreferences matching can be exponential: past the budget the verdict is `undecided`, at once.
    @Test func backreferencesRunOutOfBudgetRatherThanGuess() throws {
        let pattern = try Pattern("^(a|a)*\\1X")
        let start = Date()
        guard case .undecided(let steps) = pattern.verdict(String(repeating: "a", count: 60)) else {
            Issue.record("expected undecided")
            return
        }
        #expect(steps == Backtracker.budget)
        #expect(Date().timeIntervalSince(start) < 10)  // a bound, not a benchmark: the budget stops it
        #expect(pattern.verdict("aaX") == .match)
        #expect(try Self.verdict("^(a|a)*\\1X", String(repeating: "a", count: 60), remembers: false) != .match)
    }

    /// A lookaround over a long string stays linear in each invocation.
    @Test func lookaroundOnLongStrings() throws {
        let password = try Pattern("^(?=.*\\d)(?=.*[A-Z])(?!.*\\s).{8,}$")
        let long = String(repeating: "a", count: 200_000)
        #expect(password.verdict(long + "Z1") == .match)
        #expect(password.verdict(long + "Z") == .noMatch)
        #expect(password.verdict(long + "Z1 ") == .noMatch)
    }

    @Test(arguments: [
        "(?P<n>a)", "(?i)a", "\\a", "\\Z", "\\01", "a**", "(", ")", "[a", "\\1", "(a)\\2", "\\k<x>", "(?<a>x)(?<a>y)",
        "\\p{Nope}", "\\p{Script=Nope}", "a{2,1}", "(?<=a)*", "^*", "\\b+", "[\\B]", "[b-a]", "a{99999999}",
        String(repeating: "(", count: 300) + String(repeating: ")", count: 300),
    ])
    func refusesWhatIsNotECMA262(pattern: String) {
        #expect(!ECMARegex.isValid(pattern), "\(pattern)")
        #expect(throws: PatternError.self) { try Pattern(pattern) }
    }

    @Test(arguments: [
        "(?<=a+)b", "(?<n>a)\\k<n>", "\\k<n>(?<n>a)", "\\p{Script=Greek}", "\\p{sc=Latn}", "\\p{gc=Lu}", "\\p{Emoji}",
        "x{", "a}", "]", "\\-", "\\_", "(?=a)*b", "[\\b]", "\\cJ", "\\u{10FFFF}", "(?:)", "|", "[]", "[^]",
    ])
    func acceptsECMA262(pattern: String) throws {
        #expect(ECMARegex.isValid(pattern), "\(pattern)")
        _ = try Pattern(pattern)
    }

    /// The evaluator refuses a value whose verdict is unknown, with the keyword's location and why.
    @Test func anUndecidedVerdictIsAnErrorWithItsLocation() throws {
        let long = String(repeating: "a", count: 60)
        let tree = try SchemaCompiler().compile([
            "properties": ["name": ["pattern": "^(a|a)*\\1X"]],
            "patternProperties": ["^(b|b)*\\1X": true],
            "additionalProperties": false,
        ])
        let errors = tree.validate(["name": .string(long)])
        #expect(errors.count == 1)
        #expect(errors.first?.instanceLocation.description == "/name")
        #expect(errors.first?.keywordLocation.description == "/properties/name/pattern")
        #expect(errors.first?.message.contains("could not be decided") == true)
        #expect(!tree.isValid(["name": .string(long)]))
        #expect(tree.isValid(["name": "aaX"]))

        let key = String(repeating: "b", count: 60)
        let keyErrors = tree.validate([key: 1]).map(\.keywordLocation.description).sorted()
        #expect(keyErrors == ["/additionalProperties", "/patternProperties/^(b|b)*\\1X"])
        #expect(!tree.isValid([key: 1]))
    }
}
