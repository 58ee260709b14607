import ArgumentParser
import CommandLineTool
import Foundation
import SpecCheck

@main
struct SpecValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specvalidate",
        abstract: "Checks OpenAPI documents, and JSON instances, responses and HAR captures against them.",
        discussion: "Exit codes: 0 valid, 1 invalid or findings, 2 bad usage or unreadable input.",
        subcommands: [
            Lint.self, Bundle.self, Instance.self, Response.self, HAR.self, Mock.self, Proxy.self, Run.self, Diff.self,
        ]
    )

    static func main() async { await mainExitingTwoOnBadUsage() }
}

/// `--format` and `--output`, shared by the subcommands that write reports.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, json, junit, github or sarif.")
    var format: Report.Format = .text

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    /// Writes the report, then exits 1 when something failed.
    func finish(_ report: Report) throws {
        try write(report.render(format))
        if report.failures > 0 { throw ExitCode(1) }
    }

    func write(_ text: String) throws { writeOutput(text, to: output) }
}

/// Writes `text` to `path` whole (a temporary file renamed into place), or to standard output for `nil`;
/// exits 2 when the file cannot be written.
func writeOutput(_ text: String, to path: String?) {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        fail("cannot write \(path): \((error as NSError).localizedDescription)")
    }
}

extension Report.Format: ExpressibleByArgument {}

/// Prints `specvalidate: error: MESSAGE` and exits 2 (bad usage or unreadable input).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("specvalidate: error: \(message)\n".utf8))
    SpecValidate.exit(withError: ExitCode(2))
}

func readInput(_ path: String) -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        fail("cannot read \(path): \((error as NSError).localizedDescription)")
    }
}
