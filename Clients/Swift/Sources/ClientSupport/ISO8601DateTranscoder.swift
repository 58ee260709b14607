import Foundation
import OpenAPIRuntime

/// Reads RFC 3339 date-times with or without fractional seconds (`2024-02-25T12:00:00Z`,
/// `2025-04-13T00:42:59.953Z`: the documents' examples have both), and writes them with milliseconds.
/// The runtime's own `.iso8601` transcoder reads only the first form, `.iso8601WithFractionalSeconds` only
/// the second.
public struct ISO8601DateTranscoder: DateTranscoder {
    public init() {}

    public func encode(_ date: Date) throws -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }

    public func decode(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) {
            return date
        }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: "'\(text)' is not an RFC 3339 date-time"))
    }
}
