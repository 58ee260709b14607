import Dispatch
import Foundation
import JSONCore
import Synchronization

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

    /// Whether the value at `index` of a loaded tape conforms (the fast pass, on the tape in place).
    public func isValid(_ tape: JSONTape, at index: Int = 0) -> Bool {
        var evaluator = TapeEvaluator(tape: tape, dynamicAnchors: dynamicAnchors)
        defer { evaluator.finish() }
        return evaluator.eval(root, index)
    }

    /// Parses and validates one JSON text: on `tape` (reused from text to text) first, so that a text that
    /// passes is never built as values; a text that fails, or that is not JSON, is parsed again by
    /// `parser` for its errors.
    public func validate(json bytes: UnsafeRawBufferPointer, tape: JSONTape, parser: JSONParser = JSONParser())
        -> LineOutcome
    {
        if tape.load(bytes, maxDepth: parser.maxDepth), isValid(tape) { return .success([]) }
        do throws(JSONParseError) {
            return .success(validate(try parser.parse(bytes)))
        } catch {
            return .failure(error)
        }
    }

    /// The verdict of the keywords alone (the recording pass, without leaves or early exits), for the
    /// fuzzer to hold the fast pass to.
    @_spi(Fuzzing)
    public func keywordVerdict(_ instance: JSONValue) -> Bool {
        var evaluator = Evaluator(dynamicAnchors: dynamicAnchors, recording: true)
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
    /// The outcome of one line: its errors (empty when valid), or why it is not JSON.
    public typealias LineOutcome = Result<[ValidationError], JSONParseError>

    /// Parses and validates each of `lines` on every core, returning the outcomes in order.
    public func validate(lines: [[UInt8]], parser: JSONParser = JSONParser()) -> [LineOutcome] {
        Self.validate(JSONLinesBatch(firstLine: 1, lines: lines), using: [self], parser: parser)
    }

    /// The cores in use for `validate(_:using:)`.
    public static var cores: Int { ProcessInfoCores.count }

    /// Parses and validates a batch on every core, one validator per worker: compiled separately, they
    /// share no node graph, so the workers do not contend for the same reference counts (which halves
    /// the gain of a second core otherwise). Validators are reused round-robin when there are fewer than
    /// workers. The outcomes are in line order.
    public static func validate(
        _ batch: JSONLinesBatch, using validators: [Validator], parser: JSONParser = JSONParser(),
        workers: Int? = nil
    ) -> [LineOutcome] {
        guard !validators.isEmpty, batch.count > 0 else { return [] }
        let count = batch.count
        let workers = max(1, min(workers ?? ProcessInfoCores.count, count / 64))
        return [LineOutcome](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each worker writes its own slots, so sharing the buffer is safe.
            struct Slots: @unchecked Sendable { let base: UnsafeMutablePointer<LineOutcome>? }
            let slots = Slots(base: buffer.baseAddress)
            // Workers take slices of 32 lines as they free up, so that a slice of long lines does not keep
            // one core busy while the other waits.
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                guard let base = slots.base else { return }
                let validator = validators[worker % validators.count]
                let tape = JSONTape()
                while true {
                    let start = next.add(32, ordering: .relaxed).oldValue
                    guard start < count else { return }
                    for i in start..<min(count, start + 32) {
                        let outcome = batch.withLine(i) { validator.validate(json: $0, tape: tape, parser: parser) }
                        (base + i).initialize(to: outcome)
                    }
                    tape.shrink()
                }
            }
            initialized = count
        }
    }

    /// Validates a whole JSON Lines stream, batch by batch on every core, and hands each batch's outcomes
    /// to `body` on the calling thread, in order. Reading the next batch and `body`'s work on the previous
    /// one overlap with the validation of the current one, so the cores are not left idle while the
    /// stream is read and the verdicts are written. At most two batches are in memory at once. `workers`
    /// caps the cores in use (default: all).
    /// Returns the number of lines read.
    @discardableResult
    public static func validate(
        stream reader: JSONLinesReader, using validators: [Validator], parser: JSONParser = JSONParser(),
        workers: Int? = nil, batchLines: Int = 4096, _ body: (JSONLinesBatch, [LineOutcome]) -> Void
    ) -> Int {
        let running = InFlight()
        let total = reader.forEachBatch(lines: batchLines) { batch in
            let previous = running.wait()
            running.start(batch) { validate($0, using: validators, parser: parser, workers: workers) }
            if let previous { body(previous.batch, previous.outcomes) }
        }
        if let last = running.wait() { body(last.batch, last.outcomes) }
        return total
    }
}

/// The one batch being validated in the background.
private final class InFlight: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var pending: JSONLinesBatch?
    /// Written by the background work before it signals, read after `wait`.
    private var outcomes: [Validator.LineOutcome] = []

    func start(_ batch: JSONLinesBatch, _ work: @escaping @Sendable (JSONLinesBatch) -> [Validator.LineOutcome]) {
        pending = batch
        // A thread of its own, not Dispatch's pool: the caller blocks in `wait` (often on a Swift concurrency
        // thread), and on one core the pool took a second to notice and start another thread.
        let thread = Thread {
            self.outcomes = work(batch)
            self.done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the batch in flight, if any, and returns it with its outcomes.
    func wait() -> (batch: JSONLinesBatch, outcomes: [Validator.LineOutcome])? {
        guard let batch = pending else { return nil }
        done.wait()
        pending = nil
        defer { outcomes = [] }
        return (batch, outcomes)
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
