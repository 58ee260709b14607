import Foundation
import JSONCore
import OpenAPIDocument

/// Turns a folder of markdown pages and any number of OpenAPI documents into the files of a static site.
///
/// The stages: load the theme and the content (front matter checked), plan every page and its output
/// path, check that pages bound to operations name real ones, render markdown (links rewritten and
/// checked), render reference pages from the documents, then lay every page out with the theme and add
/// the search index, the sitemap and the downloads. Nothing is written here: ``SiteWriter`` does that,
/// and only when there are no errors.
package struct SiteBuilder {
    package struct Options: Sendable {
        package var content: URL?
        /// How the content folder is named in messages (`content`).
        package var contentName: String
        package var apis: [APIDocument]
        package var baseURL: String
        package var theme: URL?
        package var siteTitle: String
        /// Called after each page is rendered with (pages done, pages in all).
        package var progress: (@Sendable (Int, Int) -> Void)?
        /// Versions (`git:REV`, oldest first) for a changelog page of each API that has none in the content.
        package var changelog: [String] = []

        package init(
            content: URL?, contentName: String = "content", apis: [APIDocument], baseURL: String,
            theme: URL? = nil, siteTitle: String = "API documentation", progress: (@Sendable (Int, Int) -> Void)? = nil
        ) {
            self.progress = progress
            self.content = content
            self.contentName = contentName
            self.apis = apis
            self.baseURL = baseURL
            self.theme = theme
            self.siteTitle = siteTitle
        }
    }

    package struct OutputFile: Sendable {
        package let path: String
        package let data: Data

        package init(path: String, data: Data) {
            self.path = path
            self.data = data
        }
    }

    package struct Result: Sendable {
        package var files: [OutputFile] = []
        package var diagnostics: [Diagnostic] = []
        package var pageCount = 0
        /// Files the build read besides the content folder and the theme: every file of the documents
        /// (the ones their references name too), for a preview to watch.
        package var sources: [URL] = []
        package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        package init() {}
    }

    enum Kind {
        case guide(SourcePage)
        case landing(SourcePage?)
        case apiHome(Int, SourcePage?)
        case operation(Int, APIDocument.Operation, SourcePage?)
        case schemas(Int)
        case schema(Int, String, JSONValue)
        case search
        case notFound
    }

    struct Page: Sendable {
        var kind: Kind
        var path: String
        var title: String
        var navTitle: String
        /// The index of the API whose navigation shows the page, or `nil` for general pages.
        var api: Int?
        var order: Int
        var searchable: Bool
        var description: String
    }

    let options: Options
    let markdown = MarkdownRenderer()

    package init(options: Options) { self.options = options }

    package func build() -> Result {
        var result = Result()
        guard let theme = Theme.load(override: options.theme, diagnostics: &result.diagnostics) else { return result }
        var (sources, assets) = loadContent(&result.diagnostics)
        addChangelogs(&sources, &result.diagnostics)
        var pages = plan(sources, &result.diagnostics)
        pages.sort { $0.path < $1.path }
        var paths: [String: Int] = [:]
        for (i, page) in pages.enumerated() {
            if let other = paths[page.path] {
                result.diagnostics.append(
                    Diagnostic(
                        .error, file: sourceName(of: pages[i]) ?? sourceName(of: pages[other]) ?? page.path,
                        message: "two pages would be written to '\(page.path)'; give one a different 'slug'"))
            }
            paths[page.path] = i
        }
        let sourceToOutput = Dictionary(
            pages.compactMap { page -> (String, String)? in
                source(of: page).map { ($0.path, page.path) }
            }, uniquingKeysWith: { a, _ in a })
        var known = Set(pages.map(\.path))
        known.formUnion(assets.map(\.path))
        for api in options.apis { known.formUnion(api.downloads.map { "openapi/\($0.name)" }) }
        known.formUnion(theme.assets.map(\.path))

        let copies = PageMarkdown(apis: options.apis, siteTitle: options.siteTitle, sourceToOutput: sourceToOutput)
        let renderer = PageRenderer(
            options: options, theme: theme, pages: pages, sourceToOutput: sourceToOutput, knownPaths: known)
        // Pages render on every core; each slot is written by one worker only, and the results are
        // taken in page order, so the output does not depend on scheduling.
        let planned = pages
        let report = options.progress
        let slots = Slots(count: pages.count, initial: RenderedSlot())
        let progress = ProgressCounter()
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < planned.count {
                var diagnostics: [Diagnostic] = []
                let rendered = renderer.render(planned[index], diagnostics: &diagnostics)
                slots.store(
                    index,
                    RenderedSlot(
                        html: Data(rendered.html.utf8), markdown: copies.markdown(of: planned[index]).map { Data($0.utf8) },
                        headings: rendered.headings.map { [.string($0.text), .string($0.id)] },
                        searchText: planned[index].searchable ? Self.compact(rendered.text, limit: 4000) : "",
                        diagnostics: diagnostics))
                if let report { report(progress.increment(), planned.count) }
                index += workers
            }
        }
        var searchEntries: [JSONValue] = []
        // Every page's Markdown in one file, in the order llms.txt lists them (the site's order here).
        var everything = Data()
        var copied: Set<String> = []
        for (index, page) in pages.enumerated() {
            let slot = slots.take(index)
            result.diagnostics.append(contentsOf: slot.diagnostics)
            result.files.append(OutputFile(path: page.path, data: slot.html))
            if let markdown = slot.markdown {
                copied.insert(page.path)
                result.files.append(OutputFile(path: PageMarkdown.path(of: page.path), data: markdown))
                if !everything.isEmpty { everything.append(contentsOf: Array("\n---\n\n".utf8)) }
                everything.append(contentsOf: Array("<!-- \(PageMarkdown.path(of: page.path)) -->\n\n".utf8))
                everything.append(markdown)
            }
            if page.searchable {
                searchEntries.append(
                    .object(
                        JSONObject([
                            ("t", .string(page.title)), ("u", .string(page.path)),
                            ("s", .string(page.api.map { options.apis[$0].title } ?? options.siteTitle)),
                            ("x", .string(slot.searchText)), ("k", .string(Self.searchKind(page.kind))),
                            ("h", .array(slot.headings)),
                        ])))
            }
        }
        result.pageCount = pages.count
        for asset in assets { result.files.append(asset) }
        for asset in theme.assets { result.files.append(OutputFile(path: asset.path, data: asset.data)) }
        for api in options.apis {
            for download in api.downloads {
                result.files.append(OutputFile(path: "openapi/\(download.name)", data: Data(download.contents.utf8)))
            }
        }
        // Written as bytes: for a large site the index is tens of megabytes.
        var index = Data("window.docgenSearchIndex = ".utf8)
        index.append(contentsOf: JSONValue.array(searchEntries).compactJSONBytes())
        index.append(contentsOf: Array(";\n".utf8))
        result.files.append(OutputFile(path: "search-index.js", data: index))
        result.files.append(OutputFile(path: "sitemap.xml", data: Data(sitemap(pages).utf8)))
        result.files.append(OutputFile(path: "llms-full.txt", data: everything))
        let landing = pages.first { if case .landing = $0.kind { true } else { false } }?.description ?? ""
        let summary =
            landing.isEmpty
            ? "Reference and guides for " + options.apis.map(\.title).joined(separator: " and ") + "." : landing
        result.files.append(
            OutputFile(
                path: "llms.txt",
                data: Data(copies.llmsText(pages: pages, copies: copied, baseURL: options.baseURL, summary: summary).utf8)))
        result.files.sort { $0.path < $1.path }
        return result
    }

    // MARK: - Content

    private func loadContent(_ diagnostics: inout [Diagnostic]) -> ([SourcePage], [OutputFile]) {
        guard let folder = options.content else { return ([], []) }
        let files = Files.list(folder)
        let contentName = options.contentName
        // Files are read and their front matter parsed on every core; results are taken in file order.
        let slots = Slots(count: files.count, initial: LoadedSlot())
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < files.count {
                let relative = files[index]
                let display = "\(contentName)/\(relative)"
                var slot = LoadedSlot()
                if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path) {
                    if !relative.hasSuffix(".md") {
                        slot.asset = OutputFile(path: relative, data: data)
                    } else if let text = String(data: data, encoding: .utf8) {
                        if let page = SourcePage.parse(
                            text, path: relative, displayPath: display, diagnostics: &slot.diagnostics),
                            !page.frontMatter.draft
                        {
                            slot.page = page
                        }
                    } else {
                        slot.diagnostics.append(
                            Diagnostic(.error, file: display, line: 1, message: "the file is not valid UTF-8"))
                    }
                } else {
                    slot.diagnostics.append(Diagnostic(.error, file: display, message: "cannot read the file"))
                }
                slots.store(index, slot)
                index += workers
            }
        }
        var pages: [SourcePage] = []
        var assets: [OutputFile] = []
        for index in files.indices {
            let slot = slots.take(index)
            diagnostics.append(contentsOf: slot.diagnostics)
            if let page = slot.page { pages.append(page) }
            if let asset = slot.asset { assets.append(asset) }
        }
        return (pages, assets)
    }

    // MARK: - Plan

    private func plan(_ sources: [SourcePage], _ diagnostics: inout [Diagnostic]) -> [Page] {
        var pages: [Page] = []
        var landing: SourcePage?
        var apiHomes: [Int: SourcePage] = [:]
        var operationProse: [String: SourcePage] = [:]
        let apiIndex = Dictionary(options.apis.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let operationsByAPI = options.apis.map { $0.operations }

        for source in sources {
            let matter = source.frontMatter
            var api: Int?
            if let name = matter.api {
                guard let index = apiIndex[name] else {
                    let known = options.apis.map(\.id).joined(separator: ", ")
                    diagnostics.append(
                        Diagnostic(
                            .error, file: source.displayPath, line: matter.lines["api"],
                            message: "unknown api '\(name)' (known: \(known.isEmpty ? "none" : known))"))
                    continue
                }
                api = index
            }
            if let operation = matter.operation {
                guard let api else {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: source.displayPath, line: matter.lines["operation"],
                            message: "'operation: \(operation)' needs an 'api:' key saying whose operation it is"))
                    continue
                }
                guard operationsByAPI[api].contains(where: { $0.id == operation }) else {
                    let known = operationsByAPI[api].map(\.id).joined(separator: ", ")
                    diagnostics.append(
                        Diagnostic(
                            .error, file: source.displayPath, line: matter.lines["operation"],
                            message: "unknown operation '\(operation)' in \(options.apis[api].id) (known: \(known))"))
                    continue
                }
                let key = "\(api)/\(operation)"
                if let other = operationProse[key] {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: source.displayPath, line: matter.lines["operation"],
                            message: "operation '\(operation)' already has its prose in \(other.displayPath)"))
                    continue
                }
                operationProse[key] = source
                continue
            }
            let stem = String(source.path.dropLast(3))
            let directory = stem.contains("/") ? String(stem[..<(stem.lastIndex(of: "/") ?? stem.endIndex)]) : ""
            var name = matter.slug ?? String(stem.split(separator: "/").last ?? "")
            if name == "_index" && matter.slug == nil { name = "index" }  // Hugo's name for a section's page
            if name == "index" && directory.isEmpty {
                landing = source
                continue
            }
            if name == "index", let api, directory == options.apis[api].id {
                apiHomes[api] = source
                continue
            }
            let path = (directory.isEmpty ? "" : directory + "/") + name + ".html"
            pages.append(
                Page(
                    kind: .guide(source), path: path, title: matter.title, navTitle: matter.navTitle ?? matter.title,
                    api: api, order: matter.order ?? 1000, searchable: matter.search,
                    description: matter.description ?? ""))
        }

        pages.append(
            Page(
                kind: .landing(landing), path: "index.html", title: landing?.frontMatter.title ?? options.siteTitle,
                navTitle: "Home", api: nil, order: 0, searchable: landing != nil,
                description: landing?.frontMatter.description ?? ""))
        for (index, api) in options.apis.enumerated() {
            let home = apiHomes[index]
            pages.append(
                Page(
                    kind: .apiHome(index, home), path: "\(api.id)/index.html",
                    title: home?.frontMatter.title ?? api.title,
                    navTitle: "Overview", api: index, order: home?.frontMatter.order ?? 0, searchable: true,
                    description: home?.frontMatter.description ?? api.summary ?? ""))
            for (operation, path) in zip(operationsByAPI[index], Self.operationPagePaths(api)) {
                let prose = operationProse["\(index)/\(operation.id)"]
                // An empty summary is no title: the operationId (or `GET /path`) is.
                let summary = operation.value["summary"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                let title = prose?.frontMatter.title ?? summary ?? operation.id
                pages.append(
                    Page(
                        kind: .operation(index, operation, prose), path: path,
                        title: title, navTitle: prose?.frontMatter.navTitle ?? title, api: index, order: 0,
                        searchable: prose?.frontMatter.search ?? true,
                        description: prose?.frontMatter.description ?? summary ?? ""))
            }
            pages.append(
                Page(
                    kind: .schemas(index), path: "\(api.id)/schemas/index.html", title: "\(api.title) schemas",
                    navTitle: "Schemas", api: index, order: 0, searchable: false, description: ""))
            var usedSchemas: Set<String> = []
            for (name, schema) in api.schemas {
                var file = Slug.fileName(name)
                var n = 2
                while usedSchemas.contains(file.lowercased()) || file.lowercased() == "index" {
                    file = Slug.fileName(name) + "-\(n)"
                    n += 1
                }
                usedSchemas.insert(file.lowercased())
                pages.append(
                    Page(
                        kind: .schema(index, name, schema), path: "\(api.id)/schemas/\(file).html", title: name,
                        navTitle: name, api: index, order: 0, searchable: true,
                        description: schema["description"]?.stringValue.map { Self.compact($0, limit: 160) } ?? ""))
            }
        }
        pages.append(
            Page(
                kind: .search, path: "search.html", title: "Search", navTitle: "Search", api: nil, order: 0,
                searchable: false, description: ""))
        pages.append(
            Page(
                kind: .notFound, path: "404.html", title: "Page not found", navTitle: "", api: nil, order: 0,
                searchable: false, description: ""))
        return pages
    }

    /// The page of each operation of `api`, in the API's order: `agentscode/operations/list-agents.html`.
    static func operationPagePaths(_ api: APIDocument) -> [String] {
        var used: Set<String> = []
        return api.operations.map { operation in
            var file = Slug.fileName(operation.id)
            var n = 2
            while used.contains(file.lowercased()) {
                file = Slug.fileName(operation.id) + "-\(n)"
                n += 1
            }
            used.insert(file.lowercased())
            return "\(api.id)/\(operation.kind == .webhook ? "webhooks" : "operations")/\(file).html"
        }
    }

    private func source(of page: Page) -> SourcePage? {
        switch page.kind {
        case .guide(let s): s
        case .landing(let s), .apiHome(_, let s), .operation(_, _, let s): s
        default: nil
        }
    }

    private func sourceName(of page: Page) -> String? { source(of: page)?.displayPath }

    // MARK: - Sitemap

    private func sitemap(_ pages: [Page]) -> String {
        var base = options.baseURL
        if !base.hasSuffix("/") { base += "/" }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            if case .notFound = page.kind { continue }
            if case .search = page.kind { continue }
            out += "  <url><loc>\(HTML.escape(base + page.path))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }
}

struct RenderedSlot {
    var html = Data()
    /// The page as Markdown (`PageMarkdown`), nil for pages without a copy.
    var markdown: Data?
    /// The page's headings for the search index: `[text, anchor]` pairs.
    var headings: [JSONValue] = []
    var searchText = ""
    var diagnostics: [Diagnostic] = []
}

struct LoadedSlot {
    var page: SourcePage?
    var asset: SiteBuilder.OutputFile?
    var diagnostics: [Diagnostic] = []
}
