package struct SecurityView: Sendable {
    package var name = ""
    package var summary = ""
    package var descriptionHTML = ""
    package var hasDescription = false
    /// A description too long to repeat on every operation page is on the API's home page instead.
    package var isFolded = false
    package var foldedURL = ""
    package var anchor = ""
}
