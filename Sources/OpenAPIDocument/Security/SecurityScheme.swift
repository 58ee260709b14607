import JSONCore

/// A security scheme a requirement names, and where its credential goes in a request: the one place the
/// reference's samples, the conformance run and the mock decide how a request is authenticated.
package struct SecurityScheme: Sendable {
    /// The scheme's name under `components/securitySchemes`.
    package let name: String
    /// The Security Scheme Object, references followed.
    package let value: JSONValue
    /// Where the credential goes; `nil` for one HTTP cannot carry (mutual TLS).
    package let credential: Credential?

    /// Where a credential goes in a request.
    package enum Credential: Sendable, Equatable {
        /// `Authorization: Bearer TOKEN`, or `Basic`.
        case authorization(scheme: String)
        case header(String)
        case query(String)
        case cookie(String)
    }

    package init(name: String, value: JSONValue) {
        self.name = name
        self.value = value
        switch value["type"]?.stringValue {
        case "http":
            let kind = value["scheme"]?.stringValue?.lowercased()
            credential = .authorization(scheme: kind == "basic" ? "Basic" : "Bearer")
        case "apiKey":
            let key = value["name"]?.stringValue ?? name
            switch value["in"]?.stringValue {
            case "query": credential = .query(key)
            case "cookie": credential = .cookie(key)
            default: credential = .header(key)
            }
        case "mutualTLS":
            credential = nil
        default:
            // OAuth 2 and OpenID Connect send bearer tokens.
            credential = .authorization(scheme: "Bearer")
        }
    }

    /// The requirement that applies to `operation` (its own `security`, else the document's): alternatives,
    /// each the schemes that must all be satisfied. An empty alternative (`{}`) means none is needed; an
    /// empty list, that the operation asks for nothing. Names with no scheme are left out.
    package static func requirements(of operation: JSONValue, in document: JSONValue) -> [[SecurityScheme]] {
        guard let alternatives = (operation["security"] ?? document["security"])?.arrayValue else { return [] }
        let schemes = document["components"]?["securitySchemes"]
        return alternatives.compactMap { alternative -> [SecurityScheme]? in
            guard let names = alternative.objectValue?.keys else { return nil }
            return names.compactMap { name in
                guard let raw = schemes?[name] else { return nil }
                let value = LocalReference.resolve(raw, at: JSONPointer(), in: document).value
                return SecurityScheme(name: name, value: value)
            }
        }
    }
}
