import Dispatch
import Foundation
import JSONCore

/// A compiled schema: validate any number of instances, from any number of threads.
public struct Validator: Sendable {
    let root: SchemaNode
    let dynamicAnchors: [Int: [String: SchemaNode]]
    /// Keeps the node graph alive for as long as the validator is.
    let arena: NodeArena

    /// Whether `instance` conforms. Stops at the first failure; much faster than `validate` on bad data.
    public func isValid(_ instance: JSONValue) -> Bool {
        var evaluator = Evaluator(dynamicAnchors: dynamicAnchors, recording: false)
        var scratch = Evaluated()
        return evaluator.eval(root, instance, &scratch, collect: false)
    }

    /// Every error in `instance`, in instance order; empty when it conforms.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        if isValid(instance) { return [] }
        var evaluator = Evaluator(dynamicAnchors: dynamicAnchors, recording: true)
        var scratch = Evaluated()
        _ = evaluator.eval(root, instance, &scratch, collect: false)
        return evaluator.errors
    }
}

// MARK: - Many instances

extension Validator {
    /// Parses and validates each of `lines` on every core, returning the outcomes in order: the errors
    /// (empty when valid), or why the line is not JSON.
    public func validate(lines: [[UInt8]], parser: JSONParser = JSONParser()) -> [Result<
        [ValidationError], JSONParseError
    >] {
        Self.validate(lines: lines, using: [self], parser: parser)
    }

    /// The cores in use for `validate(lines:using:)`.
    public static var cores: Int { ProcessInfoCores.count }

    /// `validate(lines:)` with one validator per worker: compiled separately, they share no node graph,
    /// so the workers do not contend for the same reference counts (which halves the gain of a second
    /// core otherwise). Validators are reused round-robin when there are fewer than workers.
    public static func validate(
        lines: [[UInt8]], using validators: [Validator], parser: JSONParser = JSONParser()
    ) -> [Result<[ValidationError], JSONParseError>] {
        guard !validators.isEmpty else { return [] }
        let workers = max(1, min(ProcessInfoCores.count, lines.count / 64))
        let outcomes = UnsafeMutableBufferPointer<Result<[ValidationError], JSONParseError>>.allocate(
            capacity: lines.count)
        defer { outcomes.deallocate() }
        // Each worker writes its own slots, so sharing the buffer is safe.
        struct Slots: @unchecked Sendable { let base: UnsafeMutablePointer<Result<[ValidationError], JSONParseError>>? }
        let slots = Slots(base: outcomes.baseAddress)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let chunk = (lines.count + workers - 1) / workers
            let start = worker * chunk
            let end = min(lines.count, start + chunk)
            guard start < end, let base = slots.base else { return }
            let validator = validators[worker % validators.count]
            for i in start..<end {
                let outcome: Result<[ValidationError], JSONParseError>
                do throws(JSONParseError) {
                    outcome = .success(validator.validate(try parser.parse(lines[i])))
                } catch {
                    outcome = .failure(error)
                }
                (base + i).initialize(to: outcome)
            }
        }
        defer { _ = outcomes.baseAddress.map { $0.deinitialize(count: lines.count) } }
        return Array(outcomes)
    }
}

/// The number of cores to spread work over.
enum ProcessInfoCores {
    static let count = max(1, ProcessInfo.processInfo.activeProcessorCount)
}

/// What in-place subschemas evaluated, for `unevaluatedProperties` and `unevaluatedItems`.
struct Evaluated {
    var properties: Set<String> = []
    var allProperties = false
    var itemPrefix = 0
    var allItems = false
    var items: Set<Int> = []

    mutating func merge(_ other: Evaluated) {
        if other.allProperties {
            allProperties = true
        } else if !other.properties.isEmpty {
            properties.formUnion(other.properties)
        }
        if other.allItems { allItems = true }
        itemPrefix = Swift.max(itemPrefix, other.itemPrefix)
        if !other.items.isEmpty { items.formUnion(other.items) }
    }

    func isEvaluated(property: String) -> Bool { allProperties || properties.contains(property) }
    func isEvaluated(item: Int) -> Bool { allItems || item < itemPrefix || items.contains(item) }
}
