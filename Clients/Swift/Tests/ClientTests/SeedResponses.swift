import Foundation
import HTTPTypes
import OpenAPIRuntime

/// One response body the original pages show a server sending, read by Tests/python/seed_responses.py from
/// the pages in ../shared/seeds (the same reading the Python tests use).
struct SeedResponse: Decodable, Sendable, CustomStringConvertible {
    let api: String
    let operation: String
    let what: String
    let body: JSONText

    var description: String { "\(api) \(operation): \(what)" }

    static func all() throws -> [SeedResponse] {
        let script = MockProcess.repositoryRoot.appendingPathComponent("Tests/python/seed_responses.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MockError(message: "seed_responses.py failed") }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(SeedResponse.self, from: Data($0.utf8))
        }
    }
}

/// Any JSON value, kept as its text so that it reaches the client byte for byte as a server would send it.
struct JSONText: Decodable, Sendable {
    let data: Data

    init(from decoder: any Decoder) throws {
        data = try JSONSerialization.data(
            withJSONObject: try JSONAny(from: decoder).value, options: [.fragmentsAllowed, .sortedKeys])
    }
}

private struct JSONAny: Decodable {
    let value: Any

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = NSNull()
        } else if let bool = try? container.decode(Bool.self) {
            value = bool
        } else if let int = try? container.decode(Int64.self) {
            value = int
        } else if let double = try? container.decode(Double.self) {
            value = double
        } else if let string = try? container.decode(String.self) {
            value = string
        } else if let array = try? container.decode([JSONAny].self) {
            value = array.map(\.value)
        } else {
            value = try container.decode([String: JSONAny].self).mapValues(\.value)
        }
    }
}

/// A transport that answers every request with one body, `200 application/json`: a seed response goes
/// through the generated client's own response handling (status, content type, decoding).
struct CannedTransport: ClientTransport {
    let body: Data

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (
        HTTPResponse, HTTPBody?
    ) {
        (HTTPResponse(status: .ok, headerFields: [.contentType: "application/json"]), HTTPBody(self.body))
    }
}
