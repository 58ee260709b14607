import OpenAPIDocument
import ArgumentParser
import DocSite
import Foundation
import JSONCore
import OpenAPIDocument
import SpecIO
import SpecModel

extension Docgen {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the documentation site from markdown pages and OpenAPI documents.",
            discussion: """
                Without --spec, the site documents the built-in AgentsCode and OpenAgents APIs; with --spec it \
                renders any OpenAPI 3.0 or 3.1 document, YAML or JSON. The site is built into a temporary folder \
                that replaces the output folder only when the build has no errors.
                Exit codes: 0 built, 1 problems in the sources (all reported, nothing written), 2 bad usage.
                """
        )

        @OptionGroup var sources: SiteSources

        @Option(name: .shortAndLong, help: "The folder to write the site into.")
        var output: String = "site"

        func validate() throws {
            try sources.validate()
        }

        func run() throws {
            let started = Date()
            var progress: (@Sendable (Int, Int) -> Void)?
            if isatty(STDERR_FILENO) == 1 {
                progress = { done, total in
                    guard total >= 200, done % 100 == 0 || done == total else { return }
                    FileHandle.standardError.write(Data("\rdocgen: rendering \(done)/\(total) pages".utf8))
                    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
                }
            }
            let result = try sources.build(baseURL: sources.baseURL ?? "http://localhost:8000/", progress: progress)
            for diagnostic in result.diagnostics {
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            if errors > 0 || result.files.isEmpty {
                FileHandle.standardError.write(
                    Data("docgen: \(errors) error\(errors == 1 ? "" : "s"); '\(output)' left as it was\n".utf8))
                throw ExitCode(1)
            }
            do {
                try SiteWriter.write(result.files, to: URL(fileURLWithPath: output))
            } catch {
                FileHandle.standardError.write(Data("docgen: error: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let seconds = Date().timeIntervalSince(started)
            let warnings = result.diagnostics.count - errors
            print(
                "docgen: wrote \(result.pageCount) pages (\(result.files.count) files) to \(output) in "
                    + String(format: "%.2f", seconds) + " s"
                    + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
        }
    }
}

/// The sources of a site and how to read them, shared by `docgen build` and `docgen serve`.
struct SiteSources: ParsableArguments {
    @Option(help: "The folder of markdown pages with front matter (default: content, when it exists).")
    var content: String?

    @Option(
        name: .customLong("spec"), help: "An OpenAPI document to render instead of the built-in ones; repeatable.")
    var specs: [String] = []

    @Option(
        name: .customLong("ref-root"),
        help: "The folder the --spec documents' $refs may read files from (default: each document's own folder).")
    var refRoot: String?

    @Flag(help: "Only the markdown pages: no API reference pages (neither the built-in APIs nor --spec).")
    var noAPI = false

    @Option(
        help: ArgumentHelp(
            "The URL the site is published at, for the sitemap and canonical links.",
            discussion: "Default: http://localhost:8000/ for build, the server's address for serve."))
    var baseURL: String?

    @Option(
        help: ArgumentHelp(
            "A version for each API's changelog page, oldest first: git:REVISION; repeatable.",
            discussion:
                "The page lists what changed between the versions and this build, as specvalidate diff finds it. A content page with 'api:' and 'changelog:' in its front matter gives its own list instead."
        ))
    var changelog: [String] = []

    @Option(help: "A folder of templates and assets that replace the built-in theme's files of the same name.")
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "The site's title.",
            discussion:
                "Default: the --spec document's own title (\"API documentation\" for several), or \"AgentsCode & OpenAgents API documentation\" for the built-in APIs."
        ))
    var title: String?

    func validate() throws {
        if noAPI && !specs.isEmpty { throw ValidationError("--no-api and --spec exclude each other") }
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme),
                url.host != nil
            else {
                throw ValidationError("--base-url must be an absolute http(s) URL, not '\(baseURL)'")
            }
        }
        for version in changelog where !version.hasPrefix("git:") || version.count <= 4 {
            throw ValidationError("--changelog takes a git revision as git:REVISION, not '\(version)'")
        }
        for spec in specs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw ValidationError("--spec '\(spec)' is not a file")
            }
        }
        if let content {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: content, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError("--content '\(content)' is not a folder")
            }
        }
    }

    /// The content folder in use: --content, else `content` when it exists.
    var contentFolder: String? {
        if let content { return content }
        return FileManager.default.fileExists(atPath: "content") ? "content" : nil
    }

    /// What a preview watches: the content folder, the spec files and the theme folder.
    var watchedPaths: [URL] {
        ([contentFolder, theme].compactMap { $0 } + specs).map { URL(fileURLWithPath: $0) }
    }

    /// Reads every source again and builds the site in memory; problems come back as diagnostics.
    func build(baseURL: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SiteBuilder.Result {
        var diagnostics: [Diagnostic] = []
        var apis = noAPI ? [] : specs.isEmpty ? try builtInAPIs() : loadSpecs(&diagnostics)
        for index in apis.indices {
            // The built-in APIs' earlier versions are their published files (scripts/build.sh writes them to
            // site/openapi/). A --spec document that did not load is an error; the others keep their order.
            apis[index].repositoryPath =
                specs.isEmpty
                ? SpecPublisher.repositoryPath(of: apis[index].id)
                : apis.count == specs.count ? specs[index] : nil
        }
        var contentName = contentFolder ?? "content"
        while contentName.hasSuffix("/") && contentName.count > 1 { contentName.removeLast() }
        var options = SiteBuilder.Options(
            content: contentFolder.map { URL(fileURLWithPath: $0) }, contentName: contentName, apis: apis,
            baseURL: baseURL, theme: theme.map { URL(fileURLWithPath: $0) }, siteTitle: siteTitle(apis))
        options.progress = progress
        options.changelog = changelog
        var result = SiteBuilder.Result()
        if !diagnostics.contains(where: { $0.severity == .error }) {
            result = SiteBuilder(options: options).build()
        }
        result.diagnostics.insert(contentsOf: diagnostics, at: 0)
        result.sources = apis.flatMap(\.sources)
        return result
    }

    /// --title, else the title the documents give the site: a single --spec document's own.
    private func siteTitle(_ apis: [APIDocument]) -> String {
        if let title { return title }
        if specs.isEmpty { return "AgentsCode & OpenAgents API documentation" }
        return apis.count == 1 ? apis[0].title : "API documentation"
    }

    /// The model's documents, as the same JSON `docgen spec` publishes, with both files as downloads.
    private func builtInAPIs() throws -> [APIDocument] {
        let files = try SpecPublisher.files(for: APICatalog.all)
        return try APICatalog.all.map { api in
            try APIDocument(
                id: api.id,
                publishedFiles: files.filter { $0.name.hasPrefix("\(api.id).") }.map { ($0.name, $0.contents) })
        }
    }

    private func loadSpecs(_ diagnostics: inout [Diagnostic]) -> [APIDocument] {
        let loaded = APIDocument.load(specs: specs, referenceRoot: refRoot.map { URL(fileURLWithPath: $0) })
        diagnostics += loaded.diagnostics
        return loaded.apis
    }
}
