/// A problem found in the sources, with where it is: `file:line:column` for markdown and front matter,
/// a JSON pointer for a spec. Collected and reported together, never thrown one at a time.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let file: String
    public let line: Int?
    public let column: Int?
    /// For spec problems: where in the document (`/paths/~1agents/get`).
    public let pointer: String?
    public let message: String

    public init(
        _ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, pointer: String? = nil,
        message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.message = message
    }

    /// `content/errors.md:3:1: error: …`, or `spec.yaml#/paths/~1x/get: error: …`, as compilers print them.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        if let pointer { location += "#\(pointer)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}
