import Foundation
import JSONCore
import OpenAPIKit
import Yams

/// Reads an OpenAPI 3.1 document from a YAML or JSON file.
public enum SpecLoader {
    /// Why a document could not be read, with where the problem is.
    public struct Failure: Error, CustomStringConvertible {
        public let file: String
        /// A JSON pointer into the document, when the problem is at a known place.
        public let pointer: String?
        public let message: String
        public var description: String {
            if let pointer { "\(file)#\(pointer): \(message)" } else { "\(file): \(message)" }
        }
    }

    public static func load(path: String) throws(Failure) -> OpenAPI.Document {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Failure(
                file: path, pointer: nil, message: "cannot read the file: \((error as NSError).localizedDescription)")
        }
        return try load(data: data, name: path)
    }

    /// Decodes `data`, JSON or YAML.
    ///
    /// JSON goes through the YAML decoder too (JSON is YAML): Foundation's `JSONDecoder` forgets the order
    /// of object members, and the order of properties, paths and responses is part of what a document says.
    public static func load(data: Data, name: String) throws(Failure) -> OpenAPI.Document {
        do {
            guard let text = String(data: data, encoding: .utf8) else {
                throw Failure(file: name, pointer: nil, message: "the file is not valid UTF-8")
            }
            return try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw failure(from: error, name: name)
        }
    }

    /// The innermost useful description of a decoding error: Yams reports a missing key as "not valid YAML"
    /// with the real error, usually OpenAPIKit's, underneath.
    static func failure(from error: any Error, name: String) -> Failure {
        switch error {
        case DecodingError.dataCorrupted(let context) where context.underlyingError != nil:
            if let underlying = context.underlyingError { return failure(from: underlying, name: name) }
        case let error as OpenAPI.Error:
            if let inner = error.underlyingError as? DecodingError, case .dataCorrupted(let c) = inner,
                let deeper = c.underlyingError
            {
                return failure(from: deeper, name: name)
            }
            var path = error.codingPath
            if path.isEmpty, let inner = error.underlyingError as? DecodingError { path = codingPath(of: inner) }
            return Failure(file: name, pointer: path.isEmpty ? nil : pointer(path), message: error.localizedDescription)
        case let error as DecodingError:
            return Failure(file: name, pointer: pointer(codingPath(of: error)), message: message(error))
        case let error as YamlError:
            return Failure(file: name, pointer: nil, message: "not valid YAML: \(error)")
        default:
            break
        }
        return Failure(file: name, pointer: nil, message: "\(error)")
    }

    static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            c.codingPath
        @unknown default: []
        }
    }

    static func pointer(_ path: [any CodingKey]) -> String {
        JSONPointer(tokens: path.map(\.stringValue)).description
    }

    static func message(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c): c.debugDescription
        case .keyNotFound(let key, _): "the required key '\(key.stringValue)' is missing"
        case .typeMismatch(let type, let c): "expected \(type): \(c.debugDescription)"
        case .valueNotFound(let type, let c): "expected \(type), found nothing: \(c.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}
