import Testing

@testable import JSONSchema

/// Strings made from patterns, for the mock and request planning: each matches its pattern, within the
/// lengths asked for.
@Suite struct PatternExampleTests {
    /// Patterns no printable ASCII string matches: an empty class, control and non-ASCII characters.
    static let withoutPrintableExample: Set<String> = [
        "[]", "[é-ü]", "é+", "\\0", "\\u00e9", "\\u{1F600}", "^\\cC$", "^\\cc$", "^\\t$",
    ]

    @Test(arguments: RegexAutomatonTests.patterns + ["^(0|[1-9][0-9]*)$", "^FV[0-9a-fA-F]{32}$", "^[A-Z]{3}$"])
    func examplesMatchTheirPattern(_ pattern: String) throws {
        let compiled = try Pattern(pattern)
        guard let automaton = RegexAutomaton(pattern), automaton.hasDFA else { return }
        let free = compiled.example()
        #expect((free == nil) == Self.withoutPrintableExample.contains(pattern), "\(pattern): \(free ?? "none")")
        if let free { #expect(compiled.matches(free), "\(pattern): \(free)") }
        // With lengths, an example (when one exists within them: `^\d$` has none of 5) keeps to them.
        for (minimum, maximum) in [(5, nil), (2, 40)] as [(Int, Int?)] {
            guard let example = compiled.example(minLength: minimum, maxLength: maximum) else { continue }
            #expect(compiled.matches(example), "\(pattern): \(example)")
            #expect(example.unicodeScalars.count >= minimum, "\(pattern): \(example)")
            if let maximum { #expect(example.unicodeScalars.count <= maximum, "\(pattern): \(example)") }
        }
    }

    @Test func plainExamples() {
        #expect(PatternExamples.string(matching: "^(0|[1-9][0-9]*)$") == "0")
        #expect(PatternExamples.string(matching: "^FV[0-9a-fA-F]{32}$") == "FV" + String(repeating: "a", count: 32))
        #expect(PatternExamples.string(matching: "^[a-z]+$", minLength: 3) == "aaa")
        #expect(PatternExamples.string(matching: "^\\d{4}-\\d{2}$") == "0000-00")
        // A candidate that already fits is kept (a format's value, say).
        #expect(PatternExamples.string(matching: "^\\d+$", candidate: "1234") == "1234")
        #expect(PatternExamples.string(matching: "^\\d+$", candidate: "string") == "0")
        // Backreferences run on ICU: no example from them.
        #expect(PatternExamples.string(matching: "^(a)\\1$") == nil)
        #expect(PatternExamples.string(matching: "[") == nil)
    }
}
