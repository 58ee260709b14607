import DocSite
import Foundation
import JSONCore
import OpenAPIDocument
import SpecIO
import SpecModel

/// Paths and builders the site tests share.
enum SiteFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    static func builtInAPIs() throws -> [APIDocument] {
        let files = try SpecPublisher.files(for: APICatalog.all)
        return try APICatalog.all.map { api in
            var document = try APIDocument(
                id: api.id,
                publishedFiles: files.filter { $0.name.hasPrefix("\(api.id).") }.map { ($0.name, $0.contents) })
            // As docgen does: the changelog pages read earlier versions from git.
            document.repositoryPath = SpecPublisher.repositoryPath(of: api.id)
            return document
        }
    }

    /// The real site: the project's content/ and both built-in APIs, as `scripts/build.sh` builds it.
    static func projectSite() throws -> SiteBuilder.Result {
        let options = SiteBuilder.Options(
            content: packageRoot.appendingPathComponent("content"), apis: try builtInAPIs(),
            baseURL: "http://localhost:8000/", siteTitle: "AgentsCode & OpenAgents API documentation")
        return SiteBuilder(options: options).build()
    }

    /// A content folder made of `pages` (relative path → text) in a fresh temporary folder.
    static func contentFolder(_ pages: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-\(UUID().uuidString)")
        for (path, text) in pages {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func bookshop() throws -> APIDocument {
        let path = fixtures.appendingPathComponent("bookshop/bookshop.yaml").path
        return APIDocument(id: "bookshop", document: try SpecDocument.load(path: path).value, downloads: [])
    }
}

extension SiteBuilder.Result {
    func page(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }
}
