/// A growable list of plain values (trivially copyable: nothing to retain) in memory its owner frees with
/// `free()`. Appending checks no uniqueness, as an `Array` held in a struct does on every append: the
/// tape builder's entries and stacks, written for every value of every text.
struct PlainBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    @inline(__always)
    mutating func append(_ element: Element) {
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

    mutating func removeLast() { count -= 1 }

    /// Keeps the first `n` values.
    mutating func truncate(to n: Int) { count = n }

    /// Empties the list, giving back its memory if it grew past `limit` values.
    mutating func removeAll(shrinkingAbove limit: Int = .max) {
        count = 0
        if capacity > limit {
            base.deallocate()
            capacity = 256
            base = .allocate(capacity: capacity)
        }
    }

    /// Frees the memory; the list is not used afterwards.
    func free() { base.deallocate() }
}
