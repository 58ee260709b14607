import CCmarkGFM
import Foundation
import Glibc

/// Renders GitHub-flavoured markdown to HTML with the system cmark-gfm library.
///
/// The GFM extensions are on: tables, strikethrough, autolinks, task lists and tagfilter. Between parsing
/// and rendering, the document tree is rewritten:
///
/// - raw HTML goes through ``HTMLSanitizer`` (an allow-list of tags and attributes) and then tagfilter, so
///   `<details>` or `<kbd>` work but no `<script>`, event handler or `javascript:` URL survives;
/// - link and image targets with a scheme other than http(s), mailto or tel (images: http(s) and
///   `data:image/…`) are emptied, and relative targets can be rewritten (`.md` sources to page URLs);
/// - headings get stable, unique ids and an anchor link;
/// - fenced code blocks are highlighted at build time by ``Highlighter``, so reading needs no JavaScript.
package struct MarkdownRenderer: Sendable {
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    let highlighter = Highlighter()

    /// cmark-gfm keeps the extensions' special characters in one process-wide table that each parser adds
    /// to and removes from while it parses inlines (`cmark_manage_extensions_special_characters`, called
    /// when a document is finished and for each table row as it is fed): two parsers on two threads make
    /// autolinks come and go. So only one document is parsed at a time; the tree it makes is the page's
    /// own, and rewriting and rendering it touch nothing shared, so those run on every core.
    private static let cmark = NSLock()

    package init() {}

    /// A link target found in the source, with the 1-based line it is on (relative to the markdown given).
    package struct Link: Sendable, Equatable {
        package let url: String
        package let line: Int
    }

    /// What rendering produced: the HTML, the headings (for a table of contents), and the text (for search).
    package struct Rendered: Sendable {
        package var html: String
        package var headings: [Heading]
        package var text: String
        /// Why the text was not rendered (it is shown as preformatted text instead), with its line.
        package var refusal: MarkdownBudget.Refusal?
    }

    package struct Heading: Sendable, Equatable {
        package let level: Int
        package let text: String
        package let id: String
    }

    /// Renders `markdown`. `rewriteLink` sees every link and image target that is not dropped as unsafe and
    /// returns what the page should use instead (`nil` keeps it). Heading ids are taken from `ids`, which
    /// knows the ids already used on the page.
    package func render(
        _ markdown: String, ids: inout HeadingIDs, rewriteLink: (Link) -> String? = { _ in nil }
    ) -> Rendered {
        if let refusal = MarkdownBudget.check(markdown) {
            // Never given to cmark-gfm: shown as it is written (the start of it), and reported by the caller.
            let shown = String(markdown.prefix(2_000)) + (markdown.count > 2_000 ? "\n…" : "")
            return Rendered(
                html: "<pre class=\"refused\">\(HTML.escape(shown))</pre>\n", headings: [], text: "", refusal: refusal)
        }
        let options = CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_UNSAFE
        let parsed = Self.cmark.withLock { () -> (parser: OpaquePointer, document: OpaquePointer?)? in
            cmark_gfm_core_extensions_ensure_registered()
            guard let parser = cmark_parser_new(options) else { return nil }
            for name in Self.extensionNames {
                if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
            }
            var source = markdown
            source.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            return (parser, cmark_parser_finish(parser))
        }
        guard let parsed else { return Rendered(html: "", headings: [], text: "") }
        defer { cmark_parser_free(parsed.parser) }
        guard let document = parsed.document else { return Rendered(html: "", headings: [], text: "") }
        defer { cmark_node_free(document) }
        return rewriteAndRender(document, parser: parsed.parser, options: options, ids: &ids, rewriteLink: rewriteLink)
    }

    /// Everything after parsing, outside the lock: the tree is this page's alone.
    private func rewriteAndRender(
        _ document: OpaquePointer, parser: OpaquePointer, options: Int32, ids: inout HeadingIDs,
        rewriteLink: (Link) -> String?
    ) -> Rendered {
        let extensions = cmark_parser_get_syntax_extensions(parser)

        var headings: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
        var text = ""
        walk(document) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                setLiteral(node, HTMLSanitizer.sanitize(literal(node)))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if !URLPolicy.isSafe(url, forImage: isImage) {
                    cmark_node_set_url(node, "")
                } else if let replacement = rewriteLink(Link(url: url, line: Int(cmark_node_get_start_line(node)))) {
                    cmark_node_set_url(node, replacement)
                }
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_CODE_BLOCK:
                codeBlocks.append(node)
                text += literal(node) + " "
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += literal(node)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH:
                text += " "
            default:
                break
            }
        }

        for block in codeBlocks {
            let info = cmark_node_get_fence_info(block).map { String(cString: $0) } ?? ""
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            replace(block, withHTML: highlighter.codeBlock(literal(block), language: language))
        }

        var found: [Heading] = []
        for heading in headings {
            let level = Int(cmark_node_get_heading_level(heading))
            let title = plainText(of: heading)
            let id = ids.allocate(for: title)
            found.append(Heading(level: level, text: title, id: id))
            guard let rendered = cmark_render_html(heading, options, extensions) else { continue }
            var html = String(cString: rendered)
            free(rendered)
            // cmark writes exactly `<hN>…</hN>\n` for a heading on its own.
            let open = "<h\(level)>"
            let close = "</h\(level)>\n"
            guard html.hasPrefix(open), html.hasSuffix(close) else { continue }
            html.removeFirst(open.count)
            html.removeLast(close.count)
            let anchor = ##"<a class="anchor" href="#\##(id)" aria-label="Link to this section">#</a>"##
            replace(heading, withHTML: "<h\(level) id=\"\(id)\">\(html) \(anchor)</h\(level)>\n")
        }

        guard let rendered = cmark_render_html(document, options, extensions) else {
            return Rendered(html: "", headings: found, text: text)
        }
        defer { free(rendered) }
        return Rendered(html: String(cString: rendered), headings: found, text: text)
    }

    /// Renders `markdown` on its own (spec descriptions, short fragments).
    package func html(_ markdown: String) -> String {
        var ids = HeadingIDs()
        return render(markdown, ids: &ids).html
    }

    // MARK: - Tree helpers

    private func walk(_ root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func setLiteral(_ node: OpaquePointer, _ value: String) {
        cmark_node_set_literal(node, value)
    }

    private func plainText(of node: OpaquePointer) -> String {
        var out = ""
        walk(node) { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += literal(child)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: break
            }
        }
        return out
    }

    private func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(block, html)
        if cmark_node_replace(node, block) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(block)
        }
    }
}

/// Gives each heading of a page a unique id made from its text: lowercase letters, digits and hyphens,
/// `-2`, `-3`, … for repeats, the way GitHub does.
package struct HeadingIDs: Sendable {
    private var used: Set<String>

    package init(reserved: Set<String> = []) { used = reserved }

    package mutating func allocate(for text: String) -> String {
        let base = Slug.make(text, fallback: "section")
        var candidate = base
        var n = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }
}
