/// A JSON number kept exactly as written, so integers beyond 64 bits and long decimals survive.
///
/// Two numbers are equal when they denote the same value: `1`, `1.0`, `1e0` and `10e-1` are one number.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The number's JSON text.
    public let text: String
    /// The value as sign, significant digits without leading or trailing zeros, and a decimal exponent:
    /// value = digits × 10^exponent. Zero is `("", 0)` and is never negative.
    let negative: Bool
    let digits: [UInt8]
    let exponent: Int

    /// Parses JSON number text (RFC 8259 grammar); `nil` when `text` is not a JSON number.
    public init?(_ text: String) {
        guard let parts = JSONNumber.normalize(Array(text.utf8)) else { return nil }
        self.text = text
        (negative, digits, exponent) = parts
    }

    public init(_ value: Int) {
        self.init(unchecked: String(value))
    }

    /// A finite double, written in its shortest round-tripping form.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no representation for \(value)")
        if value == value.rounded(), abs(value) < 1e15 {
            self.init(unchecked: String(Int64(value)))
        } else {
            self.init(unchecked: "\(value)")
        }
    }

    private init(unchecked text: String) {
        // Swift's own integer and double descriptions are always valid JSON numbers.
        let parts = JSONNumber.normalize(Array(text.utf8)) ?? (false, [], 0)
        self.text = text
        (negative, digits, exponent) = parts
    }

    public var description: String { text }

    /// Whether the value is a whole number (`2`, `2.0` and `2e3` are; `2.5` is not).
    public var isInteger: Bool { exponent >= 0 }

    /// The value as an `Int` when it is a whole number that fits.
    public var intValue: Int? {
        guard isInteger else { return nil }
        if digits.isEmpty { return 0 }
        guard digits.count + exponent <= 19 else { return nil }
        var result = 0
        for d in digits {
            let (m, o1) = result.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            result = a
        }
        for _ in 0..<exponent {
            let (m, o) = result.multipliedReportingOverflow(by: 10)
            if o { return nil }
            result = m
        }
        return negative ? -result : result
    }

    /// The nearest `Double` (may lose precision).
    public var doubleValue: Double { Double(text) ?? .nan }

    /// Returns (negative, significant digits, exponent) or nil for text that is not a JSON number.
    static func normalize(_ bytes: [UInt8]) -> (Bool, [UInt8], Int)? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var intDigits: [UInt8] = []
        guard i < n, isDigit(bytes[i]) else { return nil }
        if bytes[i] == UInt8(ascii: "0") {
            intDigits.append(0)
            i += 1
        } else {
            while i < n, isDigit(bytes[i]) {
                intDigits.append(bytes[i] - 48)
                i += 1
            }
        }
        var fracDigits: [UInt8] = []
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, isDigit(bytes[i]) else { return nil }
            while i < n, isDigit(bytes[i]) {
                fracDigits.append(bytes[i] - 48)
                i += 1
            }
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
                // Saturate: exponents this large are outside any value a schema can compare meaningfully.
                if exp < 1_000_000_000 { exp = exp * 10 + Int(bytes[i] - 48) }
                i += 1
            }
            if expNegative { exp = -exp }
        }
        guard i == n else { return nil }
        var all = intDigits + fracDigits
        var exponent = exp - fracDigits.count
        let firstNonZero = all.firstIndex { $0 != 0 } ?? all.count
        all.removeFirst(firstNonZero)
        while let last = all.last, last == 0 {
            all.removeLast()
            exponent += 1
        }
        if all.isEmpty { return (false, [], 0) }
        return (negative, all, exponent)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}

// MARK: - Hashable

extension JSONNumber: Hashable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.negative == rhs.negative && lhs.digits == rhs.digits && lhs.exponent == rhs.exponent
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(negative)
        hasher.combine(digits)
        hasher.combine(exponent)
    }
}
