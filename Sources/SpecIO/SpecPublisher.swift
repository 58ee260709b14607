import JSONCore
import SpecModel

/// The published files of a set of APIs: `<id>.openapi.yaml` and `<id>.openapi.json` for each.
package enum SpecPublisher {
    /// Where `scripts/build.sh` publishes an API's YAML document in this repository (`site/openapi/`), which
    /// is where its earlier versions are read from git for a changelog.
    package static func repositoryPath(of id: String) -> String { "site/openapi/\(id).openapi.yaml" }

    package static func files(for apis: [APIDescription]) throws -> [SpecFile] {
        try apis.flatMap { api in
            let value = try SpecSerializer.jsonValue(of: api.document)
            return [
                SpecFile(name: "\(api.id).openapi.yaml", contents: value.yaml()),
                SpecFile(name: "\(api.id).openapi.json", contents: value.prettyJSON()),
            ]
        }
    }
}
