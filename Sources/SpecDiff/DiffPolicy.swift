import Foundation
import JSONCore
import OpenAPIDocument

/// What a team decided about the rules: levels changed or rules turned off (`--severity`), changes
/// accepted (`--ignore`), and whether a breaking change needs a major version (`--check-version`).
package struct DiffPolicy: Sendable {
    /// Rule id → its level, or nil for a rule turned off.
    package var levels: [String: ChangeLevel?] = [:]
    /// Fingerprints of accepted changes.
    package var ignoredFingerprints: Set<String> = []
    /// `GET /agents` + rule id of accepted changes.
    package var ignoredRules: Set<String> = []
    package var checkVersion = false

    package init() {}

    /// Reads a severity file: one `RULE LEVEL` per line (`RULE: LEVEL` too), LEVEL one of err, warn,
    /// info or none; `#` starts a comment.
    package mutating func readSeverities(_ text: String, file: String) throws(Diagnostic) {
        for (number, line) in Self.lines(text) {
            let words = line.replacingAll(":", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count == 2 else {
                throw Diagnostic(
                    .error, rule: "severity-file", file: file, line: number, column: 1,
                    message: "expected 'RULE LEVEL' (LEVEL one of err, warn, info, none), found '\(line)'")
            }
            let id = String(words[0]), name = String(words[1])
            guard RuleCatalog.level(of: id) != nil else {
                throw Diagnostic(
                    .error, rule: "severity-file", file: file, line: number, column: 1,
                    message: "unknown rule '\(id)' (specvalidate diff --list-rules lists them)")
            }
            if name.lowercased() == "none" {
                levels[id] = .some(nil)
            } else if let level = ChangeLevel(name: name) {
                levels[id] = level
            } else {
                throw Diagnostic(
                    .error, rule: "severity-file", file: file, line: number, column: words[0].count + 2,
                    message: "unknown level '\(name)': expected err, warn, info or none")
            }
        }
    }

    /// Reads an ignore file: one fingerprint (16 hexadecimal digits) or `METHOD /path RULE` per line;
    /// `#` starts a comment.
    package mutating func readIgnores(_ text: String, file: String) throws(Diagnostic) {
        for (number, line) in Self.lines(text) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.count == 1, words[0].count == 16, words[0].allSatisfy(\.isHexDigit) {
                ignoredFingerprints.insert(words[0].lowercased())
            } else if words.count == 3, words[1].hasPrefix("/") {
                ignoredRules.insert("\(words[0].uppercased()) \(words[1]) \(words[2])")
            } else {
                throw Diagnostic(
                    .error, rule: "ignore-file", file: file, line: number, column: 1,
                    message: "expected a fingerprint or 'METHOD /path RULE', found '\(line)'")
            }
        }
    }

    /// Non-empty lines without comments, numbered from 1.
    private static func lines(_ text: String) -> [(Int, String)] {
        text.textLines.enumerated().compactMap { index, raw in
            let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            return line.isEmpty ? nil : (index + 1, line)
        }
    }

    /// The changes as this policy sees them: levels applied, rules turned off and accepted changes left
    /// out, and the version rule added when a breaking change remains.
    package func apply(_ changes: [APIChange], base: SpecDocument, revision: SpecDocument) -> [APIChange] {
        var kept: [APIChange] = []
        for var change in changes {
            if let level = levels[change.id] {
                guard let level else { continue }
                change.level = level
            }
            if ignoredFingerprints.contains(change.fingerprint) { continue }
            if let operation = change.operation, ignoredRules.contains("\(operation) \(change.id)") { continue }
            kept.append(change)
        }
        if kept.contains(where: { $0.level == .err }), let version = versionChange(base: base, revision: revision) {
            var change = version
            if let level = levels[change.id] {
                guard let level else { return kept }
                change.level = level
            } else if checkVersion {
                change.level = .err
            }
            kept.append(change)
        }
        return kept
    }

    /// The version rule that a breaking change breaks, if any: `info.version` unchanged, lower, or without
    /// a new major version (a new minor one below 1.0.0, where the minor version is the one that breaks).
    func versionChange(base: SpecDocument, revision: SpecDocument) -> APIChange? {
        let old = base.value["info"]?["version"]?.stringValue ?? ""
        let new = revision.value["info"]?["version"]?.stringValue ?? ""
        let pointer = JSONPointer(tokens: ["info", "version"])
        func change(_ id: String, _ text: String) -> APIChange {
            APIChange(
                id: id, level: RuleCatalog.level(of: id) ?? .info, text: text, operation: nil, subject: "\(old) \(new)",
                base: .init(pointer: pointer.description, location: base.location(of: pointer)),
                revision: .init(pointer: pointer.description, location: revision.location(of: pointer)))
        }
        if old == new {
            return change("api-version-not-bumped", "a breaking change was found but the version is still \(new)")
        }
        guard let before = Self.semver(old), let after = Self.semver(new) else { return nil }
        if after.lexicographicallyPrecedes(before) {
            return change(
                "api-version-decreased", "a breaking change was found but the version went down from \(old) to \(new)")
        }
        let breaking = before[0] == 0 ? after[0] > 0 || after[1] > before[1] : after[0] > before[0]
        if !breaking {
            return change(
                "api-major-version-not-bumped",
                "a breaking change was found but the version went from \(old) to \(new) without a new major version")
        }
        return nil
    }

    /// `v1.2.3-beta` → [1, 2, 3]; nil when it does not start with a number, or is a date (`2024-06-01`).
    static func semver(_ text: String) -> [Int]? {
        let isDate =
            text.count >= 10
            && text.prefix(10).enumerated().allSatisfy { i, c in
                i == 4 || i == 7 ? c == "-" : c.isASCII && c.isNumber
            }
        if isDate { return nil }
        var rest = Substring(text)
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        let core = rest.split(whereSeparator: { $0 == "-" || $0 == "+" }).first ?? ""
        var parts: [Int] = []
        for piece in core.split(separator: ".", omittingEmptySubsequences: false).prefix(3) {
            guard let number = Int(piece) else { break }
            parts.append(number)
        }
        guard !parts.isEmpty else { return nil }
        while parts.count < 3 { parts.append(0) }
        return parts
    }
}
