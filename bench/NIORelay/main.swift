// `nio-relay UPSTREAM_PORT PORT`: listens on 127.0.0.1:PORT and gives each client connection its own
// connection to 127.0.0.1:UPSTREAM_PORT on the same event loop (two, as the proxy has), forwarding bytes
// both ways as they are read: no HTTP parsing, no validation, no pooling. The floor under any proxy built
// on SwiftNIO's channels, measured beside `specvalidate proxy` and nginx by scripts/bench-proxy.sh.
import NIOCore
import NIOPosix

/// One side of a relayed connection: what it reads goes to `peer` (held until the peer is connected).
final class Relay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var peer: (any Channel)?
    private var held: [ByteBuffer] = []

    init(peer: (any Channel)? = nil) { self.peer = peer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if let peer { peer.writeAndFlush(buffer, promise: nil) } else { held.append(buffer) }
    }

    func attach(_ peer: any Channel) {
        self.peer = peer
        for buffer in held { peer.writeAndFlush(buffer, promise: nil) }
        held = []
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer?.close(promise: nil)
        context.fireChannelInactive()
    }
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
guard arguments.count == 2 else {
    print("usage: nio-relay UPSTREAM_PORT PORT")
    exit(2)
}
let (upstreamPort, port) = (arguments[0], arguments[1])
let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
let server = try await ServerBootstrap(group: group)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { client in
        client.eventLoop.makeCompletedFuture {
            let relay = Relay()
            try client.pipeline.syncOperations.addHandler(relay)
            ClientBootstrap(group: client.eventLoop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { upstream in
                    upstream.eventLoop.makeCompletedFuture {
                        try upstream.pipeline.syncOperations.addHandler(Relay(peer: client))
                    }
                }
                .connect(host: "127.0.0.1", port: upstreamPort)
                .assumeIsolated()
                .whenComplete { result in
                    switch result {
                    case .success(let upstream): relay.attach(upstream)
                    case .failure: client.close(promise: nil)
                    }
                }
        }
    }
    .bind(host: "127.0.0.1", port: port).get()
print("nio-relay on \(port), to \(upstreamPort)")
try await server.closeFuture.get()
