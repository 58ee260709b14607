import Foundation

/// `specvalidate mock` as a process on a free loopback port: both APIs, built from the same documents the
/// clients were generated from. `SPECVALIDATE_BIN` names the executable (scripts/test.sh sets it); without
/// it, the main package's debug build.
final class MockProcess {
    let process = Process()
    /// `http://127.0.0.1:PORT`, without a base path.
    let base: URL

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(arguments: [String] = []) throws {
        let executable =
            ProcessInfo.processInfo.environment["SPECVALIDATE_BIN"]
            ?? Self.repositoryRoot.appendingPathComponent(".build/debug/specvalidate").path
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            ["mock", "--port", "0", "--seed", "1", "--job-duration", "0.3", "--credits", "1000", "--quiet"]
            + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Warnings first, if any, then where it listens: `specvalidate mock: listening on http://127.0.0.1:PORT …`.
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !(text.contains("listening on") && text.hasSuffix("\n")) {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
            let url = URL(string: String(text[range]))
        else {
            process.terminate()
            throw MockError(message: "the mock did not start: \(text)")
        }
        base = url
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

struct MockError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
