import JSONCore
import OpenAPIDocument

/// How much a change matters to the API's clients, in oasdiff's three levels.
package enum ChangeLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Not breaking: a client written for the base works with the revision.
    case info
    /// Cannot be told from the documents alone; may break some clients.
    case warn
    /// Breaking: a client written for the base can fail against the revision.
    case err

    package static func < (a: ChangeLevel, b: ChangeLevel) -> Bool { a.rawValue < b.rawValue }

    /// `ERR`, `WARN`, `INFO`.
    package var description: String {
        switch self {
        case .info: "INFO"
        case .warn: "WARN"
        case .err: "ERR"
        }
    }

    /// Reads `ERR`/`err`/`error`, `WARN`/`warn`/`warning`, `INFO`/`info`.
    package init?(name: String) {
        switch name.lowercased() {
        case "err", "error": self = .err
        case "warn", "warning": self = .warn
        case "info": self = .info
        default: return nil
        }
    }
}

/// One difference between two versions of a document that a client can notice: which rule found it,
/// how much it matters, a sentence saying what changed, the operation it is in and where it is in both
/// documents.
package struct APIChange: Sendable, Hashable {
    /// The operation a change is in.
    package struct Operation: Sendable, Hashable, CustomStringConvertible {
        /// Upper case: `GET`.
        package var method: String
        /// The path template as the revision writes it (the base's for a removed operation).
        package var path: String
        package var operationId: String?

        package init(method: String, path: String, operationId: String?) {
            self.method = method
            self.path = path
            self.operationId = operationId
        }

        /// `GET /agents/{id}`
        package var description: String { "\(method) \(path)" }
    }

    /// Where a change is in one of the two documents: a pointer into the document read whole, and the
    /// file, line and column it was written at.
    package struct Place: Sendable, Hashable, CustomStringConvertible {
        package var pointer: String
        package var location: FileLocation?

        package init(pointer: String, location: FileLocation? = nil) {
            self.pointer = pointer
            self.location = location
        }

        /// `spec.yaml:12:5#/paths/~1agents/get`
        package var description: String {
            guard let location else { return "#" + pointer }
            return "\(location)#\(pointer)"
        }
    }

    /// The rule: one of oasdiff's ids where oasdiff has the same rule (`api-removed-without-deprecation`).
    package var id: String
    package var level: ChangeLevel
    /// What changed, in one sentence (`removed the required property 'name' from the response with the 200 status`).
    package var text: String
    /// Nil for changes outside operations (components, global security, `info.version`).
    package var operation: Operation?
    /// What the change is about within its operation, for the fingerprint: `query parameter limit`,
    /// `200 application/json data/items/name`.
    package var subject: String
    package var base: Place?
    package var revision: Place?

    package init(
        id: String, level: ChangeLevel, text: String, operation: Operation?, subject: String, base: Place?,
        revision: Place?
    ) {
        self.id = id
        self.level = level
        self.text = text
        self.operation = operation
        self.subject = subject
        self.base = base
        self.revision = revision
    }

    /// A stable name for this change: the same rule, operation and subject give the same fingerprint in
    /// any later run, whatever else moved in the files (16 hexadecimal digits of FNV-1a over the three).
    package var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let text = "\(id)\u{1F}\(operation?.description ?? "")\u{1F}\(subject)"
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
