import ArgumentParser
import Foundation
import OpenAPIDocument

/// `--spec` and `--ref-root`: the document a command reads, with every file its references name.
struct SpecInput: ParsableArguments {
    @Option(name: .long, help: "The OpenAPI document (YAML or JSON); relative $refs to other files are read too.")
    var spec: String

    @Option(
        name: .customLong("ref-root"),
        help: "The folder $refs may read files from (default: the document's own folder).")
    var refRoot: String?

    /// The document, or exit: 2 when its entry file cannot be read, 1 (the problem printed with its
    /// location) when it does not parse. Problems with the files it refers to are the document's diagnostics.
    func load() -> SpecDocument { loadDocument(spec, refRoot: refRoot) }

    /// The document, or why its entry file does not parse (exit 2 when it cannot be read at all).
    func loadOrParseFailure() -> Result<SpecDocument, Diagnostic> {
        do {
            return .success(try SpecDocument.load(path: spec, options: options))
        } catch {
            if error.isUnreadable { fail(error.summary) }
            return .failure(error)
        }
    }

    var options: SpecDocument.Options { .init(referenceRoot: refRoot.map { URL(fileURLWithPath: $0) }) }

    /// The document, for a command that needs all of it: not OpenAPI 3.0 or 3.1 exits 2; problems with its
    /// references are printed, and any error exits 1.
    func loadWhole() -> SpecDocument { loadWholeDocument(spec, refRoot: refRoot) }
}

func loadDocument(_ spec: String, refRoot: String?) -> SpecDocument {
    do {
        return try SpecDocument.load(
            path: spec, options: .init(referenceRoot: refRoot.map { URL(fileURLWithPath: $0) }))
    } catch {
        if error.isUnreadable { fail(error.summary) }
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        SpecValidate.exit(withError: ExitCode(1))
    }
}

func loadWholeDocument(_ spec: String, refRoot: String?) -> SpecDocument {
    let document = loadDocument(spec, refRoot: refRoot)
    // A YAML list, a Swagger 2.0 file: nothing to check or serve (bad input, as lint and docgen say).
    if let refusal = SpecDocument.refusal(document.value) { fail("\(spec): \(refusal)") }
    for diagnostic in document.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
    let errors = document.diagnostics.filter { $0.severity == .error }.count
    if errors > 0 {
        FileHandle.standardError.write(
            Data("specvalidate: \(spec): \(errors) reference error\(errors == 1 ? "" : "s")\n".utf8))
        SpecValidate.exit(withError: ExitCode(1))
    }
    return document
}
