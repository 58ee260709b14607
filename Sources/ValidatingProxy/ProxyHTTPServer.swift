import Dispatch
import Foundation
import MockServer
import NIOCore
import NIOExtras
import NIOPosix

/// The proxy on a real socket: an HTTP/1.1 server on SwiftNIO whose connections (`ProxyConnectionHandler`)
/// hand each exchange to a `ProxyService` on their own event loop, where the upstream connection is too.
/// No exchange crosses a thread or waits on Swift's executor: issue 18's throughput goal is about the
/// per-request cost, and Hummingbird's and AsyncHTTPClient's async layers were most of it.
package enum ProxyHTTPServer {
    /// A running proxy: where it listens, and how to stop it.
    package struct Running: Sendable {
        package let port: Int
        let channel: any Channel
        let quiescing: ServerQuiescingHelper

        /// Stops taking connections, lets the open exchanges finish (their answers written and recorded)
        /// and closes every connection; completes when all are closed.
        package func stop() async {
            let done = channel.eventLoop.makePromise(of: Void.self)
            quiescing.initiateShutdown(promise: done)
            try? await done.futureResult.get()
        }
    }

    /// Starts listening on `host`:`port` (0 for any free port).
    package static func start(
        service: ProxyService, host: String, port: Int, maxBody: Int, log: (@Sendable (String) -> Void)?
    ) async throws -> Running {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(
                        ProxyConnectionHandler(service: service, maxHead: MockHTTPServer.maxHead, maxBody: maxBody, log: log))
                }
            }
            .bind(host: host, port: port).get()
        return Running(port: channel.localAddress?.port ?? port, channel: channel, quiescing: quiescing)
    }

    /// Serves until SIGINT or SIGTERM; open exchanges are answered first (and recorded).
    package static func serve(
        service: ProxyService, host: String, port: Int, maxBody: Int, log: RequestLog?,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        var lines: (@Sendable (String) -> Void)?
        if let log { lines = { line in log.append(line) } }
        let running = try await start(service: service, host: host, port: port, maxBody: maxBody, log: lines)
        await onServerRunning(running.port)
        log?.flush()
        await withTaskGroup(of: Void.self) { group in
            if let log { group.addTask { await log.run() } }
            await Self.signalled([SIGINT, SIGTERM])
            await running.stop()
            group.cancelAll()
        }
        log?.flush()
    }

    /// Returns when one of `signals` arrives (they no longer end the process by themselves).
    private static func signalled(_ signals: [Int32]) async {
        let queue = DispatchQueue(label: "specvalidate.proxy.signals")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let sources = signals.map { number -> any DispatchSourceSignal in
                signal(number, SIG_IGN)
                return DispatchSource.makeSignalSource(signal: number, queue: queue)
            }
            var resumed = false
            for source in sources {
                source.setEventHandler {
                    guard !resumed else { return }
                    resumed = true
                    for source in sources { source.cancel() }
                    continuation.resume()
                }
                source.resume()
            }
        }
    }
}
