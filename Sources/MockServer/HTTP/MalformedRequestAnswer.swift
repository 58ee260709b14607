import HTTPTypes
import JSONCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request NIO cannot parse (both `Content-Length` and `Transfer-Encoding`, a broken request line,
/// a head past the limit) with a `400 application/problem+json` that says why (431 for a head too large,
/// RFC 6585 section 5), logs it, and closes the connection, where Hummingbird would send a bare `400` with
/// no body. The server keeps serving others.
package final class MalformedRequestAnswer: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    package typealias InboundIn = NIOHTTPTypes.HTTPRequestPart
    package typealias InboundOut = NIOHTTPTypes.HTTPRequestPart
    package typealias OutboundOut = NIOHTTPTypes.HTTPResponsePart

    let log: (@Sendable (String) -> Void)?

    package init(log: (@Sendable (String) -> Void)?) { self.log = log }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        let why = Self.reason(parserError)
        let status: HTTPResponse.Status = parserError == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest
        let body = Self.problem(why: why, status: status.code)
        var fields = HTTPFields()
        fields[.contentType] = "application/problem+json"
        fields[.contentLength] = String(body.count)
        fields[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        let closing = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        let channel = context.channel
        closing.whenComplete { _ in channel.close(promise: nil) }
        log?("malformed request: \(why); answered \(status.code) and closed the connection")
    }

    /// The problem+json body of the answer: 400, or 431 for a head too large.
    package static func problem(why: String, status: Int = 400) -> [UInt8] {
        JSONValue.object([
            "type": "urn:specvalidate:malformed-request",
            "title": .string(status == 431 ? "Request head too large" : "Malformed HTTP request"),
            "status": .number(JSONNumber(status)),
            "detail": .string("The request cannot be read as HTTP/1.1: \(why). The connection is closed."),
        ]).compactJSONBytes()
    }

    package static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .unexpectedContentLength: "it has both Content-Length and Transfer-Encoding, or a Content-Length it cannot have"
        case .invalidContentLength: "its Content-Length is not a number"
        case .headerOverflow: "its head is too large"
        case .invalidMethod: "its method is not a token"
        case .invalidURL: "its request target is malformed"
        case .invalidChunkSize: "a chunk size is malformed"
        // llhttp's refusal of a request with both Content-Length and Transfer-Encoding reaches NIO as
        // `unknown`, as do other framing errors.
        default:
            "the parser refused it (a request with both Content-Length and Transfer-Encoding, a malformed "
                + "request line or header)"
        }
    }
}
