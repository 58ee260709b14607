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
        let total = JSONLinesReader(file: file).forEachBatch(lines: 1000) { first, lines in
            firsts.append(first)
            for line in lines {
                if case .number(let n)? = (try? JSONParser().parse(line))?["i"] { seen.append(n.intValue ?? -1) }
            }
        }
        #expect(total == 2500)
        #expect(firsts == [1, 1001, 2001])
        #expect(seen == Array(1...2500))
    }

    func fmemopenFile(_ text: String) -> UnsafeMutablePointer<FILE>? {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
        return fopen(url.path, "rb")
    }
}
