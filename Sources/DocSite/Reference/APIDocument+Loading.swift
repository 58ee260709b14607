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
