/// A rule of `specvalidate diff`: its id and default level.
package struct ChangeRule: Sendable, Hashable {
    package var id: String
    package var level: ChangeLevel

    package init(_ id: String, _ level: ChangeLevel) {
        self.id = id
        self.level = level
    }
}

/// Every rule `specvalidate diff` reports, with its default level. The ids are oasdiff's wherever oasdiff
/// has a rule for the same change, so that ignore and severity files carry over; where oasdiff has a rule
/// for one direction only (a request property's bound, say) the other direction's rule is named the same
/// way, so that request and response rules are symmetric.
package enum RuleCatalog {
    /// A schema change, named after where the schema is (`request-body-`, `response-property-`, …), with
    /// its level in a request and in a response. What a request may carry narrowing is breaking; what a
    /// response may carry widening is.
    package struct SchemaKind: Sendable {
        package var suffix: String
        package var request: ChangeLevel
        package var response: ChangeLevel
    }

    package static let schemaKinds: [SchemaKind] = {
        var kinds: [SchemaKind] = [
            .init(suffix: "type-changed", request: .err, response: .err),
            .init(suffix: "type-generalized", request: .info, response: .err),
            .init(suffix: "type-specialized", request: .err, response: .info),
            .init(suffix: "became-nullable", request: .info, response: .err),
            .init(suffix: "became-not-nullable", request: .err, response: .info),
            .init(suffix: "became-enum", request: .err, response: .info),
            .init(suffix: "enum-value-removed", request: .err, response: .info),
            .init(suffix: "enum-value-added", request: .info, response: .warn),
            .init(suffix: "const-added", request: .err, response: .info),
            .init(suffix: "const-removed", request: .info, response: .err),
            .init(suffix: "const-changed", request: .err, response: .err),
            .init(suffix: "pattern-added", request: .err, response: .info),
            .init(suffix: "pattern-removed", request: .info, response: .err),
            .init(suffix: "pattern-changed", request: .warn, response: .warn),
            .init(suffix: "default-value-added", request: .info, response: .info),
            .init(suffix: "default-value-removed", request: .info, response: .info),
            .init(suffix: "default-value-changed", request: .info, response: .info),
            .init(suffix: "one-of-added", request: .info, response: .err),
            .init(suffix: "one-of-removed", request: .err, response: .info),
            .init(suffix: "any-of-added", request: .info, response: .err),
            .init(suffix: "any-of-removed", request: .err, response: .info),
            .init(suffix: "all-of-added", request: .err, response: .info),
            .init(suffix: "all-of-removed", request: .info, response: .err),
            .init(suffix: "discriminator-added", request: .info, response: .info),
            .init(suffix: "discriminator-removed", request: .info, response: .info),
            .init(suffix: "discriminator-property-name-changed", request: .info, response: .info),
            .init(suffix: "discriminator-mapping-added", request: .info, response: .info),
            .init(suffix: "discriminator-mapping-deleted", request: .info, response: .info),
            .init(suffix: "discriminator-mapping-changed", request: .info, response: .info),
        ]
        // Upper bounds narrow when set or decreased; lower bounds when set or increased.
        for bound in ["max", "exclusive-max", "max-length", "max-items", "max-properties"] {
            kinds += [
                .init(suffix: "\(bound)-set", request: .err, response: .info),
                .init(suffix: "\(bound)-unset", request: .info, response: .err),
                .init(suffix: "\(bound)-decreased", request: .err, response: .info),
                .init(suffix: "\(bound)-increased", request: .info, response: .err),
            ]
        }
        for bound in ["min", "exclusive-min", "min-length", "min-items", "min-properties"] {
            kinds += [
                .init(suffix: "\(bound)-set", request: .err, response: .info),
                .init(suffix: "\(bound)-unset", request: .info, response: .err),
                .init(suffix: "\(bound)-increased", request: .err, response: .info),
                .init(suffix: "\(bound)-decreased", request: .info, response: .err),
            ]
        }
        return kinds
    }()

    /// Where a schema is, as the start of its rules' ids, and whether it is read in a request.
    package static let schemaPrefixes: [(prefix: String, isRequest: Bool)] = [
        ("request-body", true), ("request-property", true), ("request-parameter", true),
        ("request-parameter-property", true), ("response-body", false), ("response-property", false),
        ("response-header", false),
    ]

    /// oasdiff's names where they do not follow the pattern.
    package static let renamed: [String: String] = [
        "response-body-enum-value-removed": "response-mediatype-enum-value-removed"
    ]

    /// oasdiff's levels where they differ from the direction's: a parameter object's property can be sent
    /// in several ways, some of which survive a type change.
    static let levelOverrides: [String: ChangeLevel] = [
        "request-parameter-property-type-changed": .warn
    ]

    static let fixed: [ChangeRule] = [
        // Paths and operations
        .init("endpoint-added", .info),
        .init("api-path-removed-without-deprecation", .err),
        .init("api-path-removed-with-deprecation", .info),
        .init("api-removed-without-deprecation", .err),
        .init("api-removed-with-deprecation", .info),
        .init("endpoint-deprecated", .info),
        .init("endpoint-reactivated", .info),
        .init("api-operation-id-removed", .info),
        .init("api-operation-id-added", .info),
        .init("api-tag-added", .info),
        .init("api-tag-removed", .info),
        .init("webhook-added", .info),
        .init("webhook-removed", .err),
        // Parameters
        .init("new-request-path-parameter", .err),
        .init("new-required-request-parameter", .err),
        .init("new-optional-request-parameter", .info),
        .init("request-parameter-removed", .warn),
        .init("request-parameter-removed-with-deprecation", .info),
        .init("request-parameter-became-required", .err),
        .init("request-parameter-became-optional", .info),
        .init("request-parameter-deprecated", .info),
        .init("request-parameter-reactivated", .info),
        .init("request-parameter-serialization-changed", .err),
        // Request bodies
        .init("request-body-added-required", .err),
        .init("request-body-added-optional", .info),
        .init("request-body-removed", .err),
        .init("request-body-became-required", .err),
        .init("request-body-became-optional", .info),
        .init("request-body-media-type-added", .info),
        .init("request-body-media-type-removed", .err),
        .init("new-required-request-property", .err),
        .init("new-optional-request-property", .info),
        .init("request-property-removed", .warn),
        .init("request-property-became-required", .err),
        .init("request-property-became-optional", .info),
        .init("request-property-deprecated", .info),
        .init("request-property-reactivated", .info),
        // Responses
        .init("response-success-status-added", .info),
        .init("response-success-status-removed", .err),
        .init("response-non-success-status-added", .info),
        .init("response-non-success-status-removed", .info),
        .init("response-media-type-added", .info),
        .init("response-media-type-removed", .err),
        .init("response-required-property-added", .info),
        .init("response-optional-property-added", .info),
        .init("response-required-property-removed", .err),
        .init("response-optional-property-removed", .info),
        .init("response-property-became-optional", .err),
        .init("response-property-became-required", .info),
        .init("response-property-deprecated", .info),
        .init("response-property-reactivated", .info),
        .init("response-header-added", .info),
        .init("required-response-header-removed", .err),
        .init("optional-response-header-removed", .warn),
        .init("response-header-became-optional", .err),
        .init("response-header-became-required", .info),
        // Security
        .init("api-security-added", .info),
        .init("api-security-removed", .err),
        .init("api-security-scope-added", .err),
        .init("api-security-scope-removed", .info),
        .init("api-global-security-added", .info),
        .init("api-global-security-removed", .err),
        .init("api-global-security-scope-added", .err),
        .init("api-global-security-scope-removed", .info),
        .init("api-security-component-added", .info),
        .init("api-security-component-removed", .info),
        .init("api-security-component-type-changed", .info),
        .init("api-security-component-oauth-scope-added", .info),
        .init("api-security-component-oauth-scope-removed", .info),
        // Components and version
        .init("api-schema-removed", .info),
        .init("api-version-not-bumped", .info),
        .init("api-version-decreased", .info),
        .init("api-major-version-not-bumped", .info),
    ]

    /// readOnly and writeOnly: the rule names carry whether the property is required.
    static let mutability: [ChangeRule] = {
        var rules: [ChangeRule] = []
        for direction in ["request", "response"] {
            for requiredness in ["optional", "required"] {
                for change in ["read-only", "not-read-only", "write-only", "not-write-only"] {
                    let id = "\(direction)-\(requiredness)-property-became-\(change)"
                    // A property the client relies on stops being sent.
                    let level: ChangeLevel = id == "response-required-property-became-not-write-only" ? .warn : .info
                    rules.append(.init(id, level))
                }
            }
        }
        return rules
    }()

    /// Every rule, in a stable order.
    package static let all: [ChangeRule] = {
        var rules = fixed + mutability
        for (prefix, isRequest) in schemaPrefixes {
            for kind in schemaKinds {
                if kind.suffix.hasPrefix("became-required") || kind.suffix.hasPrefix("became-optional") { continue }
                let id = schemaID(prefix: prefix, suffix: kind.suffix)
                rules.append(.init(id, levelOverrides[id] ?? (isRequest ? kind.request : kind.response)))
            }
        }
        return rules
    }()

    private static let levels: [String: ChangeLevel] = Dictionary(
        all.map { ($0.id, $0.level) }, uniquingKeysWith: { first, _ in first })

    /// The default level of a rule; nil for an id that is not a rule.
    package static func level(of id: String) -> ChangeLevel? { levels[id] }

    /// `request-property` + `max-decreased`, under oasdiff's name where it differs.
    package static func schemaID(prefix: String, suffix: String) -> String {
        let id = "\(prefix)-\(suffix)"
        return renamed[id] ?? id
    }
}
