import Foundation
import MockServer
import Testing

@Suite struct RequestLogTests {
    @Test func linesAreWrittenInOrderWhenFlushed() throws {
        let pipe = Pipe()
        let log = RequestLog(descriptor: pipe.fileHandleForWriting.fileDescriptor)
        log.append("GET /v1/agents 200 0.012 ms")
        log.append("POST /v1/agents/x 404 0.020 ms")
        log.flush()
        log.flush()  // nothing more to write
        try pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text == "GET /v1/agents 200 0.012 ms\nPOST /v1/agents/x 404 0.020 ms\n")
    }

    @Test func aLargeBatchIsWrittenWithoutWaitingForTheTimer() throws {
        let pipe = Pipe()
        let log = RequestLog(descriptor: pipe.fileHandleForWriting.fileDescriptor, interval: .seconds(3600))
        let line = String(repeating: "x", count: 1023)
        for _ in 0..<64 { log.append(line) }
        // 64 KiB reached: already written, no flush needed.
        try pipe.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        #expect(data.count == 64 * 1024)
    }
}
