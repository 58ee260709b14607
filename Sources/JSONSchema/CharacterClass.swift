/// The scalars one position of a pattern may match: a set of ranges and Unicode properties, or their
/// complement.
struct CharacterClass: Sendable {
    private(set) var set: ScalarSet
    private(set) var properties: [(property: UnicodeProperty, negated: Bool)] = []
    private(set) var negated = false

    init(_ set: ScalarSet) { self.set = set }

    init(_ scalar: UInt32) { self.set = ScalarSet([scalar...scalar]) }

    init(property: UnicodeProperty, negated: Bool) {
        self.set = ScalarSet([])
        self.properties = [(property, negated)]
    }

    /// The one scalar this class is, if it is one.
    var single: UInt32? {
        guard !negated, properties.isEmpty, set.ranges.count == 1, set.ranges[0].count == 1 else { return nil }
        return set.ranges[0].lowerBound
    }

    /// Adds another class's members (neither is a complement while a bracket class is read).
    mutating func add(_ other: CharacterClass) {
        set = set.union(other.set)
        properties += other.properties
    }

    var inverted: CharacterClass {
        var copy = self
        if properties.isEmpty {
            copy.set = set.inverted
        } else {
            copy.negated.toggle()
        }
        return copy
    }

    func contains(_ value: UInt32) -> Bool {
        var inside = set.contains(value)
        if !inside, !properties.isEmpty, let scalar = Unicode.Scalar(value) {
            inside = properties.contains { $0.property.contains(scalar) != $0.negated }
        }
        return inside != negated
    }

    /// Membership of the ASCII scalars as two words (bit `v` of `low` for `v` < 64, `v - 64` of `high`).
    var asciiMask: (low: UInt64, high: UInt64) {
        var mask: (low: UInt64, high: UInt64) = (0, 0)
        for value in UInt32(0)..<128 where contains(value) {
            if value < 64 { mask.low |= 1 << UInt64(value) } else { mask.high |= 1 << UInt64(value - 64) }
        }
        return mask
    }
}
