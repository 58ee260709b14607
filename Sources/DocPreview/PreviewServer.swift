import OpenAPIDocument
import DocSite
import Foundation
import Hummingbird
import Logging

/// `docgen serve`: builds the site into memory, serves it on loopback, and rebuilds whenever a watched
/// source changes. Open pages reload themselves after a good build and show the errors of a bad one.
package struct PreviewServer: Sendable {
    package var host: String
    package var port: Int
    /// The folders and files whose changes trigger a rebuild: content, spec files, the theme.
    package var watched: [URL]
    /// How often the sources are checked.
    package var pollInterval: Duration
    /// Builds the site from the sources as they are now (reading them again each time).
    package var build: @Sendable () -> SiteBuilder.Result
    /// Where progress lines go (one per build, the address once listening).
    package var log: @Sendable (String) -> Void

    package init(
        host: String = "127.0.0.1", port: Int = 8000, watched: [URL], pollInterval: Duration = .milliseconds(300),
        build: @escaping @Sendable () -> SiteBuilder.Result, log: @escaping @Sendable (String) -> Void
    ) {
        self.host = host
        self.port = port
        self.watched = watched
        self.pollInterval = pollInterval
        self.build = build
        self.log = log
    }

    /// The HTTP side alone, for tests with HummingbirdTesting.
    package static func application(
        site: PreviewSite, host: String = "127.0.0.1", port: Int = 0,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            guard request.method == .get || request.method == .head else {
                return Response(
                    status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentType: "text/plain"],
                    body: .init(byteBuffer: ByteBuffer(string: "The preview serves GET and HEAD only.\n")))
            }
            let answer = PreviewResponder.respond(to: request.uri.path, site: site.snapshot)
            var headers: HTTPFields = [.contentType: answer.contentType, .cacheControl: "no-store"]
            if let location = answer.location { headers[.location] = location }
            if request.method == .head {
                headers[.contentLength] = String(answer.body.count)
                return Response(status: .init(code: answer.status), headers: headers, body: .init())
            }
            return Response(
                status: .init(code: answer.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        var logger = Logger(label: "docgen.serve")
        logger.logLevel = .warning
        return Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Builds once, then serves until SIGINT or SIGTERM while rebuilding on changes.
    package func run() async throws {
        let site = PreviewSite()
        let firstSources = rebuild(into: site, reason: "initial build")
        let app = Self.application(site: site, host: host, port: port) { [log, host] port in
            log("docgen: serving at http://\(host):\(port)/ (Ctrl-C to stop)")
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            group.addTask { [self] in
                // The documents' own files too (a split document's referenced files), as of the last build.
                var sources = firstSources
                var last = SourceFingerprint(watching: watched + sources)
                while !Task.isCancelled {
                    try await Task.sleep(for: pollInterval)
                    let now = SourceFingerprint(watching: watched + sources)
                    guard now != last else { continue }
                    sources = rebuild(into: site, reason: "sources changed")
                    last = SourceFingerprint(watching: watched + sources)
                }
            }
            // The server ends on a signal; the watcher then has nothing to rebuild for.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Builds and takes the result when it has no errors; returns the files the documents were read from.
    @discardableResult
    private func rebuild(into site: PreviewSite, reason: String) -> [URL] {
        let started = ContinuousClock.now
        let result = build()
        site.update(with: result)
        for diagnostic in result.diagnostics { log(diagnostic.description) }
        let elapsed = ContinuousClock.now - started
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        if result.hasErrors || result.files.isEmpty {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            log("docgen: \(reason): \(errors) error\(errors == 1 ? "" : "s"); still serving the previous site")
        } else {
            log("docgen: \(reason): built \(result.pageCount) pages in \(ms) ms")
        }
        return result.sources
    }
}
