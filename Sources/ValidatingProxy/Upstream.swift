import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import OpenAPIDocument

/// The real server behind the proxy, reached through a pool of NIO connections of its own: redirects and
/// compressed answers are passed back as they are (never followed or decoded), HTTPS trusts the system's
/// roots, a given CA, or, when asked, anything.
package final class Upstream: Sendable {
    /// `https://api.example.com`
    package let origin: String
    /// The upstream URL's own path, put before every request's path (empty for none).
    package let basePath: String
    /// The `Host` header sent upstream: the upstream's own, not the client's.
    let hostHeader: String
    let pool: UpstreamConnectionPool

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
        hostHeader = authority + (parsed.port.map { ":\($0)" } ?? "")
        var path = parsed.path
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
        var tls: TLSConfiguration?
        if scheme == "https" {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let caCertificate {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caCertificate))
            }
            if insecure { configuration.certificateVerification = .none }
            tls = configuration
        }
        pool = try UpstreamConnectionPool(
            host: host, port: parsed.port ?? (scheme == "https" ? 443 : 80), tls: tls,
            timeout: .seconds(timeout.components.seconds), maxBody: maxBody)
    }

    package struct UpstreamURLError: Error, CustomStringConvertible {
        package var url: String
        package var description: String { "--upstream wants an http:// or https:// URL with a host, not '\(url)'" }
    }

    /// Sends the request (its target as the client sent it, after the upstream's path) on `eventLoop` and
    /// reads the whole answer within the timeout; `done` is called once, on `eventLoop`, failing only with
    /// a `Failure`.
    package func send(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8],
        on eventLoop: any EventLoop, done: @escaping (Result<APIResponse, Failure>) -> Void
    ) {
        var head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: method),
            uri: basePath + (target.hasPrefix("/") ? target : "/" + target))
        head.headers.reserveCapacity(headers.count + 2)
        head.headers.add(name: "Host", value: hostHeader)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
            head.headers.add(name: "Content-Length", value: String(body.count))
        }
        pool.send(head, body: body.isEmpty ? nil : ByteBuffer(bytes: body), on: eventLoop) { result in
            done(
                result.mapError { error in
                    error as? Failure ?? .unreachable(String(describing: error))
                })
        }
    }

    package func shutdown() async {
        await pool.shutdown()
    }
}
