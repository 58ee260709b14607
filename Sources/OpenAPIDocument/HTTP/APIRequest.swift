import JSONCore

/// One HTTP request as a value: what the mock receives, what a conformance run sends, what a HAR entry
/// records. Decided on without any HTTP machinery, so that every behaviour can be tested as a value.
package struct APIRequest: Sendable {
    /// Upper case: `GET`, `POST`.
    package var method: String
    /// `https://api.example.com` for a request to an absolute URL; empty for a request target that is a path.
    package var origin: String
    /// The path as sent, still percent-encoded, without the query.
    package var path: String
    /// Query parameters in order, percent-decoded (`+` is a space).
    package var query: [(name: String, value: String)]
    /// Header names and values as received; names compare case-insensitively.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    /// `target` is the request target: a path with an optional query (`/v1/agents?limit=2`), or an absolute
    /// URL (`http://127.0.0.1:4010/v1/agents?limit=2`). A fragment is dropped.
    package init(method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        // Read on UTF-8 bytes: the delimiters are ASCII, and this runs for every request a server gets.
        self.method = method.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
            ? method.uppercased() : method
        let utf8 = target.utf8
        let stop = utf8.firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
        var start = utf8.startIndex
        origin = ""
        // Absolute form (`http://host/path`) only when it does not start with a path: a query may hold a URL.
        if utf8.first != UInt8(ascii: "/"), let scheme = Self.schemeSeparator(in: utf8[start..<stop]) {
            let afterScheme = utf8.index(scheme, offsetBy: 3)
            let end = utf8[afterScheme..<stop].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? stop
            origin = String(target[start..<end])
            start = end
        }
        let mark = utf8[start..<stop].firstIndex(of: UInt8(ascii: "?"))
        path = String(target[start..<(mark ?? stop)])
        if path.isEmpty { path = "/" }
        if let mark {
            query = Self.parseQuery(String(target[utf8.index(after: mark)..<stop]))
        } else {
            query = []
        }
        self.headers = headers
        self.body = body
    }

    /// Where `://` starts, if anywhere.
    private static func schemeSeparator(in bytes: Substring.UTF8View) -> String.Index? {
        var index = bytes.startIndex
        while let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")) {
            let rest = bytes[bytes.index(after: colon)...]
            if rest.starts(with: "//".utf8) { return colon }
            index = bytes.index(after: colon)
        }
        return nil
    }

    /// The request target again: origin, path and the query percent-encoded.
    package var url: String {
        let encoded = query.map { "\($0.name.percentEncoded)=\($0.value.percentEncoded)" }
        return origin + path + (encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&"))
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    package func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    package static func parseQuery(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decodeComponent(parts[0]), parts.count > 1 ? decodeComponent(parts[1]) : "")
        }
    }

    /// Percent-decodes a query component, `+` meaning a space; malformed escapes are kept as they are.
    package static func decodeComponent(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    /// ASCII case-insensitive equality, as HTTP compares header names.
    package func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let fast = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                for index in mine.indices where !Self.sameIgnoringCase(mine[index], theirs[index]) { return false }
                return true
            }
        }
        if let fast, let verdict = fast { return verdict }
        return zip(utf8, other.utf8).allSatisfy(Self.sameIgnoringCase)
    }

    /// Whether the string starts with `prefix`, ASCII case ignored.
    package func caseInsensitiveHasPrefix(_ prefix: String) -> Bool {
        utf8.count >= prefix.utf8.count && zip(utf8, prefix.utf8).allSatisfy(Self.sameIgnoringCase)
    }

    @inline(__always)
    private static func sameIgnoringCase(_ a: UInt8, _ b: UInt8) -> Bool {
        a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
    }
}
