#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a stream one line at a time in bounded memory (a fixed buffer plus the longest line), handing
/// each line's bytes, without its line ending, to a closure. Works on files and pipes of any size.
public struct JSONLinesReader {
    private let file: UnsafeMutablePointer<FILE>
    private let chunkSize: Int

    /// Reads from an open C stream (`stdin`, or one from `fopen`); the caller closes it.
    public init(file: UnsafeMutablePointer<FILE>, chunkSize: Int = 1 << 20) {
        self.file = file
        self.chunkSize = chunkSize
    }

    /// Calls `body` with each line (1-based number, bytes). Returns the number of lines read.
    @discardableResult
    public func forEachLine(_ body: (Int, UnsafeRawBufferPointer) -> Void) -> Int {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var carry: [UInt8] = []
        var lineNumber = 0
        func emit(_ line: UnsafeRawBufferPointer) {
            lineNumber += 1
            var end = line.count
            if end > 0, line[end - 1] == 0x0D { end -= 1 }
            body(lineNumber, UnsafeRawBufferPointer(rebasing: line[0..<end]))
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkSize, file) }
            if count == 0 { break }
            buffer.withUnsafeBytes { raw in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                var start = 0
                while start < count, let found = memchr(bytes.baseAddress! + start, 0x0A, count - start) {
                    let newline = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
                    if carry.isEmpty {
                        emit(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
                    } else {
                        carry.append(contentsOf: bytes[start..<newline])
                        carry.withUnsafeBytes { emit($0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    start = newline + 1
                }
                carry.append(contentsOf: bytes[start...])
            }
        }
        if !carry.isEmpty { carry.withUnsafeBytes { emit($0) } }
        return lineNumber
    }

    /// Calls `body` with batches of lines, so that they can be worked on in parallel; a batch holds at
    /// most `lines` lines or about `bytes` bytes. Returns the number of lines read.
    @discardableResult
    public func forEachBatch(lines: Int = 4096, bytes: Int = 4 << 20, _ body: (JSONLinesBatch) -> Void) -> Int {
        var batch = JSONLinesBatch(firstLine: 1)
        let total = forEachLine { n, line in
            if batch.count == 0 {
                batch.firstLine = n
                batch.reserveCapacity(bytes: bytes + line.count)
            }
            batch.append(line)
            if batch.count >= lines || batch.bytes.count >= bytes {
                body(batch)
                batch = JSONLinesBatch(firstLine: n + 1)
            }
        }
        if batch.count > 0 { body(batch) }
        return total
    }
}

/// Consecutive lines of a JSON Lines stream in one buffer: the number of the first, and each line's
/// bytes (without its line ending).
public struct JSONLinesBatch: Sendable {
    public var firstLine: Int
    public private(set) var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init(firstLine: Int) { self.firstLine = firstLine }

    public init(firstLine: Int, lines: [[UInt8]]) {
        self.firstLine = firstLine
        for line in lines { line.withUnsafeBytes { append($0) } }
    }

    public var count: Int { ends.count }

    public mutating func reserveCapacity(bytes count: Int) { bytes.reserveCapacity(count) }

    public mutating func append(_ line: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
    }

    /// Calls `body` with the bytes of line `index` (0-based within the batch).
    public func withLine<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[index]])) }
    }
}
