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

    /// How many `/`-separated segments the template has: a path matches only with as many.
    package var segmentCount: Int { segments.count }

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

    /// A concrete path split once, to be matched against many templates: each segment as sent and, where
    /// it has a `%`, percent-decoded (once here, not once per template it is compared with).
    package struct Segments: Sendable {
        package let raw: [Substring]
        /// `nil` where the segment has no `%` (it reads as sent) or is not valid percent-encoding.
        let decoded: [String?]

        init(_ raw: [Substring]) {
            self.raw = raw
            decoded = raw.map { $0.utf8.contains(UInt8(ascii: "%")) ? String($0).percentDecoded : nil }
        }
    }

    /// A concrete path's segments, split once to be matched against many templates.
    package static func segments(of path: String) -> Segments {
        Segments(Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()))
    }

    /// `match(_:)` on a path already split by `segments(of:)`.
    package func match(segments parts: Segments) -> [String: String]? {
        guard parts.raw.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            let part = parts.raw[index]
            switch segment {
            case .literal(let text):
                // `/<upload_url>` arrives as `/%3Cupload_url%3E`.
                guard text == part || parts.decoded[index] == text else { return nil }
            case .pattern(let literals, let variables):
                var rest = part
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
                    if variables.count == 1, literals[0].isEmpty, next.isEmpty {
                        // The whole segment: decoded already.
                        values[variable] = parts.decoded[index] ?? String(value)
                    } else {
                        values[variable] = String(value).percentDecoded ?? String(value)
                    }
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
