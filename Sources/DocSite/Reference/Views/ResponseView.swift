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
    /// Several statuses that answer with the same body (the error answers), shown once: `members` says
    /// each status and what it means, the body is folded.
    package var isGroup = false
    package var members: [ResponseMember] = []
    /// The body's schema in words (`Error`), for a group's folded details.
    package var bodySummary = ""
    /// What makes two responses the same for grouping (content types and schemas); nil when the response
    /// has headers or links of its own, or no body.
    var groupKey: String?
}

/// One status of a grouped response.
package struct ResponseMember: Sendable {
    package var status = ""
    package var statusClass = ""
    package var anchor = ""
    package var descriptionHTML = ""
}

/// A response's first example, for the samples column (tabbed by status).
package struct ResponseExampleView: Sendable {
    package var label = ""
    package var panelID = ""
    package var codeHTML = ""
}
