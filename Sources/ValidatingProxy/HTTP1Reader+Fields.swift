import NIOCore

/// Reading a head's start line and fields, byte by byte: what `HTTP1Reader.parseHead` calls.
extension HTTP1Reader {
    static func parseRequestLine(_ line: Slice<UnsafeRawBufferPointer>, into head: inout HTTP1Head)
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

    static func parseStatusLine(_ line: Slice<UnsafeRawBufferPointer>, into head: inout HTTP1Head)
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

    static func version(_ text: Slice<UnsafeRawBufferPointer>) throws(Failure) -> Int {
        guard text.count == 8, text.starts(with: "HTTP/1.".utf8) else {
            throw Failure(reason: "its HTTP version is not 1.0 or 1.1")
        }
        switch text.last {
        case UInt8(ascii: "1"): return 1
        case UInt8(ascii: "0"): return 0
        default: throw Failure(reason: "its HTTP version is not 1.0 or 1.1")
        }
    }

    static func parseField(
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
    static func forEachListItem(
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

    static func trim(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var from = bytes.startIndex
        var to = bytes.endIndex
        while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
        while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
        return bytes[from..<to]
    }

    /// Whether `bytes` spell `lowercase` (which is lowercase ASCII), ASCII case ignored.
    static func sameName(_ bytes: Slice<UnsafeRawBufferPointer>, _ lowercase: StaticString) -> Bool {
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

    static func string(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    /// A `tchar` of RFC 9110 section 5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
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
