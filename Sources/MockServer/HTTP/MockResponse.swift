import JSONCore

/// One answer of the mock, as a value: status, headers and body bytes.
package struct MockResponse: Sendable {
    package var status: Int
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
    ) -> MockResponse {
        MockResponse(
            status: status, headers: [("Content-Type", contentType)] + headers, body: value.compactJSONBytes())
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The body parsed as JSON, or nil when it is not JSON.
    package var jsonBody: JSONValue? { try? JSONParser().parse(body) }
}
