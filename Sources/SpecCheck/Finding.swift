/// One problem found in a document, with the rule that found it and where it is.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public let severity: Severity
    /// A Spectral-style rule name, e.g. `operation-success-response`.
    public let rule: String
    /// A JSON pointer into the document.
    public let pointer: String
    public let message: String

    public init(severity: Severity, rule: String, pointer: String, message: String) {
        self.severity = severity
        self.rule = rule
        self.pointer = pointer
        self.message = message
    }

    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(severity.rawValue): \(message) [\(rule)]" }
}
