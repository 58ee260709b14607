import NIOCore

/// Reads HTTP/1.x messages, requests or responses, off the bytes of one connection as they come: each
/// message's head, then its body whole (`Content-Length`, chunked, or, for a response, up to the close).
/// The proxy's own framing (RFC 9112) in place of NIO's HTTP codecs: the bytes are read once, nothing is
/// built that the checks do not use, and a body that came in one read is a slice of it, not a copy.
///
/// What it refuses, with the reason a problem's `detail` carries: a head that is not HTTP/1.0 or 1.1
/// (a malformed start line, a header name that is not a token, a control character in a value, a folded
/// line), both `Content-Length` and `Transfer-Encoding`, disagreeing or non-numeric lengths, a request
/// whose transfer coding is not chunked, a malformed chunk, a head past `maxHead` bytes or 1,000 fields,
/// and a chunked body past `maxBody`. Bare LF ends a line as CRLF does (RFC 9112 section 2.2).
struct HTTP1Reader {
    enum Kind { case request, response }

    enum Event {
        /// A message's head: its body (or end) comes next.
        case head(HTTP1Head)
        /// The end of the message whose head came last, with its body (nil for none).
        case end(ByteBuffer?)
    }

    /// Why the bytes are not an HTTP/1.x message; `reason` completes "The request cannot be read as
    /// HTTP/1.1: …". The connection cannot be read further.
    struct Failure: Error, Equatable {
        var reason: String
        /// The status a request refused for this gets: 400, 413 for a chunked body past `maxBody`, 431 for a
        /// head past `maxHead` or `maxFields` (RFC 6585 section 5).
        var status = 400
        var tooLarge: Bool { status == 413 }
    }

    private enum State {
        case head
        /// Body bytes still to come.
        case fixed(Int)
        case chunkSize
        case chunkData(Int)
        /// The line end after a chunk's data.
        case chunkEnd
        case trailers
        /// A response with no length: its body ends when the connection does.
        case untilClose
        case failed
    }

    static let maxFields = 1000

    let kind: Kind
    let maxHead: Int
    let maxBody: Int
    private var input: ByteBuffer?
    private var state = State.head
    private var body: ByteBuffer?
    /// How far the head being read was searched for its end (so a large head is not searched again).
    private var searched = 0
    /// Responses read from now on answer HEAD requests, one each, in order: they have no body.
    private var headRequests: [Bool] = []

    init(kind: Kind, maxHead: Int, maxBody: Int) {
        self.kind = kind
        self.maxHead = maxHead
        self.maxBody = maxBody
    }

    /// A response reader learns what each request was (a HEAD answer has no body, whatever its head says).
    mutating func expectResponse(toHead isHead: Bool) {
        headRequests.append(isHead)
    }

    /// More bytes from the connection. Bytes already read are dropped first, so that a long connection
    /// that always leaves part of a message for the next read holds no more than that part.
    mutating func append(_ buffer: ByteBuffer) {
        if input == nil || input!.readableBytes == 0 {
            input = buffer
        } else {
            input!.discardReadBytes()
            input!.writeImmutableBuffer(buffer)
        }
    }

    /// How many bytes the reader's input holds room for (what reading costs in memory).
    var inputCapacity: Int { input?.capacity ?? 0 }

    /// Whether bytes are held that do not make a whole message yet (a head or body cut by the close).
    var isMidMessage: Bool {
        switch state {
        case .head: (input?.readableBytes ?? 0) > 0
        case .failed: false
        default: true
        }
    }

    /// The next event the bytes so far make, or nil until more come.
    mutating func next() throws(Failure) -> Event? {
        do {
            return try step()
        } catch {
            state = .failed
            input = nil
            body = nil
            throw error
        }
    }

    /// The connection closed: ends a response read up to the close (nil when no message was that far).
    mutating func closed() -> Event? {
        guard case .untilClose = state else { return nil }
        state = .head
        if let rest = input, rest.readableBytes > 0 { appendBody(rest) }
        input = nil
        defer { body = nil }
        return .end(body)
    }

    private mutating func step() throws(Failure) -> Event? {
        while true {
            switch state {
            case .failed:
                return nil
            case .head:
                guard var bytes = input, let length = try headLength(bytes) else { return nil }
                let headBytes = bytes.readSlice(length: length)!
                input = bytes
                searched = 0
                var (head, framing) = try parseHead(headBytes)
                // An interim answer (`100 Continue`, `103 Early Hints`) has no body and is not the answer
                // to the request: the real one follows (and still answers a HEAD, if the request was one).
                if kind == .response, head.status < 200, head.status != 101 { continue }
                try frame(&head, framing)
                return .head(head)
            case .fixed(let left):
                if left == 0 { return finishMessage() }
                guard var bytes = input else { return nil }
                if body == nil, bytes.readableBytes >= left {
                    body = bytes.readSlice(length: left)
                    input = bytes
                    return finishMessage()
                }
                let taken = min(left, bytes.readableBytes)
                if taken > 0 { appendBody(bytes.readSlice(length: taken)!) }
                input = bytes
                if left - taken == 0 { return finishMessage() }
                state = .fixed(left - taken)
                return nil
            case .chunkSize:
                guard let line = try readLine(limit: 1024, what: "a chunk size line") else { return nil }
                let size = try Self.chunkSize(line)
                if (body?.readableBytes ?? 0) + size > maxBody {
                    throw Failure(reason: "its body is larger than --max-body (\(maxBody) bytes)", status: 413)
                }
                state = size == 0 ? .trailers : .chunkData(size)
            case .chunkData(let left):
                guard var bytes = input, bytes.readableBytes > 0 else { return nil }
                let taken = min(left, bytes.readableBytes)
                appendBody(bytes.readSlice(length: taken)!)
                input = bytes
                state = left == taken ? .chunkEnd : .chunkData(left - taken)
            case .chunkEnd:
                guard let line = try readLine(limit: 2, what: "a chunk's end") else { return nil }
                guard line.readableBytes == 0 else { throw Failure(reason: "a chunk is longer than its size says") }
                state = .chunkSize
            case .trailers:
                guard let line = try readLine(limit: maxHead, what: "a trailer field") else { return nil }
                if line.readableBytes == 0 { return finishMessage() }  // trailer fields are read and dropped
            case .untilClose:
                guard var bytes = input, bytes.readableBytes > 0 else { return nil }
                if (body?.readableBytes ?? 0) + bytes.readableBytes > maxBody {
                    throw Failure(reason: "its body is larger than --max-body (\(maxBody) bytes)", status: 413)
                }
                appendBody(bytes.readSlice(length: bytes.readableBytes)!)
                input = bytes
                return nil
            }
        }
    }

    private mutating func appendBody(_ part: ByteBuffer) {
        if body == nil {
            body = part
        } else {
            body!.writeImmutableBuffer(part)
        }
    }

    private mutating func finishMessage() -> Event {
        state = .head
        defer { body = nil }
        return .end(body)
    }

    /// The length of the head at the start of `bytes` with its blank line, once it is all there.
    private mutating func headLength(_ bytes: ByteBuffer) throws(Failure) -> Int? {
        let from = max(0, searched - 3)
        let found: Int? = bytes.withUnsafeReadableBytes { raw in
            var index = from
            while index < raw.count {
                if raw[index] == 0x0A {
                    // LF LF, or LF CR LF: a blank line.
                    if index + 1 < raw.count, raw[index + 1] == 0x0A { return index + 2 }
                    if index + 2 < raw.count, raw[index + 1] == 0x0D, raw[index + 2] == 0x0A { return index + 3 }
                }
                index += 1
            }
            return nil
        }
        if let found {
            if found > maxHead { throw Failure(reason: "its head is too large", status: 431) }
            return found
        }
        searched = bytes.readableBytes
        if searched > maxHead { throw Failure(reason: "its head is too large", status: 431) }
        return nil
    }

    /// One line of the input without its line end, once it is all there (`limit` bytes at most).
    private mutating func readLine(limit: Int, what: String) throws(Failure) -> ByteBuffer? {
        guard var bytes = input else { return nil }
        let end: Int? = bytes.withUnsafeReadableBytes { raw in raw.firstIndex(of: 0x0A) }
        guard let end else {
            if bytes.readableBytes > limit + 1 { throw Failure(reason: "\(what) is malformed") }
            return nil
        }
        var line = bytes.readSlice(length: end + 1)!
        input = bytes
        line.moveWriterIndex(to: line.writerIndex - 1)
        if line.readableBytes > 0, line.getInteger(at: line.writerIndex - 1, as: UInt8.self) == 0x0D {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        if line.readableBytes > limit { throw Failure(reason: "\(what) is malformed") }
        return line
    }

    private static func chunkSize(_ line: ByteBuffer) throws(Failure) -> Int {
        var size = 0
        var digits = 0
        for byte in line.readableBytesView {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                guard digits > 0 else { throw Failure(reason: "a chunk size is malformed") }
                return size  // chunk extensions are ignored
            default:
                throw Failure(reason: "a chunk size is malformed")
            }
            digits += 1
            guard digits <= 15 else { throw Failure(reason: "a chunk size is malformed") }
            size = size << 4 | digit
        }
        guard digits > 0 else { throw Failure(reason: "a chunk size is malformed") }
        return size
    }

    /// The head's fields, and what its framing headers said.
    private func parseHead(_ head: ByteBuffer) throws(Failure) -> (HTTP1Head, Framing) {
        var parsed = HTTP1Head()
        parsed.headers.reserveCapacity(12)
        var framing = Framing()
        try head.withUnsafeReadableBytes { (raw: UnsafeRawBufferPointer) throws(Failure) in
            var lines = LineCursor(raw)
            // A blank line or two before a request line is ignored (RFC 9112 section 2.2).
            var first = lines.next()
            while kind == .request, let line = first, line.isEmpty { first = lines.next() }
            guard let startLine = first else { throw Failure(reason: "its start line is missing") }
            switch kind {
            case .request: try Self.parseRequestLine(startLine, into: &parsed)
            case .response: try Self.parseStatusLine(startLine, into: &parsed)
            }
            while let line = lines.next(), !line.isEmpty {
                guard parsed.headers.count < Self.maxFields else {
                    throw Failure(reason: "its head is too large", status: 431)
                }
                try Self.parseField(line, into: &parsed, framing: &framing)
            }
        }
        parsed.keepAlive = framing.close ? false : (parsed.minorVersion == 1 || framing.keepAlive)
        parsed.contentLength = framing.contentLength
        return (parsed, framing)
    }

    /// What the framing headers said.
    struct Framing {
        var contentLength: Int?
        var transferEncoding: Bool = false
        /// The last transfer coding is `chunked`.
        var chunked = false
        var close = false
        var keepAlive = false
    }

    /// How the body that follows `head` is framed: the reader's next state.
    private mutating func frame(_ head: inout HTTP1Head, _ framing: Framing) throws(Failure) {
        if framing.transferEncoding, framing.contentLength != nil {
            throw Failure(reason: "it has both Content-Length and Transfer-Encoding")
        }
        if kind == .response {
            let answersHead = headRequests.isEmpty ? false : headRequests.removeFirst()
            if answersHead || head.status < 200 || head.status == 204 || head.status == 304 {
                state = .fixed(0)
                return
            }
        }
        if framing.transferEncoding {
            if framing.chunked {
                state = .chunkSize
            } else if kind == .request {
                throw Failure(reason: "its Transfer-Encoding does not end in chunked")
            } else {
                head.keepAlive = false
                state = .untilClose
            }
        } else if let length = framing.contentLength {
            state = .fixed(length)
        } else if kind == .response {
            head.keepAlive = false
            state = .untilClose
        } else {
            state = .fixed(0)
        }
    }
}
