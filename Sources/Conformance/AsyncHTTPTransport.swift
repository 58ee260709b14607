import AsyncHTTPClient
import OpenAPIDocument
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP and HTTPS through one AsyncHTTPClient for the process.
package struct AsyncHTTPTransport: HTTPTransport {
    /// AsyncHTTPClient's shared client, except that a refused connection fails at once: by default the pool
    /// tries again until each request's deadline, so a run against a port nobody listens on took the request
    /// timeout once per case before saying it cannot reach the server.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Per request.
    package var timeout: Duration
    /// Bodies beyond this are an error rather than a memory problem.
    package var maxBody: Int

    package init(timeout: Duration = .seconds(30), maxBody: Int = 64 << 20) {
        self.timeout = timeout
        self.maxBody = maxBody
    }

    /// No answer, whole (head and body), within the request timeout.
    package struct Timeout: Error, CustomStringConvertible {
        package var seconds: Double
        package var description: String {
            "no complete answer within \(seconds.formatted(.number.precision(.fractionLength(0...3)))) s"
        }
    }

    /// The exchange, bounded as a whole: a server that trickles its answer a byte at a time is cut off at
    /// the timeout too (AsyncHTTPClient's own timeouts start again with every byte read).
    package func send(_ request: APIRequest) async throws -> APIResponse {
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: APIResponse?.self) { group in
            group.addTask { try await exchange(request) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                let parts = timeout.components
                throw Timeout(seconds: Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
            }
            return response
        }
    }

    private func exchange(_ request: APIRequest) async throws -> APIResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        let seconds = Int64(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0)
        let response = try await Self.client.execute(outgoing, timeout: .seconds(seconds))
        let body = try await response.body.collect(upTo: maxBody)
        return APIResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(body.readableBytesView))
    }
}
