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
        /// A chunked body past `maxBody` (a 413, not a 400).
        var tooLarge = false
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
                let head = try parseHead(headBytes)
                if Self.isInterim(head, kind) { continue }  // the real answer follows
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
                    throw Failure(reason: "its body is larger than --max-body (\(maxBody) bytes)", tooLarge: true)
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
                    throw Failure(reason: "its body is larger than --max-body (\(maxBody) bytes)", tooLarge: true)
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
            if found > maxHead { throw Failure(reason: "its head is too large") }
            return found
        }
        searched = bytes.readableBytes
        if searched > maxHead { throw Failure(reason: "its head is too large") }
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

    /// The head's fields, and how the body that follows is framed (the reader's next state).
    private mutating func parseHead(_ head: ByteBuffer) throws(Failure) -> HTTP1Head {
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
                guard parsed.headers.count < Self.maxFields else { throw Failure(reason: "its head is too large") }
                try Self.parseField(line, into: &parsed, framing: &framing)
            }
        }
        parsed.keepAlive = framing.close ? false : (parsed.minorVersion == 1 || framing.keepAlive)
        try frame(&parsed, framing)
        return parsed
    }

    /// What the framing headers said.
    private struct Framing {
        var contentLength: Int?
        var transferEncoding: Bool = false
        /// The last transfer coding is `chunked`.
        var chunked = false
        var close = false
        var keepAlive = false
    }

    /// An interim answer (`100 Continue`, `103 Early Hints`): no body, and not the answer to the request.
    private static func isInterim(_ head: HTTP1Head, _ kind: Kind) -> Bool {
        kind == .response && head.status < 200 && head.status != 101
    }

    private mutating func frame(_ head: inout HTTP1Head, _ framing: Framing) throws(Failure) {
        if Self.isInterim(head, kind) {
            state = .head  // the request's answer is still to come (and still answers a HEAD, if it did)
            return
        }
        if framing.transferEncoding, framing.contentLength != nil {
            throw Failure(reason: "it has both Content-Length and Transfer-Encoding")
        }
        if kind == .response {
            let answersHead = headRequests.isEmpty ? false : headRequests.removeFirst()
            if answersHead || head.status < 200 || head.status == 204 || head.status == 304 {
                head.contentLength = framing.contentLength
                state = .fixed(0)
                return
            }
        }
        head.contentLength = framing.contentLength
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

    private static func parseRequestLine(_ line: Slice<UnsafeRawBufferPointer>, into head: inout HTTP1Head)
        throws(Failure)
    {
        guard let space = line.firstIndex(of: 0x20), space > line.startIndex,
            line[line.startIndex..<space].allSatisfy(isTokenByte)
        else { throw Failure(reason: "its method is not a token") }
        let rest = line[(space + 1)...]
        guard let second = rest.firstIndex(of: 0x20), second > rest.startIndex,
            rest[rest.startIndex..<second].allSatisfy({ $0 > 0x20 && $0 != 0x7F })
        else { throw Failure(reason: "its request target is malformed") }
        head.minorVersion = try version(rest[(second + 1)...])
        head.method = string(line[line.startIndex..<space])
        head.target = string(rest[rest.startIndex..<second])
    }

    private static func parseStatusLine(_ line: Slice<UnsafeRawBufferPointer>, into head: inout HTTP1Head)
        throws(Failure)
    {
        let start = line.startIndex
        guard line.count >= 12, line[start + 8] == 0x20 else { throw Failure(reason: "its status line is malformed") }
        head.minorVersion = try version(line[start..<start + 8])
        var status = 0
        for byte in line[start + 9..<start + 12] {
            guard byte >= 0x30, byte <= 0x39 else { throw Failure(reason: "its status line is malformed") }
            status = status * 10 + Int(byte - 0x30)
        }
        guard status >= 100, line.count == 12 || line[start + 12] == 0x20 else {
            throw Failure(reason: "its status line is malformed")
        }
        head.status = status
    }

    private static func version(_ text: Slice<UnsafeRawBufferPointer>) throws(Failure) -> Int {
        guard text.count == 8, text.starts(with: "HTTP/1.".utf8) else {
            throw Failure(reason: "its HTTP version is not 1.0 or 1.1")
        }
        switch text.last {
        case UInt8(ascii: "1"): return 1
        case UInt8(ascii: "0"): return 0
        default: throw Failure(reason: "its HTTP version is not 1.0 or 1.1")
        }
    }

    private static func parseField(
        _ line: Slice<UnsafeRawBufferPointer>, into head: inout HTTP1Head, framing: inout Framing
    ) throws(Failure) {
        guard let first = line.first, first != 0x20, first != 0x09 else {
            throw Failure(reason: "a header line is folded onto the one before (obsolete line folding)")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
            line[line.startIndex..<colon].allSatisfy(isTokenByte)
        else { throw Failure(reason: "a header name is not a token") }
        var from = colon + 1
        var to = line.endIndex
        while from < to, line[from] == 0x20 || line[from] == 0x09 { from += 1 }
        while to > from, line[to - 1] == 0x20 || line[to - 1] == 0x09 { to -= 1 }
        let value = line[from..<to]
        guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else {
            throw Failure(reason: "a header value holds a control character")
        }
        let name = line[line.startIndex..<colon]
        switch name.count {
        case 6 where sameName(name, "expect"):
            head.expectsContinue = sameName(value, "100-continue")
        case 10 where sameName(name, "connection"):
            forEachListItem(value) { token in
                if sameName(token, "close") { framing.close = true }
                if sameName(token, "keep-alive") { framing.keepAlive = true }
            }
        case 14 where sameName(name, "content-length"):
            var malformed = false
            var disagree = false
            forEachListItem(value, keepingEmpty: true) { digits in
                guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    malformed = true
                    return
                }
                let length = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if let earlier = framing.contentLength, earlier != length { disagree = true }
                framing.contentLength = length
            }
            if malformed { throw Failure(reason: "its Content-Length is not a number") }
            if disagree { throw Failure(reason: "it has Content-Length values that disagree") }
        case 17 where sameName(name, "transfer-encoding"):
            framing.transferEncoding = true
            var last: Slice<UnsafeRawBufferPointer>?
            forEachListItem(value) { last = $0 }
            framing.chunked = last.map { sameName($0, "chunked") } ?? false
        default:
            break
        }
        head.headers.append((string(name), string(value)))
    }

    /// Calls `body` with each item of a comma-separated list, without the blanks around it (empty items
    /// skipped unless `keepingEmpty`), without making an array of them.
    private static func forEachListItem(
        _ list: Slice<UnsafeRawBufferPointer>, keepingEmpty: Bool = false,
        _ body: (Slice<UnsafeRawBufferPointer>) -> Void
    ) {
        var start = list.startIndex
        while true {
            let end = list[start...].firstIndex(of: UInt8(ascii: ",")) ?? list.endIndex
            let item = trim(list[start..<end])
            if keepingEmpty || !item.isEmpty { body(item) }
            guard end < list.endIndex else { return }
            start = end + 1
        }
    }

    private static func trim(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var from = bytes.startIndex
        var to = bytes.endIndex
        while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
        while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
        return bytes[from..<to]
    }

    /// Whether `bytes` spell `lowercase` (which is lowercase ASCII), ASCII case ignored.
    private static func sameName(_ bytes: Slice<UnsafeRawBufferPointer>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        var index = bytes.startIndex
        for byte in expected {
            let found = bytes[index]
            guard found == byte || (found | 0x20 == byte && byte >= 0x61 && byte <= 0x7A) else { return false }
            index += 1
        }
        return true
    }

    private static func string(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    /// A `tchar` of RFC 9110 section 5.6.2.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}

/// The lines of a head, each without its line end (CRLF or LF); a CR elsewhere stays in the line (and is
/// refused there as a control character).
private struct LineCursor {
    let raw: UnsafeRawBufferPointer
    var index = 0

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    mutating func next() -> Slice<UnsafeRawBufferPointer>? {
        guard index < raw.count else { return nil }
        var end = index
        while end < raw.count, raw[end] != 0x0A { end += 1 }
        var lineEnd = end
        if lineEnd > index, raw[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let line = raw[index..<lineEnd]
        index = end + 1
        return line
    }
}
