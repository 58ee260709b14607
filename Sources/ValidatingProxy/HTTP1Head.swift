/// The head of one HTTP/1.x message as `HTTP1Reader` read it: the start line's parts and the header fields
/// in the order they came, names and values as sent (values without the whitespace around them).
struct HTTP1Head {
    /// A request's method (empty in a response).
    var method = ""
    /// A request's target, as sent: never decoded or re-encoded (empty in a response).
    var target = ""
    /// A response's status code (0 in a request).
    var status = 0
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion = 1
    var headers: [(name: String, value: String)] = []
    /// Whether the connection stays open after this message: HTTP/1.1 unless `Connection: close`,
    /// HTTP/1.0 only with `Connection: keep-alive`.
    var keepAlive = true
    /// A request with `Expect: 100-continue`.
    var expectsContinue = false
    /// A `Content-Length` the message declared (nil with none, or with `Transfer-Encoding`).
    var contentLength: Int?

    var isHead: Bool { method == "HEAD" }
}
