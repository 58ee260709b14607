import JSONCore
import OpenAPIDocument

/// One way an exchange differs from the document, in Prism's `sl-violations` shape: where in the message
/// (`["response", "body", "agents", "0", "id"]`), how bad, the rule, a message for people, and the JSON
/// pointer into the document of what was broken.
package struct ProxyViolation: Sendable, Equatable {
    package enum Severity: String, Sendable {
        case error = "Error"
        case warning = "Warning"
    }

    package var location: [String]
    package var severity: Severity
    package var code: String
    package var message: String
    /// Where the document says what was broken (`/paths/~1agents/get/responses/200`), when known.
    package var pointer: String?

    package init(location: [String], severity: Severity = .error, code: String, message: String, pointer: String? = nil) {
        self.location = location
        self.severity = severity
        self.code = code
        self.message = message
        self.pointer = pointer
    }

    package var isRequest: Bool { location.first == "request" }

    package var jsonValue: JSONValue {
        var object: JSONObject = [
            "location": .array(location.map(JSONValue.string)), "severity": .string(severity.rawValue),
            "code": .string(code), "message": .string(message),
        ]
        if let pointer { object["pointer"] = .string(pointer) }
        return .object(object)
    }

    /// `request.query.limit: Error: … [code] (at /paths/…)`, for the log.
    package var logText: String {
        "\(location.joined(separator: ".")): \(severity.rawValue): \(message) [\(code)]"
            + (pointer.map { " (\($0))" } ?? "")
    }

    /// The longest `sl-violations` value sent, as Prism: past it, as many violations as fit after a
    /// `Too many violations! ` prefix.
    package static let headerLimit = 8 * 1024

    /// The `sl-violations` header value: a JSON array, ASCII only (other characters as `\u` escapes, which
    /// any JSON reader decodes and no HTTP stack rejects); nil when there is nothing to report.
    package static func header(_ violations: [ProxyViolation]) -> String? {
        guard !violations.isEmpty else { return nil }
        let whole = asciiJSON(.array(violations.map(\.jsonValue)))
        if whole.utf8.count <= headerLimit { return whole }
        let prefix = "Too many violations! "
        var kept = violations.count
        var text = whole
        while kept > 0 {
            kept -= 1
            text = asciiJSON(.array(violations.prefix(kept).map(\.jsonValue)))
            if prefix.utf8.count + text.utf8.count <= headerLimit { break }
        }
        return prefix + text
    }

    static func asciiJSON(_ value: JSONValue) -> String {
        var out = ""
        for scalar in value.compactJSON().unicodeScalars {
            if scalar.isASCII, scalar.value >= 0x20 {
                out.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        return out
    }
}
