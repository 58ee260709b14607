import OpenAPIDocument
import Testing

/// Header names compare as HTTP compares them: ASCII letters without case, every other byte exactly.
@Suite struct CaseInsensitiveNameTests {
    @Test(arguments: [
        ("Content-Type", "content-type", true), ("CONNECTION", "connection", true), ("x-a", "X-A", true),
        ("te", "tE", true), ("", "", true),
        ("content-type", "content-typ", false), ("a", "b", false),
        // `|` is `\` with the case bit set, and `@` is backquote: not letters, so not the same.
        ("a|b", "a\\b", false), ("@", "`", false), ("[", "{", false),
        // Non-ASCII bytes compare exactly.
        ("é", "É", false), ("naïve", "naïve", true),
    ])
    func equality(pair: (String, String, Bool)) {
        #expect(pair.0.caseInsensitiveEquals(pair.1) == pair.2, "\(pair)")
        #expect(pair.1.caseInsensitiveEquals(pair.0) == pair.2, "\(pair)")
    }

    @Test func prefixes() {
        #expect("Access-Control-Allow-Origin".caseInsensitiveHasPrefix("access-control-"))
        #expect("access-control-".caseInsensitiveHasPrefix("ACCESS-CONTROL-"))
        #expect(!"Access-Control".caseInsensitiveHasPrefix("access-control-"))
        #expect(!"X-Access-Control-Max-Age".caseInsensitiveHasPrefix("access-control-"))
        #expect("anything".caseInsensitiveHasPrefix(""))
    }
}
