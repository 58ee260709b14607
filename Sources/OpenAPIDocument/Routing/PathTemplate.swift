import JSONCore

/// An OpenAPI path template such as `/agents/{agentId}/jobs/{jobId}`: its variables, and matching
/// concrete paths against it.
package struct PathTemplate: Sendable, Hashable {
    package let template: String
    private let segments: [Segment]

    private enum Segment: Hashable {
        case literal(String)
        /// A segment with variables: the literal text between them, and the variable names.
        case pattern(literals: [String], variables: [String])
    }

    package init(_ template: String) {
        self.template = template
        segments = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { raw in
            guard raw.contains("{") else { return .literal(String(raw)) }
            var literals: [String] = []
            var variables: [String] = []
            var current = ""
            var rest = Substring(raw)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                current += rest[..<open]
                literals.append(current)
                current = ""
                variables.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            literals.append(current + rest)
            return .pattern(literals: literals, variables: variables)
        }
    }

    package var variables: [String] {
        segments.flatMap { segment -> [String] in
            if case .pattern(_, let variables) = segment { return variables }
            return []
        }
    }

    /// The variables' values when `path` (without query) matches, or nil. Literal segments must match
    /// exactly; a variable matches one non-empty segment (or the text between a segment's literals).
    package func match(_ path: String) -> [String: String]? {
        match(segments: Self.segments(of: path))
    }

    /// A concrete path's segments, split once to be matched against many templates.
    package static func segments(of path: String) -> [Substring] {
        Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
    }

    /// `match(_:)` on a path already split by `segments(of:)`.
    package func match(segments parts: [Substring]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text):
                // `/<upload_url>` arrives as `/%3Cupload_url%3E`.
                guard text == part || (part.contains("%") && String(part).percentDecoded == text) else { return nil }
            case .pattern(let literals, let variables):
                var rest = Substring(part)
                guard rest.hasPrefix(literals[0]) else { return nil }
                rest = rest.dropFirst(literals[0].count)
                for (i, variable) in variables.enumerated() {
                    let next = literals[i + 1]
                    let end: Substring.Index
                    if next.isEmpty {
                        end = i == variables.count - 1 ? rest.endIndex : rest.startIndex
                    } else {
                        guard let range = rest.range(of: next) else { return nil }
                        end = range.lowerBound
                    }
                    let value = rest[..<end]
                    guard !value.isEmpty else { return nil }
                    values[variable] = String(value).percentDecoded ?? String(value)
                    rest = rest[end...].dropFirst(next.count)
                }
                guard rest.isEmpty else { return nil }
            }
        }
        return values
    }

    /// How specific the template is: literal segments count more, so `/agents/me` wins over `/agents/{id}`.
    package var specificity: Int {
        segments.reduce(0) { total, segment in
            if case .literal = segment { return total + 2 }
            return total + 1
        }
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? { firstRange(of: needle) }
}
