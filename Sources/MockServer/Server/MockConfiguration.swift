import OpenAPIDocument
import JSONCore
import JSONSchema

/// How `specvalidate mock` is set up.
package struct MockConfiguration: Sendable {
    /// The key that works when no `--api-key` is given.
    package static let defaultKey = "sk_test_mock"

    /// API keys, each its own account. Empty: `defaultKey` alone (or, for a generic spec, any credential).
    package var apiKeys: [String] = []
    /// How long an AgentsCode run takes from `queued` to its final status, in seconds.
    package var jobDuration: Double = 5
    package var rateLimit: RateLimit?
    /// Seeds the generated ids (job UUIDs, history ids), so that two runs answer the same ids.
    package var seed: UInt64 = 0
    /// The credits each account starts with.
    package var credits: Int = 100
    /// A SQLite database that keeps the state across restarts; nil keeps it in memory.
    package var statePath: String?
    package var clock: MockClock = .system

    package init() {}
}
