package struct SecurityView: Sendable {
    package var name = ""
    package var summary = ""
    package var descriptionHTML = ""
    package var hasDescription = false
}
