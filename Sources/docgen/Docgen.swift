import ArgumentParser
import CommandLineTool
import Foundation
import SpecIO
import SpecModel

@main
struct Docgen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docgen",
        abstract: "Builds the OpenAPI documents and the documentation site of the AgentsCode and OpenAgents APIs.",
        subcommands: [Build.self, Serve.self, Spec.self]
    )

    static func main() async { await mainExitingTwoOnBadUsage() }
}

extension Docgen {
    struct Spec: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the OpenAPI 3.1 documents of both APIs, as YAML and JSON.",
            discussion:
                "Writes <api>.openapi.yaml and <api>.openapi.json for each API. Exit codes: 0 written, 2 not written."
        )

        @Option(name: .shortAndLong, help: "The folder to write into.")
        var output: String = "site/openapi"

        func run() throws {
            do {
                let files = try SpecPublisher.files(for: APICatalog.all)
                try AtomicWriter.write(files, to: URL(fileURLWithPath: output))
                print("docgen: wrote \(files.count) files to \(output)")
            } catch let failure as AtomicWriter.Failure {
                FileHandle.standardError.write(Data("docgen: error: \(failure)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
