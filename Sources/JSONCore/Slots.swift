import Foundation

/// One result per item of a parallel loop: each index is written by one worker, and the results are read
/// back in index order, so the output does not depend on scheduling.
package final class Slots<Value>: @unchecked Sendable {
    private var values: [Value]
    private let lock = NSLock()

    package init(count: Int, initial: Value) { values = Array(repeating: initial, count: count) }

    package func store(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }

    package func take(_ index: Int) -> Value { lock.withLock { values[index] } }
}
