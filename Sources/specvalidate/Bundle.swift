import ArgumentParser
import Foundation
import JSONCore
import OpenAPIDocument

extension SpecValidate {
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a document split over files as one self-contained file.",
            discussion: """
                Every file the document's relative $refs name is read (references inside a referenced file are \
                relative to that file). A reference to something that can be a component (a schema, response, \
                parameter, header, example, request body, link, callback or security scheme) points at a new \
                entry of `components` holding it, named after its file (`models/app.yml` becomes \
                `#/components/schemas/app`); a path item, an operation or a description is written in place. \
                References within the entry file are kept as they are. Nothing is fetched over the network.

                The output is YAML or JSON by its extension (YAML for standard output). It is written only \
                when every reference could be followed.
                Exit codes: 0 written, 1 a reference could not be followed (each reported with file:line:column), \
                2 bad usage or an unreadable entry file.
                """
        )

        @OptionGroup var input: SpecInput

        @Option(name: .shortAndLong, help: "The file to write (.yaml, .yml or .json), or - for standard output.")
        var output: String = "-"

        func validate() throws {
            guard output == "-" || [".yaml", ".yml", ".json"].contains(where: output.hasSuffix) else {
                throw ValidationError("--output must end in .yaml, .yml or .json, not '\(output)'")
            }
        }

        func run() throws {
            let document = input.load()
            for diagnostic in document.diagnostics {
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }
            let errors = document.diagnostics.filter { $0.severity == .error }.count
            guard errors == 0 else {
                FileHandle.standardError.write(
                    Data("specvalidate bundle: \(errors) error\(errors == 1 ? "" : "s"); nothing written\n".utf8))
                throw ExitCode(1)
            }
            let text = output.hasSuffix(".json") ? document.value.prettyJSON() : document.value.yaml()
            writeOutput(text, to: output == "-" ? nil : output)
            guard output != "-" else { return }
            FileHandle.standardError.write(
                Data(
                    "specvalidate bundle: wrote \(output) from \(document.files.count) file\(document.files.count == 1 ? "" : "s")\n"
                        .utf8))
        }
    }
}
