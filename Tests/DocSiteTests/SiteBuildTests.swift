import DocSite
import Foundation
import JSONCore
import OpenAPIDocument
import Testing

@Suite struct SiteBuildTests {
    func build(_ pages: [String: String], apis: [APIDocument]? = nil) throws -> SiteBuilder.Result {
        let folder = try SiteFixtures.contentFolder(pages)
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = SiteBuilder.Options(
            content: folder, contentName: "content", apis: try apis ?? SiteFixtures.builtInAPIs(),
            baseURL: "https://docs.example.com/")
        return SiteBuilder(options: options).build()
    }

    // MARK: - The real site

    @Test func projectSiteHasEveryPageKind() throws {
        let site = try SiteFixtures.projectSite()
        #expect(site.diagnostics.isEmpty, "\(site.diagnostics)")
        for path in [
            "index.html", "404.html", "search.html", "sitemap.xml", "search-index.js", "spec-notes.html",
            "agentscode/index.html", "agentscode/getting-started.html", "agentscode/schemas/index.html",
            "agentscode/schemas/AgentRun.html", "openagents/operations/listAgents.html", "assets/style.css",
            "assets/site.js", "openapi/agentscode.openapi.yaml", "openapi/openagents.openapi.json",
        ] {
            #expect(site.page(path) != nil, "missing \(path)")
        }
        // Every operation of both documents has a page.
        for api in try SiteFixtures.builtInAPIs() {
            for operation in api.operations {
                #expect(site.page("\(api.id)/operations/\(operation.id).html") != nil, "\(api.id) \(operation.id)")
            }
        }
    }

    @Test func referencePageShowsEverySection() throws {
        let site = try SiteFixtures.projectSite()
        let html = try #require(site.page("agentscode/operations/getCreditHistory.html"))
        #expect(
            html.contains(#"<span class="method method-GET">GET</span> <code class="path">/credits/history</code>"#))
        #expect(html.contains(#"<td><code>limit</code></td>"#))
        #expect(html.contains(#"<span class="constraint">≥ 1</span> <span class="constraint">≤ 100</span>"#))
        #expect(html.contains(#"<h3 id="response-429"><span class="status">429</span></h3>"#))
        #expect(html.contains("<code>Retry-After</code>"))
        #expect(html.contains(#"<a href="../../agentscode/schemas/CreditHistoryPage.html">CreditHistoryPage</a>"#))
        // The prose of content/agentscode/get-credit-history.md is merged into the page.
        #expect(html.contains("pass each page"))
        // Samples: four tabs, placeholder key, no body on a GET.
        for label in ["curl", "JavaScript", "Python", "n8n"] { #expect(html.contains(#"data-label="\#(label)""#)) }
        #expect(html.contains("Bearer YOUR_API_KEY"))
        #expect(!html.contains("--data"))
        // The current page is marked in the navigation; previous/next links exist.
        #expect(html.contains(#"aria-current="page"><span class="method method-GET">GET</span> List credit history"#))
        #expect(html.contains(#"rel="prev""#))
    }

    /// An array whose items refer back to it through a pointer outside `components` (no page of its own to
    /// link to) is named once as recursive: the build used to recurse until the stack overflowed.
    @Test func aSchemaThatRefersToItselfOutsideComponentsIsShownOnce() throws {
        let text = """
            openapi: 3.1.0
            info: {title: Trees, version: "1"}
            paths:
              /trees:
                get:
                  operationId: listTrees
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: "#/x-types/Tree"}
            x-types:
              Tree: {type: array, items: {$ref: "#/x-types/Tree"}}
            """
        let document = try SpecDocument.load(bytes: Array(text.utf8), name: "trees.yaml")
        let api = APIDocument(id: "trees", document: document.value, downloads: [])
        let site = SiteBuilder(options: .init(content: nil, apis: [api], baseURL: "http://localhost/")).build()
        #expect(!site.hasErrors)
        let page = try #require(site.page("trees/operations/listTrees.html"))
        #expect(page.contains("Tree (recursive)"))
    }

    /// A build killed while writing leaves its staging folder; the next build removes it (its process is
    /// gone), and leaves alone the folders of a build that is still running.
    @Test func foldersOfKilledBuildsAreRemovedByTheNextBuild() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)")
        let output = parent.appendingPathComponent("site")
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let abandoned = [".site.building-\(dead)-a1", ".site.previous-\(dead)-b2"]
        let running = ".site.building-\(getpid())-c3"
        for name in abandoned + [running, ".other.building-\(dead)-d4"] {
            try FileManager.default.createDirectory(
                at: parent.appendingPathComponent(name).appendingPathComponent("half"),
                withIntermediateDirectories: true)
        }
        try SiteWriter.write([SiteBuilder.OutputFile(path: "index.html", data: Data("new".utf8))], to: output)
        let left = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
        #expect(left == [".other.building-\(dead)-d4", running, "site"].sorted())
    }

    @Test func headingsGetIdsAndAnchors() throws {
        let site = try SiteFixtures.projectSite()
        let html = try #require(site.page("agentscode/getting-started.html"))
        #expect(
            html.contains(
                ##"<h2 id="get-your-api-key">Get your API key <a class="anchor" href="#get-your-api-key" aria-label="Link to this section">#</a></h2>"##
            ))
        #expect(html.contains(##"<li><a href="#create-an-account">Create an account</a></li>"##))
    }

    @Test func markdownLinksToPagesAreRewritten() throws {
        let site = try SiteFixtures.projectSite()
        let html = try #require(site.page("agentscode/errors.html"))
        #expect(html.contains(#"<a href="../spec-notes.html">spec notes</a>"#))
        #expect(html.contains(#"<a href="../agentscode/rate-limits.html">rate limits</a>"#))
    }

    // MARK: - Bad input: every problem, with its location

    @Test func everyContentProblemIsReportedWithItsLine() throws {
        let result = try build([
            "no-front-matter.md": "# Hello\n",
            "no-title.md": "---\ndescription: x\n---\nBody\n",
            "bad-yaml.md": "---\ntitle: A\norder: [1,\n---\n",
            "unknown-op.md": "---\ntitle: B\napi: agentscode\noperation: deleteEverything\n---\n",
            "unknown-api.md": "---\ntitle: C\napi: nowhere\n---\n",
            "broken-link.md": "---\ntitle: D\n---\n\nText.\n\nSee [the missing page](missing.md).\n",
            "unknown-key.md": "---\ntitle: E\ncolour: blue\n---\n",
            "bad-order.md": "---\ntitle: F\norder: first\n---\n",
        ])
        let messages = Set(result.diagnostics.map(\.description))
        let expected: Set<String> = [
            "content/no-front-matter.md:1:1: error: missing front matter: a page starts with a '---' line, then at least 'title: …', then '---'",
            "content/no-title.md:1:1: error: the front matter has no 'title' (every page needs one)",
            "content/unknown-op.md:4: error: unknown operation 'deleteEverything' in agentscode (known: listAgents, runAgent, getAgentRun, getCreditBalance, getCreditHistory)",
            "content/unknown-api.md:3: error: unknown api 'nowhere' (known: agentscode, openagents)",
            "content/broken-link.md:7: error: broken link 'missing.md': there is no page 'content/missing.md'",
            "content/unknown-key.md:3:1: warning: unknown front matter key 'colour' (known: title, description, order, slug, api, operation, nav_title, draft, search, changelog)",
            "content/bad-order.md:3:1: error: 'order' must be an integer, not 'first'",
        ]
        #expect(expected.subtracting(messages).isEmpty, "missing: \(expected.subtracting(messages))")
        let yaml = try #require(result.diagnostics.first { $0.file == "content/bad-yaml.md" })
        #expect(yaml.severity == .error)
        #expect(yaml.line == 4, "\(yaml)")
        #expect(yaml.message.hasPrefix("malformed front matter:"))
        #expect(result.hasErrors)
    }

    @Test func previousSiteIsLeftUntouchedWhenWritingFails() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: output.appendingPathComponent("index.html"))
        // A file path that cannot be created (a file where a folder must go) makes the write fail.
        let files = [
            SiteBuilder.OutputFile(path: "a", data: Data("x".utf8)),
            SiteBuilder.OutputFile(path: "a/b.html", data: Data("y".utf8)),
        ]
        #expect(throws: SiteWriter.Failure.self) { try SiteWriter.write(files, to: output) }
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(output.lastPathComponent).") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func writingReplacesTheWholeFolder() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try SiteWriter.write([SiteBuilder.OutputFile(path: "stale.html", data: Data())], to: output)
        try SiteWriter.write([SiteBuilder.OutputFile(path: "x/index.html", data: Data("new".utf8))], to: output)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("stale.html").path))
        #expect(try String(contentsOf: output.appendingPathComponent("x/index.html"), encoding: .utf8) == "new")
    }

    @Test func unchangedFilesAreLinkedFromThePreviousSiteAndChangedOnesWritten() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        func inode(_ path: String) throws -> UInt64 {
            var info = stat()
            guard stat(output.appendingPathComponent(path).path, &info) == 0 else { throw CocoaError(.fileNoSuchFile) }
            return UInt64(info.st_ino)
        }
        try SiteWriter.write(
            [
                SiteBuilder.OutputFile(path: "same.html", data: Data("same".utf8)),
                SiteBuilder.OutputFile(path: "a/changed.html", data: Data("one".utf8)),
            ], to: output)
        let same = try inode("same.html")
        let changed = try inode("a/changed.html")
        try SiteWriter.write(
            [
                SiteBuilder.OutputFile(path: "same.html", data: Data("same".utf8)),
                SiteBuilder.OutputFile(path: "a/changed.html", data: Data("two".utf8)),
            ], to: output)
        #expect(try inode("same.html") == same)
        #expect(try inode("a/changed.html") != changed)
        #expect(try String(contentsOf: output.appendingPathComponent("a/changed.html"), encoding: .utf8) == "two")
        #expect(try String(contentsOf: output.appendingPathComponent("same.html"), encoding: .utf8) == "same")
        let attributes = try FileManager.default.attributesOfItem(
            atPath: output.appendingPathComponent("same.html").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    // MARK: - Safety

    /// Published under a path (`https://example.com/docs/`), the 404 page, the canonical links, the sitemap
    /// and llms.txt all name that path: the 404 page is served for any missing URL, at any depth.
    @Test func aBaseURLWithAPathDrivesEveryAbsoluteLink() throws {
        let folder = try SiteFixtures.contentFolder(["guide.md": "---\ntitle: Guide\n---\n\nText.\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = SiteBuilder.Options(
            content: folder, contentName: "content", apis: try SiteFixtures.builtInAPIs(),
            baseURL: "https://example.com/docs/")
        let result = SiteBuilder(options: options).build()
        func text(_ path: String) throws -> String {
            String(decoding: try #require(result.files.first { $0.path == path }).data, as: UTF8.self)
        }
        let notFound = try text("404.html")
        #expect(notFound.contains("href=\"/docs/assets/style.css\""))
        #expect(notFound.contains("href=\"/docs/index.html\""))
        #expect(!notFound.contains("href=\"/assets/"))
        #expect(try text("guide.html").contains("<link rel=\"canonical\" href=\"https://example.com/docs/guide.html\">"))
        #expect(try text("sitemap.xml").contains("<loc>https://example.com/docs/agentscode/operations/runAgent.html</loc>"))
        #expect(try text("llms.txt").contains("](https://example.com/docs/guide.md)"))
    }

    /// An operation that reaches more components than `PageMarkdown.maxComponents` gets its Markdown copy's
    /// OpenAPI block without them (a 2,000-operation document copied most of itself into every page: 50 s).
    @Test func aMarkdownCopyDoesNotCopyALargeDocumentIntoEveryPage() throws {
        var schemas = JSONObject()
        for n in 0..<60 {
            schemas["S\(n)"] = n == 59 ? ["type": "string"] : ["type": "object", "properties": ["next": ["$ref": .string("#/components/schemas/S\(n + 1)")]]]
        }
        let content: JSONValue = ["application/json": ["schema": ["$ref": "#/components/schemas/S0"]]]
        let document: JSONValue = [
            "openapi": "3.1.0", "info": ["title": "Chain", "version": "1"],
            "paths": ["/a": ["get": ["operationId": "getA", "responses": ["200": ["description": "ok", "content": content]]]]],
            "components": ["schemas": .object(schemas)],
        ]
        let result = try build([:], apis: [APIDocument(id: "chain", document: document, downloads: [])])
        let copy = String(
            decoding: try #require(result.files.first { $0.path == "chain/operations/getA.md" }).data, as: UTF8.self)
        #expect(copy.contains("x-components: \"More than 40 components: see the full document"))
        #expect(!copy.contains("S30:"))
        #expect(copy.contains("operationId: getA"))
    }

    /// A document whose values try to end the try-it console's data block: they stay data.
    @Test func aDocumentCannotEndTheTryItDataBlock() throws {
        let evil = "</script><script>alert(1)</script><!--"
        let document: JSONValue = [
            "openapi": "3.1.0", "info": ["title": "Evil", "version": "1"],
            "servers": [["url": .string("https://x.example/\(evil)")]],
            "paths": [
                "/things": [
                    "get": [
                        "operationId": "listThings",
                        "parameters": [["name": "q", "in": "query", "example": .string(evil), "schema": ["type": "string"]]],
                        "responses": ["200": ["description": "ok"]],
                    ]
                ]
            ],
        ]
        let result = try build([:], apis: [APIDocument(id: "evil", document: document, downloads: [])])
        let page = try #require(result.files.first { $0.path == "evil/operations/listThings.html" })
        let html = String(decoding: page.data, as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        let block = try #require(html.components(separatedBy: "data-try-it-spec>").dropFirst().first?.components(separatedBy: "</script>").first)
        let spec = try JSONParser().parse(Array(block.utf8))
        #expect(spec["parameters"]?.arrayValue?.first?["example"] == .string(evil))
    }

    @Test func scriptFromContentAndSpecNeverReachesAPage() throws {
        let result = try build(
            [
                "evil.md": """
                ---
                title: "<script>alert('title')</script>"
                description: "\\"><script>alert(1)</script>"
                ---

                <script>alert(1)</script>
                <img src=x onerror="alert(2)">
                <a href="jav&#x61;script:alert(3)">x</a> <details><summary>ok</summary>kept</details>
                <iframe src="https://evil.example"></iframe>

                A [markdown link](javascript:alert(4)) and ![an image](javascript:alert(5)).
                """
            ], apis: [try SiteFixtures.bookshop()])
        #expect(!result.hasErrors, "\(result.diagnostics)")
        for file in result.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.data, as: UTF8.self)
            let scripts = html.components(separatedBy: "<script").count - 1
            let themeScripts = html.components(separatedBy: "<script src=").count - 1
            // The try-it console's data: JSON that the browser never runs, and that no `</` can end early.
            let dataBlocks = html.components(separatedBy: "<script type=\"application/json\" data-try-it-spec>").dropFirst()
            for block in dataBlocks {
                let body = block.components(separatedBy: "</script>")[0]
                #expect(!body.contains("</") && !body.contains("<!--"), "\(file.path): a data block can end early")
                #expect((try? JSONParser().parse(Array(body.utf8))) != nil, "\(file.path): a data block is not JSON")
            }
            #expect(scripts == themeScripts + dataBlocks.count, "\(file.path) has an inline <script>")
            // No attribute value may start with a javascript: URL, however it is spelled.
            let lowered = html.lowercased()
            for prefix in ["\"javascript:", "'javascript:", "=javascript:", "jav&#x61;script"] {
                #expect(!lowered.contains(prefix), "\(file.path) contains \(prefix)")
            }
            #expect(!html.contains("onerror"), "\(file.path)")
            #expect(!html.contains("<iframe"), "\(file.path)")
        }
        let evil = try #require(result.page("evil.html"))
        #expect(evil.contains("<details><summary>ok</summary>kept</details>"))
        #expect(evil.contains(#"<a href="">markdown link</a>"#))
        #expect(evil.contains("<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
    }

    // MARK: - A document written by someone else

    @Test func rendersAThirdPartyOpenAPI30Document() throws {
        let result = try build([:], apis: [try SiteFixtures.bookshop()])
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let get = try #require(result.page("bookshop/operations/getBook.html"))
        #expect(get.contains("https://eu.books.example/api/books/9780141439518"))
        let add = try #require(result.page("bookshop/operations/addBook.html"))
        #expect(add.contains("X-Shop-Key: YOUR_API_KEY"))
        #expect(add.contains(#"<span class="constraint">&gt; 0</span>"#))
        #expect(add.contains(#"<span class="badge">nullable</span>"#))
        // The recursive `related` property links back to Book instead of expanding forever.
        let book = try #require(result.page("bookshop/schemas/Book.html"))
        #expect(book.contains(#"array of <a href="../../bookshop/schemas/Book.html">Book</a>"#))
        #expect(result.page("index.html")?.contains("Bookshop API") == true)
    }

    @Test func contentWithoutAnySpecBuilds() throws {
        let result = try build(
            ["index.md": "---\ntitle: Just prose\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"], apis: [])
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(result.page("index.html")?.contains("<td>1</td>") == true)
        #expect(result.pageCount == 3)
    }
}
