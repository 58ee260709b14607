import OpenAPIDocument
import Foundation
import JSONCore

/// Checks the entries of a HAR capture (HTTP Archive 1.2) against a contract: each entry is matched to an
/// operation by server, method and path template, then its request body and response are validated.
package struct HARChecker {
    package let contract: OpenAPIContract

    /// The path prefixes of the document's servers (`/v1` for `https://api.example.com/v1`), longest
    /// first so that `/api/v1` is tried before `/api`, then the bare path.
    let serverPrefixes: [String]
    let router: Router<OpenAPIContract.Operation>

    package init(contract: OpenAPIContract) {
        self.contract = contract
        serverPrefixes = Server.all(in: contract.document).map(\.basePath).sorted { $0.count > $1.count } + [""]
        router = Router(contract.operations.map { ($0.method, $0.template, $0) })
    }

    /// The operation a method and URL path (without query) belong to: the most specific template under the
    /// longest server path that has one.
    package func match(method: String, path: String) -> OpenAPIContract.Operation? {
        for prefix in serverPrefixes where path.hasPrefix(prefix) {
            let rest = prefix.isEmpty ? path : String(path.dropFirst(prefix.count))
            if let operation = router.route(method: method, path: rest) { return operation }
        }
        return nil
    }

    /// One report case per entry; `har` is the parsed HAR document.
    package func check(har: JSONValue, name: String) -> [Report.Case] {
        guard case .array(let entries)? = har["log"]?["entries"] else {
            return [
                Report.Case(
                    name: "HAR", group: name,
                    findings: [
                        Diagnostic(
                            severity: .error, rule: "har-format", pointer: "/log/entries",
                            message: "not a HAR file: no log.entries array")
                    ])
            ]
        }
        return entries.enumerated().map { index, entry in
            let pointer = JSONPointer(tokens: ["log", "entries", String(index)])
            guard case .string(let method)? = entry["request"]?["method"],
                case .string(let url)? = entry["request"]?["url"]
            else {
                return Report.Case(
                    name: "entry \(index + 1)", group: name,
                    findings: [
                        Diagnostic(
                            severity: .error, rule: "har-format", pointer: pointer.description,
                            message: "entry without request method and url")
                    ])
            }
            let path = APIRequest(method: method, target: url).path
            let label = "entry \(index + 1): \(method) \(path)"
            guard let operation = match(method: method, path: path) else {
                return Report.Case(
                    name: label, group: name,
                    findings: [
                        Diagnostic(
                            severity: .warning, rule: "har-unmatched", pointer: pointer.description,
                            message: "no operation in the spec matches \(method) \(path)")
                    ])
            }
            var findings: [Diagnostic] = []
            if let request = entry["request"] {
                let (headers, body) = HARChecker.message(request, body: request["postData"])
                findings += contract.check(
                    request: APIRequest(method: method, target: url, headers: headers, body: body), of: operation)
            }
            if let response = entry["response"] {
                let (headers, body) = HARChecker.message(response, body: response["content"])
                if case .number(let number)? = response["status"], let status = number.intValue {
                    findings += contract.check(
                        response: APIResponse(status: status, headers: headers, body: body), of: operation)
                } else {
                    findings.append(
                        Diagnostic(
                            severity: .error, rule: "response-status",
                            pointer: pointer.appending("response").description, message: "no status code"))
                }
            }
            return Report.Case(name: "\(label) (\(operation.id))", group: name, findings: findings)
        }
    }

    /// Headers and body of a HAR request or response (`postData` / `content`, base64 when so marked).
    static func message(_ value: JSONValue, body: JSONValue?) -> (
        headers: [(name: String, value: String)], body: [UInt8]
    ) {
        var headers: [(name: String, value: String)] = []
        if case .array(let list)? = value["headers"] {
            for header in list {
                if case .string(let name)? = header["name"], case .string(let v)? = header["value"] {
                    headers.append((name, v))
                }
            }
        }
        var bytes: [UInt8] = []
        if case .string(let text)? = body?["text"] {
            if body?["encoding"] == "base64", let data = Data(base64Encoded: text) {
                bytes = Array(data)
            } else {
                bytes = Array(text.utf8)
            }
        }
        if headers.first(where: { $0.name.lowercased() == "content-type" }) == nil,
            case .string(let mime)? = body?["mimeType"],
            !mime.isEmpty
        {
            headers.append(("Content-Type", mime))
        }
        return (headers, bytes)
    }
}
