import Foundation
import JSONCore
import OpenAPIDocument

/// Builds ``OperationView``s from an ``APIDocument``.
package struct ReferenceBuilder {
    let api: APIDocument
    let markdown = MarkdownRenderer()
    let highlighter = Highlighter()

    package init(api: APIDocument) { self.api = api }

    package func view(of operation: APIDocument.Operation, schemaURL: @escaping (String) -> String) -> OperationView {
        let value = operation.value
        var view = OperationView()
        view.id = operation.id
        view.method = operation.method.uppercased()
        view.methodClass = operation.method
        view.path = operation.path
        view.pathHTML = Self.pathHTML(operation.path)
        view.endpoint = (api.server ?? "") + operation.path
        view.tag = operation.tag
        if let summary = value["summary"]?.stringValue, !summary.isEmpty {
            view.summary = summary
            view.hasSummary = true
        }
        view.title = view.hasSummary ? view.summary : operation.id
        if let description = value["description"]?.stringValue, !description.isEmpty {
            view.descriptionHTML = markdown.html(description)
            view.hasDescription = true
        }
        view.deprecated = value["deprecated"]?.boolValue == true

        view.security = security(of: operation)
        view.hasSecurity = !view.security.isEmpty

        var schemas = SchemaRenderer(document: api, markdown: markdown, schemaURL: schemaURL)
        view.parameters = operation.parameters.map { parameter($0.0, schemas: &schemas) }
        view.hasParameters = !view.parameters.isEmpty

        if let body = requestBody(of: value, schemas: &schemas) {
            view.requestBody = [body]
            view.hasRequestBody = true
        }
        view.responses = Self.grouped(responses(of: value, schemas: &schemas))
        view.responseExamples = view.responses.compactMap { response in
            guard let example = response.media.first?.examples.first else { return nil }
            let label = response.isGroup ? response.members.map(\.status).joined(separator: ", ") : response.status
            return ResponseExampleView(
                label: label, panelID: "example-\(Slug.make(response.isGroup ? "group-" + label : response.status))",
                codeHTML: example.codeHTML)
        }
        view.hasResponseExamples = !view.responseExamples.isEmpty

        for callback in operation.callbacks(in: api.document) {
            guard case .callback(_, let name) = callback.kind else { continue }
            var callbackView = CallbackView()
            callbackView.name = name
            callbackView.expression = callback.path
            callbackView.method = callback.method.uppercased()
            callbackView.anchor = "callback-\(Slug.make(name))-\(callback.method)"
            if let description = callback.value["summary"]?.stringValue ?? callback.value["description"]?.stringValue,
                !description.isEmpty
            {
                callbackView.descriptionHTML = markdown.html(description)
                callbackView.hasDescription = true
            }
            if let body = requestBody(of: callback.value, schemas: &schemas) {
                callbackView.requestBody = [body]
                callbackView.hasRequestBody = true
            }
            callbackView.responses = responses(of: callback.value, schemas: &schemas)
            view.callbacks.append(callbackView)
        }
        view.hasCallbacks = !view.callbacks.isEmpty

        if operation.kind == .webhook {
            // The API calls the subscriber: no URL of its own, no request to copy.
            view.isWebhook = true
            return view
        }
        view.noServer = api.server == nil
        view.request = sampleRequest(for: operation)
        view.samples = CodeSamples.all(for: view.request, name: "\(api.id)/\(operation.id)").map { sample in
            SampleView(
                id: sample.id, panelID: "sample-\(sample.id)", label: sample.label, language: sample.language,
                codeHTML: highlighter.highlight(sample.code, language: sample.language))
        }
        view.hasSamples = true
        view.tryItJSON = TryItSpec.embeddable(TryItSpec.json(for: operation, in: api, sample: view.request))
        return view
    }

    /// The request body of an operation (or a callback's), or `nil` when it has none.
    private func requestBody(of value: JSONValue, schemas: inout SchemaRenderer) -> BodyView? {
        guard let body = value["requestBody"].map(api.resolve) else { return nil }
        var bodyView = BodyView()
        bodyView.required = body["required"]?.boolValue == true
        if let description = body["description"]?.stringValue, !description.isEmpty {
            bodyView.descriptionHTML = markdown.html(description)
            bodyView.hasDescription = true
        }
        bodyView.media = media(body["content"], direction: .request, schemas: &schemas)
        return bodyView
    }

    /// `/agents/<span class="path-param">{agentId}</span>`
    static func pathHTML(_ path: String) -> String {
        var out = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += HTML.escape(String(rest[..<open]))
            out += "<span class=\"path-param\">\(HTML.escape(String(rest[open...close])))</span>"
            rest = rest[rest.index(after: close)...]
        }
        return out + HTML.escape(String(rest))
    }

    // MARK: - Parts

    private func security(of operation: APIDocument.Operation) -> [SecurityView] {
        var views: [SecurityView] = []
        for scheme in SecurityScheme.requirements(of: operation.value, in: api.document).joined()
        where !views.contains(where: { $0.name == scheme.name }) {
            var view = securityView(scheme)
            if view.isFolded { view.foldedURL = "../index.html#\(view.anchor)" }
            views.append(view)
        }
        return views
    }

    /// Longer descriptions (DigitalOcean's run to 4 KB) are written once, on the API's home page.
    static let longDescription = 600

    /// A scheme as the operation pages list it; `isFolded` when its description lives on the home page.
    func securityView(_ scheme: SecurityScheme) -> SecurityView {
        var view = SecurityView()
        view.name = scheme.name
        view.summary = Self.summary(of: scheme.value)
        view.anchor = "auth-\(Slug.make(scheme.name))"
        if let description = scheme.value["description"]?.stringValue, !description.isEmpty {
            if description.utf8.count > Self.longDescription {
                view.isFolded = true
            } else {
                view.descriptionHTML = markdown.html(description)
                view.hasDescription = true
            }
        }
        return view
    }

    /// The schemes whose descriptions are too long for the operation pages, with those descriptions, for
    /// the API's home page.
    package func foldedSecuritySchemes() -> [SecurityView] {
        let schemes = api.document["components"]?["securitySchemes"]?.objectValue?.members ?? []
        return schemes.compactMap { name, raw in
            let scheme = SecurityScheme(name: name, value: api.resolve(raw))
            var view = securityView(scheme)
            guard view.isFolded, let description = scheme.value["description"]?.stringValue else { return nil }
            view.descriptionHTML = markdown.html(description)
            view.hasDescription = true
            return view
        }
    }

    static func summary(of scheme: JSONValue) -> String {
        switch scheme["type"]?.stringValue ?? "" {
        case "http":
            let kind = (scheme["scheme"]?.stringValue ?? "").lowercased()
            if kind == "bearer" {
                let format = scheme["bearerFormat"]?.stringValue.map { " (\($0))" } ?? ""
                return "Bearer token\(format) in the Authorization header: Authorization: Bearer YOUR_API_KEY"
            }
            if kind == "basic" { return "HTTP Basic authentication in the Authorization header" }
            return "HTTP \(kind) authentication"
        case "apiKey":
            let name = scheme["name"]?.stringValue ?? "?"
            let location = scheme["in"]?.stringValue ?? "header"
            return
                "API key in the \(name) \(location == "header" ? "header" : location == "query" ? "query parameter" : "cookie")"
        case "oauth2": return "OAuth 2.0 access token in the Authorization header"
        case "openIdConnect": return "OpenID Connect access token in the Authorization header"
        case "mutualTLS": return "Mutual TLS client certificate"
        default: return "Custom authentication"
        }
    }

    private func parameter(_ value: JSONValue, schemas: inout SchemaRenderer) -> ParameterView {
        var view = ParameterView()
        view.name = value["name"]?.stringValue ?? ""
        view.location = value["in"]?.stringValue ?? ""
        view.required = value["required"]?.boolValue == true || view.location == "path"
        view.deprecated = value["deprecated"]?.boolValue == true
        // A parameter describes its value with `schema`, or with `content` (JSON in a query, say).
        let schema =
            value["schema"] ?? value["content"]?.objectValue?.values.first?["schema"] ?? .object(JSONObject())
        let row = schemas.rows(for: schema)
        view.fields = row.children
        view.hasFields = !row.children.isEmpty
        view.typeHTML = row.typeHTML
        view.defaultValue = row.defaultValue
        view.hasDefault = row.hasDefault
        view.constraints = row.constraints
        view.hasConstraints = !row.constraints.isEmpty
        view.enumValues = row.enumValues
        view.hasEnum = row.hasEnum
        if let example = parameterExample(value) {
            view.example = example.literal
            view.hasExample = true
        }
        let description = value["description"]?.stringValue ?? ""
        if !description.isEmpty {
            view.descriptionHTML = markdown.html(description)
            view.hasDescription = true
        } else if row.hasDescription {
            view.descriptionHTML = row.descriptionHTML
            view.hasDescription = true
        }
        return view
    }

    private func parameterExample(_ parameter: JSONValue) -> JSONValue? {
        if let example = parameter["example"] { return example }
        if let first = parameter["examples"]?.objectValue?.members.first {
            return api.resolve(first.value)["value"]
        }
        if let schema = parameter["schema"].map(api.resolve) {
            if let example = schema["example"] { return example }
            if let first = schema["examples"]?.arrayValue?.first { return first }
        }
        return nil
    }

    func media(
        _ content: JSONValue?, direction: ExampleSynthesizer.Direction, schemas: inout SchemaRenderer
    ) -> [MediaView] {
        var views: [MediaView] = []
        for (contentType, media) in content?.objectValue?.members ?? [] {
            var view = MediaView()
            view.contentType = contentType
            if let schema = media["schema"] {
                view.schema = [schemas.rows(for: schema)]
                view.hasSchema = true
            }
            let isJSON = Self.isJSON(contentType)
            let language = isJSON ? "json" : contentType.contains("yaml") ? "yaml" : ""
            func code(_ value: JSONValue) -> String {
                if !isJSON, case .string(let text) = value { return highlighter.codeBlock(text, language: language) }
                return highlighter.codeBlock(value.prettyJSON(), language: "json")
            }
            if let example = media["example"] {
                view.examples.append(ExampleView(title: "Example", codeHTML: code(example)))
            }
            for (name, raw) in media["examples"]?.objectValue?.members ?? [] {
                let example = api.resolve(raw)
                guard let value = example["value"] else { continue }
                var exampleView = ExampleView(title: example["summary"]?.stringValue ?? name, codeHTML: code(value))
                if let description = example["description"]?.stringValue, !description.isEmpty {
                    exampleView.descriptionHTML = markdown.html(description)
                    exampleView.hasDescription = true
                }
                view.examples.append(exampleView)
            }
            if view.examples.isEmpty, isJSON, let schema = media["schema"] {
                let value = ExampleSynthesizer(document: api.document, direction: direction).example(for: schema)
                view.examples.append(
                    ExampleView(title: "Example (generated from the schema)", codeHTML: code(value), generated: true))
            }
            view.hasExamples = !view.examples.isEmpty
            views.append(view)
        }
        return views
    }

    static func isJSON(_ contentType: String) -> Bool {
        let base = contentType.split(separator: ";").first.map { String($0).trimmingSpaces().lowercased() } ?? ""
        return base == "application/json" || base.hasSuffix("+json") || base == "*/*"
    }

    // MARK: - Links

    func linkView(name: String, link: JSONValue) -> LinkView {
        var view = LinkView()
        view.name = name
        view.operationId = link["operationId"]?.stringValue ?? link["operationRef"]?.stringValue ?? ""
        if api.operations.contains(where: { $0.id == view.operationId }) {
            view.href = Slug.fileName(view.operationId) + ".html"
            view.hasHref = true
        }
        if let description = link["description"]?.stringValue, !description.isEmpty {
            view.descriptionHTML = markdown.html(description)
            view.hasDescription = true
        }
        view.parametersHTML = (link["parameters"]?.objectValue?.members ?? []).map { parameter in
            let value = parameter.value.stringValue ?? parameter.value.compactJSON()
            return "<code>\(HTML.escape(parameter.key))</code> = <code>\(HTML.escape(value))</code>"
        }.joined(separator: ", ")
        view.hasParameters = !view.parametersHTML.isEmpty
        if let rule = link["x-repeat-while"], let pointer = rule["pointer"]?.stringValue,
            let values = rule["in"]?.arrayValue, !values.isEmpty
        {
            let listed = values.map { "<code>\(HTML.escape($0.compactJSON()))</code>" }.joined(separator: " or ")
            view.repeatHTML = "Followed again while <code>\(HTML.escape(pointer))</code> is \(listed)"
            view.hasRepeat = true
        }
        return view
    }

    // MARK: - The sample request

    /// Parameters that a link from the operation to itself fills in (a next page's `cursor` or `after`):
    /// they come from a previous answer, so a first request leaves them out rather than send an example
    /// value the server does not know.
    func continuationParameters(of operation: APIDocument.Operation) -> Set<String> {
        var names: Set<String> = []
        for (_, response) in api.resolve(operation.value["responses"] ?? [:]).objectValue?.members ?? [] {
            for (_, link) in api.resolve(response)["links"]?.objectValue?.members ?? [] {
                let link = api.resolve(link)
                guard link["operationId"]?.stringValue == operation.id else { continue }
                for (name, value) in link["parameters"]?.objectValue?.members ?? [] {
                    // Only those taken from the answer, not the ones carried over from the request.
                    guard value.stringValue?.hasPrefix("$response.") == true else { continue }
                    names.insert(name.split(separator: ".", maxSplits: 1).last.map(String.init) ?? name)
                }
            }
        }
        return names
    }

    package func sampleRequest(for operation: APIDocument.Operation) -> SampleRequest {
        var path = operation.path
        var query: [(String, String)] = []
        var headers: [(name: String, value: String)] = []
        let continuations = continuationParameters(of: operation)
        for (parameter, _) in operation.parameters {
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else {
                continue
            }
            let required = parameter["required"]?.boolValue == true || location == "path"
            let explicit = parameterExample(parameter)
            guard required || (explicit != nil && !continuations.contains(name)) else { continue }
            let value =
                explicit
                ?? ExampleSynthesizer(document: api.document, direction: .request).example(
                    for: parameter["schema"] ?? .object(JSONObject()))
            let text: String = value.stringValue ?? value.compactJSON()
            switch location {
            case "path": path = path.replacingOccurrences(of: "{\(name)}", with: text.percentEncoded)
            case "query": query.append((name, text))
            case "header":
                if !["authorization", "content-type", "accept"].contains(name.lowercased()) {
                    headers.append((name, text))
                }
            default: break
            }
        }
        let key = SampleRequest.apiKeyPlaceholder
        for scheme in SecurityScheme.requirements(of: operation.value, in: api.document).first ?? [] {
            switch scheme.credential {
            case .authorization("Basic")?: headers.append(("Authorization", "Basic BASE64_USER_COLON_PASSWORD"))
            case .authorization(let kind)?: headers.append(("Authorization", "\(kind) \(key)"))
            case .query(let name)?: query.append((name, key))
            case .cookie(let name)?: headers.append(("Cookie", "\(name)=\(key)"))
            case .header(let name)?: headers.append((name, key))
            case nil: break
            }
        }
        var url = api.serverURL + path
        if !query.isEmpty {
            url += "?" + query.map { "\($0.0.percentEncoded)=\($0.1.percentEncoded)" }.joined(separator: "&")
        }
        var body: SampleRequest.Body?
        if let requestBody = operation.value["requestBody"].map(api.resolve),
            let content = requestBody["content"]?.objectValue, !content.isEmpty
        {
            body = sampleBody(content)
        }
        return SampleRequest(method: operation.method.uppercased(), url: url, headers: headers, body: body)
    }

    private func sampleBody(_ content: JSONObject) -> SampleRequest.Body? {
        let members = content.members
        func example(_ media: JSONValue) -> JSONValue {
            if let example = media["example"] { return example }
            if let first = media["examples"]?.objectValue?.members.first, let value = api.resolve(first.value)["value"]
            {
                return value
            }
            return ExampleSynthesizer(document: api.document, direction: .request).example(
                for: media["schema"] ?? .object(JSONObject()))
        }
        if let json = members.first(where: { Self.isJSON($0.key) }) {
            return .json(example(json.value))
        }
        if let multipart = members.first(where: { $0.key.lowercased().hasPrefix("multipart/") }) {
            let schema = api.resolve(multipart.value["schema"] ?? .object(JSONObject()))
            let values = example(multipart.value)
            var fields: [(name: String, value: String, isFile: Bool)] = []
            for (name, property) in schema["properties"]?.objectValue?.members ?? [] {
                let resolved = api.resolve(property)
                let isFile =
                    resolved["format"]?.stringValue == "binary" || resolved["contentMediaType"] != nil
                    || resolved["contentEncoding"] != nil
                    || (resolved["items"].map(api.resolve)?["format"]?.stringValue == "binary")
                if isFile {
                    fields.append((name, "example.txt", true))
                } else if let value = values[name] {
                    fields.append((name, value.stringValue ?? value.compactJSON(), false))
                }
            }
            return .multipart(fields)
        }
        if let form = members.first(where: { $0.key.lowercased().hasPrefix("application/x-www-form-urlencoded") }) {
            let values = example(form.value)
            return .form(
                values.objectValue?.members.map { ($0.key, $0.value.stringValue ?? $0.value.compactJSON()) } ?? [])
        }
        guard let first = members.first else { return nil }
        let value = example(first.value)
        return .text(value.stringValue ?? value.prettyJSON(), contentType: first.key)
    }

}
