import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request a conformance run sends.
package struct OutgoingRequest: Sendable {
    package var method: String
    /// Absolute: the base URL, the path with its parameters filled in, and the query.
    package var url: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What came back.
package struct IncomingResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// How a run reaches the server: over the network, or in process in tests.
package protocol HTTPTransport: Sendable {
    func send(_ request: OutgoingRequest) async throws -> IncomingResponse
}

/// HTTP and HTTPS through AsyncHTTPClient's shared client.
package struct AsyncHTTPTransport: HTTPTransport {
    /// Per request.
    package var timeout: Duration
    /// Bodies beyond this are an error rather than a memory problem.
    package var maxBody: Int

    package init(timeout: Duration = .seconds(30), maxBody: Int = 64 << 20) {
        self.timeout = timeout
        self.maxBody = maxBody
    }

    package func send(_ request: OutgoingRequest) async throws -> IncomingResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        let seconds = Int64(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0)
        let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(seconds))
        let body = try await response.body.collect(upTo: maxBody)
        return IncomingResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(body.readableBytesView))
    }
}
