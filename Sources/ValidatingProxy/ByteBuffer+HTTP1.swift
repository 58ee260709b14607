import NIOCore

extension ByteBuffer {
    /// One header field as HTTP/1.1 writes it: `name: value` and the line end. The value is written as it
    /// is: callers pass values read by `HTTP1Reader` (no CR or LF gets through) or made by the proxy.
    mutating func writeHTTPField(_ name: String, _ value: String) {
        writeString(name)
        writeStaticString(": ")
        writeString(value)
        writeStaticString("\r\n")
    }
}
