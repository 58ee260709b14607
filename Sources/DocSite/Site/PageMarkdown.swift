import Foundation
import JSONCore
import OpenAPIDocument

/// Every page as Markdown, for AI tools and for people who paste documentation into one (llmstxt.org):
/// a guide is its own source; an operation is its endpoint, parameters, body and responses as tables,
/// a curl sample and a trimmed OpenAPI document of that operation alone (the components it uses, nothing
/// else); a schema is its properties as a table and the schema itself.
struct PageMarkdown {
    let apis: [APIDocument]
    let siteTitle: String
    /// Content source path (`agentscode/run-agent.md`) to the page it became (`agentscode/operations/runAgent.html`).
    var sourceToOutput: [String: String] = [:]

    /// The Markdown copy of `page`, or nil for pages that have none (search, 404).
    func markdown(of page: SiteBuilder.Page) -> String? {
        switch page.kind {
        case .guide(let source): return document(page, body: body(source, page))
        case .landing(let source): return document(page, body: source.map { body($0, page) } ?? "")
        case .apiHome(let index, let source): return apiHome(page, apis[index], source: source)
        case .operation(let index, let operation, let prose): return self.operation(page, apis[index], operation, prose)
        case .schemas(let index): return schemaIndex(page, apis[index])
        case .schema(let index, let name, let schema): return self.schema(page, apis[index], name, schema)
        case .search, .notFound: return nil
        }
    }

    /// Where the copy of `path` (`agentscode/operations/run-agent.html`) goes: `…/run-agent.md`.
    static func path(of htmlPath: String) -> String {
        htmlPath.hasSuffix(".html") ? String(htmlPath.dropLast(5)) + ".md" : htmlPath + ".md"
    }

    private func document(_ page: SiteBuilder.Page, body: String) -> String {
        var out = "# \(page.title)\n\n"
        if !page.description.isEmpty { out += "> \(Self.oneLine(page.description))\n\n" }
        let trimmed = Self.trimmed(body)
        if !trimmed.isEmpty { out += trimmed + "\n" }
        return out
    }

    private func apiHome(_ page: SiteBuilder.Page, _ api: APIDocument, source: SourcePage?) -> String {
        var out = document(page, body: source.map { body($0, page) } ?? api.descriptionMarkdown ?? "")
        out += "\n## Operations\n\n"
        for (operation, path) in zip(api.operations, SiteBuilder.operationPagePaths(api)) {
            let summary = operation.value["summary"]?.stringValue ?? operation.id
            out += "- [\(Self.escapeLink(summary))](\(Self.relative(Self.path(of: path), from: page.path))): "
                + "`\(operation.method.uppercased()) \(operation.path)`\n"
        }
        if let url = api.server { out += "\nServer: `\(url)`\n" }
        return out
    }

    private func schemaIndex(_ page: SiteBuilder.Page, _ api: APIDocument) -> String {
        var out = "# \(page.title)\n\n"
        for (name, schema) in api.schemas {
            let description = schema["description"]?.stringValue.map { ": " + Self.oneLine($0) } ?? ""
            out += "- `\(name)`\(description)\n"
        }
        return out
    }

    private func schema(_ page: SiteBuilder.Page, _ api: APIDocument, _ name: String, _ schema: JSONValue) -> String {
        var out = "# \(name)\n\n"
        if let description = schema["description"]?.stringValue { out += Self.trimmed(description) + "\n\n" }
        out += "Type: \(typeText(schema, api))\n\n"
        out += propertiesTable(schema, api)
        out += "## Schema\n\n```json\n\(schema.prettyJSON())\n```\n"
        return out
    }

    private func operation(
        _ page: SiteBuilder.Page, _ api: APIDocument, _ operation: APIOperation, _ prose: SourcePage?
    ) -> String {
        let value = operation.value
        var out = "# \(page.title)\n\n"
        switch operation.kind {
        case .path: out += "`\(operation.method.uppercased()) \(api.serverURL)\(operation.path)`\n\n"
        case .webhook: out += "Webhook `\(operation.path)`: the API sends `\(operation.method.uppercased())` requests.\n\n"
        case .callback(let parent, let name):
            out += "Callback `\(name)` of `\(parent)`: `\(operation.method.uppercased()) \(operation.path)`\n\n"
        }
        if value["deprecated"] == .bool(true) { out += "**Deprecated.**\n\n" }
        if let description = value["description"]?.stringValue, !description.isEmpty {
            out += Self.trimmed(description) + "\n\n"
        }
        if let prose, !prose.body.isEmpty { out += Self.trimmed(body(prose, page)) + "\n\n" }
        let security = SecurityScheme.requirements(of: value, in: api.document)
        if !security.isEmpty {
            let alternatives = security.map { $0.map(\.name).joined(separator: " and ") }.filter { !$0.isEmpty }
            if !alternatives.isEmpty { out += "Authentication: \(alternatives.joined(separator: ", or ")).\n\n" }
        }
        if !operation.parameters.isEmpty {
            out += "## Parameters\n\n| Name | In | Type | Required | Description |\n|---|---|---|---|---|\n"
            for (parameter, _) in operation.parameters {
                let schema = parameter["schema"] ?? parameter["content"]?.objectValue?.values.first?["schema"] ?? [:]
                out += "| `\(Self.cell(parameter["name"]?.stringValue ?? ""))` | \(parameter["in"]?.stringValue ?? "") | "
                    + "\(Self.cell(typeText(schema, api))) | \(parameter["required"] == .bool(true) ? "yes" : "no") | "
                    + "\(Self.cell(parameter["description"]?.stringValue ?? "")) |\n"
            }
            out += "\n"
        }
        if let raw = value["requestBody"] {
            let body = api.resolve(raw)
            out += "## Request body\n\n"
            if let description = body["description"]?.stringValue { out += Self.oneLine(description) + "\n\n" }
            for (type, media) in body["content"]?.objectValue?.members ?? [] {
                out += "Content type `\(type)`\(body["required"] == .bool(true) ? " (required)" : "")"
                let schema = media["schema"] ?? [:]
                out += ": \(typeText(schema, api))\n\n"
                out += propertiesTable(schema, api)
            }
        }
        if case .object(let responses)? = value["responses"].map(api.resolve) {
            out += "## Responses\n\n| Status | Description | Content type | Body |\n|---|---|---|---|\n"
            for (status, raw) in responses.members {
                let response = api.resolve(raw)
                let media = response["content"]?.objectValue?.members ?? []
                let types = media.map { "`\($0.key)`" }.joined(separator: ", ")
                let bodies = Array(Set(media.map { typeText($0.value["schema"] ?? [:], api) })).sorted()
                out += "| \(status) | \(Self.cell(response["description"]?.stringValue ?? "")) | \(types) | "
                    + "\(Self.cell(bodies.joined(separator: ", "))) |\n"
            }
            out += "\n"
        }
        if case .path = operation.kind {
            let sample = ReferenceBuilder(api: api).sampleRequest(for: operation)
            out += "## Example request\n\n```sh\n\(CodeSamples.curl(sample))\n```\n\n"
        }
        out += "## OpenAPI\n\nThis operation alone, with the components it uses:\n\n```yaml\n"
        out += Self.trimmed(trimmedDocument(api, operation).yaml()) + "\n```\n"
        return out
    }

    /// A source page's Markdown with its links to other sources (`[poll the run](get-agent-run.md)`) made
    /// links to those pages' copies (`getAgentRun.md`), as the HTML pages link to each other.
    private func body(_ source: SourcePage, _ page: SiteBuilder.Page) -> String {
        let text = source.body
        let bytes = Array(text.utf8)
        let folder = source.path.split(separator: "/").dropLast().map(String.init)
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        // Each `](target)` whose target is another source's `.md` becomes the link to that page's copy.
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "]"), bytes[i + 1] == UInt8(ascii: "(") else {
                i += 1
                continue
            }
            let start = i + 2
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ")"), bytes[end] != UInt8(ascii: " "),
                bytes[end] != UInt8(ascii: "\n")
            {
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ")"),
                let replacement = rewrittenLink(String(decoding: bytes[start..<end], as: UTF8.self), folder, page)
            else {
                i = start
                continue
            }
            out += bytes[copied..<start]
            out += Array(replacement.utf8)
            copied = end
            i = end
        }
        guard copied > 0 else { return text }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The link to the copy of the page `target` (a source path relative to `folder`) became; nil to keep it.
    private func rewrittenLink(_ target: String, _ folder: [String], _ page: SiteBuilder.Page) -> String? {
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = parts.first ?? ""
        guard file.hasSuffix(".md"), !file.contains("://"), !file.hasPrefix("/") else { return nil }
        var resolved = folder
        for component in file.split(separator: "/") {
            if component == ".." { _ = resolved.popLast() } else if component != "." { resolved.append(String(component)) }
        }
        guard let output = sourceToOutput[resolved.joined(separator: "/")] else { return nil }
        return Self.relative(Self.path(of: output), from: page.path) + (parts.count > 1 ? "#" + parts[1] : "")
    }

    /// A table of an object schema's properties (references followed, `allOf` merged); empty for others.
    private func propertiesTable(_ schema: JSONValue, _ api: APIDocument) -> String {
        let resolved = merged(api.resolve(schema), api)
        guard case .object(let properties)? = resolved["properties"], !properties.isEmpty else { return "" }
        let required = Set(resolved["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var out = "| Field | Type | Required | Description |\n|---|---|---|---|\n"
        for (name, property) in properties.members {
            let description = property["description"]?.stringValue ?? api.resolve(property)["description"]?.stringValue ?? ""
            out += "| `\(Self.cell(name))` | \(Self.cell(typeText(property, api))) | \(required.contains(name) ? "yes" : "no") | "
                + "\(Self.cell(description)) |\n"
        }
        return out + "\n"
    }

    /// `allOf` parts' properties and `required` merged into one object schema.
    private func merged(_ schema: JSONValue, _ api: APIDocument, depth: Int = 0) -> JSONValue {
        guard depth < 8, case .array(let parts)? = schema["allOf"], case .object(var object) = schema else { return schema }
        var properties = object["properties"]?.objectValue ?? [:]
        var required = object["required"]?.arrayValue ?? []
        for part in parts {
            let resolved = merged(api.resolve(part), api, depth: depth + 1)
            for (name, value) in resolved["properties"]?.objectValue?.members ?? [] where properties[name] == nil {
                properties[name] = value
            }
            required += resolved["required"]?.arrayValue ?? []
        }
        object["properties"] = .object(properties)
        object["required"] = .array(required)
        return .object(object)
    }

    /// A schema's type in words: `string (date-time)`, `array of Agent`, `Agent or null`, `"a" | "b"`.
    func typeText(_ schema: JSONValue, _ api: APIDocument, depth: Int = 0) -> String {
        if case .string(let reference)? = schema["$ref"], reference.hasPrefix("#/components/schemas/") {
            return String(reference.dropFirst("#/components/schemas/".count))
        }
        guard depth < 6, case .object = schema else { return schema == .bool(false) ? "nothing" : "any" }
        if case .array(let values)? = schema["enum"] {
            return values.prefix(12).map { $0.compactJSON() }.joined(separator: " | ") + (values.count > 12 ? " | …" : "")
        }
        if let constant = schema["const"] { return constant.compactJSON() }
        for keyword in ["oneOf", "anyOf"] {
            if case .array(let branches)? = schema[keyword] {
                return branches.map { typeText($0, api, depth: depth + 1) }.joined(separator: " or ")
            }
        }
        if case .array(let parts)? = schema["allOf"] {
            return parts.map { typeText($0, api, depth: depth + 1) }.joined(separator: " and ")
        }
        var types: [String] = []
        switch schema["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: types = schema["properties"] != nil ? ["object"] : []
        }
        let words = types.map { type -> String in
            switch type {
            case "array": return "array of \(typeText(schema["items"] ?? [:], api, depth: depth + 1))"
            case "string", "integer", "number":
                return schema["format"]?.stringValue.map { "\(type) (\($0))" } ?? type
            default: return type
            }
        }
        let text = words.isEmpty ? "any" : words.joined(separator: " or ")
        return schema["nullable"] == .bool(true) ? text + " or null" : text
    }

    /// Components copied into one operation's document at most; past it the operation is shown alone.
    static let maxComponents = 40

    /// The document with this one operation: its path item (or webhook) with only this method, the
    /// servers, security and every component it refers to, directly or through other components.
    func trimmedDocument(_ api: APIDocument, _ operation: APIOperation) -> JSONValue {
        let document = api.document
        var out = JSONObject()
        out["openapi"] = document["openapi"] ?? "3.1.0"
        var info: JSONObject = ["title": .string(api.title)]
        info["version"] = document["info"]?["version"] ?? "1"
        out["info"] = .object(info)
        if let servers = document["servers"] { out["servers"] = servers }
        var item = JSONObject()
        let itemPointer = JSONPointer(tokens: Array(operation.pointer.tokens.dropLast()))
        if let parameters = document.value(at: itemPointer)?["parameters"] { item["parameters"] = parameters }
        item[operation.method] = operation.value
        switch operation.kind {
        case .webhook: out["webhooks"] = .object([operation.path: .object(item)])
        default:
            // A callback's operation is shown inside its parent's path: trimmed to the callback's own item.
            out["paths"] = .object([operation.kind == .path ? operation.path : "/": .object(item)])
        }
        if operation.value["security"] == nil, let security = document["security"] { out["security"] = security }
        // Components reachable from what is kept.
        var needed: [JSONPointer] = []
        var seen: Set<String> = []
        var queue: [JSONValue] = [.object(out)]
        var schemes = Set<String>()
        for requirement in (operation.value["security"] ?? document["security"])?.arrayValue ?? [] {
            schemes.formUnion(requirement.objectValue?.keys ?? [])
        }
        for name in schemes.sorted() {
            let pointer = JSONPointer(tokens: ["components", "securitySchemes", name])
            if let value = document.value(at: pointer), seen.insert(pointer.description).inserted {
                needed.append(pointer)
                queue.append(value)
            }
        }
        while let value = queue.popLast(), needed.count <= Self.maxComponents {
            Self.references(in: value) { reference in
                guard reference.hasPrefix("#/components/"), let pointer = JSONPointer(String(reference.dropFirst())),
                    seen.insert(pointer.description).inserted, let target = document.value(at: pointer)
                else { return }
                needed.append(pointer)
                queue.append(target)
            }
        }
        // An operation that reaches most of a large document's components: the operation alone, which names
        // the full document rather than copying it into every page.
        if needed.count > Self.maxComponents {
            out["x-components"] = .string(
                "More than \(Self.maxComponents) components: see the full document, openapi/\(api.downloads.first?.name ?? api.id)")
            return .object(out)
        }
        var components = JSONObject()
        for pointer in needed.sorted(by: { $0.description < $1.description }) {
            let tokens = pointer.tokens
            guard tokens.count == 3, let value = document.value(at: pointer) else { continue }
            var group = components[tokens[1]]?.objectValue ?? [:]
            group[tokens[2]] = value
            components[tokens[1]] = .object(group)
        }
        if !components.isEmpty { out["components"] = .object(components) }
        return .object(out)
    }

    private static func references(in value: JSONValue, _ found: (String) -> Void) {
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                if key == "$ref", case .string(let reference) = member { found(reference) } else { references(in: member, found) }
            }
        case .array(let items): for item in items { references(in: item, found) }
        default: break
        }
    }

    /// `llms.txt` (llmstxt.org): the site's title, a summary, a list of every page of each API with its
    /// description, the OpenAPI documents, and the optional rest.
    func llmsText(pages: [SiteBuilder.Page], copies: Set<String>, baseURL: String, summary: String) -> String {
        var base = baseURL
        if !base.hasSuffix("/") { base += "/" }
        func entry(_ page: SiteBuilder.Page) -> String {
            var description = page.description
            if case .operation(_, let operation, _) = page.kind {
                // The summary is the title already: the endpoint and the first sentence of the description.
                description = "`\(operation.method.uppercased()) \(operation.path)`"
                if let text = operation.value["description"]?.stringValue, !text.isEmpty {
                    let sentence = text.split(separator: "\n").first.map(String.init) ?? text
                    description += " " + (sentence.firstRange(of: ". ").map { String(sentence[..<$0.lowerBound]) + "." } ?? sentence)
                }
            }
            description = description.isEmpty ? "" : ": " + Self.oneLine(description)
            return "- [\(Self.escapeLink(page.title))](\(base)\(Self.path(of: page.path)))\(description)\n"
        }
        var out = "# \(siteTitle)\n\n> \(Self.oneLine(summary))\n\n"
        out += "Every page below is Markdown; `llms-full.txt` has them all in one file.\n\n"
        let general = pages.filter { page in
            guard page.api == nil, copies.contains(page.path) else { return false }
            if case .landing = page.kind { return false }
            return true
        }
        if !general.isEmpty {
            out += "## Guides\n\n"
            for page in general.sorted(by: { ($0.order, $0.path) < ($1.order, $1.path) }) { out += entry(page) }
            out += "\n"
        }
        for (index, api) in apis.enumerated() {
            out += "## \(api.title)\n\n"
            let own = pages.filter { page in
                guard page.api == index else { return false }
                switch page.kind {
                case .schema, .schemas: return false
                default: return true
                }
            }
            let operationOrder = Dictionary(
                SiteBuilder.operationPagePaths(api).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for page in own.sorted(by: { Self.apiOrder($0, operationOrder) < Self.apiOrder($1, operationOrder) }) {
                out += entry(page)
            }
            out += "\n"
        }
        out += "## API specifications\n\n"
        for api in apis {
            for download in api.downloads {
                out += "- [\(api.title) (\(download.name))](\(base)openapi/\(download.name)): the OpenAPI document\n"
            }
        }
        out += "\n## Optional\n\n"
        out += "- [Everything in one file](\(base)llms-full.txt): every page of this site as Markdown\n"
        for index in apis.indices {
            for page in pages where page.api == index {
                if case .schemas = page.kind { out += entry(page) }
            }
        }
        return out
    }

    /// Guides first (by their order), then the overview, then operations in the API's order.
    private static func apiOrder(_ page: SiteBuilder.Page, _ operations: [String: Int]) -> (Int, Int, String) {
        switch page.kind {
        case .apiHome: (0, 0, page.path)
        case .guide: (1, page.order, page.path)
        case .operation: (2, operations[page.path] ?? 0, page.path)
        default: (3, 0, page.path)
        }
    }

    static func oneLine(_ text: String) -> String { SiteBuilder.compact(text, limit: 300) }

    /// `text` without the blank lines and spaces around it (Foundation's trimming bridges every page's text).
    static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
        }
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }

    static func cell(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "|", with: "\\|")
    }

    static func escapeLink(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }

    /// `path` (from the site's root) relative to the folder of the page at `from`.
    static func relative(_ path: String, from: String) -> String {
        var target = path.split(separator: "/").map(String.init)
        var folder = from.split(separator: "/").dropLast().map(String.init)
        while let first = folder.first, target.count > 1, target.first == first {
            folder.removeFirst()
            target.removeFirst()
        }
        return String(repeating: "../", count: folder.count) + target.joined(separator: "/")
    }
}
