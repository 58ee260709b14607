import CCmarkGFM
import Glibc

/// Renders GitHub-flavoured markdown to HTML with the system cmark-gfm library.
///
/// The GFM extensions are on: tables, strikethrough, autolinks, task lists and tagfilter. cmark runs in
/// its safe mode: raw HTML blocks are left out and `javascript:`, `vbscript:`, `file:` and most `data:`
/// link targets are emptied, so content cannot smuggle script into a page.
public struct MarkdownRenderer: Sendable {
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    public init() {}

    public func html(_ markdown: String) -> String {
        // cmark keeps a process-wide registry; registering twice is harmless and it is cheap.
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_GITHUB_PRE_LANG
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
