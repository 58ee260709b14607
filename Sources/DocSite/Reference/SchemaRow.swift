import JSONCore

/// One line of a rendered schema: a property (or the schema itself) with its type, flags, constraints and
/// description, and the rows nested under it.
///
/// Every field is present (empty rather than optional) because Mustache looks a missing name up in the
/// enclosing rows, which would show a parent's description under its child.
package struct SchemaRow: Sendable {
    package var name = ""
    package var hasName = false
    /// HTML: the type, with component schemas linked to their pages.
    package var typeHTML = ""
    package var required = false
    package var badges: [String] = []
    package var constraints: [String] = []
    package var enumValues: [String] = []
    package var hasEnum = false
    package var defaultValue = ""
    package var hasDefault = false
    /// Constraints, enum values or a default to show under the type.
    package var hasFacts = false
    package var descriptionHTML = ""
    package var hasDescription = false
    package var children: [SchemaRow] = []
    package var hasChildren = false
    /// "One of", "Any of" or "All of" with the alternatives, each a row of its own.
    package var variantsLabel = ""
    package var variants: [SchemaRow] = []
    package var hasVariants = false
    /// Collapsed by default in the theme when deep.
    package var depth = 0
    /// A component schema not expanded here (too deep, too large a page, or a cycle): how many fields its
    /// own page shows, and the page.
    package var foldedCount = 0
    /// "12 fields"
    package var foldedLabel = ""
    package var foldedURL = ""
    package var hasFolded = false
}
