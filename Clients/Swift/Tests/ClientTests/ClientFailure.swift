import Foundation
import OpenAPIRuntime

/// What went wrong in a generated client, as a client author needs it: the operation and the JSON pointer of
/// the member that could not be decoded (`getAgentRun: /progress: required member missing`), rather than the
/// runtime's "decoding failed".
struct ClientFailure: Error, CustomStringConvertible {
    let description: String

    init(_ error: any Error, operation fallback: String) {
        var operation = fallback
        var underlying: any Error = error
        if let client = error as? ClientError {
            operation = client.operationID
            underlying = client.underlyingError
        }
        description = "\(operation): \(Self.describe(underlying))"
    }

    /// A `DecodingError` as `POINTER: what is wrong`; anything else as itself.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else {
            if let inner = (error as? any CustomStringConvertible)?.description { return inner }
            return String(describing: error)
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "\(pointer(context.codingPath + [key])): required member missing"
        case .typeMismatch(let type, let context):
            return "\(pointer(context.codingPath)): not a \(type) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(pointer(context.codingPath)): null where a \(type) is required"
        case .dataCorrupted(let context):
            return "\(pointer(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: decoding)
        }
    }

    /// A coding path as a JSON pointer (RFC 6901): `/runs/0/startedAt`.
    static func pointer(_ path: [any CodingKey]) -> String {
        path.map { key in
            let token = key.intValue.map(String.init) ?? key.stringValue
            return "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }.joined()
    }
}

/// Runs one client call; a failure names the operation and the member.
func call<T>(_ operation: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw ClientFailure(error, operation: operation)
    }
}
