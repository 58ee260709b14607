import Foundation
import JSONCore
import OpenAPIDocument

/// The exchanges through the proxy as an HTTP Archive (HAR 1.2) file that is whole after every entry: each
/// entry is written over the closing `]}}` and the closing written again, so a reader (`specvalidate har`)
/// can open it while the proxy runs, and a stop (SIGINT, SIGTERM, even SIGKILL) leaves it complete.
package final class TrafficArchive: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()
    /// Where the next entry goes: just before the closing text.
    private var offset: UInt64
    private var count = 0
    /// Credentials are recorded as `REDACTED` unless asked otherwise.
    private let redacts: Bool
    private let secrets: (headers: Set<String>, query: Set<String>, cookies: Set<String>)

    private static let closing = Array("\n]}}\n".utf8)

    package init(
        path: String, redacts: Bool, secrets: (headers: Set<String>, query: Set<String>, cookies: Set<String>)
    ) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let opening: JSONValue = [
            "version": "1.2", "creator": ["name": "specvalidate proxy", "version": "1"],
        ]
        // `{"log":{"version":…,"creator":…,"entries":[` then the closing.
        var head = opening.compactJSON()
        head.removeLast()
        let start = Array("{\"log\":\(head),\"entries\":[".utf8)
        try handle.write(contentsOf: start + Self.closing)
        offset = UInt64(start.count)
        self.redacts = redacts
        self.secrets = secrets
    }

    /// Records one exchange. `started` is when the request arrived; `url` is the upstream's.
    package func record(
        started: Date, milliseconds: Double, request: APIRequest, url: String, response: APIResponse
    ) {
        let entry: JSONValue = [
            "startedDateTime": .string(Self.timestamp(started)),
            "time": .number(JSONNumber((milliseconds * 1000).rounded() / 1000)),
            "request": .object([
                "method": .string(request.method), "url": .string(redactedURL(url)), "httpVersion": "HTTP/1.1",
                "cookies": [], "headers": headers(request.headers),
                "queryString": .array(
                    request.query.map { [
                        "name": .string($0.name),
                        "value": .string(redacts && secrets.query.contains($0.name) ? "REDACTED" : $0.value),
                    ] }),
                "headersSize": -1, "bodySize": .number(JSONNumber(request.body.count)),
                "postData": body(request.body, type: request.header("Content-Type"), key: "mimeType"),
            ]),
            "response": .object([
                "status": .number(JSONNumber(response.status)), "statusText": "", "httpVersion": "HTTP/1.1",
                "cookies": [], "headers": headers(response.headers),
                "content": body(response.body, type: response.header("Content-Type"), key: "mimeType", size: true),
                "redirectURL": .string(response.header("Location") ?? ""), "headersSize": -1,
                "bodySize": .number(JSONNumber(response.body.count)),
            ]),
            "cache": [:],
            "timings": ["send": 0, "wait": .number(JSONNumber(Int(milliseconds.rounded()))), "receive": 0],
        ]
        lock.withLock {
            let text = Array(((count == 0 ? "\n" : ",\n") + entry.compactJSON()).utf8)
            do {
                try handle.seek(toOffset: offset)
                try handle.write(contentsOf: text + Self.closing)
                offset += UInt64(text.count)
                count += 1
            } catch {
                FileHandle.standardError.write(Data("specvalidate proxy: the HAR file cannot be written: \(error)\n".utf8))
            }
        }
    }

    package func close() {
        lock.withLock { try? handle.close() }
    }

    private func headers(_ list: [(name: String, value: String)]) -> JSONValue {
        .array(
            list.map { name, value in
                ["name": .string(name), "value": .string(redacted(header: name, value))]
            })
    }

    private func redacted(header name: String, _ value: String) -> String {
        guard redacts else { return value }
        let lower = name.lowercased()
        if secrets.headers.contains(lower) { return "REDACTED" }
        if lower == "cookie", !secrets.cookies.isEmpty {
            return value.split(separator: ";").map { pair -> String in
                let parts = pair.split(separator: "=", maxSplits: 1)
                let key = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
                return secrets.cookies.contains(key) ? " \(key)=REDACTED" : String(pair)
            }.joined(separator: ";").trimmingCharacters(in: .whitespaces)
        }
        return value
    }

    private func redactedURL(_ url: String) -> String {
        guard redacts, !secrets.query.isEmpty, let mark = url.firstIndex(of: "?") else { return url }
        let pairs = url[url.index(after: mark)...].split(separator: "&").map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1).first.map { APIRequest.decodeComponent($0) } ?? ""
            return secrets.query.contains(name) ? "\(pair.split(separator: "=").first ?? "")=REDACTED" : String(pair)
        }
        return url[..<mark] + "?" + pairs.joined(separator: "&")
    }

    /// A body as HAR writes it: text when it is UTF-8, base64 otherwise.
    private func body(_ bytes: [UInt8], type: String?, key: String, size: Bool = false) -> JSONValue {
        var object: JSONObject = [key: .string(type ?? "")]
        if size { object["size"] = .number(JSONNumber(bytes.count)) }
        if let text = String(validating: bytes, as: UTF8.self) {
            object["text"] = .string(text)
        } else {
            object["text"] = .string(Data(bytes).base64EncodedString())
            object["encoding"] = "base64"
        }
        return .object(object)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
