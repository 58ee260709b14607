/// A problem found in what a user wrote, with the rule that found it and where it is: a file, line and
/// column where the text is known, a JSON pointer into the document where the place is a value.
/// Collected and reported together; never thrown one at a time.
package struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Severity: String, Sendable, Comparable {
        case error, warning
        package static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    package var severity: Severity
    /// The rule's name (`invalid-ref`, `parser`), Spectral's where Spectral has one; empty for none.
    package var rule: String
    package var message: String
    /// The file as the user named it.
    package var file: String?
    package var line: Int?
    package var column: Int?
    /// Where in the document (`/paths/~1agents/get`), when the problem is at a value.
    package var pointer: String?
    /// For a value that fails a schema: the keyword that failed, as a pointer into the document.
    package var keywordLocation: String?
    /// Other places the problem involves: for a reference into a missing file, where the file holding the
    /// reference was itself referenced from.
    package var related: [FileLocation]

    package init(
        _ severity: Severity, rule: String = "", file: String? = nil, line: Int? = nil, column: Int? = nil,
        pointer: String? = nil, message: String, keywordLocation: String? = nil, related: [FileLocation] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.message = message
        self.keywordLocation = keywordLocation
        self.related = related
    }

    /// A finding in a value (a document, a response body) at `pointer`, not yet placed in a file.
    package init(severity: Severity, rule: String, pointer: String, message: String, keywordLocation: String? = nil) {
        self.init(severity, rule: rule, pointer: pointer, message: message, keywordLocation: keywordLocation)
    }

    package init(
        _ severity: Severity, rule: String = "", at location: FileLocation?, pointer: String? = nil,
        message: String, related: [FileLocation] = []
    ) {
        self.init(
            severity, rule: rule, file: location?.file, line: location?.line, column: location?.column,
            pointer: pointer, message: message, related: related)
    }

    /// Where the problem is, as compilers print it: `spec.yaml:3:5`, `spec.yaml#/paths/~1x/get`, or both;
    /// only the pointer (`/` for the root) for a finding in a value that is not a file.
    package var location: String {
        guard let file else { return pointer.map { $0.isEmpty ? "/" : $0 } ?? "" }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let pointer, !pointer.isEmpty { text += "#\(pointer)" }
        return text
    }

    /// The rule of a file that cannot be read at all (missing, a folder, no permission): for a command's
    /// input, bad usage (exit 2) rather than a finding (exit 1).
    package static let unreadable = "unreadable"

    package var isUnreadable: Bool { rule == Self.unreadable }

    /// The file, line and column, when the problem has them.
    package var fileLocation: FileLocation? {
        guard let file, let line else { return nil }
        return FileLocation(file: file, line: line, column: column ?? 1)
    }

    /// `spec.yaml:3:5: not valid YAML: …`: the location and the message, for a line that says itself that
    /// it is an error (`specvalidate: error: …`).
    package var summary: String {
        let place = location
        return place.isEmpty ? message : "\(place): \(message)"
    }

    /// `content/errors.md:3:1: error: …`, or `spec.yaml#/paths/~1x/get: error: … [rule]`, as compilers print
    /// them; related places follow on their own lines.
    package var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if !rule.isEmpty { text += " [\(rule)]" }
        for place in related { text += "\n\(place): note: referenced from here" }
        return text
    }
}
