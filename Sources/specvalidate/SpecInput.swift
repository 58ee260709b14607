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

    /// The document, or exit 2 when its entry file cannot be read or parsed. Problems with the files it
    /// refers to are the document's diagnostics.
    func load() -> SpecDocument {
        do {
            return try SpecDocument.load(
                path: spec, options: .init(referenceRoot: refRoot.map { URL(fileURLWithPath: $0) }))
        } catch {
            fail(error.description)
        }
    }
}
