import JSONCore

/// The verdict of a leaf schema (one that only constrains the value itself: `type`, lengths, integer
/// bounds, the common formats, `pattern`, an `enum` of strings, or a `$ref` to such a schema) in one
/// plain struct. Most values in API payloads meet a leaf, and this answers without walking the node's
/// keyword list: no keyword is copied, nothing is retained.
///
/// Only the fast pass uses it (`Evaluator` when not recording); errors still come from the keywords. A
/// leaf gives no annotations, so `unevaluated*` are unaffected. When a value needs exact decimal
/// arithmetic the leaf says `nil` and the keywords decide.
struct LeafCheck {
    var types = TypeSet(rawValue: 0x7F)
    var minLength = 0
    var maxLength = Int.max
    /// Inclusive integer bounds on numbers.
    var minimum: Int?
    var maximum: Int?
    /// Whether an exclusive bound was turned into an inclusive one (exact for integers only).
    var boundsForIntegersOnly = false
    var format = FormatKind.none
    /// Held by the node's keywords (`pattern`) or the arena (`strings`); read without reference counting
    /// (`_withUnsafeGuaranteedRef`), since a leaf is checked for nearly every value of an instance.
    var pattern: Unmanaged<Pattern>?
    var strings: Unmanaged<StringChoices>?

    enum FormatKind {
        case none, uuid, date, dateTime, time
    }

    /// The leaf for a keyword list, or nil when any keyword needs the general evaluator.
    init?(_ keywords: [Keyword], arena: NodeArena) {
        for keyword in keywords {
            switch keyword {
            case .type(let set): types = types.intersection(set)
            case .minLength(let n): minLength = max(minLength, n)
            case .maxLength(let n): maxLength = min(maxLength, n)
            case .minimum(let n):
                guard let bound = n.intValue else { return nil }
                minimum = max(minimum ?? bound, bound)
            case .maximum(let n):
                guard let bound = n.intValue else { return nil }
                maximum = min(maximum ?? bound, bound)
            case .exclusiveMinimum(let n):
                // Above an integer k means at least k + 1, for the integer values the leaf answers for.
                guard let bound = n.intValue, bound < Int.max else { return nil }
                minimum = max(minimum ?? bound + 1, bound + 1)
                boundsForIntegersOnly = true
            case .exclusiveMaximum(let n):
                guard let bound = n.intValue, bound > Int.min else { return nil }
                maximum = min(maximum ?? bound - 1, bound - 1)
                boundsForIntegersOnly = true
            case .integerFormat(_, let low, let high):
                guard let low = low.intValue, let high = high.intValue else { return nil }
                minimum = max(minimum ?? low, low)
                maximum = min(maximum ?? high, high)
            case .format(let name, _):
                guard format == .none else { return nil }
                switch name {
                case "uuid": format = .uuid
                case "date": format = .date
                case "date-time": format = .dateTime
                case "time": format = .time
                default: return nil
                }
            case .pattern(let p):
                guard pattern == nil else { return nil }
                pattern = Unmanaged.passUnretained(p)
            case .enumeration(let options):
                guard strings == nil else { return nil }
                var choices: [String] = []
                for option in options {
                    guard case .string(let s) = option else { return nil }
                    choices.append(s)
                }
                let held = StringChoices(choices)
                arena.retain(held)
                strings = Unmanaged.passUnretained(held)
            default:
                return nil
            }
        }
    }

    /// Whether `value` passes, or nil when the keywords must decide (a number that is not an `Int`
    /// against integer bounds).
    func admits(_ value: JSONValue) -> Bool? {
        guard types.admits(value) else { return false }
        switch value {
        case .string(let s):
            if minLength > 0 || maxLength != Int.max {
                let bytes = s.utf8.count
                // A scalar is one to four bytes: count scalars only when the bytes cannot settle it.
                if bytes < minLength { return false }
                if bytes > maxLength || bytes < 4 * minLength {
                    let scalars = s.unicodeScalars.count
                    if scalars < minLength || scalars > maxLength { return false }
                }
            }
            switch format {
            case .none: break
            case .uuid: if !Formats.isUUID(s) { return false }
            case .date: if !Formats.isDate(s) { return false }
            case .dateTime: if !Formats.isDateTime(s) { return false }
            case .time: if !Formats.isTime(s) { return false }
            }
            if let pattern {
                switch pattern._withUnsafeGuaranteedRef({ $0.verdict(s) }) {
                case .match: break
                case .noMatch: return false
                case .undecided: return nil  // the keywords report it
                }
            }
            if let strings, !strings._withUnsafeGuaranteedRef({ $0.contains(s) }) { return false }
            return true
        case .number(let n):
            if strings != nil { return false }
            guard minimum != nil || maximum != nil else { return true }
            guard let v = n.intValue else { return nil }
            if let minimum, v < minimum { return false }
            if let maximum, v > maximum { return false }
            return true
        default:
            // Only strings can meet a string enum.
            return strings == nil
        }
    }
}

/// The strings of an `enum`, compared by code points as `enum` requires.
final class StringChoices: Sendable {
    let choices: [String]
    /// The choices' UTF-8 in one buffer, for comparing a tape's bytes (equal code points are equal bytes).
    private let utf8: NameList
    init(_ choices: [String]) {
        self.choices = choices
        utf8 = NameList(choices)
    }

    func contains(_ s: String) -> Bool {
        choices.contains { JSONValue.sameScalars($0, s) }
    }
}

extension LeafCheck {
    /// `admits` for the value at `i` of a loaded tape, reading strings and numbers in place.
    func admits(_ view: TapeView, _ i: Int) -> Bool? {
        let e = view[i]
        switch e.kind {
        case .string:
            guard types.contains(.string) else { return false }
            if e.flags & JSONTape.escaped != 0 { return admits(.string(view.string(at: i))) }
            let raw = view.utf8(at: i)
            if minLength > 0 || maxLength != Int.max {
                let bytes = raw.count
                if bytes < minLength { return false }
                if bytes > maxLength || bytes < 4 * minLength {
                    let scalars = e.flags & JSONTape.nonASCII == 0 ? bytes : TapeEvaluator.scalarCount(raw)
                    if scalars < minLength || scalars > maxLength { return false }
                }
            }
            let utf8 = raw.assumingMemoryBound(to: UInt8.self)
            switch format {
            case .none: break
            case .uuid: if !Formats.isUUID(utf8: utf8) { return false }
            case .date: if !Formats.isDate(utf8: utf8) { return false }
            case .dateTime: if !Formats.isDateTime(utf8: utf8) { return false }
            case .time: if !Formats.isTime(utf8: utf8) { return false }
            }
            if let pattern {
                switch pattern._withUnsafeGuaranteedRef({ $0.verdict(utf8: raw) }) {
                case .match: break
                case .noMatch: return false
                case .undecided: return nil  // the keywords report it
                }
            }
            if let strings, !strings._withUnsafeGuaranteedRef({ $0.contains(utf8: raw) }) { return false }
            return true
        case .number:
            if e.flags & JSONTape.plain != 0 {
                guard types.contains(.number) || types.contains(.integer) else { return false }
            } else if !types.contains(.number) {
                guard types.contains(.integer), view.number(at: i).isInteger else { return false }
            }
            if strings != nil { return false }
            guard minimum != nil || maximum != nil else { return true }
            if let v = view.plainInt(at: i) {
                if let minimum, v < minimum { return false }
                if let maximum, v > maximum { return false }
                return true
            }
            // A decimal such as 12.5 against inclusive integer bounds: its whole part and whether a fraction
            // remains settle it exactly.
            guard !boundsForIntegersOnly, let d = DecimalParts(view.utf8(at: i)) else { return nil }
            if let minimum, !d.isAtLeast(minimum) { return false }
            if let maximum, !d.isAtMost(maximum) { return false }
            return true
        case .null: return types.contains(.null) && strings == nil
        case .true, .false: return types.contains(.boolean) && strings == nil
        case .array: return types.contains(.array) && strings == nil
        case .object: return types.contains(.object) && strings == nil
        }
    }
}

extension StringChoices {
    /// Whether the (unescaped) UTF-8 `bytes` are one of the choices, code point for code point.
    func contains(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        utf8.position(ofBytes: bytes) != nil
    }
}

/// A number written without an exponent (`-12.50`), as its sign, whole part and whether a nonzero fraction
/// follows: enough to compare it exactly with an integer.
struct DecimalParts {
    let negative: Bool
    let whole: Int
    let fraction: Bool

    /// Nil for an exponent or a whole part of more than 18 digits.
    init?(_ text: UnsafeRawBufferPointer) {
        var k = 0
        var negative = false
        if k < text.count, text[k] == UInt8(ascii: "-") {
            negative = true
            k += 1
        }
        var whole = 0
        var digits = 0
        while k < text.count, text[k] >= 48, text[k] <= 57 {
            whole = whole &* 10 &+ Int(text[k] &- 48)
            digits += 1
            k += 1
        }
        guard digits > 0, digits <= 18 else { return nil }
        var fraction = false
        if k < text.count, text[k] == UInt8(ascii: ".") {
            k += 1
            while k < text.count, text[k] >= 48, text[k] <= 57 {
                if text[k] != 48 { fraction = true }
                k += 1
            }
        }
        guard k == text.count else { return nil }
        // -0.0 is zero.
        self.negative = negative && (whole != 0 || fraction)
        self.whole = whole
        self.fraction = fraction
    }

    /// Whether the number is at least `m`.
    func isAtLeast(_ m: Int) -> Bool {
        // Positive: whole + f >= m exactly when whole >= m. Negative: -(whole + f) >= m.
        if !negative { return whole >= m }
        guard m <= 0 else { return false }
        guard m > Int.min else { return true }  // the whole part has at most 18 digits
        return fraction ? whole < -m : whole <= -m
    }

    /// Whether the number is at most `m`.
    func isAtMost(_ m: Int) -> Bool {
        if negative { return m >= 0 || (m > Int.min && whole >= -m) }
        return fraction ? whole < m : whole <= m
    }
}
