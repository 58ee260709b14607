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

    /// Pages render on every core, and cmark-gfm's table of the extensions' special characters is shared by
    /// all parsers: rendered on eight threads at once, each page must come out as it does alone (an autolink
    /// or a table cell lost to another thread's parser would differ).
    @Test func pagesRenderedOnManyThreadsAtOnceComeOutAsAlone() async {
        let pages = (0..<64).map { i in
            "# Page \(i)\n\nSee www.example.com/\(i) and https://a.example/\(i), ~~old~~ *new*.\n\n"
                + "| a | b |\n|---|--:|\n| https://t.example/\(i) | ~~x~~ |\n\n- [x] done \(i)\n\n```json\n{\"n\": \(i)}\n```\n"
        }
        let alone = pages.map { renderer.html($0) }
        #expect(alone.allSatisfy { $0.contains(#"<a href="http://www.example.com/"#) && $0.contains("<del>x</del>") })
        let together = await withTaskGroup(of: (Int, [String]).self) { group in
            for worker in 0..<8 {
                group.addTask {
                    (worker, (0..<200).map { round in renderer.html(pages[(worker * 7 + round) % pages.count]) })
                }
            }
            var results: [(Int, [String])] = []
            for await result in group { results.append(result) }
            return results
        }
        for (worker, outputs) in together {
            for (round, html) in outputs.enumerated() {
                #expect(html == alone[(worker * 7 + round) % pages.count])
            }
        }
    }

    @Test func fencedCodeIsHighlightedAtBuildTime() {
        #expect(
            renderer.html("```json\n{\"a\": 1}\n```\n")
                == "<pre class=\"code\" data-lang=\"json\"><code class=\"language-json\">{<span class=\"hl-p\">&quot;a&quot;</span>: <span class=\"hl-n\">1</span>}\n</code></pre>\n"
        )
    }

    @Test func rawHTMLIsSanitisedNotDropped() {
        #expect(
            renderer.html("<kbd>Ctrl</kbd> <span onclick=\"x()\" class=\"k\">a</span>\n")
                == "<p><kbd>Ctrl</kbd> <span class=\"k\">a</span></p>\n")
        #expect(!renderer.html("<a href=\"JaVaScRiPt&#58;alert(1)\">x</a>").contains("href"))
        #expect(
            renderer.html("<a href=\"https://ok.example/?a=1&amp;b=2\">x</a>").contains(
                "href=\"https://ok.example/?a=1&amp;b=2\""))
    }

    @Test func duplicateHeadingsGetNumberedIds() {
        let html = renderer.html("## Errors\n\n## Errors\n")
        #expect(html.contains("<h2 id=\"errors\">"))
        #expect(html.contains("<h2 id=\"errors-2\">"))
    }

    @Test func scriptAndJavascriptURLsNeverReachTheOutput() {
        let html = renderer.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onerror"))
    }
}

@Suite struct HighlighterTests {
    let highlighter = Highlighter()

    @Test func jsonKeysStringsNumbersAndLiterals() {
        #expect(
            highlighter.highlight(#"{"a": "b", "n": -1.5e3, "t": true}"#, language: "json")
                == #"{<span class="hl-p">&quot;a&quot;</span>: <span class="hl-s">&quot;b&quot;</span>, <span class="hl-p">&quot;n&quot;</span>: <span class="hl-n">-1.5e3</span>, <span class="hl-p">&quot;t&quot;</span>: <span class="hl-l">true</span>}"#
        )
    }

    @Test func bashCommentsFlagsAndVariables() {
        #expect(
            highlighter.highlight("curl -H \"$KEY\" # call", language: "bash")
                == #"<span class="hl-k">curl</span> <span class="hl-f">-H</span> <span class="hl-s">&quot;$KEY&quot;</span> <span class="hl-c"># call</span>"#
        )
    }

    @Test func pythonAndJavaScriptKeywords() {
        #expect(
            highlighter.highlight("import requests", language: "python").hasPrefix(#"<span class="hl-k">import</span>"#)
        )
        #expect(
            highlighter.highlight("const x = null; // c", language: "js").contains(#"<span class="hl-c">// c</span>"#))
    }

    @Test func unknownLanguagesAreEscapedOnly() {
        #expect(highlighter.highlight("<b>&", language: "cobol") == "&lt;b&gt;&amp;")
    }

    /// Text that would make cmark-gfm take quadratic time is refused with its line, never rendered: a
    /// table whose rows are padded to a wide header, and long runs of brackets. Ordinary tables render.
    @Test func costlyMarkdownIsRefusedWithItsLine() {
        let renderer = MarkdownRenderer()
        var ids = HeadingIDs()
        let columns = 400
        let bomb =
            "Intro\n\n" + "|" + String(repeating: "a|", count: columns) + "\n" + "|"
            + String(repeating: "-|", count: columns)
            + "\n" + String(repeating: "x\n", count: 400)
        #expect(bomb.utf8.count < 3_000)
        let refused = renderer.render(bomb, ids: &ids)
        #expect(refused.refusal?.line == 3)
        #expect(refused.refusal?.message.hasPrefix("a table of 400 columns and 402 rows makes 160800 cells") == true)
        #expect(refused.html.hasPrefix("<pre class=\"refused\">Intro"))
        // Windows line ends: cmark-gfm reads the same table, so the same refusal.
        let crlf = renderer.render(bomb.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n"), ids: &ids)
        #expect(crlf.refusal?.line == 3)
        let brackets = renderer.render(String(repeating: "![[]()", count: 6_000), ids: &ids)
        #expect(brackets.refusal?.message.hasPrefix("12000 '[' in one text") == true)
        let table = renderer.render("| a | b |\n|---|:-:|\n| 1 | 2 |\n", ids: &ids)
        #expect(table.refusal == nil)
        #expect(table.html.contains("<table>"))
        #expect(MarkdownBudget.delimiterColumns("|---|:-:|") == 2)
        #expect(MarkdownBudget.delimiterColumns("- a list item") == nil)
        #expect(MarkdownBudget.delimiterColumns("---") == nil)
        #expect(MarkdownBudget.delimiterColumns("  | --- | :-- |\r") == 2)
        #expect(MarkdownBudget.delimiterColumns("|-") == 1)
        #expect(MarkdownBudget.delimiterColumns("| |---|") == nil)
        #expect(MarkdownBudget.delimiterColumns("|:-:|::|") == nil)
        #expect(MarkdownBudget.delimiterColumns("|") == nil)
    }
}
