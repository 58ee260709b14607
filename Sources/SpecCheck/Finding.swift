/// One problem found in a document, with the rule that found it and where it is.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public let severity: Severity
    /// A Spectral-style rule name, e.g. `operation-success-response`.
    public let rule: String
    /// A JSON pointer into what was checked: the spec for lint findings, the body for body findings.
    public let pointer: String
    public let message: String
    /// For schema violations: the schema keyword that failed, as a pointer into the spec.
    public let keywordLocation: String?

    public init(severity: Severity, rule: String, pointer: String, message: String, keywordLocation: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.pointer = pointer
        self.message = message
        self.keywordLocation = keywordLocation
    }

    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(severity.rawValue): \(message) [\(rule)]" }
}
