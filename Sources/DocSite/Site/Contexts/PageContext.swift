/// What the `layout` template receives for every page. Fields are never optional (Mustache would look a
/// missing name up in the enclosing context); `has…` flags say what is there.
struct PageContext {
    var siteTitle = ""
    var title = ""
    var documentTitle = ""
    var description = ""
    var hasDescription = false
    /// `../../` from this page to the site root (empty at the root), so the site works from any folder.
    var root = ""
    var canonical = ""
    var hasCanonical = false
    /// The page's Markdown copy, relative to the page (`run-agent.md`); empty when it has none.
    var markdownURL = ""
    var hasMarkdown = false
    /// An operation page that loads the try-it console.
    var hasTryIt = false
    var sectionTitle = ""
    var apis: [NavLink] = []
    var nav: [NavGroup] = []
    var toc: [TocEntry] = []
    var hasToc = false
    var content = ""
    var prev: [NavLink] = []
    var next: [NavLink] = []
    var hasPager = false
    var downloads: [NavLink] = []
    var hasDownloads = false
    var kind = ""
    var searchable = true
}
