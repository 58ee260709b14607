import MockServer
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import OpenAPIDocument

/// Keep-alive HTTP/1.1 connections to one upstream, on NIO's event loops: an exchange takes an idle
/// connection on the event loop of the client's connection, or opens one there, so a request crosses
/// no thread. The answer comes back whole, as the proxy validates it before passing it on. Nothing is
/// followed or decoded: redirects and compressed answers go back as they came.
final class UpstreamConnectionPool: Sendable {
    private let host: String
    private let port: Int
    private let tls: NIOSSLContext?
    private let serverHostname: String?
    private let timeout: TimeAmount
    private let maxBody: Int
    /// Idle connections by the event loop they are on. The lock guards the table only; each list is
    /// read and changed on its own loop, in place (the table's values were arrays copied as they changed:
    /// three allocations an exchange).
    private let idle = NIOLockedValueBox<[ObjectIdentifier: IdleList]>([:])

    /// One event loop's idle connections, touched only on that loop.
    private final class IdleList: @unchecked Sendable {
        let eventLoop: any EventLoop
        var channels: [any Channel] = []
        init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }
    }
    /// Requests sent again when a kept connection closes without an answer (RFC 9110 section 9.2.2).
    private static let idempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]
    /// Idle connections kept for later exchanges; more are closed when their exchange ends.
    private static let maxIdle = 256

    init(host: String, port: Int, tls: TLSConfiguration?, timeout: TimeAmount, maxBody: Int) throws {
        self.host = host
        self.port = port
        self.tls = try tls.map { try NIOSSLContext(configuration: $0) }
        // SNI takes a name, never an address.
        serverHostname = host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
        self.timeout = timeout
        self.maxBody = maxBody
    }

    /// Sends one request on `eventLoop` (the one the client's connection is on, so nothing changes
    /// threads) and reads its answer whole; its `done` is called once, on that loop. A kept connection the
    /// upstream closed meanwhile is replaced by a new one, once, when the request never left or is
    /// idempotent.
    func send(_ request: UpstreamRequest, on eventLoop: any EventLoop) {
        guard let channel = takeIdle(on: eventLoop) else {
            sendOnNewConnection(request, on: eventLoop)
            return
        }
        var first = request
        first.done = { result in
            guard case .failure(let error) = result, let closed = error as? ClosedWithoutAnswer else {
                request.done(result)
                return
            }
            guard !closed.sent || Self.idempotent.contains(request.method) else {
                request.done(.failure(Upstream.Failure.unreachable("the upstream closed a kept connection as the request came")))
                return
            }
            self.sendOnNewConnection(request, on: eventLoop)
        }
        channel.writeAndFlush(first, promise: nil)
    }

    private func sendOnNewConnection(_ request: UpstreamRequest, on eventLoop: any EventLoop) {
        var request = request
        let done = request.done
        request.done = { result in
            if case .failure(let error) = result, error is ClosedWithoutAnswer {
                done(.failure(Upstream.Failure.unreachable("the upstream closed the connection without answering")))
            } else {
                done(result)
            }
        }
        // The connection is made on `eventLoop`, so its callback runs there, with the client's connection.
        connect(on: eventLoop).whenComplete { [request] connected in
            switch connected {
            case .failure(let error): request.done(.failure(error))
            case .success(let channel): channel.writeAndFlush(request, promise: nil)
            }
        }
    }

    private func idleList(on eventLoop: any EventLoop) -> IdleList {
        idle.withLockedValue { lists in
            let key = ObjectIdentifier(eventLoop)
            if let list = lists[key] { return list }
            let list = IdleList(eventLoop: eventLoop)
            lists[key] = list
            return list
        }
    }

    private func takeIdle(on eventLoop: any EventLoop) -> (any Channel)? {
        eventLoop.assertInEventLoop()
        let list = idleList(on: eventLoop)
        while let channel = list.channels.popLast() {
            if channel.isActive { return channel }
        }
        return nil
    }

    /// On the channel's loop (where its exchange ended).
    private func giveBack(_ channel: any Channel) {
        let list = idleList(on: channel.eventLoop)
        guard list.channels.count < Self.maxIdle else {
            channel.close(promise: nil)
            return
        }
        list.channels.append(channel)
    }

    private func connect(on eventLoop: any EventLoop) -> EventLoopFuture<any Channel> {
        let tls = tls
        let serverHostname = serverHostname
        let timeout = timeout
        let maxBody = maxBody
        let release: @Sendable (any Channel) -> Void = { [weak self] channel in
            if let self { giveBack(channel) } else { channel.close(promise: nil) }
        }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(min(.seconds(10), timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try pipeline.addHandler(UpstreamExchangeHandler(
                            timeout: timeout, maxHead: MockHTTPServer.maxHead, maxBody: maxBody, release: release))
                }
            }
        return bootstrap.connect(host: host, port: port)
    }

    /// Closes the idle connections, each list emptied on its own loop.
    func shutdown() async {
        let lists = idle.withLockedValue { Array($0.values) }
        for list in lists {
            let channels = try? await list.eventLoop.submit {
                defer { list.channels.removeAll() }
                return list.channels
            }.get()
            for channel in channels ?? [] { try? await channel.close() }
        }
    }
}
