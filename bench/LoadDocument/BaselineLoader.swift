import Foundation
import JSONCore
import Yams

/// Reads a JSON or YAML file as a `JSONValue`, keeping member order, with the location of any problem:
/// line and column for syntax errors.
/// The loader every tool used before the document module (SpecIO/DocumentLoader.swift at af643b8), kept
/// verbatim as the benchmark's baseline: Yams' default (YAML 1.1-style) resolver, no references followed.
enum BaselineLoader {
    struct Failure: Error, Sendable, CustomStringConvertible {
        let file: String
        let line: Int?
        let column: Int?
        let message: String

        var description: String {
            guard let line else { return "\(file): \(message)" }
            return "\(file):\(line):\(column ?? 1): \(message)"
        }
    }

    /// Reads `path` (`-` for standard input). `.yaml`/`.yml` files, and anything that does not start with
    /// `{` or `[`, are read as YAML; the rest as strict JSON.
    static func load(path: String) throws(Failure) -> JSONValue {
        let data: Data
        do {
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        } catch {
            throw Failure(
                file: path, line: nil, column: nil,
                message: "cannot read the file: \((error as NSError).localizedDescription)")
        }
        return try load(data: data, name: path)
    }

    static func load(data: Data, name: String) throws(Failure) -> JSONValue {
        let bytes = Array(data)
        let firstSignificant = bytes.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        let isYAMLName = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        if !isYAMLName, firstSignificant == UInt8(ascii: "{") || firstSignificant == UInt8(ascii: "[") {
            do {
                return try JSONParser().parse(bytes)
            } catch {
                throw Failure(file: name, line: error.line, column: error.column, message: error.message)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(file: name, line: nil, column: nil, message: "the file is not valid UTF-8")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw failure(error, name: name)
        } catch {
            throw Failure(file: name, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
        guard let node else { throw Failure(file: name, line: nil, column: nil, message: "the file is empty") }
        return try value(of: node, name: name)
    }

    private static func failure(_ error: YamlError, name: String) -> Failure {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return Failure(file: name, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case .composer(_, let problem, let mark, _):
            return Failure(file: name, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        default:
            return Failure(file: name, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
    }

    private static func value(of node: Node, name: String) throws(Failure) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: node.tag)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for child in sequence { items.append(try value(of: child, name: name)) }
            return .array(items)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, child) in mapping {
                guard case .scalar(let k) = key else {
                    let line = key.mark?.line
                    throw Failure(
                        file: name, line: line, column: key.mark?.column, message: "mapping keys must be scalars")
                }
                object[k.string] = try value(of: child, name: name)
            }
            return .object(object)
        case .alias:
            return .null
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, tag: Tag) -> JSONValue {
        let text = scalar.string
        switch tag.rawValue {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return .bool(Bool.construct(from: scalar) ?? false)
        case Tag.Name.int.rawValue:
            if let n = JSONNumber(text) { return .number(n) }
            if let i = Int.construct(from: scalar) { return .number(JSONNumber(i)) }
            return .string(text)
        case Tag.Name.float.rawValue:
            if let n = JSONNumber(text) { return .number(n) }
            if let d = Double.construct(from: scalar), d.isFinite { return .number(JSONNumber(d)) }
            return .string(text)
        default: return .string(text)
        }
    }
}
