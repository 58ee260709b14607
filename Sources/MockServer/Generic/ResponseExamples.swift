import JSONCore
import OpenAPIDocument
import Synchronization

/// Answer bodies made from response schemas, each made once: a value made from a schema depends on the
/// schema and the document only, and making one (with the `oneOf` checks that prune it) cost the generic
/// mock more than the rest of an answer. Bounded by the document: its schemas are the only keys.
package final class ResponseExamples: Sendable {
    let synthesizer: ExampleSynthesizer
    /// What the values are checked with (a documented example too, before it is sent).
    let checker: SchemaChecker
    private let made = Mutex<[JSONValue: JSONValue]>([:])

    init(document: JSONValue, checker: SchemaChecker) {
        self.checker = checker
        synthesizer = ExampleSynthesizer(document: document, direction: .response, checker: checker)
    }

    /// The value `ExampleSynthesizer` makes for `schema`, from the second time on without making it again.
    package func example(for schema: JSONValue) -> JSONValue {
        if let known = made.withLock({ $0[schema] }) { return known }
        let value = synthesizer.example(for: schema)
        made.withLock { $0[schema] = value }
        return value
    }
}
