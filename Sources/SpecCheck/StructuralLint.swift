import Foundation
import JSONCore
import OpenAPIDocument
import OpenAPIKit

/// OpenAPIKit's reading of an OpenAPI 3.1 document, a second opinion beside the OpenAPI Initiative's schema
/// (`OfficialSchemaLint`): its default validations, which the specification requires (unique tag names,
/// operationIds and parameters, references found, server variables), as errors, and what it warns about
/// while decoding (`nullable` in 3.1, say) as warnings. Rule `openapikit`. Its opt-in checks (a document
/// has paths, operations have responses, schemas are not `{}`) are house rules 3.1 does not make, and are
/// not run.
package enum StructuralLint {
    package static let rule = "openapikit"

    /// Decodes the document (already read and bundled) into OpenAPIKit's model. Member order is kept, and a
    /// bound beyond 64 bits saturates instead of failing the whole document (see `JSONValueDecoder`).
    package static func decode(_ value: JSONValue) throws(Diagnostic) -> OpenAPI.Document {
        do {
            return try JSONValueDecoder(scalarsAsStrings: true).decode(OpenAPI.Document.self, from: value)
        } catch {
            throw failure(from: error)
        }
    }

    /// Every finding OpenAPIKit has on a 3.1 document. A scalar it cannot decode (`exclusiveMinimum: true`,
    /// OpenAPI 3.0's form, in a 3.1 document) is reported, left out, and decoding tried again, so one bad
    /// value does not hide the rest; after `retries` such values, the rest is not read.
    package static func lint(_ value: JSONValue, retries: Int = 10) -> [Diagnostic] {
        var value = value
        var failures: [Diagnostic] = []
        while true {
            do {
                return failures + findings(try decode(value))
            } catch {
                failures.append(error)
                // Only a scalar that cannot be read is left out; a missing key names its parent object.
                guard failures.count <= retries, let text = error.pointer, let pointer = JSONPointer(text),
                    let key = pointer.tokens.last, let bad = value.value(at: pointer),
                    bad.objectValue == nil, bad.arrayValue == nil, let removed = value.removing(key, at: pointer)
                else { return failures }
                value = removed
            }
        }
    }

    /// The specification's own requirements, as OpenAPIKit checks them by default.
    package static var validator: OpenAPIKit.Validator { OpenAPIKit.Validator() }

    /// The house rules this project's own documents follow on top (`SpecModelTests` holds them to these).
    package static var houseValidator: OpenAPIKit.Validator {
        OpenAPIKit.Validator()
            .validating(
                \.operationsContainResponses,
                \.schemaComponentsAreDefined,
                \.documentContainsPaths,
                \.pathsContainOperations,
                \.serverVariablesAreDefined
            )
    }

    package static func findings(_ document: OpenAPI.Document) -> [Diagnostic] {
        // The warnings come from a pass with no validations (a pass that finds errors returns no warnings);
        // the two passes read the same document, one on each core.
        let passes = Slots<[Diagnostic]>(count: 2, initial: [])
        DispatchQueue.concurrentPerform(iterations: 2) { pass in
            if pass == 0 {
                let warnings = (try? document.validate(using: .blank, strict: false)) ?? []
                passes.store(
                    0,
                    warnings.map { warning in
                        Diagnostic(
                            severity: .warning, rule: rule, pointer: warning.codingPath.map(pointer) ?? "",
                            message: warning.localizedDescription)
                    })
                return
            }
            do {
                _ = try document.validate(using: validator, strict: false)
            } catch let errors as ValidationErrorCollection {
                passes.store(
                    1,
                    errors.values.map {
                        Diagnostic(severity: .error, rule: rule, pointer: pointer($0.codingPath), message: $0.reason)
                    })
            } catch {
                passes.store(1, [Diagnostic(severity: .error, rule: rule, pointer: "", message: "\(error)")])
            }
        }
        return passes.take(0) + passes.take(1)
    }

    static func pointer(_ path: [any CodingKey]) -> String {
        // OpenAPIKit names operations by upper-case method; the document's keys are lower-case.
        JSONPointer(
            tokens: path.enumerated().map { index, key in
                if let position = key.intValue { return String(position) }  // OpenAPIKit spells them "Index 1"
                return index == 2 && path.first?.stringValue == "paths" ? key.stringValue.lowercased() : key.stringValue
            }
        ).description
    }

    /// The innermost useful description of a decoding error, with where it is: the deepest coding path any
    /// layer of the error knows.
    static func failure(from error: any Error, path outer: [any CodingKey] = []) -> Diagnostic {
        func finding(_ path: [any CodingKey], _ message: String) -> Diagnostic {
            let path = path.isEmpty ? outer : path
            return Diagnostic(
                severity: .error, rule: rule, pointer: path.isEmpty ? "" : pointer(path), message: message)
        }
        switch error {
        case DecodingError.dataCorrupted(let context) where context.underlyingError != nil:
            if let underlying = context.underlyingError {
                return failure(from: underlying, path: context.codingPath.isEmpty ? outer : context.codingPath)
            }
        case let error as OpenAPI.Error:
            var path = error.codingPath
            if path.isEmpty, let inner = error.underlyingError as? DecodingError { path = codingPath(of: inner) }
            if let inner = error.underlyingError as? DecodingError, case .dataCorrupted(let c) = inner,
                let deeper = c.underlyingError
            {
                return failure(from: deeper, path: path.isEmpty ? outer : path)
            }
            return finding(path, error.localizedDescription)
        case let error as any OpenAPIError:
            return finding(error.codingPath, error.localizedDescription)
        case let error as DecodingError:
            return finding(codingPath(of: error), message(error))
        default:
            break
        }
        return finding([], "\(error)")
    }

    static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            c.codingPath
        @unknown default: []
        }
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

extension JSONValue {
    /// The value without the member `key` of the object at `pointer`'s parent; `nil` when there is none.
    fileprivate func removing(_ key: String, at pointer: JSONPointer) -> JSONValue? {
        func remove(_ value: JSONValue, _ tokens: ArraySlice<String>) -> JSONValue? {
            guard let first = tokens.first else { return nil }
            switch value {
            case .object(var object):
                guard let child = object[first] else { return nil }
                if tokens.count == 1 {
                    object[first] = nil
                    return .object(object)
                }
                guard let replaced = remove(child, tokens.dropFirst()) else { return nil }
                object[first] = replaced
                return .object(object)
            case .array(var items):
                guard tokens.count > 1, let index = Int(first), items.indices.contains(index),
                    let replaced = remove(items[index], tokens.dropFirst())
                else { return nil }
                items[index] = replaced
                return .array(items)
            default:
                return nil
            }
        }
        return remove(self, pointer.tokens[...])
    }
}
