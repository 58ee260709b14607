import Foundation
import JSONCore
import OpenAPIDocument

/// An OpenAPI 3.0 or 3.1 document, read as plain JSON for rendering: operations in the order a reader
/// wants them (by tag, as the document lists its tags), local `$ref`s followed, nothing rejected that
/// a reader could still use.
package struct APIDocument: Sendable {
    /// `agentscode`: the folder of its pages and the value of `api:` in front matter.
    package let id: String
    package let document: JSONValue
    /// Downloads published beside the pages: file name and contents.
    package let downloads: [(name: String, contents: String)]

    /// Every operation and webhook, grouped by tag: tags in the order of the document's `tags` list, then in
    /// order of first use; untagged operations last under "Other", untagged webhooks under "Webhooks".
    /// Computed once.
    package let operations: [Operation]

    /// The files the document was read from (empty for one built in memory).
    package let sources: [URL]

    /// Where the document's file is in the repository, for reading earlier versions with git (a changelog's
    /// `git:REV`): the published file for a built-in API, the `--spec` file for another.
    package var repositoryPath: String?

    package init(
        id: String, document: JSONValue, downloads: [(name: String, contents: String)], sources: [URL] = []
    ) {
        self.id = id
        self.document = document
        self.downloads = downloads
        self.sources = sources
        self.operations = APIDocument.operations(of: document)
    }

    /// An API from its published files (`agentscode.openapi.yaml`, `agentscode.openapi.json`): the JSON one
    /// is rendered, both are offered as downloads.
    package init(id: String, publishedFiles: [(name: String, contents: String)]) throws(JSONParseError) {
        let json = publishedFiles.first { $0.name.hasSuffix(".json") }?.contents ?? "{}"
        self.init(id: id, document: try JSONParser().parse(Array(json.utf8)), downloads: publishedFiles)
    }

    /// A folder name for an API: lowercase letters, digits and hyphens.
    package static func slug(_ text: String) -> String { Slug.make(text, fallback: "api") }

    package var title: String { document["info"]?["title"]?.stringValue ?? id }
    package var version: String? { document["info"]?["version"]?.stringValue }
    package var summary: String? {
        document["info"]?["summary"]?.stringValue ?? document["info"]?["description"]?.stringValue.map(firstParagraph)
    }
    package var descriptionMarkdown: String? { document["info"]?["description"]?.stringValue }

    /// The first server's URL with its variables replaced by their defaults.
    package var serverURL: String { server ?? Self.serverPlaceholder }

    /// The first server's URL, or `nil` when the document names none (then requests go to wherever the
    /// document is served from, and the pages say so instead of inventing a host).
    package var server: String? { Server.all(in: document).first?.url }

    /// What samples use for a document without servers: a placeholder the reader replaces, like the key's.
    package static let serverPlaceholder = "https://YOUR_SERVER"

    package typealias Operation = APIOperation

    /// Operations grouped by tag: tags in the order of the document's `tags` list, then in order of first
    /// use, "Other" (untagged) last; document order inside each tag.
    private static func operations(of document: JSONValue) -> [Operation] {
        // The webhooks (3.1) after the paths: pages of their own, under "Webhooks" unless tagged.
        let list = APIOperation.all(in: document) + APIOperation.webhooks(in: document)
        var order: [String: Int] = [:]
        for tag in document["tags"]?.arrayValue ?? [] {
            if let name = tag["name"]?.stringValue, order[name] == nil { order[name] = order.count }
        }
        for operation in list where order[operation.tag] == nil && operation.tag != "Other" {
            order[operation.tag] = order.count
        }
        order["Other"] = order.count
        return list.enumerated().sorted { a, b in
            let ta = order[a.element.tag] ?? Int.max
            let tb = order[b.element.tag] ?? Int.max
            return ta != tb ? ta < tb : a.offset < b.offset
        }.map(\.element)
    }

    /// The description of a tag from the document's `tags` list.
    package func tagDescription(_ name: String) -> String? {
        document["tags"]?.arrayValue?.first { $0["name"]?.stringValue == name }?["description"]?.stringValue
    }

    /// Component schemas by name, in document order.
    package var schemas: [(name: String, schema: JSONValue)] {
        guard case .object(let schemas)? = document["components"]?["schemas"] else { return [] }
        return schemas.members.map { ($0.key, $0.value) }
    }

    /// Follows local `$ref`s and returns what they point at.
    package func resolve(_ value: JSONValue) -> JSONValue {
        LocalReference.resolve(value, at: JSONPointer(), in: document).0
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
    /// A short literal for tables: strings quoted, the rest as compact JSON.
    var literal: String { compactJSON() }
}
