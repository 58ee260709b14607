import OpenAPIDocument
import DocPreview
import DocSite
import Foundation
import HummingbirdTesting
import Testing

@Suite struct PreviewResponderTests {
    func site(_ files: [String: String], problems: [String] = [], failed: Bool = false) -> PreviewSite.Snapshot {
        var snapshot = PreviewSite.Snapshot()
        snapshot.files = files.mapValues { Data($0.utf8) }
        snapshot.version = 3
        snapshot.problems = problems
        snapshot.failed = failed
        return snapshot
    }

    func text(_ response: PreviewResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func foldersServeTheirIndexWithTheLiveReloadScript() {
        let snapshot = site(["index.html": "<html><body><p>home</p></body></html>", "a/index.html": "<body>A</body>"])
        let root = PreviewResponder.respond(to: "/", site: snapshot)
        #expect(root.status == 200)
        #expect(root.contentType == "text/html; charset=utf-8")
        #expect(
            text(root) == "<html><body><p>home</p><script src=\"/__docgen/live.js\" defer></script>\n</body></html>")
        #expect(text(PreviewResponder.respond(to: "/a/?q=1", site: snapshot)).hasPrefix("<body>A<script"))
        let redirect = PreviewResponder.respond(to: "/a", site: snapshot)
        #expect(redirect.status == 301)
        #expect(redirect.location == "/a/")
    }

    @Test func otherFilesAreServedAsTheyAreWithTheirType() {
        let snapshot = site(["assets/style.css": "body{}", "openapi/x.yaml": "openapi: 3.1.0\n", "sitemap.xml": "<x/>"])
        let css = PreviewResponder.respond(to: "/assets/style.css", site: snapshot)
        #expect(css.status == 200 && css.contentType == "text/css; charset=utf-8" && text(css) == "body{}")
        #expect(PreviewResponder.respond(to: "/openapi/x.yaml", site: snapshot).contentType == "application/yaml")
        #expect(PreviewResponder.respond(to: "/sitemap.xml", site: snapshot).contentType == "application/xml")
    }

    @Test func unknownPathsGetTheSite404PageAndTraversalIsRefused() {
        let snapshot = site(["404.html": "<body>Lost</body>", "index.html": "<body>home</body>"])
        let missing = PreviewResponder.respond(to: "/nope.html", site: snapshot)
        #expect(missing.status == 404)
        #expect(text(missing).hasPrefix("<body>Lost<script"))
        #expect(PreviewResponder.respond(to: "/a/../index.html", site: snapshot).status == 404)
        #expect(PreviewResponder.respond(to: "/%2e%2e/etc/passwd", site: snapshot).status == 404)
    }

    @Test func statusReportsVersionAndProblemsAsJSON() throws {
        let snapshot = site(
            ["index.html": "x"], problems: ["content/a.md:2: error: the front matter has no \"title\""], failed: true)
        let status = PreviewResponder.respond(to: "/__docgen/status", site: snapshot)
        #expect(status.contentType == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: status.body) as? [String: Any])
        #expect(object["version"] as? Int == 3)
        #expect(object["failed"] as? Bool == true)
        #expect(object["problems"] as? [String] == ["content/a.md:2: error: the front matter has no \"title\""])
        #expect(text(PreviewResponder.respond(to: "/__docgen/live.js", site: snapshot)).contains("location.reload()"))
    }

    @Test func beforeAnyGoodBuildEveryPageListsTheProblemsEscaped() {
        let snapshot = site([:], problems: ["content/x.md:1: error: <bad> & worse"], failed: true)
        let page = PreviewResponder.respond(to: "/anything.html", site: snapshot)
        #expect(page.status == 500)
        #expect(text(page).contains("content/x.md:1: error: &lt;bad&gt; &amp; worse\n</pre>"))
        #expect(text(page).contains("/__docgen/live.js"))
    }
}

@Suite struct PreviewSiteTests {
    func result(_ files: [(String, String)], errors: [String] = []) -> SiteBuilder.Result {
        var result = SiteBuilder.Result()
        result.files = files.map { SiteBuilder.OutputFile(path: $0.0, data: Data($0.1.utf8)) }
        result.diagnostics = errors.map { Diagnostic(.error, file: "content/a.md", line: 1, message: $0) }
        result.pageCount = files.count
        return result
    }

    @Test func aFailedBuildKeepsThePreviousFilesAndReportsItsProblems() {
        let site = PreviewSite()
        site.update(with: result([("index.html", "one")]))
        #expect(site.snapshot.version == 1 && !site.snapshot.failed)
        site.update(with: result([("index.html", "two")], errors: ["broken"]))
        #expect(site.snapshot.version == 1)
        #expect(site.snapshot.failed)
        #expect(site.snapshot.files["index.html"] == Data("one".utf8))
        #expect(site.snapshot.problems == ["content/a.md:1: error: broken"])
        site.update(with: result([("index.html", "three")]))
        #expect(site.snapshot.version == 2 && !site.snapshot.failed && site.snapshot.problems.isEmpty)
        #expect(site.snapshot.files["index.html"] == Data("three".utf8))
    }
}

@Suite struct SourceFingerprintTests {
    @Test func changesWhenAFileIsAddedEditedOrRemovedButNotForHiddenFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("sub/page.md")
        try "---\ntitle: A\n---\n".write(to: page, atomically: true, encoding: .utf8)
        let first = SourceFingerprint(watching: [root])
        #expect(first.fileCount == 1)
        #expect(SourceFingerprint(watching: [root]) == first)
        try ".swp".write(to: root.appendingPathComponent(".page.md.swp"), atomically: true, encoding: .utf8)
        #expect(SourceFingerprint(watching: [root]) == first)
        try "---\ntitle: B\n---\n".write(to: page, atomically: true, encoding: .utf8)
        let edited = SourceFingerprint(watching: [root])
        #expect(edited != first)
        try "x".write(to: root.appendingPathComponent("new.md"), atomically: true, encoding: .utf8)
        let added = SourceFingerprint(watching: [root])
        #expect(added != edited && added.fileCount == 2)
        try FileManager.default.removeItem(at: page)
        #expect(SourceFingerprint(watching: [root]).fileCount == 1)
    }
}

@Suite struct PreviewServerTests {
    @Test func servesTheSiteOverHTTP() async throws {
        let site = PreviewSite()
        var result = SiteBuilder.Result()
        result.files = [
            .init(path: "index.html", data: Data("<body>home</body>".utf8)),
            .init(path: "404.html", data: Data("<body>lost</body>".utf8)),
        ]
        result.pageCount = 2
        site.update(with: result)
        let app = PreviewServer.application(site: site)
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(String(buffer: response.body).hasPrefix("<body>home<script"))
            }
            try await client.execute(uri: "/missing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).hasPrefix("<body>lost"))
            }
            try await client.execute(uri: "/", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }
}
