/// A problem found in what a user wrote, with the rule that found it and where it is: a file, line and
/// column where the text is known, a JSON pointer into the document where the place is a value.
/// Collected and reported together; never thrown one at a time.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// The rule's name (`invalid-ref`, `parser`), Spectral's where Spectral has one; empty for none.
    public var rule: String
    public var message: String
    /// The file as the user named it.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// Where in the document (`/paths/~1agents/get`), when the problem is at a value.
    public var pointer: String?
    /// Other places the problem involves: for a reference into a missing file, where the file holding the
    /// reference was itself referenced from.
    public var related: [SourceLocation]

    public init(
        _ severity: Severity, rule: String = "", file: String? = nil, line: Int? = nil, column: Int? = nil,
        pointer: String? = nil, message: String, related: [SourceLocation] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.message = message
        self.related = related
    }

    public init(
        _ severity: Severity, rule: String = "", at location: SourceLocation?, pointer: String? = nil,
        message: String, related: [SourceLocation] = []
    ) {
        self.init(
            severity, rule: rule, file: location?.file, line: location?.line, column: location?.column,
            pointer: pointer, message: message, related: related)
    }

    /// Where the problem is, as compilers print it: `spec.yaml:3:5`, `spec.yaml#/paths/~1x/get`, or both.
    public var location: String {
        var text = file ?? ""
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let pointer { text += "#\(pointer)" }
        return text
    }

    /// `content/errors.md:3:1: error: …`, or `spec.yaml#/paths/~1x/get: error: …`, as compilers print them;
    /// related places follow on their own lines.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        for place in related { text += "\n\(place): note: referenced from here" }
        return text
    }
}
