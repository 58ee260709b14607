import JSONCore

/// Media types as HTTP messages and OpenAPI `content` maps spell them: shared by the checks, the mock
/// and the conformance run so that all three match a `Content-Type` to a documented type the same way.
package enum MediaType {
    /// `application/json; charset=utf-8` → `application/json`.
    package static func bare(_ contentType: String) -> String {
        // Most content types are already bare: no parameters, blanks or capitals.
        let plain = !contentType.utf8.contains { byte in
            byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte >= 0x80
        }
        if plain { return contentType }
        return String(contentType.split(separator: ";").first ?? "").trimmingBlanks.lowercased()
    }

    /// A parameter of a content type, such as `boundary`, unquoted.
    package static func parameter(_ name: String, of contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingBlanks.lowercased() == name else { continue }
            var value = String(pair[1]).trimmingBlanks
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    /// The documented media type a content type falls under: exact, then `type/*`, then `*/*`. Without
    /// a content type, only a lone `*/*` matches.
    package static func documentedKey(for contentType: String?, in keys: [String]) -> String? {
        guard let contentType else { return keys.count == 1 && keys[0] == "*/*" ? "*/*" : nil }
        let bare = bare(contentType)
        if let exact = keys.first(where: { Self.bare($0) == bare }) { return exact }
        let family = (bare.split(separator: "/").first.map(String.init) ?? "") + "/*"
        if let wildcard = keys.first(where: { $0.lowercased() == family }) { return wildcard }
        return keys.first { $0 == "*/*" }
    }
}
