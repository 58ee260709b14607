import Synchronization

/// `N` requests per `seconds` per API key, as a token bucket: a burst of up to `N`, then one request
/// every `seconds / N`. A refused request learns how many whole seconds to wait (`Retry-After`).
package struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    package var requests: Int
    package var seconds: Double

    package init(requests: Int, seconds: Double) {
        self.requests = requests
        self.seconds = seconds
    }

    /// `100/60`, or `100` for a minute.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let requests = Int(parts[0]), requests > 0 else { return nil }
        let seconds = parts.count == 2 ? Double(parts[1]) : 60
        guard let seconds, seconds > 0, seconds.isFinite else { return nil }
        self.init(requests: requests, seconds: seconds)
    }

    package var description: String {
        "\(requests) requests per \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) s"
    }
}

final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    let limit: RateLimit
    private let buckets = Mutex<[String: Bucket]>([:])

    init(limit: RateLimit) { self.limit = limit }

    /// Takes one request from `key`'s bucket, or says how many seconds to wait.
    func take(_ key: String, now: Double) -> Int? {
        let capacity = Double(limit.requests)
        let rate = capacity / limit.seconds
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now - bucket.updated) * rate)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
