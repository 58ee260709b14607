import NIOCore
import OpenAPIDocument

/// One request to the upstream, written down a pooled connection: its bytes, and what is done with the
/// whole answer (or the failure). `done` is called exactly once, on the connection's event loop, which is
/// the client connection's too (the pool opens and lends connections only on the loop that asks), so it
/// may hold that connection's handler; that is why this is `@unchecked Sendable`. A callback, not a
/// promise: each future in the chain was an allocation and a hop per exchange.
struct UpstreamRequest: @unchecked Sendable {
    var method: String
    /// The request line, headers and body, as sent.
    var bytes: ByteBuffer
    var done: (Result<APIResponse, any Error>) -> Void
    var isHead: Bool { method == "HEAD" }
}

/// The upstream closed the connection before any answer: on a connection kept from an earlier exchange
/// (the upstream may close an idle one at any time) the request is sent again on a new one, if it was
/// never sent or is idempotent (as nginx retries).
struct ClosedWithoutAnswer: Error {
    /// Whether the request was written before the connection closed.
    var sent: Bool
}

/// The last handler of an upstream connection: writes one request at a time (HTTP/1.1, no pipelining),
/// reads its answer whole off the connection's bytes (`HTTP1Reader`), and bounds it by time and size. The
/// connection is handed back to the pool (`release`) only when the answer is complete and the upstream
/// keeps it open; any failure closes it.
final class UpstreamExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = UpstreamRequest
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var done: (Result<APIResponse, any Error>) -> Void
        var head: HTTP1Head?
        /// When the whole answer must have come.
        var deadline: NIODeadline
    }

    private let timeout: TimeAmount
    private let timeoutSeconds: Int
    private let maxBody: Int
    private let release: @Sendable (any Channel) -> Void
    private var reader: HTTP1Reader
    private var pending: Pending?
    /// The connection's one timer, armed while an exchange is pending. It is not set and cancelled per
    /// exchange (a timer's scheduling was about 5% of the proxy's time): when it fires before the pending
    /// exchange's deadline, it is armed again for what is left.
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount, maxHead: Int, maxBody: Int, release: @escaping @Sendable (any Channel) -> Void) {
        self.timeout = timeout
        timeoutSeconds = Int(timeout.nanoseconds / 1_000_000_000)
        self.maxBody = maxBody
        self.release = release
        reader = HTTP1Reader(kind: .response, maxHead: maxHead, maxBody: maxBody)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard pending == nil else {
            // The pool never gives one connection two requests at once.
            request.done(.failure(Upstream.Failure.unreachable("connection already in use")))
            return
        }
        pending = Pending(done: request.done, deadline: .now() + timeout)
        reader.expectResponse(toHead: request.isHead)
        if timer == nil { arm(in: timeout, context: context) }
        // A connection that closed while idle: the request is never sent. (Checked here rather than by a
        // promise on the write, which was three allocations an exchange; a write that fails later closes
        // the connection, and `channelInactive` ends the exchange.)
        guard context.channel.isActive else {
            fail(ClosedWithoutAnswer(sent: false), context: context)
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(wrapOutboundOut(request.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard pending != nil else {
            // Bytes no request asked for: the connection cannot be trusted with the next exchange.
            context.close(promise: nil)
            return
        }
        reader.append(unwrapInboundIn(data))
        do {
            while pending != nil, let event = try reader.next() { handle(event, context: context) }
        } catch {
            fail(
                error.tooLarge
                    ? Upstream.Failure.tooLarge(maxBody)
                    : Upstream.Failure.unreachable("malformed HTTP from the upstream (\(error.reason))"),
                context: context)
        }
    }

    private func handle(_ event: HTTP1Reader.Event, context: ChannelHandlerContext) {
        switch event {
        case .head(let head):
            if let length = head.contentLength, length > maxBody {
                fail(Upstream.Failure.tooLarge(maxBody), context: context)
            } else {
                pending?.head = head
            }
        case .end(let body):
            guard let current = pending, let head = current.head else { return }
            pending = nil
            let bytes = body.map { Array($0.readableBytesView) } ?? []
            if head.keepAlive {
                release(context.channel)
            } else {
                context.close(promise: nil)
            }
            current.done(.success(APIResponse(status: head.status, headers: head.headers, body: bytes)))
        }
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

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(Upstream.Failure.unreachable(String(describing: error)), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        // An answer framed by the connection's end ends here.
        if pending != nil, let event = reader.closed() { handle(event, context: context) }
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
