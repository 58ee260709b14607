import MockServer
import NIOCore
import NIOExtras
import NIOHTTP1
import OpenAPIDocument

/// One client connection to the proxy: reads each request whole (up to `maxBody`; it is validated before
/// it is forwarded), hands it to the `ProxyService` on this connection's event loop, and writes the answers
/// back in the order the requests came (pipelined requests wait their turn). A body past `maxBody` is
/// answered 413 and the connection closed; a request NIO cannot parse, 400 problem+json and closed.
/// Answers are written as bytes, head and body in one buffer (`encode`), not through NIO's
/// `HTTPResponseEncoder`: building its `HTTPHeaders` and passing three parts down the pipeline was about a
/// tenth of the proxy's time.
final class ProxyConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private struct Request {
        var head: HTTPRequestHead
        var body: ByteBuffer?
        /// Refused at once, not forwarded: the answer to write, after which the connection closes.
        var refusal: APIResponse?
    }

    private let service: ProxyService
    private let maxBody: Int
    private let log: (@Sendable (String) -> Void)?
    /// The request being read.
    private var reading: Request?
    /// Requests read whole, waiting for the one in flight.
    private var waiting: [Request] = []
    private var busy = false
    /// The rest of the connection's input is ignored: it is closing.
    private var ignoring = false
    /// Close once the answer in flight is written (the proxy is stopping, or the client was idle too long).
    private var closeWhenIdle = false

    init(service: ProxyService, maxBody: Int, log: (@Sendable (String) -> Void)?) {
        self.service = service
        self.maxBody = maxBody
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !ignoring else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            reading = Request(head: head)
            if let declared = head.headers.first(name: "content-length").flatMap(Int.init), declared > maxBody {
                refuseTooLarge(context: context)
            } else if head.headers.first(name: "expect")?.lowercased() == "100-continue" {
                // The client waits for this before it sends the body (curl, for a second); the body is read
                // here, so the upstream is not asked (`Expect` is not forwarded).
                var buffer = context.channel.allocator.buffer(capacity: 25)
                buffer.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
                context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            }
        case .body(var part):
            guard var request = reading else { return }
            reading = nil  // appended in place, not copied
            if request.body == nil {
                request.body = part
            } else {
                request.body?.writeBuffer(&part)
            }
            reading = request
            if (request.body?.readableBytes ?? 0) > maxBody { refuseTooLarge(context: context) }
        case .end:
            guard let request = reading else { return }
            reading = nil
            waiting.append(request)
            // A client that pipelines faster than the upstream answers is not read further until the
            // queue drains (what was already read is still decoded): what one connection holds stays bounded.
            if waiting.count >= Self.maxWaiting { setReading(false, context: context) }
            startNext(context: context)
        }
    }

    /// Requests read whole and held while one is in flight, before the connection stops being read.
    static let maxWaiting = 16

    private func setReading(_ on: Bool, context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.autoRead, value: on)
        if on { context.read() }
    }

    private func refuseTooLarge(context: ChannelHandlerContext) {
        guard var request = reading else { return }
        reading = nil
        ignoring = true
        request.body = nil
        request.refusal = service.refuseTooLarge(
            method: request.head.method.rawValue, target: request.head.uri, headers: Self.fields(request.head),
            limit: maxBody)
        waiting.append(request)
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
            method: request.head.method.rawValue, target: request.head.uri, headers: Self.fields(request.head),
            body: body, on: context.eventLoop
        ) { [self] answer in
            busy = false
            write(answer, to: request.head, close: false, context: context)
            startNext(context: context)
        }
    }

    private static func fields(_ head: HTTPRequestHead) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(head.headers.count)
        for (name, value) in head.headers { fields.append((name, value)) }
        return fields
    }

    private func write(_ answer: APIResponse, to request: HTTPRequestHead, close: Bool, context: ChannelHandlerContext) {
        let keepAlive = request.isKeepAlive && !close && !closeWhenIdle
        let bytes = Self.encode(
            answer, isHead: request.method == .HEAD, version: request.version, keepAlive: keepAlive,
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
    /// The values are already safe to write: the upstream's were parsed by NIO's decoder (no CR or LF
    /// gets through), and the proxy's own are JSON or copied from parsed request headers.
    static func encode(
        _ answer: APIResponse, isHead: Bool, version: HTTPVersion, keepAlive: Bool, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        let status = HTTPResponseStatus(statusCode: answer.status)
        let sendsBody = !isHead && status.mayHaveResponseBody
        var buffer = allocator.buffer(capacity: 256 + answer.headers.count * 48 + (sendsBody ? answer.body.count : 0))
        let http10 = version.major == 1 && version.minor == 0
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
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        if status.mayHaveResponseBody, !keptLength {
            buffer.writeStaticString("Content-Length: ")
            buffer.writeString(String(isHead ? 0 : answer.body.count))
            buffer.writeStaticString("\r\n")
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

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, !ignoring else {
            context.close(promise: nil)
            return
        }
        // Answered after the requests before it, then the connection closes.
        let why = MalformedRequestAnswer.reason(parserError)
        log?("malformed request: \(why); answered 400 and closed the connection")
        let refusal = APIResponse(
            status: 400, headers: [("Content-Type", "application/problem+json")],
            body: MalformedRequestAnswer.problem(why: why))
        reading = nil
        ignoring = true
        waiting.append(Request(head: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/"), refusal: refusal))
        startNext(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            // The proxy is stopping: the request being read and those waiting are answered first.
            closeWhenIdle = true
            if !busy, waiting.isEmpty, reading == nil { context.close(promise: nil) }
        case is IdleStateHandler.IdleStateEvent:
            // Nothing sent or received for the idle timeout: a client that stalled in the middle of a
            // request is dropped too (so a stop never waits on it).
            closeWhenIdle = true
            if !busy, waiting.isEmpty { context.close(promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }
}
