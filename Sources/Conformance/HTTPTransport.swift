import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request a conformance run sends.
public struct OutgoingRequest: Sendable {
    public var method: String
    /// Absolute: the base URL, the path with its parameters filled in, and the query.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What came back.
public struct IncomingResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// How a run reaches the server: over the network, or in process in tests.
public protocol HTTPTransport: Sendable {
    func send(_ request: OutgoingRequest) async throws -> IncomingResponse
}

/// HTTP and HTTPS through AsyncHTTPClient's shared client.
public struct AsyncHTTPTransport: HTTPTransport {
    /// Per request.
    public var timeout: Duration
    /// Bodies beyond this are an error rather than a memory problem.
    public var maxBody: Int

    public init(timeout: Duration = .seconds(30), maxBody: Int = 64 << 20) {
        self.timeout = timeout
        self.maxBody = maxBody
    }

    public func send(_ request: OutgoingRequest) async throws -> IncomingResponse {
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
