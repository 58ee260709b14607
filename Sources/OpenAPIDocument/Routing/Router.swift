/// Which operation a request is for: the path first, then the method. The path is the most specific
/// template that matches (`/agents/me` before `/agents/{id}`, as the specification says concrete paths are
/// matched before templated ones; document order among equals); a method that path does not have is 405,
/// even when a less specific template has it (`DELETE /agents/me` is not `DELETE /agents/{id}` with the id
/// `me`). The mock routes requests with it, and the HAR check matches entries.
package struct Router<Route: Sendable>: Sendable {
    package struct Entry: Sendable {
        /// Upper case.
        package let method: String
        package let template: PathTemplate
        package let route: Route
    }

    /// Most specific template first.
    package let entries: [Entry]
    /// `entries` by the number of segments their template has (only those can match a path), in order.
    private let bySegmentCount: [Int: [Entry]]

    /// `routes` in document order; methods in any case.
    package init(_ routes: [(method: String, template: PathTemplate, route: Route)]) {
        entries = routes.enumerated().sorted { a, b in
            a.element.template.specificity != b.element.template.specificity
                ? a.element.template.specificity > b.element.template.specificity : a.offset < b.offset
        }.map { Entry(method: $0.element.method.uppercased(), template: $0.element.template, route: $0.element.route) }
        bySegmentCount = Dictionary(grouping: entries, by: \.template.segmentCount)
    }

    /// What a request path and method lead to.
    package enum Match: Sendable {
        case route(Route, pathValues: [String: String])
        /// The path exists, the method does not: a server answers 405 with these methods in `Allow`.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    /// `path` is the request's path without its query, still percent-encoded. A `HEAD` request without an
    /// operation of its own is the `GET` operation's.
    package func match(method: String, path: String) -> Match {
        let method = method.uppercased()
        var allowed: [String] = []
        let segments = PathTemplate.segments(of: path)
        var matched: Int?
        for entry in bySegmentCount[segments.raw.count] ?? [] {
            // Entries are ordered by specificity: past the first matching level, the path is decided.
            if let matched, entry.template.specificity < matched { break }
            guard let values = entry.template.match(segments: segments) else { continue }
            matched = entry.template.specificity
            if entry.method == method { return .route(entry.route, pathValues: values) }
            if !allowed.contains(entry.method) { allowed.append(entry.method) }
        }
        if method == "HEAD", case .route(let route, let values) = match(method: "GET", path: path) {
            return .route(route, pathValues: values)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }

    /// The route for `method` and `path`, or `nil`.
    package func route(method: String, path: String) -> Route? {
        if case .route(let route, _) = match(method: method, path: path) { return route }
        return nil
    }
}
