import Foundation
import SpecIO
import Testing

@Suite struct AtomicWriterTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesEveryFileAndLeavesNoTemporaries() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AtomicWriter.write(
            [SpecFile(name: "a.json", contents: "{}\n"), SpecFile(name: "b.yaml", contents: "x: 1\n")], to: dir)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.json", "b.yaml"])
        #expect(try String(contentsOf: dir.appendingPathComponent("b.yaml"), encoding: .utf8) == "x: 1\n")
    }

    @Test func anUnwritableFolderIsReportedWithItsPath() {
        #expect {
            try AtomicWriter.write(
                [SpecFile(name: "a.json", contents: "{}")], to: URL(fileURLWithPath: "/proc/docgen-test/out"))
        } throws: { error in
            let failure = error as? AtomicWriter.Failure
            return failure?.path == "/proc/docgen-test/out"
                && failure?.description.hasPrefix("cannot write '/proc/docgen-test/out': ") == true
        }
    }

    /// When one destination cannot be replaced, no file is replaced and no temporary is left behind.
    @Test func aFailureLeavesThePreviousFilesUntouched() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("old\n".utf8).write(to: dir.appendingPathComponent("a.json"))
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("b.yaml"), withIntermediateDirectories: false)
        #expect(throws: AtomicWriter.Failure.self) {
            try AtomicWriter.write(
                [SpecFile(name: "a.json", contents: "new\n"), SpecFile(name: "b.yaml", contents: "x\n")], to: dir)
        }
        #expect(try String(contentsOf: dir.appendingPathComponent("a.json"), encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.json", "b.yaml"])
    }
}
