import NIOCore
import NIOHTTP1
import OpenAPIDocument

/// One request to the upstream, written down a pooled connection: its head and body, and what is done with
/// the whole answer (or the failure). `done` is called exactly once, on the connection's event loop, which
/// is the client connection's too (the pool opens and lends connections only on the loop that asks), so
/// it may hold that connection's handler; that is why this is `@unchecked Sendable`. A callback, not a
/// promise: each future in the chain was an allocation and a hop per exchange.
struct UpstreamRequest: @unchecked Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer?
    var done: (Result<APIResponse, any Error>) -> Void
}

/// The upstream closed the connection before any answer: on a connection kept from an earlier exchange
/// (the upstream may close an idle one at any time) the request is sent again on a new one, if it was
/// never sent or is idempotent (as nginx retries).
struct ClosedWithoutAnswer: Error {
    /// Whether the request was written before the connection closed.
    var sent: Bool
}

/// The last handler of an upstream connection: writes one request at a time (HTTP/1.1, no pipelining),
/// gathers its answer whole, and bounds it by time and size. The connection is handed back to the pool
/// (`release`) only when the answer is complete and the upstream keeps it open; any failure closes it.
final class UpstreamExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = UpstreamRequest
    typealias OutboundOut = HTTPClientRequestPart

    private struct Pending {
        var done: (Result<APIResponse, any Error>) -> Void
        var head: HTTPResponseHead?
        var body: ByteBuffer?
        /// When the whole answer must have come.
        var deadline: NIODeadline
        var keepAlive: Bool
    }

    private let timeout: TimeAmount
    private let timeoutSeconds: Int
    private let maxBody: Int
    private let release: @Sendable (any Channel) -> Void
    private var pending: Pending?
    /// The connection's one timer, armed while an exchange is pending. It is not set and cancelled per
    /// exchange (a timer's scheduling was about 5% of the proxy's time): when it fires before the pending
    /// exchange's deadline, it is armed again for what is left.
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount, maxBody: Int, release: @escaping @Sendable (any Channel) -> Void) {
        self.timeout = timeout
        timeoutSeconds = Int(timeout.nanoseconds / 1_000_000_000)
        self.maxBody = maxBody
        self.release = release
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard pending == nil else {
            // The pool never gives one connection two requests at once.
            request.done(.failure(Upstream.Failure.unreachable("connection already in use")))
            return
        }
        pending = Pending(done: request.done, deadline: .now() + timeout, keepAlive: request.head.isKeepAlive)
        if timer == nil { arm(in: timeout, context: context) }
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if let body = request.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        // A connection that closed while idle fails the write: the request was never sent.
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { [self] _ in
            fail(ClosedWithoutAnswer(sent: false), context: context)
        }
        written.futureResult.cascade(to: promise)
        context.write(wrapOutboundOut(.end(nil)), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The pending exchange is changed in place: copying it out and back retained and released all it holds.
        guard pending != nil else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            pending?.head = head
            if !head.isKeepAlive { pending?.keepAlive = false }
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maxBody {
                fail(Upstream.Failure.tooLarge(maxBody), context: context)
            }
        case .body(var part):
            if pending?.body == nil {
                pending?.body = part
            } else {
                pending?.body?.writeBuffer(&part)
            }
            if (pending?.body?.readableBytes ?? 0) > maxBody { fail(Upstream.Failure.tooLarge(maxBody), context: context) }
        case .end:
            guard let current = pending, let head = current.head else { return }
            pending = nil
            var headers: [(name: String, value: String)] = []
            headers.reserveCapacity(head.headers.count)
            for (name, value) in head.headers { headers.append((name, value)) }
            let body = current.body.map { Array($0.readableBytesView) } ?? []
            if current.keepAlive {
                release(context.channel)
            } else {
                context.close(promise: nil)
            }
            current.done(.success(APIResponse(status: Int(head.status.code), headers: headers, body: body)))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let why: String
        if let error = error as? HTTPParserError {
            why = "malformed HTTP from the upstream (\(error))"
        } else {
            why = String(describing: error)
        }
        fail(Upstream.Failure.unreachable(why), context: context)
    }

    /// Arms the connection's timer: when it fires, the pending exchange (if any) fails if its deadline has
    /// passed, or the timer is armed again for the time it has left.
    private func arm(in delay: TimeAmount, context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            timer = nil
            guard let current = pending else { return }
            let left = current.deadline - .now()
            if left > .zero {
                arm(in: left, context: context)
            } else {
                fail(Upstream.Failure.timeout(seconds: timeoutSeconds), context: context)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if let stopped = pending {
            pending = nil
            if stopped.head == nil {
                stopped.done(.failure(ClosedWithoutAnswer(sent: true)))
            } else {
                stopped.done(.failure(Upstream.Failure.unreachable("the upstream closed the connection before the answer's end")))
            }
        }
        context.fireChannelInactive()
    }

    private func fail(_ failure: any Error, context: ChannelHandlerContext) {
        if let stopped = pending {
            pending = nil
            stopped.done(.failure(failure))
        }
        context.close(promise: nil)
    }
}
