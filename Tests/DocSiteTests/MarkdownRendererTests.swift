import DocSite
import Testing

/// These run the system cmark-gfm through the CCmarkGFM module, so they also prove the library links.
@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func tablesUseStyleAttributesNotAlign() {
        let html = renderer.html("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains(#"<th style="text-align: left">a</th>"#))
        #expect(html.contains(#"<td style="text-align: right">2</td>"#))
        #expect(!html.contains("align="))
    }

    @Test func gfmExtensions() {
        #expect(renderer.html("~~gone~~") == "<p><del>gone</del></p>\n")
        #expect(
            renderer.html("see https://agentscode.dev now")
                == "<p>see <a href=\"https://agentscode.dev\">https://agentscode.dev</a> now</p>\n")
        #expect(
            renderer.html("- [x] done\n- [ ] todo\n").contains(#"<input type="checkbox" checked="" disabled="" />"#))
    }

    @Test func fencedCodeKeepsItsLanguage() {
        #expect(
            renderer.html("```json\n{\"a\": 1}\n```\n")
                == "<pre lang=\"json\"><code>{&quot;a&quot;: 1}\n</code></pre>\n")
    }

    @Test func scriptAndJavascriptURLsNeverReachTheOutput() {
        let html = renderer.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onerror"))
    }
}
