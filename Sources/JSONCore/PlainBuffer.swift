/// A growable list of plain values (trivially copyable: nothing to retain) in memory its owner frees with
/// `free()`. Appending checks no uniqueness, as an `Array` held in a struct does on every append: the
/// tape builder's entries and stacks, written for every value of every text. Like an array, it allocates
/// only when the first value comes (a tape made for one small body pays for what it uses).
struct PlainBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity = 0
    private let initialCapacity: Int

    init(capacity: Int) {
        initialCapacity = max(1, capacity)
        base = Self.unallocated
    }

    /// What `base` is before the first value: aligned and never read (the capacity is zero).
    private static var unallocated: UnsafeMutablePointer<Element> {
        UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
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
        let larger = capacity == 0 ? initialCapacity : capacity * 2
        let storage = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        if capacity > 0 {
            storage.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = storage
        capacity = larger
    }

    mutating func removeLast() { count -= 1 }

    /// Keeps the first `n` values.
    mutating func truncate(to n: Int) { count = n }

    /// Empties the list, giving back its memory if it grew past `limit` values.
    mutating func removeAll(shrinkingAbove limit: Int = .max) {
        count = 0
        if capacity > limit { free() }
    }

    /// Frees the memory; the list is empty and allocates again if used.
    mutating func free() {
        if capacity > 0 { base.deallocate() }
        base = Self.unallocated
        capacity = 0
        count = 0
    }
}
