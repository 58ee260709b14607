import JSONCore

/// An OpenAPI 3.0 or 3.1 document, read as plain JSON for rendering: operations in the order a reader
/// wants them (by tag, as the document lists its tags), local `$ref`s followed, nothing rejected that
/// a reader could still use.
public struct APIDocument: Sendable {
    /// `agentscode`: the folder of its pages and the value of `api:` in front matter.
    public let id: String
    public let document: JSONValue
    /// Downloads published beside the pages: file name and contents.
    public let downloads: [(name: String, contents: String)]

    /// Every operation, grouped by tag: tags in the order of the document's `tags` list, then in order of
    /// first use; untagged operations last under "Other". Computed once.
    public let operations: [Operation]

    public init(id: String, document: JSONValue, downloads: [(name: String, contents: String)]) {
        self.id = id
        self.document = document
        self.downloads = downloads
        self.operations = APIDocument.operations(of: document)
    }

    /// An API from its published files (`agentscode.openapi.yaml`, `agentscode.openapi.json`): the JSON one
    /// is rendered, both are offered as downloads.
    public init(id: String, publishedFiles: [(name: String, contents: String)]) throws(JSONParseError) {
        let json = publishedFiles.first { $0.name.hasSuffix(".json") }?.contents ?? "{}"
        self.init(id: id, document: try JSONParser().parse(Array(json.utf8)), downloads: publishedFiles)
    }

    /// A folder name for an API: lowercase letters, digits and hyphens.
    public static func slug(_ text: String) -> String { Slug.make(text, fallback: "api") }

    public var title: String { document["info"]?["title"]?.stringValue ?? id }
    public var version: String? { document["info"]?["version"]?.stringValue }
    public var summary: String? {
        document["info"]?["summary"]?.stringValue ?? document["info"]?["description"]?.stringValue.map(firstParagraph)
    }
    public var descriptionMarkdown: String? { document["info"]?["description"]?.stringValue }

    /// The first server's URL with its variables replaced by their defaults.
    public var serverURL: String {
        guard case .array(let servers)? = document["servers"], let first = servers.first,
            var url = first["url"]?.stringValue
        else { return "https://api.example.com" }
        if case .object(let variables)? = first["variables"] {
            for (name, variable) in variables.members {
                url = url.replacingAll("{\(name)}", with: variable["default"]?.stringValue ?? "")
            }
        }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    public struct Operation: Sendable {
        public let id: String
        public let method: String
        public let path: String
        public let pointer: JSONPointer
        public let value: JSONValue
        /// Path-level and operation-level parameters, operation ones overriding, references followed.
        public let parameters: [JSONValue]
        public let tag: String
    }

    private static func operations(of document: JSONValue) -> [Operation] {
        func resolve(_ value: JSONValue) -> JSONValue { APIDocument.resolve(value, in: document) }
        var list: [Operation] = []
        guard case .object(let paths)? = document["paths"] else { return [] }
        for (path, rawItem) in paths.members {
            let item = resolve(rawItem)
            let shared = item["parameters"]?.arrayValue?.map(resolve) ?? []
            for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                guard let operation = item[method], case .object = operation else { continue }
                var parameters = shared
                for parameter in operation["parameters"]?.arrayValue?.map(resolve) ?? [] {
                    parameters.removeAll { $0["name"] == parameter["name"] && $0["in"] == parameter["in"] }
                    parameters.append(parameter)
                }
                let id = operation["operationId"]?.stringValue ?? "\(method)-\(path)"
                let tag = operation["tags"]?.arrayValue?.first?.stringValue ?? "Other"
                list.append(
                    Operation(
                        id: id, method: method, path: path, pointer: JSONPointer(tokens: ["paths", path, method]),
                        value: operation, parameters: parameters, tag: tag))
            }
        }
        let order = tagOrder(of: list, in: document)
        // A stable sort keeps document order inside each tag.
        return list.enumerated().sorted { a, b in
            let ta = order[a.element.tag] ?? Int.max
            let tb = order[b.element.tag] ?? Int.max
            return ta != tb ? ta < tb : a.offset < b.offset
        }.map(\.element)
    }

    private static func tagOrder(of operations: [Operation], in document: JSONValue) -> [String: Int] {
        var order: [String: Int] = [:]
        for tag in document["tags"]?.arrayValue ?? [] {
            if let name = tag["name"]?.stringValue, order[name] == nil { order[name] = order.count }
        }
        for operation in operations where order[operation.tag] == nil && operation.tag != "Other" {
            order[operation.tag] = order.count
        }
        order["Other"] = order.count
        return order
    }

    /// The description of a tag from the document's `tags` list.
    public func tagDescription(_ name: String) -> String? {
        document["tags"]?.arrayValue?.first { $0["name"]?.stringValue == name }?["description"]?.stringValue
    }

    /// Component schemas by name, in document order.
    public var schemas: [(name: String, schema: JSONValue)] {
        guard case .object(let schemas)? = document["components"]?["schemas"] else { return [] }
        return schemas.members.map { ($0.key, $0.value) }
    }

    /// Follows local `$ref`s (up to 32 hops) and returns what they point at.
    public func resolve(_ value: JSONValue) -> JSONValue { APIDocument.resolve(value, in: document) }

    static func resolve(_ value: JSONValue, in document: JSONValue) -> JSONValue {
        var current = value
        for _ in 0..<32 {
            guard let reference = current["$ref"]?.stringValue, reference.hasPrefix("#"),
                let pointer = JSONPointer(uriFragment: reference), let target = document.value(at: pointer)
            else { break }
            current = target
        }
        return current
    }

    /// `Agent` for `#/components/schemas/Agent`, else `nil`.
    static func componentSchemaName(_ reference: String) -> String? {
        let prefix = "#/components/schemas/"
        guard reference.hasPrefix(prefix) else { return nil }
        let token = String(reference.dropFirst(prefix.count))
        guard !token.contains("/") else { return nil }
        return JSONPointer(uriFragment: "#/" + token)?.tokens.first
    }
}

private func firstParagraph(_ text: String) -> String {
    let paragraphs = text.split(separator: "\n\n", maxSplits: 1, omittingEmptySubsequences: true)
    return paragraphs.first.map(String.init) ?? text
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
    var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }
    /// A short literal for tables: strings quoted, the rest as compact JSON.
    var literal: String { compactJSON() }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
