package struct ResponseView: Sendable {
    package var status = ""
    package var statusClass = ""
    package var anchor = ""
    package var descriptionHTML = ""
    package var headers: [HeaderView] = []
    package var hasHeaders = false
    package var media: [MediaView] = []
    package var hasMedia = false
    package var links: [LinkView] = []
    package var hasLinks = false
}
