import Foundation
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
            throw Failure(file: path, pointer: nil, message: "cannot read the file: \((error as NSError).localizedDescription)")
        }
        return try load(data: data, name: path)
    }

    /// Decodes `data` as JSON when it starts with `{`, as YAML otherwise.
    public static func load(data: Data, name: String) throws(Failure) -> OpenAPI.Document {
        let isJSON = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) } == UInt8(ascii: "{")
        do {
            if isJSON {
                return try JSONDecoder().decode(OpenAPI.Document.self, from: data)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw Failure(file: name, pointer: nil, message: "the file is not valid UTF-8")
            }
            return try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
        } catch let failure as Failure {
            throw failure
        } catch let error as DecodingError {
            throw Failure(file: name, pointer: pointer(error.codingPath), message: message(error))
        } catch let error as YamlError {
            throw Failure(file: name, pointer: nil, message: "not valid YAML: \(error)")
        } catch {
            throw Failure(file: name, pointer: nil, message: "\(error)")
        }
    }

    static func pointer(_ path: [any CodingKey]) -> String {
        path.map { "/" + $0.stringValue.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
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
