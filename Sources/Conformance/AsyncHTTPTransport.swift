import AsyncHTTPClient
import OpenAPIDocument
import Foundation
import NIOCore
import NIOHTTP1

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

    package func send(_ request: APIRequest) async throws -> APIResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        let seconds = Int64(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0)
        let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(seconds))
        let body = try await response.body.collect(upTo: maxBody)
        return APIResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(body.readableBytesView))
    }
}
