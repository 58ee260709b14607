import Foundation
import JSONCore
import OpenAPIDocument

/// Lays out one planned page: its body with the page's own template, then the `layout` template with the
/// navigation, table of contents and previous/next links around it.
struct PageRenderer {
    let options: SiteBuilder.Options
    let theme: Theme
    let pages: [SiteBuilder.Page]
    let sourceToOutput: [String: String]
    let knownPaths: Set<String>
    let markdown = MarkdownRenderer()
    let index: PageIndex

    init(
        options: SiteBuilder.Options, theme: Theme, pages: [SiteBuilder.Page], sourceToOutput: [String: String],
        knownPaths: Set<String>
    ) {
        self.options = options
        self.theme = theme
        self.pages = pages
        self.sourceToOutput = sourceToOutput
        self.knownPaths = knownPaths
        self.index = PageIndex(pages: pages, apis: options.apis)
    }

    struct Rendered {
        var html: String
        var text: String
        /// The page's own headings (text, anchor), for the search index.
        var headings: [TocEntry] = []
    }

    /// Markdown as the text a reader sees: `**Note** [see](x.md)` is `Note see`.
    func plainText(_ markdown: String) -> String {
        guard !markdown.isEmpty else { return "" }
        var ids = HeadingIDs()
        return self.markdown.render(markdown, ids: &ids).text
    }

    func render(_ page: SiteBuilder.Page, diagnostics: inout [Diagnostic]) -> Rendered {
        var context = PageContext()
        context.siteTitle = options.siteTitle
        context.title = page.title
        context.description = page.description
        context.hasDescription = !page.description.isEmpty
        let depth = page.path.split(separator: "/").count - 1
        context.root = String(repeating: "../", count: depth)
        if case .notFound = page.kind {
            // Served for any missing URL, at any depth: only absolute links work there.
            var base = options.baseURL
            if !base.hasSuffix("/") { base += "/" }
            context.root = URL(string: base)?.path.isEmpty == false ? (URL(string: base)?.path ?? "/") : "/"
            if !context.root.hasSuffix("/") { context.root += "/" }
        }
        var base = options.baseURL
        if !base.hasSuffix("/") { base += "/" }
        context.canonical = base + page.path
        context.hasCanonical = true
        switch page.kind {
        case .search, .notFound: break
        default:
            context.markdownURL = String(PageMarkdown.path(of: page.path).split(separator: "/").last ?? "")
            context.hasMarkdown = true
        }
        context.kind = kindName(page.kind)
        context.searchable = page.searchable
        context.apis = options.apis.enumerated().map { i, api in
            NavLink(title: api.title, url: context.root + "\(api.id)/index.html", current: page.api == i)
        }
        if let api = page.api {
            context.sectionTitle = options.apis[api].title
            let apiTitle = options.apis[api].title
            // An API's home page is titled after the API: its name once, not twice.
            context.documentTitle = page.title == apiTitle ? apiTitle : "\(page.title) · \(apiTitle)"
            context.downloads = options.apis[api].downloads.map {
                NavLink(title: $0.name, url: context.root + "openapi/\($0.name)")
            }
            context.hasDownloads = !context.downloads.isEmpty
        } else {
            context.documentTitle = page.path == "index.html" ? page.title : "\(page.title) · \(options.siteTitle)"
        }
        context.nav = navigation(for: page, root: context.root)
        let order = linearOrder(for: page)
        if let position = index.linearPosition[page.path], position < order.count, order[position].path == page.path {
            if position > 0 {
                let p = order[position - 1]
                context.prev = [NavLink(title: p.navTitle, url: context.root + p.path)]
            }
            if position + 1 < order.count {
                let n = order[position + 1]
                context.next = [NavLink(title: n.navTitle, url: context.root + n.path)]
            }
        }
        context.hasPager = !context.prev.isEmpty || !context.next.isEmpty

        var text = ""
        var reserved = Self.reservedIDs
        if case .operation(_, let operation, _) = page.kind {
            for status in operation.value["responses"]?.objectValue?.keys ?? [] {
                reserved.insert("response-\(Slug.make(status))")
            }
        }
        var ids = HeadingIDs(reserved: reserved)
        switch page.kind {
        case .guide(let source):
            let rendered = renderMarkdown(source, page: page, root: context.root, ids: &ids, diagnostics: &diagnostics)
            context.toc = toc(rendered.headings)
            text = rendered.text
            context.content = theme.render(
                "guide", GuideContext(title: page.title, html: rendered.html, description: page.description))
        case .landing(let source):
            var html = ""
            if let source {
                let rendered = renderMarkdown(
                    source, page: page, root: context.root, ids: &ids, diagnostics: &diagnostics)
                html = rendered.html
                text = rendered.text
            }
            let cards = options.apis.map { api in
                APICard(
                    title: api.title, url: "\(api.id)/index.html", summary: api.summary ?? "",
                    version: api.version ?? "", hasVersion: api.version != nil, operationCount: api.operations.count)
            }
            context.content = theme.render(
                "landing", LandingContext(title: page.title, html: html, apis: cards, root: context.root))
        case .apiHome(let index, let source):
            let api = options.apis[index]
            var html = ""
            if let source {
                let rendered = renderMarkdown(
                    source, page: page, root: context.root, ids: &ids, diagnostics: &diagnostics)
                html = rendered.html
                text = rendered.text
                context.toc = toc(rendered.headings)
            } else if let description = api.descriptionMarkdown {
                let rendered = markdown.render(description, ids: &ids)
                html = rendered.html
                text = rendered.text
                context.toc = toc(rendered.headings)
            }
            context.content = theme.render(
                "api", apiContext(api: api, index: index, html: html, root: context.root, title: page.title))
        case .operation(let index, let operation, let source):
            let api = options.apis[index]
            var view = ReferenceBuilder(api: api).view(of: operation) { name in
                context.root + schemaPath(api: index, name: name)
            }
            view.title = page.title
            if let source {
                let rendered = renderMarkdown(
                    source, page: page, root: context.root, ids: &ids, diagnostics: &diagnostics)
                view.proseHTML = rendered.html
                view.hasProse = !rendered.html.isEmpty
                text += rendered.text + " "
            }
            text += "\(view.method) \(view.path) \(view.summary) "
            text += SiteBuilder.compact(operation.value["description"]?.stringValue ?? "", limit: 2000)
            text += " " + view.parameters.map(\.name).joined(separator: " ")
            // No "On this page": the samples column takes its place (the page's sections are few and fixed).
            context.hasTryIt = view.hasSamples
            context.content = theme.render("operation", view)
        case .schemas(let index):
            let api = options.apis[index]
            let entries = api.schemas.map { entry in
                SchemaEntry(
                    name: entry.name, url: context.root + schemaPath(api: index, name: entry.name),
                    summary: SiteBuilder.compact(plainText(entry.schema["description"]?.stringValue ?? ""), limit: 200))
            }
            context.content = theme.render("schemas", SchemasContext(title: page.title, schemas: entries))
        case .schema(let index, let name, let schema):
            let api = options.apis[index]
            var renderer = SchemaRenderer(document: api, markdown: markdown) { other in
                context.root + schemaPath(api: index, name: other)
            }
            var row = renderer.rows(for: schema)
            // The page is the schema: say what it is rather than link to itself.
            row.typeHTML = renderer.typeHTML(schema, refName: nil)
            let example = ExampleSynthesizer(document: api.document, direction: .response).example(for: schema)
            let users = (self.index.schemaUsers["\(index)/\(name)"] ?? []).map { operation in
                NavLink(
                    title: operation.value["summary"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? operation.id,
                    url: context.root + operationPath(api: index, id: operation.id),
                    method: operation.method.uppercased(),
                    hasMethod: true)
            }
            text = "\(name) " + SiteBuilder.compact(schema["description"]?.stringValue ?? "", limit: 1000)
            context.content = theme.render(
                "schema",
                SchemaContext(
                    name: name, row: row,
                    exampleHTML: Highlighter().codeBlock(example.prettyJSON(), language: "json"),
                    usedBy: users, hasUsers: !users.isEmpty))
        case .search:
            context.content = theme.render("search", SimpleContext(title: page.title, root: context.root))
        case .notFound:
            context.content = theme.render("404", SimpleContext(title: page.title, root: context.root))
        }
        context.hasToc = !context.toc.isEmpty
        let headings: [TocEntry]
        switch page.kind {
        case .operation: headings = []  // the template's fixed sections: nothing a reader searches for
        default: headings = context.toc
        }
        return Rendered(html: theme.render("layout", context), text: text, headings: headings)
    }

    /// Ids the templates use themselves; headings from markdown never take them.
    static let reservedIDs: Set<String> = [
        "main", "site-nav", "site-search", "request", "authentication", "parameters", "request-body", "responses",
        "samples", "sample-curl", "sample-javascript", "sample-python", "sample-n8n", "sample-curl-title",
        "sample-javascript-title", "sample-python-title", "sample-n8n-title", "guides", "operations", "example",
        "used-by", "search-query", "search-status", "search-results",
    ]

    private func kindName(_ kind: SiteBuilder.Kind) -> String {
        switch kind {
        case .guide: "guide"
        case .landing: "landing"
        case .apiHome: "api"
        case .operation: "operation"
        case .schemas: "schemas"
        case .schema: "schema"
        case .search: "search"
        case .notFound: "not-found"
        }
    }

    // MARK: - Markdown pages

    private func renderMarkdown(
        _ source: SourcePage, page: SiteBuilder.Page, root: String, ids: inout HeadingIDs,
        diagnostics: inout [Diagnostic]
    ) -> MarkdownRenderer.Rendered {
        var problems: [Diagnostic] = []
        let sourceDirectory =
            source.path.contains("/")
            ? String(source.path[..<(source.path.lastIndex(of: "/") ?? source.path.endIndex)]) : ""
        let rendered = markdown.render(source.body, ids: &ids) { link in
            guard let (target, suffix) = resolve(link.url, from: sourceDirectory) else { return nil }
            let line = source.bodyLine + link.line - 1
            if target.hasSuffix(".md") {
                guard let output = sourceToOutput[target] else {
                    problems.append(
                        Diagnostic(
                            .error, file: source.displayPath, line: line,
                            message: "broken link '\(link.url)': there is no page '\(options.contentName)/\(target)'"))
                    return nil
                }
                return root + output + suffix
            }
            let candidate = target.isEmpty ? "index.html" : target
            guard
                knownPaths.contains(candidate) || knownPaths.contains(candidate + "/index.html")
                    || knownPaths.contains(candidate + "index.html")
            else {
                problems.append(
                    Diagnostic(
                        .error, file: source.displayPath, line: line,
                        message: "broken link '\(link.url)': the site has no file '\(candidate)'"))
                return nil
            }
            return root + target + suffix
        }
        if let refusal = rendered.refusal {
            problems.append(
                Diagnostic(
                    .error, file: source.displayPath, line: source.bodyLine + refusal.line - 1, message: refusal.message
                ))
        }
        diagnostics.append(contentsOf: problems)
        return rendered
    }

    /// For a relative or site-absolute link: the site path it points at and its `?query#fragment`;
    /// `nil` for external links, fragments on the same page, and anything with a scheme.
    private func resolve(_ url: String, from directory: String) -> (String, String)? {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return nil }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        var path = url
        var suffix = ""
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[cut...])
            path = String(path[..<cut])
        }
        let decoded = path.removingPercentEncoding ?? path
        var parts: [Substring] = decoded.hasPrefix("/") ? [] : directory.split(separator: "/")
        for piece in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if piece == "." { continue }
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(piece)
        }
        var joined = parts.joined(separator: "/")
        if decoded.hasSuffix("/") && !joined.isEmpty { joined += "/" }
        return (joined, suffix)
    }

    private func toc(_ headings: [MarkdownRenderer.Heading]) -> [TocEntry] {
        headings.filter { $0.level == 2 || $0.level == 3 }.map {
            TocEntry(text: $0.text, id: $0.id, level: $0.level, sub: $0.level == 3)
        }
    }
}
