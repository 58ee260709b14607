import JSONCore
import NIOCore
import NIOEmbedded
import Testing

@testable import ValidatingProxy

/// One client connection on an embedded channel, its clock moved by hand: what the handler answers
/// itself (malformed and oversized requests, each a problem and a close) and when it drops an idle client.
@Suite struct ProxyConnectionHandlerTests {
    static let document = """
        {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
         "paths": {"/v1/agents": {"post": {"operationId": "makeAgent", "responses": {"201": {"description": "made"}}}}}}
        """

    /// A connected channel with the handler; the upstream is never reached by these tests.
    static func connection(maxHead: Int = 1 << 16, maxBody: Int = 1000, idleTimeout: TimeAmount = .seconds(60)) throws
        -> EmbeddedChannel
    {
        let checker = try ExchangeChecker(document: JSONParser().parse(document))
        let upstream = try Upstream(url: "http://127.0.0.1:9", maxBody: maxBody)
        let service = ProxyService(checker: checker, upstream: upstream, options: .init(), archive: nil, log: nil)
        let handler = ProxyConnectionHandler(
            service: service, maxHead: maxHead, maxBody: maxBody, idleTimeout: idleTimeout, log: nil)
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    static func answer(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let part = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: part) }
        return text
    }

    @Test func aClientQuietForTheIdleTimeoutIsDroppedEvenMidRequest() throws {
        let channel = try Self.connection(idleTimeout: .seconds(60))
        channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        // Half a request: the client is active, so the clock starts again.
        try channel.writeInbound(ByteBuffer(string: "POST /v1/agents HTTP/1.1\r\nHost: x\r\n"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(59))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
        #expect(try Self.answer(channel).isEmpty)
    }

    @Test func aSocketErrorClosesTheConnection() throws {
        struct Reset: Error {}
        let channel = try Self.connection()
        channel.pipeline.fireErrorCaught(Reset())
        #expect(!channel.isActive)
    }

    @Test func aMalformedRequestIsAnsweredWithAProblemAndTheConnectionClosed() throws {
        let channel = try Self.connection()
        try channel.writeInbound(
            ByteBuffer(string: "POST /v1/agents HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        let answer = try Self.answer(channel)
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(answer.contains("Content-Type: application/problem+json\r\n"))
        #expect(answer.contains("Connection: close\r\n"))
        #expect(answer.contains("it has both Content-Length and Transfer-Encoding"))
        #expect(!channel.isActive)
    }

    @Test func aBodyPastTheLimitIsRefusedBeforeItComes() throws {
        let channel = try Self.connection(maxBody: 10)
        try channel.writeInbound(ByteBuffer(string: "POST /v1/agents HTTP/1.1\r\nContent-Length: 5000\r\n\r\n"))
        let answer = try Self.answer(channel)
        #expect(answer.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"))
        #expect(answer.contains("larger than --max-body (10 bytes)"))
        #expect(!channel.isActive)
    }

    @Test func aHeadPastTheLimitIsRefusedWith431() throws {
        let channel = try Self.connection(maxHead: 200)
        let head = "GET /v1/agents HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: 300)
        try channel.writeInbound(ByteBuffer(string: head))
        let answer = try Self.answer(channel)
        #expect(answer.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
        #expect(answer.contains("Content-Type: application/problem+json\r\n"))
        #expect(answer.contains("\"status\":431"))
        #expect(answer.contains("its head is too large"))
        #expect(!channel.isActive)
    }
}
