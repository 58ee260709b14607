import JSONCore
import OpenAPIDocument

/// Writes a `RequestPlan` out for a server: the URL under the base URL, credentials where the document's
/// security scheme puts them, and the body encoded for its media type.
struct RequestWriter: Sendable {
    /// Without a trailing slash: `http://127.0.0.1:4010/v1`.
    let baseURL: String
    let document: JSONValue
    let token: String?

    static let boundary = "specvalidate-run-7f3a9c"

    init(baseURL: String, document: JSONValue, token: String?) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.document = document
        self.token = token
    }

    func request(for plan: RequestPlan) -> APIRequest {
        var path = ""
        for segment in plan.operation.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            path += "/"
            var text = String(segment)
            for (name, value) in plan.path {
                text = text.replacingAll("{\(name)}", with: RequestPlan.text(value).percentEncoded)
            }
            path += text
        }
        var query = plan.query.map {
            "\($0.name.percentEncoded)=\(RequestPlan.text($0.value).percentEncoded)"
        }
        var headers = plan.headers
        let credential: String? =
            switch plan.credentials {
            case .token: token
            case .none: nil
            case .other(let value): value
            }
        if let credential {
            for scheme in schemes(of: plan) {
                switch (scheme["type"]?.stringValue, scheme["in"]?.stringValue) {
                case ("apiKey", "query"?):
                    query.append("\(scheme["name"]?.stringValue ?? "api_key")=\(credential.percentEncoded)")
                case ("apiKey", "cookie"?):
                    headers.append(("Cookie", "\(scheme["name"]?.stringValue ?? "api_key")=\(credential)"))
                case ("apiKey", _): headers.append((scheme["name"]?.stringValue ?? "X-API-Key", credential))
                case ("http", _) where scheme["scheme"]?.stringValue?.lowercased() == "basic":
                    headers.append(("Authorization", "Basic \(credential)"))
                default: headers.append(("Authorization", "Bearer \(credential)"))
                }
            }
        }
        var body: [UInt8] = []
        switch plan.body {
        case .json(let value, let type)?:
            headers.append(("Content-Type", type))
            body = value.compactJSONBytes()
        case .multipart(let parts)?:
            headers.append(("Content-Type", "multipart/form-data; boundary=\(Self.boundary)"))
            body = Self.multipart(parts)
        case .raw(let bytes, let type)?:
            headers.append(("Content-Type", type))
            body = bytes
        case nil: break
        }
        let url = baseURL + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        return APIRequest(method: plan.operation.method, target: url, headers: headers, body: body)
    }

    /// The security schemes of the operation's first requirement (none when it needs none).
    func schemes(of plan: RequestPlan) -> [JSONValue] {
        let requirement = plan.operation.value["security"] ?? document["security"]
        guard let first = requirement?.arrayValue?.first?.objectValue else { return [] }
        let all = document["components"]?["securitySchemes"]
        return first.keys.compactMap { all?[$0] }
    }

    static func multipart(_ parts: [RequestPlan.Part]) -> [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { head += "; filename=\"\(filename)\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            body += Array((head + "\r\n").utf8) + part.body + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n".utf8)
    }
}
