import JSONCore

/// One HTTP response as a value: status, headers and body bytes. What the mock answers, what a server sent
/// a conformance run or a HAR capture, and what the checks validate.
package struct APIResponse: Sendable {
    package var status: Int
    /// Header names and values as received; names compare case-insensitively.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer, `Content-Type: application/json`.
    package static func json(
        _ status: Int, _ value: JSONValue, contentType: String = "application/json",
        headers: [(name: String, value: String)] = []
    ) -> APIResponse {
        APIResponse(
            status: status, headers: [("Content-Type", contentType)] + headers, body: value.compactJSONBytes())
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The body parsed as JSON, or nil when it is not JSON.
    package var jsonBody: JSONValue? { try? JSONParser().parse(body) }
}
