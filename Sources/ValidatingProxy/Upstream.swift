import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import OpenAPIDocument

/// The real server behind the proxy, reached with AsyncHTTPClient: redirects and compressed answers are
/// passed back as they are (never followed or decoded), HTTPS trusts the system's roots, a given CA, or,
/// when asked, anything.
package final class Upstream: Sendable {
    /// `https://api.example.com`
    package let origin: String
    /// The upstream URL's own path, put before every request's path (empty for none).
    package let basePath: String
    let client: HTTPClient
    let timeout: Duration
    let maxBody: Int

    package enum Failure: Error, Sendable {
        /// No connection, a refused one, a TLS failure, malformed HTTP: 502.
        case unreachable(String)
        /// No whole answer in time: 504.
        case timeout(seconds: Int)
        /// An answer body past `--max-body`: 502.
        case tooLarge(Int)
    }

    package init(
        url: String, caCertificate: String? = nil, insecure: Bool = false, timeout: Duration = .seconds(30),
        maxBody: Int
    ) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = parsed.host, !host.isEmpty
        else {
            throw UpstreamURLError(url: url)
        }
        let authority = host.contains(":") ? "[\(host)]" : host
        origin = "\(scheme)://\(authority)" + (parsed.port.map { ":\($0)" } ?? "")
        var path = parsed.path
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caCertificate {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caCertificate))
        }
        if insecure { tls.certificateVerification = .none }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(Int64(timeout.components.seconds))),
            decompression: .disabled)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 128)
        // A refused connection is a 502 at once, as nginx and Prism answer it, not after the connect timeout
        // spent trying again.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
        self.maxBody = maxBody
    }

    package struct UpstreamURLError: Error, CustomStringConvertible {
        package var url: String
        package var description: String { "--upstream wants an http:// or https:// URL with a host, not '\(url)'" }
    }

    /// Sends the request (its target as the client sent it, after the upstream's path) and reads the whole
    /// answer: the head within the timeout, and no wait for more of the body longer than it.
    package func send(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]
    ) async throws(Failure) -> APIResponse {
        let url = origin + basePath + (target.hasPrefix("/") ? target : "/" + target)
        do {
            return try await exchange(method: method, url: url, headers: headers, body: body)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw .tooLarge(maxBody)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw .timeout(seconds: Int(timeout.components.seconds))
        } catch {
            throw .unreachable(String(describing: error))
        }
    }

    private func exchange(
        method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]
    ) async throws -> APIResponse {
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { outgoing.headers.add(name: name, value: value) }
        if !body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        // The deadline bounds the wait for the head; the read timeout, each wait for more of the body.
        let response = try await client.execute(outgoing, deadline: .now() + .seconds(Int64(timeout.components.seconds)))
        let collected = try await response.body.collect(upTo: maxBody)
        return APIResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(collected.readableBytesView))
    }

    package func shutdown() async {
        try? await client.shutdown()
    }
}
