import Foundation
import JSONCore
import OpenAPIDocument

// MARK: - Loading

extension APIDocument {
    /// The APIs of OpenAPI documents given by path, each read whole (every file its references name), with
    /// ids made from their file names (`shop.openapi.yaml` → `shop`, then `shop-2`). A document that cannot
    /// be read, is not OpenAPI 3.x, or has references that cannot be followed is a diagnostic, located.
    package static func load(specs paths: [String], referenceRoot: URL? = nil) -> (
        apis: [APIDocument], diagnostics: [Diagnostic]
    ) {
        var apis: [APIDocument] = []
        var diagnostics: [Diagnostic] = []
        var used: Set<String> = []
        for path in paths {
            let document: SpecDocument
            do {
                document = try SpecDocument.load(path: path, options: .init(referenceRoot: referenceRoot))
            } catch {
                diagnostics.append(error)
                continue
            }
            diagnostics += document.diagnostics
            diagnostics += markdownRefusals(in: document)
            guard case .string(let version)? = document.value["openapi"], version.hasPrefix("3.") else {
                diagnostics.append(
                    document.locate(
                        Diagnostic(
                            .error, file: nil, pointer: "/openapi",
                            message: "not an OpenAPI 3.0 or 3.1 document: 'openapi' must be a version such as \"3.1.0\""
                        )))
                continue
            }
            let fileName = URL(fileURLWithPath: path).lastPathComponent
            var stem = fileName
            for suffix in [".json", ".yaml", ".yml", ".openapi"] where stem.hasSuffix(suffix) {
                stem.removeLast(suffix.count)
            }
            // The site's own folders are not API ids: `openapi.yaml` is the `openapi-api`.
            var base = slug(stem)
            if ["openapi", "assets", "search", "index"].contains(base) { base += "-api" }
            var id = base
            var n = 2
            while used.contains(id) {
                id = base + "-\(n)"
                n += 1
            }
            used.insert(id)
            apis.append(
                APIDocument(
                    id: id, document: document.value, downloads: downloads(of: document, id: id),
                    sources: document.files.map(\.url)))
        }
        return (apis, diagnostics)
    }

    /// Every `description` too costly to render (see `MarkdownBudget`), located in its file: refused before
    /// any page is rendered.
    static func markdownRefusals(in document: SpecDocument) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var stack: [(JSONValue, JSONPointer)] = [(document.value, JSONPointer())]
        while let (value, pointer) = stack.popLast() {
            switch value {
            case .object(let object):
                if case .string(let text)? = object["description"], let refusal = MarkdownBudget.check(text) {
                    found.append(
                        document.locate(
                            Diagnostic(
                                severity: .error, rule: "markdown-budget",
                                pointer: pointer.appending("description").description,
                                message: "description, line \(refusal.line): \(refusal.message)")))
                }
                for (key, child) in object.members
                where !["example", "examples", "default", "enum", "const"].contains(key) {
                    stack.append((child, pointer.appending(key)))
                }
            case .array(let items):
                for (index, item) in items.enumerated() { stack.append((item, pointer.appending(index))) }
            default:
                break
            }
        }
        return found.sorted { ($0.file ?? "", $0.line ?? 0) < ($1.file ?? "", $1.line ?? 0) }
    }

    /// The document as its readers download it: the file as written and its JSON form; for a document
    /// split over files, the bundled YAML and JSON, which stand alone.
    private static func downloads(of document: SpecDocument, id: String) -> [(name: String, contents: String)] {
        let isJSON = document.entry.name.hasSuffix(".json")
        let original =
            document.isMultiFile
            ? nil : (try? String(contentsOf: document.entry.url, encoding: .utf8))
        var downloads: [(name: String, contents: String)] = []
        if isJSON {
            downloads.append(("\(id).json", original ?? document.value.prettyJSON()))
        } else {
            downloads.append(("\(id).yaml", original ?? document.value.yaml()))
            downloads.append(("\(id).json", document.value.prettyJSON()))
        }
        return downloads
    }
}
