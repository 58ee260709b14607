import Foundation

/// URL- and id-safe names made from titles, operation ids and file names.
enum Slug {
    /// A folder name as a title: `"getting-started"` → `"Getting started"`, `"section_2"` → `"Section 2"`.
    static func humanize(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).joined(separator: " ")
        guard let first = words.first else { return name }
        return first.uppercased() + words.dropFirst()
    }

    /// Lowercase ASCII letters and digits, other runs of characters collapsed into one hyphen:
    /// `"Run an Agent!"` → `"run-an-agent"`. Letters with accents lose them (`"Résumé"` → `"resume"`).
    static func make(_ text: String, fallback: String = "page") -> String {
        var out = ""
        var pendingHyphen = false
        let folded = text.applyingTransformFolding()
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            let isDigit = v >= 0x30 && v <= 0x39
            let isUpper = v >= 0x41 && v <= 0x5A
            let isLower = v >= 0x61 && v <= 0x7A
            if isDigit || isUpper || isLower {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(isUpper ? Unicode.Scalar(v + 0x20) ?? scalar : scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? fallback : out
    }

    /// A file name for an identifier such as an operationId or a schema name: the characters that are
    /// safe in a URL path segment are kept as they are (case included), anything else becomes `-`.
    static func fileName(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let safe =
                (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D
                || v == 0x5F || v == 0x2E
            out += safe ? String(scalar) : "-"
        }
        if out.isEmpty || out.hasPrefix(".") { out = "_" + out }
        return out
    }
}

extension String {
    /// Strips combining marks after canonical decomposition, so accented Latin letters keep their base.
    fileprivate func applyingTransformFolding() -> String {
        var out = String.UnicodeScalarView()
        for scalar in decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out)
    }
}
