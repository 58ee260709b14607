import Foundation
import JSONCore
import OpenAPIDocument

/// What the try-it console (`assets/try-it.js`) needs to build its form for one operation, as JSON embedded
/// in the page: the method and path, the servers with their variables, the local mock, the credentials of
/// the first security alternative, each parameter with its schema's kind, enum, default and example, and the
/// body (its example as text for JSON, its fields for a form). The page reads the same without it.
enum TryItSpec {
    /// Where `specvalidate mock` listens by default.
    static let mockOrigin = "http://127.0.0.1:4010"

    static func json(for operation: APIOperation, in api: APIDocument, sample: SampleRequest) -> JSONValue {
        var spec = JSONObject()
        spec["method"] = .string(operation.method.uppercased())
        spec["path"] = .string(operation.path)
        let servers = Server.all(in: api.document)
        spec["servers"] = .array(
            servers.map { server in
                var object: JSONObject = ["url": .string(server.template)]
                if let description = server.description { object["description"] = .string(description) }
                let variables = api.document["servers"]?.arrayValue?.first { $0["url"]?.stringValue == server.template }?[
                    "variables"]
                if let variables { object["variables"] = variables }
                return .object(object)
            })
        spec["mock"] = .string(mockOrigin + (servers.first?.basePath ?? ""))
        var credentials: [JSONValue] = []
        for scheme in SecurityScheme.requirements(of: operation.value, in: api.document).first ?? [] {
            var object: JSONObject = ["name": .string(scheme.name)]
            switch scheme.credential {
            case .authorization(let kind)?: object["kind"] = .string(kind.lowercased())
            case .header(let name)?: object["kind"] = "header"; object["param"] = .string(name)
            case .query(let name)?: object["kind"] = "query"; object["param"] = .string(name)
            case .cookie(let name)?: object["kind"] = "cookie"; object["param"] = .string(name)
            case nil: continue
            }
            credentials.append(.object(object))
        }
        spec["security"] = .array(credentials)
        var parameters: [JSONValue] = []
        for (parameter, _) in operation.parameters {
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue,
                location != "cookie",
                !(location == "header" && ["authorization", "content-type", "accept"].contains(name.lowercased()))
            else { continue }
            let schema = api.resolve(parameter["schema"] ?? [:])
            var object: JSONObject = [
                "name": .string(name), "in": .string(location),
                "required": .bool(parameter["required"] == .bool(true) || location == "path"),
            ]
            var type = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first { $0 != "null" }?.stringValue
            if type == nil, schema["enum"] != nil { type = "string" }
            object["type"] = .string(type ?? "string")
            if let values = schema["enum"]?.arrayValue { object["enum"] = .array(values.map { .string($0.stringValue ?? $0.compactJSON()) }) }
            if let value = schema["default"] { object["default"] = .string(value.stringValue ?? value.compactJSON()) }
            if let minimum = schema["minimum"] { object["minimum"] = minimum }
            if let maximum = schema["maximum"] { object["maximum"] = maximum }
            if let example = sampleValue(of: name, in: location, sample: sample, template: operation.path) {
                object["example"] = .string(example)
            }
            parameters.append(.object(object))
        }
        spec["parameters"] = .array(parameters)
        switch sample.body {
        case .json(let value)?:
            spec["body"] = ["contentType": "application/json", "example": .string(value.prettyJSON().trimmingTrailingNewline())]
        case .multipart(let fields)?:
            spec["body"] = [
                "contentType": "multipart/form-data",
                "fields": .array(fields.map { ["name": .string($0.name), "file": .bool($0.isFile), "example": .string($0.isFile ? "" : $0.value)] }),
            ]
        case .form(let fields)?:
            spec["body"] = [
                "contentType": "application/x-www-form-urlencoded",
                "fields": .array(fields.map { ["name": .string($0.name), "file": false, "example": .string($0.value)] }),
            ]
        case .text(let text, let contentType)?:
            spec["body"] = ["contentType": .string(contentType), "example": .string(text)]
        case nil: break
        }
        return .object(spec)
    }

    /// The value the code samples use for a parameter, so that the console starts from a request that works.
    private static func sampleValue(of name: String, in location: String, sample: SampleRequest, template: String) -> String? {
        switch location {
        case "query":
            guard let query = sample.url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if APIRequest.decodeComponent(parts[0]) == name { return parts.count > 1 ? APIRequest.decodeComponent(parts[1]) : "" }
            }
            return nil
        case "header": return sample.headers.first { $0.name == name }?.value
        case "path":
            // The template's segments against the sample URL's last segments.
            let path = String(sample.url.split(separator: "?", maxSplits: 1)[0])
            let templateSegments = template.split(separator: "/", omittingEmptySubsequences: false)
            let urlSegments = path.split(separator: "/", omittingEmptySubsequences: false)
            guard urlSegments.count >= templateSegments.count else { return nil }
            for (segment, value) in zip(templateSegments, urlSegments.suffix(templateSegments.count)) where segment == "{\(name)}" {
                return APIRequest.decodeComponent(value)
            }
            return nil
        default: return nil
        }
    }

    /// JSON that can sit inside `<script type="application/json">`: every `<` written `\u003c` (and `>` and
    /// `&` too), so no `</script>` or `<!--` in a document's text can end or change the block.
    static func embeddable(_ value: JSONValue) -> String {
        value.compactJSON().replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
