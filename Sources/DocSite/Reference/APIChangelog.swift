import Foundation
import JSONCore
import OpenAPIDocument
import SpecDiff

/// An API's changelog: the changes between the versions it is given (oldest first) and the document
/// being built, newest first, breaking changes first in each version, written as markdown that links
/// each change to its operation's page.
struct APIChangelog {
    struct Section {
        /// `7166839 · 2026-12-06`, or `Unreleased` for the changes since the last version.
        var title: String
        var subtitle: String
        var changes: [APIChange]
    }

    var sections: [Section] = []

    /// Reads every version with git and compares each with the next. A version git cannot read is a
    /// diagnostic at `file:line`.
    init(
        api: APIDocument, versions: [String], file: String, line: Int?, diagnostics: inout [Diagnostic]
    ) {
        func fail(_ message: String) {
            diagnostics.append(Diagnostic(.error, file: file, line: line, message: message))
        }
        var documents: [(label: String, subtitle: String, document: SpecDocument)] = []
        for version in versions {
            var spec = String(version.dropFirst("git:".count))
            var revision = spec
            if let colon = spec.firstIndex(of: ":") {
                revision = String(spec[..<colon])
            } else if let path = api.repositoryPath {
                spec += ":" + path
            } else {
                fail("changelog version '\(version)' names no file and \(api.id) has none: write git:REV:PATH")
                return
            }
            do {
                let side = try DocumentSource("git:" + spec).load()
                let described = DocumentSource.describe(revision: revision)
                let label = described.map { "\($0.hash) · \($0.date)" } ?? revision
                documents.append((label, Self.shortened(described?.subject ?? ""), side.document))
            } catch {
                fail("changelog version '\(version)': \(error.message)")
                return
            }
        }
        let current: SpecDocument
        do {
            current = try SpecDocument.load(bytes: api.document.compactJSONBytes(), name: "\(api.id).json")
        } catch {
            fail("cannot read \(api.id) for its changelog: \(error.message)")
            return
        }
        documents.append(("Unreleased", "Changes since the last version listed, in this build.", current))
        for index in documents.indices.dropFirst().reversed() {
            let changes = DocumentDiff.changes(from: documents[index - 1].document, to: documents[index].document)
            if index == documents.count - 1 && changes.isEmpty { continue }
            sections.append(
                Section(title: documents[index].label, subtitle: documents[index].subtitle, changes: changes))
        }
        if let first = documents.first, documents.count > 1 {
            sections.append(Section(title: first.label, subtitle: first.subtitle, changes: []))
        }
    }

    /// The sections as markdown, for a page at `pagePath`; `operationPaths` maps `GET /agents` to its page.
    func markdown(pagePath: String, operationPaths: [String: String]) -> String {
        let folders = pagePath.split(separator: "/").dropLast()
        /// `target` relative to the page's folder.
        func relative(_ target: String) -> String {
            var parts = target.split(separator: "/")
            var from = Array(folders)
            while let first = from.first, parts.count > 1, parts.first == first {
                from.removeFirst()
                parts.removeFirst()
            }
            return String(repeating: "../", count: from.count) + parts.joined(separator: "/")
        }
        var out = ""
        for (number, section) in sections.enumerated() {
            out += "\n## \(Self.escaped(section.title))\n\n"
            if !section.subtitle.isEmpty { out += "\(Self.escaped(section.subtitle))\n\n" }
            if section.changes.isEmpty {
                out += number == sections.count - 1 ? "The first version listed.\n" : "No change a client can notice.\n"
                continue
            }
            let groups: [(ChangeLevel, String)] = [
                (.err, "Breaking changes"), (.warn, "Changes that may break clients"), (.info, "Other changes"),
            ]
            for (level, title) in groups {
                let changes = section.changes.filter { $0.level == level }
                guard !changes.isEmpty else { continue }
                out += "### \(title)\n\n"
                // The same change to a shared schema is one entry, with every operation it reaches.
                var entries: [(key: String, changes: [APIChange])] = []
                for change in changes {
                    let key =
                        "\(change.id) \(change.base?.pointer ?? "") \(change.revision?.pointer ?? "") \(change.subject.split(separator: " ").last ?? "")"
                    if let i = entries.firstIndex(where: { $0.key == key }) {
                        entries[i].changes.append(change)
                    } else {
                        entries.append((key, [change]))
                    }
                }
                for entry in entries {
                    let first = entry.changes[0]
                    var text = first.text
                    if entry.changes.count > 1, let colon = text.firstIndex(of: ":") {
                        text = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                    }
                    var operations: [String] = []
                    for change in entry.changes {
                        guard let operation = change.operation else { continue }
                        let name = "\(operation.method) \(operation.path)"
                        let link =
                            operationPaths[name].map { "[`\(name)`](\(relative($0)))" } ?? "`\(name)`"
                        if !operations.contains(link) { operations.append(link) }
                    }
                    out += "- \(Self.escaped(text.prefix(1).uppercased() + text.dropFirst()))"
                    if !operations.isEmpty { out += " (\(operations.joined(separator: ", ")))" }
                    out += " `\(first.id)`"
                    if entry.changes.count > 1 { out += ", in \(entry.changes.count) places" }
                    out += "\n"
                }
                out += "\n"
            }
        }
        return out
    }

    /// A commit subject cut after about 160 characters, at a word.
    static func shortened(_ subject: String) -> String {
        guard subject.count > 160 else { return subject }
        let cut = subject.prefix(160)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }

    /// Markdown's punctuation escaped, so a change's text reads as written.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
