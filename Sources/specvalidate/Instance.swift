import ArgumentParser
import Foundation
import JSONCore
import JSONSchema
import SpecCheck
import OpenAPIDocument

#if canImport(Glibc)
    import Glibc
#endif

extension SpecValidate {
    struct Instance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate JSON instances against a JSON Schema (draft 2020-12).",
            discussion: """
                Text output is one line per instance: `N: valid` or `N: invalid: POINTER: MESSAGE` (the first \
                error; `(+K more)` when there are others). With --jsonl every line of the input is an instance, \
                read as a stream in bounded memory.
                """
        )

        @Option(name: .long, help: "The schema (JSON or YAML).")
        var schema: String

        @Flag(name: .long, help: "The input holds one JSON instance per line.")
        var jsonl = false

        @Option(
            name: .customLong("resource-map"),
            help: "Resolve references under URL_PREFIX from files under DIR (URL_PREFIX=DIR); repeatable.")
        var resourceMap: [String] = []

        @Option(name: .long, help: "With --jsonl, validate on this many cores (default: all of them).")
        var jobs: Int?

        @Flag(name: .long, help: "Treat `format` as an annotation instead of asserting it.")
        var annotateFormats = false

        @Argument(help: "The instance file, or - for standard input.")
        var file: String = "-"

        @OptionGroup var report: ReportOptions

        func validate() throws {
            if let jobs, jobs < 1 { throw ArgumentParser.ValidationError("--jobs wants 1 or more, got \(jobs)") }
            for entry in resourceMap where !entry.contains("=") {
                throw ArgumentParser.ValidationError("--resource-map wants URL_PREFIX=DIR, got '\(entry)'")
            }
        }

        func run() throws {
            let schemaValue = loadValue(schema)
            let maps = resourceMap.map { entry -> (String, String) in
                let parts = entry.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
            let options = SchemaOptions(
                formatAssertion: !annotateFormats,
                retrieve: { uri in
                    for (prefix, directory) in maps where uri.hasPrefix(prefix) {
                        let path = directory + "/" + uri.dropFirst(prefix.count)
                        return try? SourceFile.read(path: path).value
                    }
                    return nil
                })
            let validator: JSONSchema.Validator
            var workers: [JSONSchema.Validator] = []
            do {
                validator = try SchemaCompiler(options: options).compile(
                    schemaValue, uri: URL(fileURLWithPath: schema).absoluteString)
                // JSON Lines are validated on every core, each with its own compiled copy.
                if jsonl {
                    workers = [validator]
                    for _ in 1..<(jobs ?? JSONSchema.Validator.cores) {
                        workers.append(
                            try SchemaCompiler(options: options).compile(
                                schemaValue, uri: URL(fileURLWithPath: schema).absoluteString))
                    }
                }
            } catch {
                fail("\(schema)#\(error)")
            }
            if jsonl {
                try runLines(workers)
            } else {
                let data = readInput(file)
                // On a tape: a document that passes is never built as values (issue 21).
                let errors: [JSONSchema.ValidationError]
                switch data.withUnsafeBytes({ validator.validate(json: $0, tape: JSONTape()) }) {
                case .success(let found): errors = found
                case .failure(let error): fail("\(file):\(error.line):\(error.column): \(error.message)")
                }
                if report.format == .json {
                    try report.write(errors.basicOutput.prettyJSON())
                    if !errors.isEmpty { throw ExitCode(1) }
                    return
                }
                if report.format == .text {
                    try report.write(InstanceReport.line(1, errors))
                    if !errors.isEmpty { throw ExitCode(1) }
                    return
                }
                try report.finish(
                    Report(tool: "specvalidate instance", cases: [InstanceReport.reportCase(1, errors, file)]))
            }
        }

        /// JSON Lines: streamed, one verdict per line; text and json output are written as they come.
        func runLines(_ validators: [JSONSchema.Validator]) throws {
            let input: UnsafeMutablePointer<FILE>
            if file == "-" {
                guard let standardInput = fdopen(0, "rb") else { fail("cannot read standard input") }
                input = standardInput
            } else {
                guard let opened = fopen(file, "rb") else {
                    fail("cannot read \(file): \(String(cString: strerror(errno)))")
                }
                input = opened
            }
            defer { if file != "-" { fclose(input) } }
            let output: UnsafeMutablePointer<FILE>
            if let path = report.output {
                guard let opened = fopen(path, "wb") else {
                    fail("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                output = opened
            } else {
                guard let standardOutput = fdopen(1, "wb") else { fail("cannot write standard output") }
                output = standardOutput
            }
            defer { if report.output != nil { fclose(output) } }
            let outcome = InstanceReport.validateLines(
                from: input, to: output, using: validators, format: report.format, file: file)
            if outcome.unreadable > 0 { throw ExitCode(2) }
            if outcome.invalid > 0 { throw ExitCode(1) }
        }
    }
}
