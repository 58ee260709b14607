import NIOCore
import Testing

@testable import ValidatingProxy

/// The proxy's own HTTP/1.x framing, on messages fed whole and a byte at a time: heads, bodies by length,
/// chunked and up to the close, pipelined messages, HEAD and bodiless answers, and each refusal's reason.
@Suite struct HTTP1ReaderTests {
    /// What a reader made of `text`: each message as (head, body), and the failure that stopped it.
    struct Outcome: Equatable {
        var messages: [Message] = []
        var failure: HTTP1Reader.Failure?
    }

    struct Message: Equatable {
        var start: String
        var headers: [String]
        var keepAlive: Bool
        var body: String?
    }

    /// Reads `text` fed in pieces of `piece` bytes (the whole when nil), then the close.
    static func read(
        _ text: String, kind: HTTP1Reader.Kind = .request, piece: Int? = nil, heads: [Bool] = [],
        maxHead: Int = 1 << 20, maxBody: Int = 1 << 20
    ) -> Outcome {
        var reader = HTTP1Reader(kind: kind, maxHead: maxHead, maxBody: maxBody)
        for isHead in heads { reader.expectResponse(toHead: isHead) }
        var outcome = Outcome()
        var head: HTTP1Head?
        func take(_ event: HTTP1Reader.Event) {
            switch event {
            case .head(let next): head = next
            case .end(let body):
                guard let done = head else { return }
                let start = kind == .request
                    ? "\(done.method) \(done.target) 1.\(done.minorVersion)" : "\(done.status) 1.\(done.minorVersion)"
                outcome.messages.append(
                    Message(
                        start: start, headers: done.headers.map { "\($0.name)=\($0.value)" }, keepAlive: done.keepAlive,
                        body: body.map { String(buffer: $0) }))
                head = nil
            }
        }
        let bytes = Array(text.utf8)
        let size = piece ?? max(bytes.count, 1)
        var offset = 0
        repeat {
            reader.append(ByteBuffer(bytes: bytes[offset..<min(offset + size, bytes.count)]))
            offset += size
            do {
                while let event = try reader.next() { take(event) }
            } catch {
                outcome.failure = error
                return outcome
            }
        } while offset < bytes.count
        if let event = reader.closed() { take(event) }
        return outcome
    }

    /// The same outcome whole and a byte at a time.
    static func readBothWays(
        _ text: String, kind: HTTP1Reader.Kind = .request, heads: [Bool] = [], maxBody: Int = 1 << 20
    ) -> Outcome {
        let whole = read(text, kind: kind, heads: heads, maxBody: maxBody)
        let bytewise = read(text, kind: kind, piece: 1, heads: heads, maxBody: maxBody)
        #expect(whole == bytewise, "fed whole and a byte at a time, \(text.debugDescription) reads differently")
        return whole
    }

    @Test func pipelinedRequestsWithBodiesAreReadInOrder() {
        let outcome = Self.readBothWays(
            "POST /v1/agents?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type:  application/json \r\nContent-Length: 7\r\n\r\n"
                + "{\"a\":1}GET /v1/agents HTTP/1.1\r\nhost: a\r\n\r\n")
        #expect(outcome.failure == nil)
        #expect(
            outcome.messages == [
                Message(
                    start: "POST /v1/agents?x=1 1.1",
                    headers: ["Host=a", "Content-Type=application/json", "Content-Length=7"], keepAlive: true,
                    body: "{\"a\":1}"),
                Message(start: "GET /v1/agents 1.1", headers: ["host=a"], keepAlive: true, body: nil),
            ])
    }

    @Test func chunkedBodiesAreJoinedAndTrailersDropped() {
        let outcome = Self.readBothWays(
            "PUT /x HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n4;ext=1\r\nWiki\r\nA\r\npedia in\r\n\r\n"
                + "0\r\nTrailer: x\r\n\r\nDELETE /y HTTP/1.1\r\n\r\n")
        #expect(outcome.failure == nil)
        #expect(outcome.messages.map(\.body) == ["Wikipedia in\r\n", nil])
        #expect(outcome.messages.map(\.start) == ["PUT /x 1.1", "DELETE /y 1.1"])
    }

    @Test func connectionsStayOpenAsTheVersionAndConnectionHeaderSay() {
        let outcome = Self.readBothWays(
            "GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"
                + "GET /c HTTP/1.1\r\nConnection: te, close\r\n\r\nGET /d HTTP/1.1\n\n")
        #expect(outcome.failure == nil)
        #expect(outcome.messages.map(\.keepAlive) == [false, true, false, true])
        #expect(outcome.messages.map(\.start) == ["GET /a 1.0", "GET /b 1.0", "GET /c 1.1", "GET /d 1.1"])
    }

    @Test func aLongConnectionHoldsOnlyWhatIsNotReadYet() throws {
        // 2,000 pipelined requests of 44 bytes, in pieces of 44 that each cut one in the middle (the first
        // piece is 22 bytes), so the input is never all read: what was read must not be kept.
        let request = "GET /v1/agents/agent_1 HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(request.utf8.count == 44)
        let bytes = Array(String(repeating: request, count: 2000).utf8)
        var reader = HTTP1Reader(kind: .request, maxHead: 1 << 20, maxBody: 1 << 20)
        var ends = 0
        var largest = 0
        for start in [0] + Array(stride(from: 22, to: bytes.count, by: 44)) {
            let end = start == 0 ? 22 : min(start + 44, bytes.count)
            reader.append(ByteBuffer(bytes: bytes[start..<end]))
            while let event = try reader.next() { if case .end = event { ends += 1 } }
            largest = max(largest, reader.inputCapacity)
        }
        #expect(ends == 2000)
        #expect(largest < 1024, "the reader's input grew to \(largest) bytes")
    }

    @Test func expectContinueAndTheDeclaredLengthAreInTheHead() throws {
        var reader = HTTP1Reader(kind: .request, maxHead: 1000, maxBody: 10)
        reader.append(ByteBuffer(string: "POST /x HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 5000\r\n\r\n"))
        guard case .head(let head) = try reader.next() else {
            Issue.record("no head")
            return
        }
        // The caller refuses a declared length past --max-body before any of the body comes.
        #expect(head.expectsContinue && head.contentLength == 5000)
        let more = try reader.next()
        #expect(more == nil)
        #expect(reader.isMidMessage)
    }

    @Test(arguments: [
        ("POST /x HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         "it has both Content-Length and Transfer-Encoding"),
        ("POST /x HTTP/1.1\r\nContent-Length: 4x\r\n\r\n", "its Content-Length is not a number"),
        ("POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "its Content-Length is not a number"),
        ("POST /x HTTP/1.1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n",
         "it has Content-Length values that disagree"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "its Transfer-Encoding does not end in chunked"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "a chunk size is malformed"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
         "a chunk is longer than its size says"),
        ("GET /x HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n",
         "a header line is folded onto the one before (obsolete line folding)"),
        ("GET /x HTTP/1.1\r\nBad Name: b\r\n\r\n", "a header name is not a token"),
        ("GET /x HTTP/1.1\r\nA: b\u{1}c\r\n\r\n", "a header value holds a control character"),
        ("GET /x HTTP/1.1\r\nA: b\rc\r\n\r\n", "a header value holds a control character"),
        ("GET /x HTTP/2.0\r\n\r\n", "its HTTP version is not 1.0 or 1.1"),
        ("GET /x y HTTP/1.1\r\n\r\n", "its HTTP version is not 1.0 or 1.1"),
        ("G(T /x HTTP/1.1\r\n\r\n", "its method is not a token"),
        ("GET  HTTP/1.1\r\n\r\n", "its request target is malformed"),
    ])
    func malformedRequestsAreRefusedWithTheirReason(text: String, reason: String) {
        // The requests before a malformed one are read; the failure stops the reader.
        let outcome = Self.readBothWays("GET /first HTTP/1.1\r\n\r\n" + text)
        #expect(outcome.messages.map(\.start) == ["GET /first 1.1"])
        #expect(outcome.failure == HTTP1Reader.Failure(reason: reason), "\(text.debugDescription)")
    }

    @Test func aChunkedBodyPastTheLimitAndAHeadPastItsLimitAreRefused() {
        let chunked = Self.readBothWays(
            "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n", maxBody: 10)
        let bodyTooLarge = HTTP1Reader.Failure(reason: "its body is larger than --max-body (10 bytes)", status: 413)
        #expect(chunked.failure == bodyTooLarge)
        let head = "GET /x HTTP/1.1\r\nA: " + String(repeating: "b", count: 300) + "\r\n\r\n"
        let tooLarge = HTTP1Reader.Failure(reason: "its head is too large", status: 431)
        #expect(Self.read(head, maxHead: 100).failure == tooLarge)
        // Cut into pieces: the head is refused once it passes the limit, before its end comes.
        #expect(Self.read(head, piece: 7, maxHead: 100).failure == tooLarge)
        let fields = "GET /x HTTP/1.1\r\n" + String(repeating: "A: b\r\n", count: 1001) + "\r\n"
        #expect(Self.read(fields).failure == tooLarge)
    }

    @Test func answersToHeadAndBodilessStatusesHaveNoBody() {
        let outcome = Self.readBothWays(
            "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n"  // to a HEAD request
                + "HTTP/1.1 100 Continue\r\n\r\n"  // interim: skipped
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n"
                + "HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi"
                + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            kind: .response, heads: [true, false, false, false, false])
        #expect(outcome.failure == nil)
        #expect(outcome.messages.map(\.start) == ["200 1.1", "204 1.1", "304 1.1", "200 1.0", "201 1.1"])
        #expect(outcome.messages.map(\.body) == [nil, nil, nil, "hi", "abc"])
        #expect(outcome.messages.allSatisfy { $0.keepAlive })
    }

    @Test func anInterimAnswerLeavesTheRealOneAnsweringTheHeadRequest() {
        let outcome = Self.readBothWays(
            "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
            kind: .response, heads: [true, false])
        #expect(outcome.failure == nil)
        #expect(outcome.messages.map(\.body) == [nil, "hi"])
        #expect(outcome.messages.map(\.headers) == [["Content-Length=12"], ["Content-Length=2"]])
    }

    @Test func anAnswerWithoutALengthEndsWithTheConnection() {
        for text in [
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nall of it",
        ] {
            let outcome = Self.readBothWays(text, kind: .response)
            #expect(outcome.failure == nil)
            #expect(outcome.messages.map(\.body) == ["all of it"])
            #expect(outcome.messages.map(\.keepAlive) == [false])
        }
        let large = Self.read("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 50), kind: .response, maxBody: 10)
        #expect(large.failure?.tooLarge == true)
    }

    @Test(arguments: [
        "this is not HTTP\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 20x OK\r\n\r\n", "HTTP/3.0 200 OK\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
    ])
    func malformedStatusLinesAreRefused(text: String) {
        #expect(Self.readBothWays(text, kind: .response).failure != nil)
    }
}
