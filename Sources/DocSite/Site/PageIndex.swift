import Foundation
import JSONCore
import OpenAPIDocument

extension PageRenderer {
    /// Lookups every page needs, computed once per build rather than once per page.
    struct PageIndex {
        var schemas: [String: String] = [:]
        var operations: [String: String] = [:]
        var operationPages: [[SiteBuilder.Page]]
        var guides: [Int: [SiteBuilder.Page]] = [:]
        var generalGuides: [SiteBuilder.Page] = []
        var homes: [Int: SiteBuilder.Page] = [:]
        var schemasIndex: [Int: SiteBuilder.Page] = [:]
        var landing: [SiteBuilder.Page] = []
        /// General guides grouped by their top folder: the root's pages (landing first), then one section
        /// per folder, each ordered by `order` and title. The sidebar shows them as groups.
        var guideSections: [GuideSection] = []
        /// Previous/next order: general pages, and each API's pages (home, guides, operations); with
        /// every page's position, so a page finds its neighbours without a scan.
        var generalLinear: [SiteBuilder.Page] = []
        var apiLinear: [Int: [SiteBuilder.Page]] = [:]
        var linearPosition: [String: Int] = [:]
        /// Each API's operations by tag, in the document's order, as the sidebar lists them.
        var apiTags: [Int: [TagNav]] = [:]

        struct TagNav {
            var name: String
            var items: [(title: String, path: String, method: String, deprecated: Bool)] = []
        }
        /// "api/Schema" → the operations whose definition refers to that component schema directly.
        var schemaUsers: [String: [APIDocument.Operation]] = [:]

        init(pages: [SiteBuilder.Page], apis: [APIDocument]) {
            operationPages = Array(repeating: [], count: apis.count)
            for page in pages {
                switch page.kind {
                case .schema(let i, let name, _): schemas["\(i)/\(name)"] = page.path
                case .operation(let i, let operation, _):
                    operations["\(i)/\(operation.id)"] = page.path
                    operationPages[i].append(page)
                case .guide:
                    if let api = page.api { guides[api, default: []].append(page) } else { generalGuides.append(page) }
                case .apiHome(let i, _): homes[i] = page
                case .schemas(let i): schemasIndex[i] = page
                case .landing: landing.append(page)
                default: break
                }
            }
            let order = { (a: SiteBuilder.Page, b: SiteBuilder.Page) in
                (a.order, a.title, a.path) < (b.order, b.title, b.path)
            }
            for (i, api) in apis.enumerated() {
                for operation in api.operations {
                    for name in Self.schemaReferences(in: operation.value) {
                        schemaUsers["\(i)/\(name)", default: []].append(operation)
                    }
                }
            }
            for key in guides.keys { guides[key]?.sort(by: order) }
            generalGuides.sort(by: order)
            // The plan listed operations in the document's tag order; pages were sorted by path since.
            for (i, api) in apis.enumerated() {
                let position = Dictionary(
                    api.operations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
                operationPages[i].sort { a, b in
                    guard case .operation(_, let x, _) = a.kind, case .operation(_, let y, _) = b.kind else {
                        return false
                    }
                    return (position[x.id] ?? 0) < (position[y.id] ?? 0)
                }
            }
            for i in apis.indices {
                var tags: [TagNav] = []
                var position: [String: Int] = [:]
                for p in operationPages[i] {
                    guard case .operation(_, let operation, _) = p.kind else { continue }
                    let n = position[operation.tag] ?? tags.count
                    if n == tags.count {
                        position[operation.tag] = n
                        tags.append(TagNav(name: operation.tag))
                    }
                    tags[n].items.append(
                        (
                            p.navTitle, p.path, operation.method.uppercased(),
                            operation.value["deprecated"]?.boolValue == true
                        ))
                }
                apiTags[i] = tags
            }
            guideSections = Self.sections(landing: landing, guides: generalGuides, order: order)
            generalLinear = guideSections.flatMap(\.pages)
            for (i, page) in generalLinear.enumerated() { linearPosition[page.path] = i }
            for i in apis.indices {
                let linear = (homes[i].map { [$0] } ?? []) + (guides[i] ?? []) + operationPages[i]
                apiLinear[i] = linear
                for (n, page) in linear.enumerated() { linearPosition[page.path] = n }
            }
        }

        struct GuideSection {
            var folder: String
            var title: String
            var pages: [SiteBuilder.Page]
        }

        static func sections(
            landing: [SiteBuilder.Page], guides: [SiteBuilder.Page],
            order: (SiteBuilder.Page, SiteBuilder.Page) -> Bool
        ) -> [GuideSection] {
            var root = GuideSection(folder: "", title: "Guides", pages: landing)
            var folders: [String: [SiteBuilder.Page]] = [:]
            for page in guides {
                guard let slash = page.path.firstIndex(of: "/") else {
                    root.pages.append(page)
                    continue
                }
                folders[String(page.path[..<slash]), default: []].append(page)
            }
            var sections: [(key: (Int, String), section: GuideSection)] = []
            for (folder, pages) in folders {
                let index = pages.first { $0.path == folder + "/index.html" }
                let title = index?.navTitle ?? Slug.humanize(folder)
                // The folder's index page opens its section; the rest keep their order.
                let ordered =
                    (index.map { [$0] } ?? []) + pages.filter { $0.path != folder + "/index.html" }.sorted(by: order)
                sections.append(
                    ((index?.order ?? 1000, folder), GuideSection(folder: folder, title: title, pages: ordered)))
            }
            sections.sort { $0.key < $1.key }
            return (root.pages.isEmpty ? [] : [root]) + sections.map(\.section)
        }
    }
}

extension PageRenderer.PageIndex {
    /// The component schemas `value` refers to with `$ref`, each once, in order of first reference.
    static func schemaReferences(in value: JSONValue) -> [String] {
        var names: [String] = []
        var stack = [value]
        while let next = stack.popLast() {
            switch next {
            case .object(let object):
                if let reference = object["$ref"]?.stringValue, let name = APIDocument.componentSchemaName(reference),
                    !names.contains(name)
                {
                    names.append(name)
                }
                stack.append(contentsOf: object.members.map(\.value))
            case .array(let items): stack.append(contentsOf: items)
            default: break
            }
        }
        return names
    }
}
