import JSONCore
import OpenAPIDocument
import Testing

@testable import SpecDiff

/// What a team decides about the rules: levels, accepted changes, and the version a breaking change needs.
struct DiffPolicyTests {
    /// The fixture with its `maximum` lowered (breaking) and a query parameter added (not), at `version`.
    static func pair(version: String = "1.0.0") throws -> (SpecDocument, SpecDocument) {
        let (base, revision, _) = try DiffRuleTests.apply([
            .rev("/paths/~1pets/get/parameters/0/schema/maximum", "50"),
            .rev("/paths/~1pets/get/parameters/-", ##"{"name": "q", "in": "query", "schema": {"type": "string"}}"##),
            .rev("/info/version", "\"\(version)\""),
        ])
        return (base, revision)
    }

    @Test func severityFileChangesLevelsAndTurnsRulesOff() throws {
        let (base, revision) = try Self.pair(version: "2.0.0")
        var policy = DiffPolicy()
        try policy.readSeverities(
            "# accepted for now\nrequest-parameter-max-decreased warn\nnew-optional-request-parameter: none\n",
            file: "levels.txt")
        let changes = policy.apply(DocumentDiff.changes(from: base, to: revision), base: base, revision: revision)
        #expect(changes.map { "\($0.level) \($0.id)" } == ["WARN request-parameter-max-decreased"])
    }

    @Test func severityFileErrorsNameTheLine() {
        var policy = DiffPolicy()
        #expect(throws: Diagnostic.self) { try policy.readSeverities("no-such-rule err\n", file: "levels.txt") }
        do {
            try policy.readSeverities("\nrequest-parameter-max-decreased fatal\n", file: "levels.txt")
            Issue.record("an unknown level was accepted")
        } catch {
            #expect(error.file == "levels.txt")
            #expect(error.line == 2)
            #expect(error.message == "unknown level 'fatal': expected err, warn, info or none")
        }
        // A file saved with Windows line ends: the same lines (it was one line when split on characters).
        do {
            try policy.readSeverities("# levels\r\nrequest-parameter-max-decreased fatal\r\n", file: "levels.txt")
            Issue.record("an unknown level was accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.message == "unknown level 'fatal': expected err, warn, info or none")
        }
    }

    @Test func ignoreFileAcceptsFingerprintsAndOperationRules() throws {
        let (base, revision) = try Self.pair(version: "2.0.0")
        let changes = DocumentDiff.changes(from: base, to: revision)
        let breaking = try #require(changes.first { $0.id == "request-parameter-max-decreased" })
        var byFingerprint = DiffPolicy()
        try byFingerprint.readIgnores("\(breaking.fingerprint)  # agreed with the mobile team\n", file: "ignore.txt")
        #expect(
            byFingerprint.apply(changes, base: base, revision: revision).map(\.id) == ["new-optional-request-parameter"]
        )
        var byRule = DiffPolicy()
        try byRule.readIgnores("get /pets new-optional-request-parameter\n", file: "ignore.txt")
        #expect(byRule.apply(changes, base: base, revision: revision).map(\.id) == ["request-parameter-max-decreased"])
        var bad = DiffPolicy()
        #expect(throws: Diagnostic.self) { try bad.readIgnores("GET pets\n", file: "ignore.txt") }
    }

    /// The fingerprint names the rule, operation and subject, not lines: edits elsewhere keep it.
    @Test func fingerprintSurvivesUnrelatedEdits() throws {
        let (base, revision) = try Self.pair()
        let (_, moved, _) = try DiffRuleTests.apply([
            .rev("/paths/~1pets/get/parameters/0/schema/maximum", "50"),
            .rev("/paths/~1pets/get/parameters/-", ##"{"name": "q", "in": "query", "schema": {"type": "string"}}"##),
            .rev("/info/description", ##""A much longer\ndescription\nthat moves every line below it.""##),
        ])
        let first = DocumentDiff.changes(from: base, to: revision).map(\.fingerprint)
        let second = DocumentDiff.changes(from: base, to: moved).map(\.fingerprint)
        #expect(first == second)
        #expect(Set(first).count == first.count)
    }

    @Test(arguments: [
        ("1.0.0", "api-version-not-bumped"), ("0.9.0", "api-version-decreased"),
        ("1.1.0", "api-major-version-not-bumped"), ("2.0.0", nil),
    ])
    func breakingChangeNeedsAMajorVersion(_ version: String, _ expected: String?) throws {
        let (base, revision) = try Self.pair(version: version)
        var policy = DiffPolicy()
        let changes = DocumentDiff.changes(from: base, to: revision)
        let quiet = policy.apply(changes, base: base, revision: revision).filter { $0.id.hasPrefix("api-") }
        #expect(quiet.map(\.id) == (expected.map { [$0] } ?? []))
        #expect(quiet.allSatisfy { $0.level == .info })
        policy.checkVersion = true
        let checked = policy.apply(changes, base: base, revision: revision).filter { $0.id.hasPrefix("api-") }
        #expect(checked.map { "\($0.level) \($0.id)" } == (expected.map { ["ERR \($0)"] } ?? []))
        if let version = checked.first {
            #expect(version.base?.pointer == "/info/version")
            #expect(version.revision?.location?.line == 4)
        }
    }

    @Test func belowOneTheMinorVersionIsTheBreakingOne() {
        #expect(DiffPolicy.semver("v0.3.1-beta") == [0, 3, 1])
        #expect(DiffPolicy.semver("2024-06-01") == nil)
        #expect(DiffPolicy.semver("latest") == nil)
    }

    @Test func everyRuleHasOneLevelAndOasdiffsLevelsWhereItHasTheRule() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        // A sample of oasdiff's rules and default levels (checker/rules.go).
        let oasdiff: [(String, ChangeLevel)] = [
            ("api-path-removed-without-deprecation", .err), ("api-removed-with-deprecation", .info),
            ("endpoint-added", .info), ("new-required-request-parameter", .err),
            ("request-parameter-removed", .warn), ("request-parameter-enum-value-removed", .err),
            ("request-parameter-max-length-set", .err), ("request-parameter-pattern-changed", .warn),
            ("request-body-became-required", .err), ("request-body-media-type-removed", .err),
            ("new-required-request-property", .err), ("request-property-removed", .warn),
            ("request-property-became-nullable", .info), ("request-property-one-of-removed", .err),
            ("request-body-all-of-added", .err), ("response-success-status-removed", .err),
            ("response-non-success-status-removed", .info), ("response-media-type-removed", .err),
            ("response-required-property-removed", .err), ("response-optional-property-removed", .info),
            ("response-property-became-optional", .err), ("response-property-enum-value-added", .warn),
            ("response-property-one-of-added", .err), ("response-property-any-of-added", .err),
            ("response-header-became-optional", .err), ("required-response-header-removed", .err),
            ("optional-response-header-removed", .warn), ("api-security-removed", .err),
            ("api-security-scope-added", .err), ("api-global-security-removed", .err),
            ("response-mediatype-enum-value-removed", .info), ("request-parameter-property-type-changed", .warn),
            ("response-property-max-length-unset", .err), ("response-property-min-items-decreased", .err),
        ]
        for (id, level) in oasdiff { #expect(RuleCatalog.level(of: id) == level, "\(id)") }
    }
}
