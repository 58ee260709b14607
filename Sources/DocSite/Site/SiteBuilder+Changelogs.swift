import Foundation
import JSONCore
import OpenAPIDocument

extension SiteBuilder {
    // MARK: - Changelogs

    /// Each API's changelog: the content page whose front matter lists `changelog:` versions gets the
    /// changes appended; without one, `--changelog` versions make a page `API/changelog.html`.
    func addChangelogs(_ sources: inout [SourcePage], _ diagnostics: inout [Diagnostic]) {
        for api in options.apis {
            let operationPaths = Dictionary(
                zip(api.operations, Self.operationPagePaths(api)).map { ("\($0.method.uppercased()) \($0.path)", $1) },
                uniquingKeysWith: { first, _ in first })
            if let index = sources.firstIndex(where: {
                $0.frontMatter.api == api.id && !$0.frontMatter.changelog.isEmpty
            }) {
                let page = sources[index]
                let changelog = APIChangelog(
                    api: api, versions: page.frontMatter.changelog, file: page.displayPath,
                    line: page.frontMatter.lines["changelog"], diagnostics: &diagnostics)
                let stem = String(page.path.dropLast(3))
                let folder = stem.contains("/") ? String(stem[..<(stem.lastIndex(of: "/") ?? stem.endIndex)]) + "/" : ""
                let name = page.frontMatter.slug ?? String(stem.split(separator: "/").last ?? "")
                sources[index] = page.appendingBody(
                    changelog.markdown(pagePath: folder + name + ".html", operationPaths: operationPaths))
            } else if !options.changelog.isEmpty {
                let changelog = APIChangelog(
                    api: api, versions: options.changelog, file: "--changelog", line: nil, diagnostics: &diagnostics)
                var matter = FrontMatter()
                matter.title = "Changelog"
                matter.description = "What changed in \(api.title), version by version."
                matter.api = api.id
                matter.order = 900
                let intro =
                    "Every change a client can notice, newest first, as `specvalidate diff` finds it between the "
                    + "versions of this API's OpenAPI document. Breaking changes come first in each version.\n"
                sources.append(
                    SourcePage(
                        path: "\(api.id)/changelog.md", displayPath: "--changelog", frontMatter: matter,
                        body: intro
                            + changelog.markdown(pagePath: "\(api.id)/changelog.html", operationPaths: operationPaths),
                        bodyLine: 1))
            }
        }
    }

}
