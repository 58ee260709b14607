import MockServer
import NIOCore
import NIOExtras
import NIOHTTP1
import OpenAPIDocument

/// One client connection to the proxy: reads each request whole (up to `maxBody`; it is validated before
/// it is forwarded), hands it to the `ProxyService` on this connection's event loop, and writes the answers
/// back in the order the requests came (pipelined requests wait their turn). A body past `maxBody` is
/// answered 413 and the connection closed; a request NIO cannot parse, 400 problem+json and closed.
final class ProxyConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

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
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
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
        var headers = HTTPHeaders()
        headers.reserveCapacity(answer.headers.count + 2)
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        let isHead = request.method == .HEAD
        // A HEAD answer keeps the length the upstream gave (ProxyService passes it on); others have their body's.
        if !isHead || !headers.contains(name: "content-length") {
            headers.replaceOrAdd(name: "Content-Length", value: String(isHead ? 0 : answer.body.count))
        }
        let keepAlive = request.isKeepAlive && !close && !closeWhenIdle
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if request.version.major == 1, request.version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(
            version: request.version.minor == 0 ? .http1_0 : .http1_1,
            status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !isHead, !answer.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: answer.body)))), promise: nil)
        }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            ignoring = true
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
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
