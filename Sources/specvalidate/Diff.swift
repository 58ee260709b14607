import ArgumentParser
import Foundation
import OpenAPIDocument
import SpecDiff

extension ChangeReport.Format: ExpressibleByArgument {}

struct ChangeLevelArgument: ExpressibleByArgument {
    var level: ChangeLevel
    init?(argument: String) {
        guard let level = ChangeLevel(name: argument) else { return nil }
        self.level = level
    }
    static var allValueStrings: [String] { ["ERR", "WARN", "INFO"] }
}

extension SpecValidate {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report what changed between two versions of an OpenAPI document, breaking changes first.",
            discussion: """
                Each side is a file (a document split over files is read whole) or git:REVISION:PATH, the \
                document as it was at a revision of the current repository (git:HEAD~1:openapi.yaml). Rules carry \
                oasdiff's ids and levels: ERR breaks clients, WARN may, INFO does not (--list-rules lists them). \
                Each change names its operation, where it is in both documents (file:line:column and JSON \
                pointer) and a fingerprint that stays the same from run to run, for --ignore. Exit codes: 0 no \
                change at or above --fail-on (or no --fail-on), 1 such a change, 2 bad usage or a side that \
                cannot be read or is not OpenAPI 3.x.
                """
        )

        @Argument(help: "The earlier version: a file or git:REVISION:PATH.")
        var base: String?

        @Argument(help: "The later version: a file or git:REVISION:PATH.")
        var revision: String?

        @Option(name: .long, help: "Output format: text, json, markdown, github, junit or sarif.")
        var format: ChangeReport.Format = .text

        @Option(name: .long, help: "Write the report to this file instead of standard output.")
        var output: String?

        @Option(
            name: .customLong("fail-on"),
            help: "Exit 1 when a change at or above this level is found: ERR, WARN or INFO.")
        var failOn: ChangeLevelArgument?

        @Option(name: .long, help: "Report only changes at or above this level: ERR, WARN or INFO (default: all).")
        var level: ChangeLevelArgument?

        @Option(
            name: .long, help: "A file of 'RULE LEVEL' lines (LEVEL err, warn, info or none) that change rules' levels."
        )
        var severity: String?

        @Option(name: .long, help: "A file of accepted changes: fingerprints, or 'METHOD /path RULE' lines.")
        var ignore: String?

        @Flag(
            name: .customLong("check-version"),
            help: "A breaking change needs a new major info.version (ERR otherwise).")
        var checkVersion = false

        @Option(
            name: .customLong("ref-root"),
            help: "The folder $refs may read files from (default: each document's own folder).")
        var refRoot: String?

        @Flag(name: .customLong("list-rules"), help: "List every rule with its default level, then exit.")
        var listRules = false

        func validate() throws {
            if !listRules && (base == nil || revision == nil) {
                throw ValidationError("Missing the two documents: specvalidate diff BASE REVISION")
            }
        }

        func run() throws {
            if listRules {
                writeOutput(RuleCatalog.all.map { "\($0.id) \($0.level)\n" }.joined(), to: output)
                return
            }
            guard let base, let revision else { return }
            var policy = DiffPolicy()
            policy.checkVersion = checkVersion
            do {
                if let severity { try policy.readSeverities(readText(severity), file: severity) }
                if let ignore { try policy.readIgnores(readText(ignore), file: ignore) }
            } catch {
                fail(error.summary)
            }
            let root = refRoot.map { URL(fileURLWithPath: $0) }
            let old: DocumentSource.Side, new: DocumentSource.Side
            do {
                (old, new) = try DocumentSource.load(
                    DocumentSource(base, referenceRoot: root), DocumentSource(revision, referenceRoot: root))
            } catch {
                fail(error.summary)
            }
            // A reference that cannot be followed leaves its value as written; say so, and compare the rest.
            for diagnostic in old.document.diagnostics + new.document.diagnostics {
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }
            var changes = policy.apply(
                DocumentDiff.changes(from: old.document, to: new.document), base: old.document, revision: new.document)
            changes = changes.map { DocumentDiff.renamingFiles($0, base: old, revision: new) }
            if let minimum = level?.level { changes.removeAll { $0.level < minimum } }
            let report = ChangeReport(
                changes: changes, baseName: base, revisionName: revision, failOn: failOn?.level ?? .err)
            writeOutput(report.render(format), to: output)
            if let failOn, changes.contains(where: { $0.level >= failOn.level }) { throw ExitCode(1) }
        }

        private func readText(_ path: String) -> String {
            String(decoding: readInput(path), as: UTF8.self)
        }
    }
}
