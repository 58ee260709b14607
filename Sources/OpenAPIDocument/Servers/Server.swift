import JSONCore

/// A server a document names (`servers`), with its variables at their defaults: the one place a server
/// URL becomes the base URL samples use, the path prefix the mock serves under and HAR entries are matched
/// with.
package struct Server: Sendable, Equatable {
    /// The URL as written, variables and all: `https://{region}.example.com/v1`.
    package let template: String
    /// The URL with each `{variable}` replaced by its default and without trailing slashes.
    package let url: String
    package let description: String?

    package init(_ value: JSONValue) {
        var url = value["url"]?.stringValue ?? ""
        template = url
        for (name, variable) in value["variables"]?.objectValue?.members ?? [] {
            url = url.replacingAll("{\(name)}", with: variable["default"]?.stringValue ?? "")
        }
        while url.hasSuffix("/") { url.removeLast() }
        self.url = url
        description = value["description"]?.stringValue
    }

    /// The document's servers, in order.
    package static func all(in document: JSONValue) -> [Server] {
        (document["servers"]?.arrayValue ?? []).map(Server.init)
    }

    /// The path of the URL, without scheme, host, query or trailing slash: `/v1` for
    /// `https://api.example.com/v1/`, empty for `https://api.example.com`; a relative URL is its own path.
    package var basePath: String { Self.path(of: url) }

    /// The path of any URL or request target (`https://h/v1/x?y` → `/v1/x`), without query or fragment and
    /// without trailing slashes.
    package static func path(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        return String(rest)
    }
}
