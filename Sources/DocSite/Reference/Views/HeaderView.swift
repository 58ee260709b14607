package struct HeaderView: Sendable {
    package var name = ""
    package var typeHTML = ""
    package var required = false
    package var descriptionHTML = ""
    package var hasDescription = false
}
