import JSONCore
import OpenAPIDocument

/// Writes a `RequestPlan` out for a server: the URL under the base URL, credentials where the document's
/// security scheme puts them, and the body encoded for its media type.
struct RequestWriter: Sendable {
    /// Without a trailing slash: `http://127.0.0.1:4010/v1`.
    let baseURL: String
    let document: JSONValue
    let token: String?
    /// Sent with every request, after the operation's own (`--header`).
    let extraHeaders: [(name: String, value: String)]

    static let boundary = "specvalidate-run-7f3a9c"

    init(baseURL: String, document: JSONValue, token: String?, extraHeaders: [(name: String, value: String)] = []) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.document = document
        self.token = token
        self.extraHeaders = extraHeaders
    }

    func request(for plan: RequestPlan) -> APIRequest {
        var path = ""
        for segment in plan.operation.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            path += "/"
            var text = String(segment)
            for (name, value) in plan.path {
                let written = serialization(of: name, in: "path", plan: plan)?.text(for: value) ?? RequestPlan.text(value)
                text = text.replacingAll("{\(name)}", with: written.percentEncoded)
            }
            path += text
        }
        var query = plan.query.flatMap { name, value in
            let pairs = serialization(of: name, in: "query", plan: plan)?.pairs(for: value) ?? [(name, RequestPlan.text(value))]
            return pairs.map { "\($0.name.percentEncoded)=\($0.value.percentEncoded)" }
        }
        var headers = plan.headers
        let credential: String? =
            switch plan.credentials {
            case .token: token
            case .none: nil
            case .other(let value): value
            }
        if let credential {
            // The operation's first alternative: every scheme it names.
            for scheme in SecurityScheme.requirements(of: plan.operation.value, in: document).first ?? [] {
                switch scheme.credential {
                case .query(let name)?: query.append("\(name.percentEncoded)=\(credential.percentEncoded)")
                case .cookie(let name)?: headers.append(("Cookie", "\(name)=\(credential)"))
                case .header(let name)?: headers.append((name, credential))
                case .authorization(let kind)?: headers.append(("Authorization", "\(kind) \(credential)"))
                case nil: break
                }
            }
        }
        headers += extraHeaders
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

    /// How the operation's parameter `name` in `location` is written (its `style` and `explode`).
    private func serialization(of name: String, in location: String, plan: RequestPlan) -> ParameterSerialization? {
        plan.operation.parameters.first { $0.0["name"]?.stringValue == name && $0.0["in"]?.stringValue == location }
            .map { ParameterSerialization(parameter: $0.0, document: document) }
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
