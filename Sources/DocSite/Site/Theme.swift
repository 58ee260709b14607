import OpenAPIDocument
import Foundation

/// The templates and static assets pages are rendered with: the built-in theme, with any file of a
/// publisher's `--theme` folder replacing the built-in file of the same name.
///
/// Templates are `*.mustache` files (`layout`, `guide`, `operation`, `schema`, `schemas`, `api`,
/// `landing`, `search`, `404`, and partials such as `schema-row`); everything under `assets/` is copied
/// into the site as it is.
package struct Theme: Sendable {
    let library: TemplateLibrary
    package let assets: [(path: String, data: Data)]

    /// The folder of the built-in theme inside this library's resources.
    package static var builtInDirectory: URL? {
        Bundle.module.url(forResource: "Theme", withExtension: nil)
    }

    package static func load(override: URL?, diagnostics: inout [Diagnostic]) -> Theme? {
        var templates: [String: (text: String, file: String)] = [:]
        var assets: [String: Data] = [:]
        var folders: [URL] = []
        if let builtIn = builtInDirectory {
            folders.append(builtIn)
        } else {
            diagnostics.append(
                Diagnostic(.error, file: "theme", message: "the built-in theme is missing from the installation"))
        }
        if let override {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: override.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                diagnostics.append(
                    Diagnostic(
                        .error, file: override.path, message: "the theme folder does not exist or is not a folder"))
                return nil
            }
            folders.append(override)
        }
        for folder in folders {
            for relative in Files.list(folder) {
                let url = folder.appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    diagnostics.append(Diagnostic(.error, file: url.path, message: "cannot read the theme file"))
                    continue
                }
                if relative.hasSuffix(".mustache") {
                    guard let text = String(data: data, encoding: .utf8) else {
                        diagnostics.append(Diagnostic(.error, file: url.path, message: "the template is not UTF-8"))
                        continue
                    }
                    templates[String(relative.dropLast(".mustache".count))] = (text, url.path)
                } else if relative.hasPrefix("assets/") {
                    assets[relative] = data
                }
            }
        }
        var library = TemplateLibrary()
        var failed = false
        for name in templates.keys.sorted() {
            guard let template = templates[name] else { continue }
            do {
                try library.register(template.text, named: name)
            } catch {
                failed = true
                diagnostics.append(
                    Diagnostic(
                        .error, file: template.file, line: error.line,
                        message: "the template does not parse: \(error.message)"))
            }
        }
        for required in ["layout", "guide", "operation", "schema", "schemas", "api", "landing", "search", "404"]
        where templates[required] == nil {
            failed = true
            diagnostics.append(
                Diagnostic(.error, file: "theme", message: "the theme has no '\(required).mustache' template"))
        }
        if failed { return nil }
        return Theme(library: library, assets: assets.keys.sorted().compactMap { key in assets[key].map { (key, $0) } })
    }

    func render(_ template: String, _ object: any TemplateObject) -> String {
        library.render(template, object)
    }
}

/// Listing files under a folder, sorted, with `/`-separated relative paths; hidden files skipped.
enum Files {
    static func list(_ root: URL) -> [String] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let base = root.standardizedFileURL.path
        var out: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var path = url.standardizedFileURL.path
            guard path.hasPrefix(base) else { continue }
            path.removeFirst(base.count)
            while path.hasPrefix("/") { path.removeFirst() }
            out.append(path)
        }
        return out.sorted()
    }
}
