/// The lines of a head, each without its line end (CRLF or LF); a CR elsewhere stays in the line (and is
/// refused there as a control character).
struct LineCursor {
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
