/// A strict RFC 8259 JSON parser that keeps numbers exact and object members in order.
///
/// It rejects invalid UTF-8, lone surrogate escapes and trailing text, reports every problem with its
/// line and column, and refuses nesting deeper than `maxDepth` instead of exhausting the stack (it
/// keeps its own stack, so depth costs heap, not call frames).
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public var maxDepth: Int

    public init(maxDepth: Int = 512) { self.maxDepth = maxDepth }

    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    public func parse(_ buffer: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var state = ParserState(bytes: buffer, maxDepth: maxDepth)
        return try state.document()
    }
}
