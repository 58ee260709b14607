import DocSite
import Foundation
import JSONCore

/// One answer of the preview server, decided without any HTTP machinery so that it can be tested as a value.
package struct PreviewResponse: Sendable, Equatable {
    package var status: Int
    package var contentType: String
    package var body: Data
    /// For redirects (`/agentscode` to `/agentscode/`).
    package var location: String?

    package init(status: Int, contentType: String, body: Data, location: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.location = location
    }
}

/// Maps a request path to a file of the in-memory site. HTML pages get the live-reload script; folders
/// serve their `index.html`; unknown paths get the site's own 404 page with status 404.
package enum PreviewResponder {
    /// Where the live-reload script and the build status live; no site page can be under it.
    package static let controlPrefix = "/__docgen/"

    package static func respond(to rawPath: String, site: PreviewSite.Snapshot) -> PreviewResponse {
        let path =
            rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            ?? "/"
        if path == controlPrefix + "status" { return status(site) }
        if path == controlPrefix + "live.js" {
            return PreviewResponse(
                status: 200, contentType: "text/javascript; charset=utf-8", body: Data(liveReloadScript.utf8))
        }
        guard let decoded = path.removingPercentEncoding, decoded.hasPrefix("/"),
            !decoded.split(separator: "/").contains(where: { $0 == ".." || $0 == "." })
        else {
            return notFound(site)
        }
        if site.files.isEmpty { return buildFailedPage(site) }
        var relative = String(decoded.dropFirst())
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        if let data = site.files[relative] {
            return file(relative, data)
        }
        if site.files[relative + "/index.html"] != nil {
            return PreviewResponse(
                status: 301, contentType: "text/plain; charset=utf-8", body: Data("Moved to \(path)/\n".utf8),
                location: path + "/")
        }
        return notFound(site)
    }

    static func file(_ relative: String, _ data: Data, status: Int = 200) -> PreviewResponse {
        let type = contentType(of: relative)
        if type.hasPrefix("text/html") {
            return PreviewResponse(status: status, contentType: type, body: injectingLiveReload(into: data))
        }
        return PreviewResponse(status: status, contentType: type, body: data)
    }

    static func notFound(_ site: PreviewSite.Snapshot) -> PreviewResponse {
        if let page = site.files["404.html"] { return file("404.html", page, status: 404) }
        return PreviewResponse(status: 404, contentType: "text/plain; charset=utf-8", body: Data("Not found\n".utf8))
    }

    /// Before the first good build there is no site: a page that lists the problems and reloads once they are fixed.
    static func buildFailedPage(_ site: PreviewSite.Snapshot) -> PreviewResponse {
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>docgen: the build failed</title></head>
            <body><h1>The build failed</h1><p>Fix these problems; the page reloads when the site builds.</p><pre>
            """
        for problem in site.problems { html += HTML.escape(problem) + "\n" }
        html += "</pre></body></html>\n"
        return PreviewResponse(
            status: 500, contentType: "text/html; charset=utf-8", body: injectingLiveReload(into: Data(html.utf8)))
    }

    static func status(_ site: PreviewSite.Snapshot) -> PreviewResponse {
        let status = JSONValue.object(
            JSONObject([
                ("version", .number(JSONNumber(site.version))), ("failed", .bool(site.failed)),
                ("problems", .array(site.problems.map { .string($0) })),
            ]))
        return PreviewResponse(
            status: 200, contentType: "application/json", body: Data((status.compactJSON() + "\n").utf8))
    }

    static func injectingLiveReload(into page: Data) -> Data {
        let tag = Data("<script src=\"\(controlPrefix)live.js\" defer></script>\n".utf8)
        guard let end = page.range(of: Data("</body>".utf8), options: .backwards) else { return page + tag }
        var result = page
        result.insert(contentsOf: tag, at: end.lowerBound)
        return result
    }

    package static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "yaml", "yml": "application/yaml"
        case "xml": "application/xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// Polls the build status; reloads when the site changed, shows a banner with the errors of a failed build.
    static let liveReloadScript = """
        (function () {
          "use strict";
          var seen = null;
          function banner(status) {
            var box = document.getElementById("docgen-problems");
            if (!status.failed) { if (box) box.remove(); return; }
            if (!box) {
              box = document.createElement("pre");
              box.id = "docgen-problems";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;" +
                "padding:1em;background:#7f1d1d;color:#fff;font:13px/1.4 monospace;z-index:9999;white-space:pre-wrap";
              document.body.appendChild(box);
            }
            box.textContent = "docgen: the last build failed; showing the previous site.\\n" + status.problems.join("\\n");
          }
          function poll() {
            fetch("/__docgen/status", { cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(function (status) {
                if (seen === null) seen = status.version;
                else if (status.version !== seen) { location.reload(); return; }
                banner(status);
              })
              .catch(function () {})
              .finally(function () { setTimeout(poll, 500); });
          }
          poll();
        })();

        """
}
