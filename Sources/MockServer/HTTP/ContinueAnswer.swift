import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as the request's head arrives, so the client sends its
/// body at once: Hummingbird does not, and curl then waits a second before sending it anyway.
package final class ContinueAnswer: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    package typealias InboundIn = NIOHTTPTypes.HTTPRequestPart
    package typealias InboundOut = NIOHTTPTypes.HTTPRequestPart
    package typealias OutboundOut = NIOHTTPTypes.HTTPResponsePart

    package init() {}

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data), request.headerFields[.expect]?.lowercased() == "100-continue" {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }
}
