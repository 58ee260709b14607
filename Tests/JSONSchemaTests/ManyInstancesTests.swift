import Foundation
import JSONCore
import JSONSchema
import Testing

@Suite struct ManyInstancesTests {
    @Test func linesAreValidatedInParallelAndAnsweredInOrder() throws {
        let validator = try SchemaCompiler().compile(["type": "object", "required": ["n"]])
        let lines: [[UInt8]] = (0..<1000).map { i in
            switch i % 3 {
            case 0: Array("{\"n\": \(i)}".utf8)
            case 1: Array("{\"m\": \(i)}".utf8)
            default: Array("{\"n\": ".utf8)
            }
        }
        let outcomes = validator.validate(lines: lines)
        #expect(outcomes.count == 1000)
        for (i, outcome) in outcomes.enumerated() {
            switch (i % 3, outcome) {
            case (0, .success(let errors)): #expect(errors.isEmpty, "line \(i)")
            case (1, .success(let errors)):
                #expect(errors.map(\.description) == ["(root): required property \"n\" is missing"])
            case (2, .failure(let error)): #expect(error.column == 7, "line \(i)")
            default: Issue.record("line \(i): \(outcome)")
            }
        }
    }

    @Test func batchesCoverEveryLineOnce() throws {
        let text = (1...2500).map { "{\"i\": \($0)}" }.joined(separator: "\n") + "\n"
        let file = try #require(fmemopenFile(text))
        defer { fclose(file) }
        var seen: [Int] = []
        var firsts: [Int] = []
        let total = JSONLinesReader(file: file).forEachBatch(lines: 1000) { batch in
            firsts.append(batch.firstLine)
            for i in 0..<batch.count {
                let value = batch.withLine(i) { try? JSONParser().parse($0) }
                if case .number(let n)? = value?["i"] { seen.append(n.intValue ?? -1) }
            }
        }
        #expect(total == 2500)
        #expect(firsts == [1, 1001, 2001])
        #expect(seen == Array(1...2500))
    }

    /// The stream is read, validated and answered in overlapping batches; every line still gets exactly
    /// one verdict, in order, and the answers come back on the calling thread.
    @Test func streamsAreAnsweredInOrderBatchByBatch() throws {
        let validator = try SchemaCompiler().compile(["type": "object", "required": ["i"]])
        let text = (1...10_000).map { $0 % 7 == 0 ? "{\"j\": \($0)}" : ($0 % 11 == 0 ? "{" : "{\"i\": \($0)}") }
            .joined(separator: "\n")
        let file = try #require(fmemopenFile(text))
        defer { fclose(file) }
        var firsts: [Int] = []
        var verdicts: [String] = []
        let total = Validator.validate(
            stream: JSONLinesReader(file: file), using: [validator, validator], batchLines: 300
        ) { batch, outcomes in
            firsts.append(batch.firstLine)
            #expect(outcomes.count == batch.count)
            for outcome in outcomes {
                switch outcome {
                case .success(let errors): verdicts.append(errors.isEmpty ? "valid" : "invalid")
                case .failure: verdicts.append("not JSON")
                }
            }
        }
        #expect(total == 10_000)
        #expect(firsts == Array(stride(from: 1, to: 10_001, by: 300)))
        #expect(verdicts == (1...10_000).map { $0 % 7 == 0 ? "invalid" : ($0 % 11 == 0 ? "not JSON" : "valid") })
    }

    func fmemopenFile(_ text: String) -> UnsafeMutablePointer<FILE>? {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).jsonl")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)) else { return nil }
        return fopen(url.path, "rb")
    }
}
