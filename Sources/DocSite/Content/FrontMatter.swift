import OpenAPIDocument
import JSONCore
import OpenAPIDocument

/// The YAML block at the top of a markdown page, between two `---` lines.
///
/// | key | type | meaning |
/// |---|---|---|
/// | `title` | string, required | the page title (`<title>`, heading, navigation) |
/// | `description` | string | the meta description and the summary in lists |
/// | `order` | integer | position in the navigation (lower first; then by title) |
/// | `slug` | string | the output file name instead of the source's |
/// | `api` | string | the API whose navigation lists the page (`agentscode`) |
/// | `operation` | string | an operationId of that API: the page's prose goes on its reference page |
/// | `nav_title` | string | a shorter title for the navigation |
/// | `draft` | boolean | `true` leaves the page out of the build |
/// | `search` | boolean | `false` leaves the page out of the search index |
/// | `changelog` | list of strings | with `api`: the page lists that API's changes between these versions (`git:REV` or `git:REV:PATH`, oldest first) and this build |
package struct FrontMatter: Sendable, Equatable {
    package var title = ""
    package var description: String?
    package var order: Int?
    package var slug: String?
    package var api: String?
    package var operation: String?
    package var navTitle: String?
    package var draft = false
    package var search = true
    /// Versions of the page's API to list the changes between, oldest first: `git:REV` (the API's own file
    /// at that revision) or `git:REV:PATH`.
    package var changelog: [String] = []
    /// The 1-based line of each key, for messages about its value (`operation` unknown, say).
    package var lines: [String: Int] = [:]

    package static let keys = [
        "title", "description", "order", "slug", "api", "operation", "nav_title", "draft", "search", "changelog",
    ]
}
