import DocSite
import OpenAPIDocument
import Testing

/// Front matter is YAML 1.2, read by the same reader as the documents.
@Suite struct FrontMatterTests {
    func parse(_ text: String) -> (SourcePage?, [String]) {
        var diagnostics: [Diagnostic] = []
        let page = SourcePage.parse(text, path: "p.md", displayPath: "content/p.md", diagnostics: &diagnostics)
        return (page, diagnostics.map(\.description))
    }

    @Test func valuesAreReadAsYAML12() throws {
        let (page, problems) = parse("---\ntitle: no\nnav_title: 18:00\norder: 0x10\ndraft: false\n---\nBody\n")
        #expect(problems == [])
        let matter = try #require(page?.frontMatter)
        #expect(matter.title == "no")
        #expect(matter.navTitle == "18:00")
        #expect(matter.order == 16)
        #expect(matter.draft == false)
        #expect(matter.lines == ["title": 2, "nav_title": 3, "order": 4, "draft": 5])
        #expect(page?.bodyLine == 7)
    }

    /// A file saved with Windows line ends (git's autocrlf) reads as the same page: it was refused as
    /// "missing front matter" when lines were split on characters, where "\r\n" is one.
    @Test func windowsLineEndsReadAsTheSamePage() throws {
        let (page, problems) = parse("\u{FEFF}---\r\ntitle: Hello\r\norder: 2\r\n---\r\n\r\n# Hi\r\n\r\nA\rB\r\n")
        #expect(problems == [])
        let found = try #require(page)
        #expect(found.frontMatter.title == "Hello")
        #expect(found.frontMatter.lines == ["title": 2, "order": 3])
        #expect(found.bodyLine == 5)
        #expect(found.body == "\n# Hi\n\nA\rB\n")
    }

    @Test func problemsAreReportedWhereTheyAre() {
        #expect(
            parse("---\ntitle: T\ndraft: yes\norder: first\n---\n").1 == [
                "content/p.md:3:1: error: 'draft' must be true or false, not 'yes'",
                "content/p.md:4:1: error: 'order' must be an integer, not 'first'",
            ])
        #expect(
            parse("---\ntitle: T\ntitle: U\n---\n").1 == [
                "content/p.md:3:1: error: malformed front matter: duplicate key 'title' in one mapping (first at line 2, column 1)"
            ])
        #expect(
            parse("---\ntitle: [a, b\n---\n").1 == [
                "content/p.md:3:1: error: malformed front matter: did not find expected ',' or ']'"
            ])
    }
}
