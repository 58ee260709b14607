import Foundation
import JSONCore
import OpenAPIDocument

/// The navigation around a page: the sidebar's groups, previous and next, and an API's home context.
extension PageRenderer {
    func schemaPath(api: Int, name: String) -> String {
        index.schemas["\(api)/\(name)"] ?? "\(options.apis[api].id)/schemas/index.html"
    }

    func operationPath(api: Int, id: String) -> String {
        index.operations["\(api)/\(id)"] ?? "\(options.apis[api].id)/index.html"
    }

    private func guides(api: Int) -> [SiteBuilder.Page] { index.guides[api] ?? [] }

    private func operations(api: Int) -> [SiteBuilder.Page] { index.operationPages[api] }

    /// The pages a reader steps through with previous/next: the section's navigation, flattened.
    func linearOrder(for page: SiteBuilder.Page) -> [SiteBuilder.Page] {
        guard let api = page.api else {
            switch page.kind {
            case .search, .notFound: return []
            default: return index.generalLinear
            }
        }
        return index.apiLinear[api] ?? []
    }

    func navigation(for page: SiteBuilder.Page, root: String) -> [NavGroup] {
        func link(_ p: SiteBuilder.Page) -> NavLink {
            var link = NavLink(title: p.navTitle, url: root + p.path, current: p.path == page.path)
            if case .operation(_, let operation, _) = p.kind {
                link.method = operation.method.uppercased()
                link.hasMethod = true
                link.deprecated = operation.value["deprecated"]?.boolValue == true
            }
            return link
        }
        guard let api = page.api else {
            // Large sites list every section but expand only the current one, so each page stays small.
            let expandAll = index.generalLinear.count <= 60
            let currentFolder = page.path.firstIndex(of: "/").map { String(page.path[..<$0]) } ?? ""
            var groups: [NavGroup] = index.guideSections.map { section in
                let isCurrent = !section.folder.isEmpty && section.folder == currentFolder
                var group = NavGroup(
                    title: section.title, open: expandAll || isCurrent || section.folder.isEmpty, current: isCurrent)
                group.links = group.open ? section.pages.map(link) : []
                if !group.open, let first = section.pages.first {
                    group.url = root + first.path
                    group.hasURL = true
                }
                return group
            }
            let homes = index.homes.sorted { $0.key < $1.key }.map(\.value)
            if !homes.isEmpty {
                groups.append(
                    NavGroup(
                        title: "APIs",
                        links: homes.map {
                            NavLink(title: $0.api.map { options.apis[$0].title } ?? $0.title, url: root + $0.path)
                        }))
            }
            return groups
        }
        let home = index.homes[api].map { [$0] } ?? []
        var groups = [NavGroup(title: "Guides", links: (home + guides(api: api)).map(link))]
        let tags = index.apiTags[api] ?? []
        // Large documents list every tag but expand only the current one, so each page stays small.
        let expandAll = index.operationPages[api].count <= 60
        var currentTag: String?
        if case .operation(_, let operation, _) = page.kind { currentTag = operation.tag }
        for tag in tags {
            let isCurrent = tag.name == currentTag
            var group = NavGroup(title: tag.name, open: expandAll || isCurrent, current: isCurrent)
            if group.open {
                group.links = tag.items.map { item in
                    NavLink(
                        title: item.title, url: root + item.path, current: item.path == page.path,
                        method: item.method, hasMethod: true, deprecated: item.deprecated)
                }
            } else if let first = tag.items.first {
                group.url = root + first.path
                group.hasURL = true
            }
            groups.append(group)
        }
        if let schemasIndex = index.schemasIndex[api] {
            var current = false
            if case .schemas = page.kind { current = true }
            if case .schema = page.kind { current = true }
            groups.append(
                NavGroup(
                    title: "Schemas",
                    links: [NavLink(title: "All schemas", url: root + schemasIndex.path, current: current)]))
        }
        return groups
    }

    func apiContext(api: APIDocument, index: Int, html: String, root: String, title: String) -> APIContext {
        var tags: [TagContext] = []
        for p in operations(api: index) {
            guard case .operation(_, let operation, _) = p.kind else { continue }
            if tags.last?.name != operation.tag {
                tags.append(
                    TagContext(
                        name: operation.tag,
                        descriptionHTML: api.tagDescription(operation.tag).map { markdown.html($0) } ?? ""))
            }
            tags[tags.count - 1].operations.append(
                OperationLink(
                    title: p.navTitle, url: root + p.path, method: operation.method.uppercased(),
                    path: operation.path, deprecated: operation.value["deprecated"]?.boolValue == true))
        }
        let guides = guides(api: index).map { NavLink(title: $0.navTitle, url: root + $0.path) }
        var context = APIContext(
            title: title, html: html, version: api.version ?? "", hasVersion: api.version != nil,
            server: api.server ?? "", hasServer: api.server != nil, guides: guides, hasGuides: !guides.isEmpty,
            tags: tags,
            downloads: api.downloads.map { NavLink(title: $0.name, url: root + "openapi/\($0.name)") },
            schemasURL: root + "\(api.id)/schemas/index.html")
        context.authentication = ReferenceBuilder(api: api).foldedSecuritySchemes()
        context.hasAuthentication = !context.authentication.isEmpty
        return context
    }
}
