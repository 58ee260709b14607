/// A Link Object of a response: the operation a client goes on to, and where its parameters come from.
package struct LinkView: Sendable {
    package var name = ""
    package var operationId = ""
    /// The target's reference page, relative to this one; empty when the target is not in the document.
    package var href = ""
    package var hasHref = false
    package var descriptionHTML = ""
    package var hasDescription = false
    /// `agentJobId` = `$response.body#/jobId`, escaped.
    package var parametersHTML = ""
    package var hasParameters = false
    /// From `x-repeat-while`: "again while `/status` is `"queued"` or `"active"`", escaped.
    package var repeatHTML = ""
    package var hasRepeat = false
}
