import Foundation
import NIOCore
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
        // The request as bytes, written down the connection in one piece.
        let path = basePath + Self.originForm(target)
        var size = method.utf8.count + path.utf8.count + hostHeader.utf8.count + 64 + body.count
        for (name, value) in headers { size += name.utf8.count + value.utf8.count + 4 }
        var bytes = ByteBufferAllocator().buffer(capacity: size)
        bytes.writeString(method)
        bytes.writeStaticString(" ")
        bytes.writeString(path)
        bytes.writeStaticString(" HTTP/1.1\r\n")
        bytes.writeHTTPField("Host", hostHeader)
        for (name, value) in headers { bytes.writeHTTPField(name, value) }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
            bytes.writeHTTPField("Content-Length", String(body.count))
        }
        bytes.writeStaticString("\r\n")
        bytes.writeBytes(body)
        let request = UpstreamRequest(method: method, bytes: bytes) { result in
            done(result.mapError { error in error as? Failure ?? .unreachable(String(describing: error)) })
        }
        pool.send(request, on: eventLoop)
    }

    /// The path and query of a request target as the upstream gets it. An absolute-form target
    /// (`http://host/path?q`, what a client sends to a proxy it was told is one; RFC 9112 section 3.2.2)
    /// loses its scheme and authority, as the proxy routed it by its path.
    static func originForm(_ target: String) -> String {
        if target.hasPrefix("/") { return target }
        guard let scheme = target.range(of: "://") else { return "/" + target }
        let rest = target[scheme.upperBound...]
        guard let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        return rest[end] == "?" ? "/" + rest[end...] : String(rest[end...])
    }

    package func shutdown() async {
        await pool.shutdown()
    }
}
