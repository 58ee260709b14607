/// One operation of an operation's `callbacks`: the request the API sends to the subscriber's URL (a runtime
/// expression), and what the subscriber answers.
package struct CallbackView: Sendable {
    package var name = ""
    /// `{$request.body#/callbackUrl}/data`
    package var expression = ""
    package var method = ""
    package var anchor = ""
    package var descriptionHTML = ""
    package var hasDescription = false
    package var requestBody: [BodyView] = []
    package var hasRequestBody = false
    package var responses: [ResponseView] = []
}
