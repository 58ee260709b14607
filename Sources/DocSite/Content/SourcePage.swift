import OpenAPIDocument
import JSONCore
import OpenAPIDocument

/// A markdown file split into its front matter and its body.
package struct SourcePage: Sendable {
    /// The path relative to the content folder, with `/` separators: `agentscode/errors.md`.
    package let path: String
    /// The path to show in messages (`content/agentscode/errors.md`).
    package let displayPath: String
    package let frontMatter: FrontMatter
    package let body: String
    /// The file line on which the body starts, so body line N is file line `bodyLine + N - 1`.
    package let bodyLine: Int

    /// The page with `markdown` added after its body (a generated changelog, say).
    func appendingBody(_ markdown: String) -> SourcePage {
        SourcePage(
            path: path, displayPath: displayPath, frontMatter: frontMatter, body: body + "\n" + markdown,
            bodyLine: bodyLine)
    }

    /// Splits `text` and reads its front matter. Problems go to `diagnostics`; `nil` when the page cannot be
    /// used at all (no front matter, malformed YAML, no title).
    package static func parse(
        _ text: String, path: String, displayPath: String, diagnostics: inout [Diagnostic]
    ) -> SourcePage? {
        func error(_ line: Int?, _ column: Int? = nil, _ message: String) {
            diagnostics.append(Diagnostic(.error, file: displayPath, line: line, column: column, message: message))
        }
        // CRLF read as LF; then every LF is a character boundary, and the split is on bytes.
        let text = text.withUnixLineEnds
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard lines.first == "---" else {
            error(1, 1, "missing front matter: a page starts with a '---' line, then at least 'title: …', then '---'")
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" || lines[$0] == "..." }) else {
            error(1, 1, "the front matter opened with '---' on line 1 is never closed by a '---' line")
            return nil
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        // Front matter line N is file line N + 1. YAML 1.2, read as every document is.
        let value: JSONValue
        let locations: [String: (line: Int, column: Int)]
        if yaml.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            value = .null
            locations = [:]
        } else {
            do {
                (value, locations) = try YAMLReader.readLocated(yaml)
            } catch let caught {
                // Front matter line N is file line N + 1.
                let failure = caught.shifted(by: 1)
                var problem = Substring(failure.text)
                if problem.hasPrefix("not valid YAML: ") { problem = problem.dropFirst("not valid YAML: ".count) }
                error(failure.line ?? 2, failure.column, "malformed front matter: \(problem)")
                return nil
            }
        }
        guard case .object(let mapping) = value else {
            error(2, 1, "the front matter must be a mapping of keys to values, such as 'title: Errors'")
            return nil
        }
        var matter = FrontMatter()
        var hasTitle = false
        for (name, value) in mapping.members {
            let at = locations[JSONPointer(tokens: [name]).description]
            let line = (at?.line ?? 1) + 1
            let column = at?.column
            matter.lines[name] = line
            /// What the value says, for messages: `yes`, `2`, or "a collection".
            var written: String {
                switch value {
                case .string(let s): s
                case .object, .array: "a collection"
                default: value.compactJSON()
                }
            }
            func string() -> String? {
                switch value {
                case .string(let s) where !s.isEmpty: return s
                case .number, .bool: return written
                default:
                    error(line, column, "'\(name)' must be a non-empty string")
                    return nil
                }
            }
            func bool() -> Bool? {
                guard case .bool(let b) = value else {
                    error(line, column, "'\(name)' must be true or false, not '\(written)'")
                    return nil
                }
                return b
            }
            switch name {
            case "title":
                if let s = string() {
                    matter.title = s
                    hasTitle = true
                }
            case "description": matter.description = string()
            case "order":
                if case .number(let n) = value, let int = n.intValue {
                    matter.order = int
                } else {
                    error(line, column, "'order' must be an integer, not '\(written)'")
                }
            case "slug":
                if let s = string() {
                    if s.contains("/") || s.hasPrefix(".") {
                        error(line, column, "'slug' must be a file name without '/' or a leading '.', not '\(s)'")
                    } else {
                        matter.slug = s
                    }
                }
            case "api": matter.api = string()
            case "operation": matter.operation = string()
            case "nav_title": matter.navTitle = string()
            case "draft": matter.draft = bool() ?? false
            case "search": matter.search = bool() ?? true
            case "changelog":
                let versions = value.arrayValue?.compactMap(\.stringValue) ?? []
                if versions.isEmpty || versions.count != value.arrayValue?.count
                    || versions.contains(where: { !$0.hasPrefix("git:") })
                {
                    error(line, column, "'changelog' must be a list of versions such as 'git:v1.2.0', oldest first")
                } else {
                    matter.changelog = versions
                }
            default:
                diagnostics.append(
                    Diagnostic(
                        .warning, file: displayPath, line: line, column: column,
                        message:
                            "unknown front matter key '\(name)' (known: \(FrontMatter.keys.joined(separator: ", ")))"))
            }
        }
        if !hasTitle && matter.lines["title"] == nil {
            error(1, 1, "the front matter has no 'title' (every page needs one)")
            return nil
        }
        if !hasTitle { return nil }
        return SourcePage(
            path: path, displayPath: displayPath, frontMatter: matter, body: body, bodyLine: close + 2)
    }
}
