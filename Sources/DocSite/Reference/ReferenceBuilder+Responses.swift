import JSONCore
import OpenAPIDocument

/// An operation's responses as views, and the grouping of error answers that share one body.
extension ReferenceBuilder {
    /// The responses of an operation (or a callback's), in document order.
    func responses(of value: JSONValue, schemas: inout SchemaRenderer) -> [ResponseView] {
        var views: [ResponseView] = []
        for (status, raw) in value["responses"]?.objectValue?.members ?? [] {
            let response = api.resolve(raw)
            var responseView = ResponseView()
            responseView.status = status
            responseView.statusClass = status.first.map { "s\($0)xx" } ?? "sdefault"
            if status == "default" { responseView.statusClass = "sdefault" }
            responseView.anchor = "response-\(Slug.make(status))"
            responseView.descriptionHTML = markdown.html(response["description"]?.stringValue ?? "")
            for (name, rawHeader) in response["headers"]?.objectValue?.members ?? [] {
                let header = api.resolve(rawHeader)
                var headerView = HeaderView()
                headerView.name = name
                headerView.required = header["required"]?.boolValue == true
                if let schema = header["schema"] {
                    headerView.typeHTML = schemas.rows(for: schema).typeHTML
                }
                if let description = header["description"]?.stringValue, !description.isEmpty {
                    headerView.descriptionHTML = markdown.html(description)
                    headerView.hasDescription = true
                }
                responseView.headers.append(headerView)
            }
            responseView.hasHeaders = !responseView.headers.isEmpty
            for (name, rawLink) in response["links"]?.objectValue?.members ?? [] {
                responseView.links.append(linkView(name: name, link: api.resolve(rawLink)))
            }
            responseView.hasLinks = !responseView.links.isEmpty
            responseView.media = media(response["content"], direction: .response, schemas: &schemas)
            responseView.hasMedia = !responseView.media.isEmpty
            if !responseView.hasHeaders, !responseView.hasLinks, case .object(let content)? = response["content"],
                !content.isEmpty
            {
                responseView.groupKey = content.members.map { "\($0.key)=\($0.value["schema"]?.compactJSON() ?? "")" }
                    .joined(separator: ";")
                let schema = content.members.first?.value["schema"] ?? [:]
                responseView.bodySummary = schemas.rows(for: schema).typeHTML
            }
            views.append(responseView)
        }
        return views
    }

    /// Error responses (not 2xx) that answer with the same body, two or more, as one group in the place of
    /// the first: nine statuses that each repeat the `Error` schema become one list and one folded body.
    static func grouped(_ responses: [ResponseView]) -> [ResponseView] {
        var counts: [String: Int] = [:]
        for response in responses where !response.status.hasPrefix("2") {
            if let key = response.groupKey { counts[key, default: 0] += 1 }
        }
        var out: [ResponseView] = []
        var groupAt: [String: Int] = [:]
        for response in responses {
            guard !response.status.hasPrefix("2"), let key = response.groupKey, counts[key, default: 0] >= 2 else {
                out.append(response)
                continue
            }
            let member = ResponseMember(
                status: response.status, statusClass: response.statusClass, anchor: response.anchor,
                descriptionHTML: response.descriptionHTML)
            if let at = groupAt[key] {
                out[at].members.append(member)
                out[at].status += ", " + response.status
                continue
            }
            var group = response
            group.isGroup = true
            group.members = [member]
            group.anchor = "responses-\(Slug.make(response.status))-group"
            group.statusClass = "sgroup"
            groupAt[key] = out.count
            out.append(group)
        }
        return out
    }
}
