import DocSite
import Foundation
import Testing

/// Representative pages of the real site, diffed against their committed copies in `site/` (the golden
/// files: the published site itself). `RECORD_GOLDEN=1 swift test` rewrites them after an intended
/// change; `bash scripts/build.sh` rewrites the whole site. Review the diff before committing.
@Suite struct GoldenPageTests {
    static let pages = [
        "agentscode/errors.html",  // a guide
        "agentscode/operations/runAgent.html",  // a reference page with prose, oneOf body, examples
        "openagents/operations/addAgentFile.html",  // multipart upload
    ]

    @Test(arguments: pages) func pageMatchesGolden(path: String) throws {
        let site = try SiteFixtures.projectSite()
        #expect(!site.hasErrors, "\(site.diagnostics)")
        let html = try #require(site.page(path))
        let golden = SiteFixtures.packageRoot.appendingPathComponent("site").appendingPathComponent(path)
        if SiteFixtures.recording {
            try Data(html.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if html != expected {
            let a = html.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record(
                "\(path) differs from its golden copy at line \(line + 1):\n  got:      \(line < a.count ? a[line] : "<end>")\n  expected: \(line < b.count ? b[line] : "<end>")"
            )
        }
    }

    @Test func buildIsDeterministic() throws {
        let first = try SiteFixtures.projectSite()
        let second = try SiteFixtures.projectSite()
        #expect(first.files.map(\.path) == second.files.map(\.path))
        for (a, b) in zip(first.files, second.files) { #expect(a.data == b.data, "\(a.path) differs between builds") }
    }
}
