import Foundation
import JSONCore
import OpenAPIDocument

/// One side of a diff: a file (with every file its references name), or `git:REV:PATH`, the document
/// as it was at a revision of the current repository (its folder read from the same revision).
package struct DocumentSource: Sendable {
    package var argument: String
    package var referenceRoot: URL?

    package init(_ argument: String, referenceRoot: URL? = nil) {
        self.argument = argument
        self.referenceRoot = referenceRoot
    }

    /// Whether the argument names a git revision.
    package var isGit: Bool { argument.hasPrefix("git:") }

    /// A side read: the document, and how its files are named to the user when they were read from a
    /// temporary copy of a git revision.
    package struct Side: Sendable {
        package var document: SpecDocument
        /// The temporary folder's path (with a final `/`) and what stands for it in messages (`git:REV:`).
        package var renamed: (from: String, to: String)?

        /// `file` as the user knows it.
        package func displayName(_ file: String) -> String {
            guard let renamed, file.hasPrefix(renamed.from) else { return file }
            return renamed.to + file.dropFirst(renamed.from.count)
        }
    }

    /// The document. Throws a diagnostic with rule `unreadable` (exit 2 for a command) when the side
    /// cannot be read, is not OpenAPI 3.x, or names a revision or path git does not have.
    package func load() throws(Diagnostic) -> Side {
        let side: Side
        if isGit {
            side = try loadFromGit()
        } else {
            do {
                side = Side(
                    document: try SpecDocument.load(
                        path: argument, options: .init(referenceRoot: referenceRoot, locatesValues: true)))
            } catch {
                throw Self.unreadable(error.summary, file: argument)
            }
        }
        try Self.requireOpenAPI3(side.document.value, name: argument)
        return side
    }

    /// Both sides, read side by side on two cores.
    package static func load(_ base: DocumentSource, _ revision: DocumentSource) throws(Diagnostic) -> (Side, Side) {
        let results = Slots<Result<Side, Diagnostic>?>(count: 2, initial: nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let source = index == 0 ? base : revision
            results.store(index, Result { () throws(Diagnostic) -> Side in try source.load() })
        }
        guard let old = results.take(0), let new = results.take(1) else {
            throw unreadable("the documents could not be read", file: base.argument)
        }
        return (try old.get(), try new.get())
    }

    static func unreadable(_ message: String, file: String) -> Diagnostic {
        Diagnostic(.error, rule: Diagnostic.unreadable, file: nil, message: message)
    }

    static func requireOpenAPI3(_ value: JSONValue, name: String) throws(Diagnostic) {
        if let refusal = SpecDocument.refusal(value) { throw unreadable("\(name): \(refusal)", file: name) }
    }

    // MARK: - Git

    private func loadFromGit() throws(Diagnostic) -> Side {
        let spec = argument.dropFirst("git:".count)
        guard let colon = spec.firstIndex(of: ":"), colon != spec.startIndex, spec.index(after: colon) != spec.endIndex
        else {
            throw Self.unreadable("'\(argument)': expected git:REVISION:PATH (git:HEAD~1:openapi.yaml)", file: argument)
        }
        let revision = String(spec[..<colon]), path = String(spec[spec.index(after: colon)...])
        let commit = try Self.git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], what: argument)
        guard commit.status == 0 else {
            throw Self.unreadable("\(argument): git has no revision '\(revision)'", file: argument)
        }
        let shown = try Self.git(["show", "\(revision):./\(path)"], what: argument)
        guard shown.status == 0 else {
            throw Self.unreadable("\(argument): git has no file '\(path)' at revision '\(revision)'", file: argument)
        }
        let single: SpecDocument
        do {
            single = try SpecDocument.load(bytes: shown.output, name: argument, options: .init(locatesValues: true))
        } catch {
            throw Self.unreadable(error.summary, file: argument)
        }
        // A document of one file needs nothing more; one split over files is read from the revision's tree.
        guard !single.diagnostics.isEmpty else { return Side(document: single) }
        return try loadTree(revision: revision, path: path)
    }

    /// Extracts the entry file's folder at `revision` into a temporary folder and reads the document there,
    /// with its files named `git:REV:path`.
    private func loadTree(revision: String, path: String) throws(Diagnostic) -> Side {
        let prefix =
            (try? Self.git(["rev-parse", "--show-prefix"], what: argument))
            .map { String(decoding: $0.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let top =
            (try? Self.git(["rev-parse", "--show-toplevel"], what: argument))
            .map { String(decoding: $0.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "."
        let full = URL(fileURLWithPath: prefix + path, relativeTo: URL(fileURLWithPath: "/")).standardizedFileURL.path
        let relative = String(full.dropFirst())
        let folder = (relative as NSString).deletingLastPathComponent
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "specvalidate-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw Self.unreadable(
                "\(argument): cannot make a temporary folder: \(error.localizedDescription)", file: argument)
        }
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/bin/sh")
        archive.currentDirectoryURL = URL(fileURLWithPath: top)
        archive.arguments = [
            "-c", "git archive --format=tar \"$1\" -- \"$2\" | tar -x -C \"$3\"", "sh", revision,
            folder.isEmpty ? "." : folder, temporary.path,
        ]
        do {
            try archive.run()
            archive.waitUntilExit()
        } catch {
            throw Self.unreadable("\(argument): cannot run git archive: \(error.localizedDescription)", file: argument)
        }
        guard archive.terminationStatus == 0 else {
            throw Self.unreadable("\(argument): git archive of '\(folder)' at '\(revision)' failed", file: argument)
        }
        let entry = temporary.appendingPathComponent(relative).path
        do {
            let document = try SpecDocument.load(
                path: entry, options: .init(referenceRoot: referenceRoot, locatesValues: true))
            return Side(document: document, renamed: (temporary.path + "/", "git:\(revision):"))
        } catch {
            throw Self.unreadable(error.summary, file: argument)
        }
    }

    /// A revision as a changelog names it: its short hash, commit date (`2026-12-06`) and subject; nil when
    /// git does not know it.
    package static func describe(revision: String) -> (hash: String, date: String, subject: String)? {
        guard let shown = try? git(["log", "-1", "--format=%h%x09%cs%x09%s", revision, "--"], what: revision),
            shown.status == 0
        else { return nil }
        let fields = String(decoding: shown.output, as: UTF8.self).trimmingCharacters(in: .newlines)
            .split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3 else { return nil }
        return (fields[0], fields[1], fields[2])
    }

    private static func git(_ arguments: [String], what: String) throws(Diagnostic) -> (status: Int32, output: [UInt8])
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw unreadable("\(what): cannot run git: \(error.localizedDescription)", file: what)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(data))
    }
}

extension DocumentDiff {
    /// `change` with its files named as the user knows them (`git:HEAD~1:openapi.yaml`, not a temporary copy).
    package static func renamingFiles(
        _ change: APIChange, base: DocumentSource.Side, revision: DocumentSource.Side
    ) -> APIChange {
        var renamed = change
        if let file = renamed.base?.location?.file { renamed.base?.location?.file = base.displayName(file) }
        if let file = renamed.revision?.location?.file {
            renamed.revision?.location?.file = revision.displayName(file)
        }
        return renamed
    }
}
