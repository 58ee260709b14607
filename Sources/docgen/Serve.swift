import OpenAPIDocument
import ArgumentParser
import DocPreview
import DocSite
import Foundation

extension Docgen {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the site locally and rebuild it when a source changes.",
            discussion: """
                Builds the site into memory (nothing is written to disk) and serves it; every change to the \
                content folder, a --spec file or the --theme folder rebuilds it, and open pages reload. A build \
                with errors keeps the previous site and shows its problems on the page and here. Changes to the \
                built-in API model need `swift build` and a restart. Stops on Ctrl-C (SIGINT) or SIGTERM.
                """
        )

        @OptionGroup var sources: SiteSources

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port, printed at start).")
        var port: Int = 8000

        func validate() throws {
            try sources.validate()
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535, not \(port)") }
        }

        func run() async throws {
            let sources = sources
            let baseURL = sources.baseURL ?? "http://\(host):\(port == 0 ? 8000 : port)/"
            let server = PreviewServer(
                host: host, port: port, watched: sources.watchedPaths,
                build: {
                    do {
                        return try sources.build(baseURL: baseURL)
                    } catch {
                        var result = SiteBuilder.Result()
                        result.diagnostics = [Diagnostic(.error, file: "docgen", message: "\(error)")]
                        return result
                    }
                },
                log: { line in
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                })
            try await server.run()
        }
    }
}
