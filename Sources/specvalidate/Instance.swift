import OpenAPIDocument
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
                let instance: JSONValue
                do {
                    instance = try JSONParser().parse(Array(data))
                } catch {
                    fail("\(file):\(error.line):\(error.column): \(error.message)")
                }
                let errors = validator.validate(instance)
                if report.format == .json {
                    try report.write(errors.basicOutput.prettyJSON())
                    if !errors.isEmpty { throw ExitCode(1) }
                    return
                }
                if report.format == .text {
                    try report.write(Self.line(1, errors))
                    if !errors.isEmpty { throw ExitCode(1) }
                    return
                }
                try report.finish(Report(tool: "specvalidate instance", cases: [Self.reportCase(1, errors, file)]))
            }
        }

        static func line(_ n: Int, _ errors: [JSONSchema.ValidationError]) -> String {
            guard let first = errors.first else { return "\(n): valid\n" }
            return "\(n): invalid: \(first)\(errors.count > 1 ? " (+\(errors.count - 1) more)" : "")\n"
        }

        static func reportCase(_ n: Int, _ errors: [JSONSchema.ValidationError], _ file: String) -> Report.Case {
            Report.Case(
                name: "instance \(n)", group: file,
                findings: errors.map {
                    Diagnostic(
                        severity: .error, rule: "schema", pointer: $0.instanceLocation.description, message: $0.message,
                        keywordLocation: $0.keywordLocation.description)
                })
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
            var invalid = 0
            var unreadable = 0
            var cases: [Report.Case] = []
            // Read once: each access to an option goes through ArgumentParser's property wrapper.
            let format = report.format
            let file = file
            let streamed = format == .text || format == .json
            let parser = JSONParser()
            // Lines are parsed and validated a batch at a time on every core, while the next batch is read
            // and the previous one's verdicts are written; verdicts stay in line order.
            JSONSchema.Validator.validate(
                stream: JSONLinesReader(file: input), using: validators, parser: parser, workers: validators.count
            ) { batch, outcomes in
                for (offset, outcome) in outcomes.enumerated() {
                    let n = batch.firstLine + offset
                    var text: String
                    switch outcome {
                    case .success(let errors):
                        if !errors.isEmpty { invalid += 1 }
                        switch format {
                        case .json:
                            var object = JSONObject([("instance", .number(JSONNumber(n)))])
                            for (key, value) in errors.basicOutput.objectMembers { object[key] = value }
                            text = JSONValue.object(object).compactJSON() + "\n"
                        default:
                            text = Self.line(n, errors)
                        }
                        if !streamed { cases.append(Self.reportCase(n, errors, file)) }
                    case .failure(let error):
                        unreadable += 1
                        let message = "not JSON: column \(error.column): \(error.message)"
                        text = "\(n): error: \(message)\n"
                        if format == .json {
                            text =
                                JSONValue.object(
                                    JSONObject([
                                        ("instance", .number(JSONNumber(n))), ("valid", false),
                                        ("error", .string(message)),
                                    ])
                                ).compactJSON() + "\n"
                        }
                        if !streamed {
                            cases.append(
                                Report.Case(
                                    name: "instance \(n)", group: file,
                                    findings: [
                                        Diagnostic(severity: .error, rule: "json", pointer: "", message: message)
                                    ]))
                        }
                    }
                    if streamed { fputs(text, output) }
                }
            }
            if !streamed {
                fputs(Report(tool: "specvalidate instance", cases: cases).render(format), output)
            }
            fflush(output)
            if unreadable > 0 { throw ExitCode(2) }
            if invalid > 0 { throw ExitCode(1) }
        }
    }
}

extension JSONValue {
    fileprivate var objectMembers: [(key: String, value: JSONValue)] {
        if case .object(let o) = self { return o.members }
        return []
    }
}
