/// A stack whose top elements move out into an array in one step, without retaining and releasing each
/// (as `Array(stack[start...])` followed by `removeLast` would). Not copyable, so it needs no class (and
/// no generic class metadata at run time) to free its storage.
struct MoveStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 32) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// The elements from `start` to the top, in place: valid until the stack next changes.
    func top(from start: Int) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }

    /// Removes the elements from `start` to the top.
    mutating func drop(from start: Int) {
        (base + start).deinitialize(count: count - start)
        count = start
    }

    /// The elements from `start` to the top, in order, leaving the stack `start` deep.
    mutating func moveOut(from start: Int) -> [Element] {
        let n = count - start
        let source = base + start
        let moved = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: source, count: n)
            initialized = n
        }
        count = start
        return moved
    }
}
