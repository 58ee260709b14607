import Foundation
import JSONCore
import Synchronization

/// Where the mock reads the time: the system clock, or in tests a clock that moves only when told to.
/// Time is seconds since 1970, UTC, because it is also what `startedAt` and `created_at` show.
package struct MockClock: Sendable {
    package let now: @Sendable () -> Double

    package init(now: @escaping @Sendable () -> Double) { self.now = now }

    package static let system = MockClock { Date().timeIntervalSince1970 }

    /// A clock for tests, starting at `start` and advanced with `advance(by:)`.
    package final class Manual: Sendable {
        private let time: Mutex<Double>
        package init(start: Double) { time = Mutex(start) }
        package func advance(by seconds: Double) { time.withLock { $0 += seconds } }
        package var clock: MockClock { MockClock { [self] in self.time.withLock { $0 } } }
    }
}

/// RFC 3339 timestamps in UTC, as the documents' `date-time` fields use.
enum Timestamp {
    /// `2025-04-13T00:42:59.953Z` with milliseconds, or `2024-02-25T12:00:00Z` without.
    static func format(_ seconds: Double, milliseconds: Bool = true) -> String {
        let totalMillis = Int64((seconds * 1000).rounded(.down))
        var days = totalMillis / 86_400_000
        var rest = totalMillis % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let millis = rest % 1000
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        if milliseconds { text += ".\(pad(millis, 3))" }
        return text + "Z"
    }

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Deterministic identifiers: the same seed, account and sequence number always give the same id, so a
/// seeded mock answers the same ids run after run, and a restored one never repeats an id.
struct IdentifierSource {
    var random: SplitMix64

    init(seed: UInt64, stream: UInt64, sequence: UInt64) {
        random = SplitMix64(seed: seed &+ stream &* 0x9E37_79B9_7F4A_7C15 &+ sequence &* 0xD1B5_4A32_D192_ED69)
    }

    mutating func next() -> UInt64 { random.next() }

    /// A version 4 UUID, lower case.
    mutating func uuid() -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let word = next()
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(
            separator: "-")
    }

    /// A collision-resistant id in the style of the seed's history ids: `c` and 24 base-36 characters.
    mutating func cuid() -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var text = "c"
        var word = next()
        for i in 0..<24 {
            if i == 12 { word = next() }
            text.append(alphabet[Int(word % 36)])
            word /= 36
        }
        return text
    }
}
