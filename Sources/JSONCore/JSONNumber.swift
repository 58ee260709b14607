/// A JSON number kept exactly as written, so integers beyond 64 bits and long decimals survive.
///
/// Two numbers are equal when they denote the same value: `1`, `1.0`, `1e0` and `10e-1` are one number.
/// Whole numbers that fit an `Int` are stored as one, so the common case costs no allocation.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The number's JSON text.
    public let text: String
    let storage: Storage

    /// The canonical value: an `Int` whenever the value is a whole number that fits, otherwise sign,
    /// significant digits without leading or trailing zeros, and a decimal exponent
    /// (value = digits × 10^exponent).
    enum Storage: Hashable, Sendable {
        case integer(Int)
        case decimal(negative: Bool, digits: [UInt8], exponent: Int)
    }

    /// Parses JSON number text (RFC 8259 grammar); `nil` when `text` is not a JSON number.
    public init?(_ text: String) {
        var text = text
        guard let storage = text.withUTF8({ JSONNumber.canonical(UnsafeRawBufferPointer($0)) }) else { return nil }
        self.text = text
        self.storage = storage
    }

    /// A number from text the caller has already checked against the JSON grammar.
    init(validatedText text: String, storage: Storage) {
        self.text = text
        self.storage = storage
    }

    public init(_ value: Int) {
        self.text = String(value)
        self.storage = .integer(value)
    }

    /// A finite double, written in its shortest round-tripping form.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no representation for \(value)")
        if value == value.rounded(), abs(value) < 1e15 {
            self.init(Int(value))
        } else {
            // Swift's own double descriptions are valid JSON numbers.
            self = JSONNumber("\(value)") ?? JSONNumber(0)
        }
    }

    public var description: String { text }

    /// Whether the value is a whole number (`2`, `2.0` and `2e3` are; `2.5` is not).
    public var isInteger: Bool {
        switch storage {
        case .integer: true
        case .decimal(_, _, let exponent): exponent >= 0
        }
    }

    /// The value as an `Int` when it is a whole number that fits.
    public var intValue: Int? {
        if case .integer(let value) = storage { return value }
        return nil
    }

    /// Whether the value is below zero.
    public var isNegative: Bool {
        switch storage {
        case .integer(let value): value < 0
        case .decimal(let negative, _, _): negative
        }
    }

    /// The nearest `Double` (may lose precision, or be infinite for huge exponents).
    public var doubleValue: Double {
        if case .integer(let value) = storage { return Double(value) }
        return Double(text) ?? .nan
    }

    /// Sign, significant digits and exponent, computed for integers on demand.
    var parts: (negative: Bool, digits: [UInt8], exponent: Int) {
        switch storage {
        case .decimal(let negative, let digits, let exponent):
            return (negative, digits, exponent)
        case .integer(let value):
            if value == 0 { return (false, [], 0) }
            var magnitude = value.magnitude
            var digits: [UInt8] = []
            var exponent = 0
            while magnitude % 10 == 0 {
                magnitude /= 10
                exponent += 1
            }
            while magnitude > 0 {
                digits.append(UInt8(magnitude % 10))
                magnitude /= 10
            }
            return (value < 0, digits.reversed(), exponent)
        }
    }
}

// MARK: - Parsing

extension JSONNumber {
    /// The canonical storage of JSON number text, or nil when the bytes are not a JSON number.
    static func canonical(_ bytes: UnsafeRawBufferPointer) -> Storage? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < n, isDigit(bytes[i]) else { return nil }
        let intStart = i
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < n, isDigit(bytes[i]) { i += 1 }
        }
        let intEnd = i
        // Fast path: a plain integer of up to 18 digits always fits.
        if i == n, intEnd - intStart <= 18 {
            var value = 0
            for j in intStart..<intEnd { value = value &* 10 &+ Int(bytes[j] &- 48) }
            return .integer(negative ? -value : value)
        }
        var fracStart = i
        var fracEnd = i
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            guard i < n, isDigit(bytes[i]) else { return nil }
            while i < n, isDigit(bytes[i]) { i += 1 }
            fracEnd = i
        }
        var exp = 0
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < n, isDigit(bytes[i]) else { return nil }
            while i < n, isDigit(bytes[i]) {
                // Saturate: exponents this large are beyond any value a schema can compare meaningfully.
                if exp < 1_000_000_000 { exp = exp * 10 + Int(bytes[i] - 48) }
                i += 1
            }
            if expNegative { exp = -exp }
        }
        guard i == n else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(intEnd - intStart + fracEnd - fracStart)
        for j in intStart..<intEnd where !(digits.isEmpty && bytes[j] == UInt8(ascii: "0")) {
            digits.append(bytes[j] - 48)
        }
        for j in fracStart..<fracEnd where !(digits.isEmpty && bytes[j] == UInt8(ascii: "0")) {
            digits.append(bytes[j] - 48)
        }
        // Leading zeros of the fraction were skipped, but they still count towards the exponent.
        var exponent = exp - (fracEnd - fracStart)
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        return canonical(negative: negative, digits: digits, exponent: exponent)
    }

    static func canonical(negative: Bool, digits: [UInt8], exponent: Int) -> Storage {
        if digits.isEmpty { return .integer(0) }
        if exponent >= 0, digits.count + exponent <= 18 {
            var value = 0
            for d in digits { value = value * 10 + Int(d) }
            for _ in 0..<exponent { value *= 10 }
            return .integer(negative ? -value : value)
        }
        return .decimal(negative: negative, digits: digits, exponent: exponent)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}

// MARK: - Hashable

extension JSONNumber: Hashable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

// MARK: - Comparable

extension JSONNumber: Comparable {
    /// Exact ordering by value, whatever the spelling or size.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if case .integer(let a) = lhs.storage, case .integer(let b) = rhs.storage { return a < b }
        let a = lhs.parts
        let b = rhs.parts
        if a.digits.isEmpty || b.digits.isEmpty || a.negative != b.negative {
            return signum(a) < signum(b)
        }
        let magnitudeLess = magnitudeCompare(a.digits, a.exponent, b.digits, b.exponent) < 0
        let magnitudeGreater = magnitudeCompare(a.digits, a.exponent, b.digits, b.exponent) > 0
        return a.negative ? magnitudeGreater : magnitudeLess
    }

    private static func signum(_ p: (negative: Bool, digits: [UInt8], exponent: Int)) -> Int {
        p.digits.isEmpty ? 0 : (p.negative ? -1 : 1)
    }

    /// Compares two non-zero magnitudes given as normalized digits and exponents.
    private static func magnitudeCompare(_ da: [UInt8], _ ea: Int, _ db: [UInt8], _ eb: Int) -> Int {
        // The position of the most significant digit decides first.
        let ma = da.count + ea
        let mb = db.count + eb
        if ma != mb { return ma < mb ? -1 : 1 }
        for i in 0..<max(da.count, db.count) {
            let x = i < da.count ? da[i] : 0
            let y = i < db.count ? db[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}

// MARK: - Divisibility

extension JSONNumber {
    /// Whether `self` is an integer multiple of `divisor` (which must be positive), computed exactly in
    /// decimal so that `0.0075` is a multiple of `0.0001`; falls back to floating point only for
    /// divisors of more than 18 significant digits or exponent gaps beyond 10,000.
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        if case .integer(let a) = storage, case .integer(let b) = divisor.storage, b != 0 {
            return a % b == 0
        }
        let a = parts
        let b = divisor.parts
        if a.digits.isEmpty { return true }
        if b.digits.isEmpty { return false }
        // self / divisor is whole iff digitsA × 10^(ea-eb) is divisible by digitsB.
        let shift = a.exponent - b.exponent
        if shift < 0 {
            // Then the quotient is digitsA / (digitsB × 10^-shift).
            guard b.digits.count - shift <= 18 else { return fallbackMultiple(divisor) }
            var modulus = 0
            for d in b.digits { modulus = modulus * 10 + Int(d) }
            for _ in 0..<(-shift) { modulus *= 10 }
            return remainder(a.digits, zeros: 0, modulus: modulus) == 0
        }
        guard b.digits.count <= 18, shift <= 10_000 else { return fallbackMultiple(divisor) }
        var modulus = 0
        for d in b.digits { modulus = modulus * 10 + Int(d) }
        return remainder(a.digits, zeros: shift, modulus: modulus) == 0
    }

    /// (digits followed by `zeros` zeros) mod modulus, for a modulus below 10^18.
    private func remainder(_ digits: [UInt8], zeros: Int, modulus: Int) -> Int {
        var r = 0
        for d in digits { r = (r * 10 + Int(d)) % modulus }
        for _ in 0..<zeros {
            if r == 0 { return 0 }
            r = (r * 10) % modulus
        }
        return r
    }

    private func fallbackMultiple(_ divisor: JSONNumber) -> Bool {
        let q = doubleValue / divisor.doubleValue
        return q.isFinite && q == q.rounded()
    }
}
