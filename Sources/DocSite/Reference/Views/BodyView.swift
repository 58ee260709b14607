package struct BodyView: Sendable {
    package var required = false
    package var descriptionHTML = ""
    package var hasDescription = false
    package var media: [MediaView] = []
}
