import MockServer
import NIOCore
import NIOExtras
import NIOHTTP1
import OpenAPIDocument

/// One client connection to the proxy: reads each request whole off the connection's bytes (`HTTP1Reader`,
/// up to `maxBody`; it is validated before it is forwarded), hands it to the `ProxyService` on this
/// connection's event loop, and writes the answers back in the order the requests came (pipelined requests
/// wait their turn). A body past `maxBody` is answered 413 and the connection closed; a request that is not
/// HTTP/1.x, 400 problem+json and closed. Answers are written as bytes, head and body in one buffer
/// (`encode`). No NIO HTTP codec is in the pipeline: its parts, `HTTPHeaders` and the conversions to the
/// checks' types were most of the proxy's own time.
final class ProxyConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct Request {
        var head: HTTP1Head
        var body: ByteBuffer?
        /// Refused at once, not forwarded: the answer to write, after which the connection closes.
        var refusal: APIResponse?
    }

    private let service: ProxyService
    private let maxBody: Int
    private let log: (@Sendable (String) -> Void)?
    private var reader: HTTP1Reader
    /// The head of the request whose body is being read.
    private var reading: HTTP1Head?
    /// Requests read whole, waiting for the one in flight.
    private var waiting = CircularBuffer<Request>(initialCapacity: 4)
    private var busy = false
    /// The rest of the connection's input is ignored: it is closing.
    private var ignoring = false
    /// Close once the answer in flight is written (the proxy is stopping, or the client was idle too long).
    private var closeWhenIdle = false
    /// Nothing read and no answer written for this long: the connection is closed, after the answer in
    /// flight (a client that stalled in the middle of a request too, so that a stop never waits on it).
    private let idleTimeout: TimeAmount
    private var lastActivity = NIODeadline.uptimeNanoseconds(0)
    /// One timer per connection, armed again for what is left when it fires early, rather than NIO's
    /// `IdleStateHandler`, which made a promise and a callback for every write.
    private var idleTimer: Scheduled<Void>?

    init(
        service: ProxyService, maxHead: Int, maxBody: Int, idleTimeout: TimeAmount = .seconds(60),
        log: (@Sendable (String) -> Void)?
    ) {
        self.service = service
        self.maxBody = maxBody
        self.idleTimeout = idleTimeout
        self.log = log
        reader = HTTP1Reader(kind: .request, maxHead: maxHead, maxBody: maxBody)
    }

    func channelActive(context: ChannelHandlerContext) {
        lastActivity = context.eventLoop.now
        armIdleTimer(in: idleTimeout, context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        idleTimer = nil
        context.fireChannelInactive()
    }

    private func armIdleTimer(in delay: TimeAmount, context: ChannelHandlerContext) {
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            idleTimer = nil
            let quiet = context.eventLoop.now - lastActivity
            guard quiet >= idleTimeout else {
                armIdleTimer(in: idleTimeout - quiet, context: context)
                return
            }
            closeWhenIdle = true
            if !busy, waiting.isEmpty { context.close(promise: nil) }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = context.eventLoop.now
        guard !ignoring else { return }
        reader.append(unwrapInboundIn(data))
        do {
            while !ignoring, let event = try reader.next() {
                switch event {
                case .head(let head):
                    reading = head
                    if let declared = head.contentLength, declared > maxBody {
                        refuseTooLarge(context: context)
                    } else if head.expectsContinue {
                        // The client waits for this before it sends the body (curl, for a second); the body is
                        // read here, so the upstream is not asked (`Expect` is not forwarded).
                        var buffer = context.channel.allocator.buffer(capacity: 25)
                        buffer.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
                        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
                    }
                case .end(let body):
                    guard let head = reading else { continue }
                    reading = nil
                    waiting.append(Request(head: head, body: body))
                    // A client that pipelines faster than the upstream answers is not read further until the
                    // queue drains (what was already read is still parsed): what one connection holds stays bounded.
                    if waiting.count >= Self.maxWaiting { setReading(false, context: context) }
                    startNext(context: context)
                }
            }
        } catch {
            if error.tooLarge {
                refuseTooLarge(context: context)
            } else {
                refuseMalformed(why: error.reason, status: error.status, context: context)
            }
        }
    }

    /// Requests read whole and held while one is in flight, before the connection stops being read.
    static let maxWaiting = 16

    private func setReading(_ on: Bool, context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.autoRead, value: on)
        if on { context.read() }
    }

    private func refuseTooLarge(context: ChannelHandlerContext) {
        guard let head = reading else { return }
        reading = nil
        ignoring = true
        let refusal = service.refuseTooLarge(method: head.method, target: head.target, headers: head.headers, limit: maxBody)
        waiting.append(Request(head: head, refusal: refusal))
        startNext(context: context)
    }

    /// Answered (400, or 431 for a head too large) after the requests before it, then the connection
    /// closes.
    private func refuseMalformed(why: String, status: Int, context: ChannelHandlerContext) {
        log?("malformed request: \(why); answered \(status) and closed the connection")
        let refusal = APIResponse(
            status: status, headers: [("Content-Type", "application/problem+json")],
            body: MalformedRequestAnswer.problem(why: why, status: status))
        reading = nil
        ignoring = true
        waiting.append(Request(head: HTTP1Head(), refusal: refusal))
        startNext(context: context)
    }

    private func startNext(context: ChannelHandlerContext) {
        guard !busy, !waiting.isEmpty else {
            if !busy, waiting.isEmpty, closeWhenIdle { context.close(promise: nil) }
            return
        }
        let request = waiting.removeFirst()
        if waiting.count == Self.maxWaiting - 1, !ignoring { setReading(true, context: context) }
        if let refusal = request.refusal {
            write(refusal, to: request.head, close: true, context: context)
            return
        }
        busy = true
        let body = request.body.map { Array($0.readableBytesView) } ?? []
        service.handle(
            method: request.head.method, target: request.head.target, headers: request.head.headers,
            body: body, on: context.eventLoop
        ) { [self] answer in
            busy = false
            write(answer, to: request.head, close: false, context: context)
            startNext(context: context)
        }
    }

    private func write(_ answer: APIResponse, to request: HTTP1Head, close: Bool, context: ChannelHandlerContext) {
        lastActivity = context.eventLoop.now
        let keepAlive = request.keepAlive && !close && !closeWhenIdle
        let bytes = Self.encode(
            answer, isHead: request.isHead, minorVersion: request.minorVersion, keepAlive: keepAlive,
            allocator: context.channel.allocator)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
        } else {
            ignoring = true
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(bytes)).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// An answer as HTTP/1.1 bytes (HTTP/1.0 to a 1.0 client): status line, headers, body. Framed as NIO's
    /// encoder framed it: `Content-Length` is the body's, except that a HEAD answer keeps the length the
    /// upstream gave (ProxyService passes it on) and statuses without a body (1xx, 204, 304) have none;
    /// `Connection: close` when the connection closes after it, `keep-alive` to a 1.0 client otherwise.
    /// The values are already safe to write: the upstream's were read by `HTTP1Reader` (no CR or LF
    /// gets through), and the proxy's own are JSON or copied from parsed request headers.
    static func encode(
        _ answer: APIResponse, isHead: Bool, minorVersion: Int, keepAlive: Bool, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        let status = HTTPResponseStatus(statusCode: answer.status)
        let sendsBody = !isHead && status.mayHaveResponseBody
        // Sized for the whole answer, so that it is never grown (and copied) while written.
        var size = 128 + (sendsBody ? answer.body.count : 0)
        for (name, value) in answer.headers { size += name.utf8.count + value.utf8.count + 4 }
        var buffer = allocator.buffer(capacity: size)
        let http10 = minorVersion == 0
        buffer.writeStaticString(http10 ? "HTTP/1.0 " : "HTTP/1.1 ")
        buffer.writeString(String(answer.status))
        buffer.writeStaticString(" ")
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\n")
        var keptLength = false
        for (name, value) in answer.headers {
            if name.caseInsensitiveEquals("connection") { continue }
            if name.caseInsensitiveEquals("content-length") {
                guard isHead, status.mayHaveResponseBody, !keptLength else { continue }
                keptLength = true
            }
            buffer.writeHTTPField(name, value)
        }
        if status.mayHaveResponseBody, !keptLength {
            buffer.writeHTTPField("Content-Length", String(isHead ? 0 : answer.body.count))
        }
        if !keepAlive {
            buffer.writeStaticString("Connection: close\r\n")
        } else if http10 {
            buffer.writeStaticString("Connection: keep-alive\r\n")
        }
        buffer.writeStaticString("\r\n")
        if sendsBody { buffer.writeBytes(answer.body) }
        return buffer
    }

    /// A socket error (a reset, a failed write): the connection is done.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            // The proxy is stopping: the request being read and those waiting are answered first.
            closeWhenIdle = true
            if !busy, waiting.isEmpty, !reader.isMidMessage { context.close(promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }
}
