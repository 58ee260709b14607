import JSONCore
import OpenAPIDocument
import OpenAPIKit

/// OpenAPIKit's reading of an OpenAPI 3.1 document: the structure the specification requires, with its
/// opt-in checks on (operations have responses, references resolve, operationIds unique), and the house
/// rules every operation of ours follows (an operationId, a 2xx response, a security requirement).
public enum StructuralLint {
    /// Decodes the document (already read and bundled) into OpenAPIKit's model. Member order is kept, and a
    /// bound beyond 64 bits saturates instead of failing the whole document (see `JSONValueDecoder`).
    public static func decode(_ value: JSONValue) throws(Diagnostic) -> OpenAPI.Document {
        do {
            return try JSONValueDecoder(scalarsAsStrings: true).decode(OpenAPI.Document.self, from: value)
        } catch {
            throw failure(from: error)
        }
    }

    public static var validator: OpenAPIKit.Validator {
        OpenAPIKit.Validator()
            .validating(
                \.operationsContainResponses,
                \.schemaComponentsAreDefined,
                \.documentContainsPaths,
                \.pathsContainOperations,
                \.serverVariablesAreDefined
            )
    }

    public static func findings(_ document: OpenAPI.Document) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        do {
            _ = try document.validate(using: validator, strict: true)
        } catch let errors as ValidationErrorCollection {
            for error in errors.values {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "oas3-schema", pointer: pointer(error.codingPath),
                        message: error.reason))
            }
        } catch {
            findings.append(Diagnostic(severity: .error, rule: "oas3-schema", pointer: "", message: "\(error)"))
        }
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                let at = JSONPointer(tokens: ["paths", route.path.rawValue, endpoint.method.rawValue.lowercased()])
                    .description
                let op = endpoint.operation
                if (op.operationId ?? "").isEmpty {
                    findings.append(
                        Diagnostic(
                            severity: .error, rule: "operation-operationId", pointer: at,
                            message: "the operation has no operationId"))
                }
                if !op.responses.keys.contains(where: { $0.isSuccess }) {
                    findings.append(
                        Diagnostic(
                            severity: .error, rule: "operation-success-response", pointer: at + "/responses",
                            message: "the operation documents no 2xx response"))
                }
                let security = op.security ?? document.security
                if security.isEmpty {
                    findings.append(
                        Diagnostic(
                            severity: .warning, rule: "operation-security-defined", pointer: at,
                            message: "the operation has no security requirement, so anyone may call it"))
                }
            }
        }
        return findings
    }

    static func pointer(_ path: [any CodingKey]) -> String {
        // OpenAPIKit names operations by upper-case method; the document's keys are lower-case.
        JSONPointer(
            tokens: path.enumerated().map { index, key in
                index == 2 && path.first?.stringValue == "paths" ? key.stringValue.lowercased() : key.stringValue
            }
        ).description
    }

    /// The innermost useful description of a decoding error, with where it is.
    static func failure(from error: any Error) -> Diagnostic {
        switch error {
        case DecodingError.dataCorrupted(let context) where context.underlyingError != nil:
            if let underlying = context.underlyingError { return failure(from: underlying) }
        case let error as OpenAPI.Error:
            if let inner = error.underlyingError as? DecodingError, case .dataCorrupted(let c) = inner,
                let deeper = c.underlyingError
            {
                return failure(from: deeper)
            }
            var path = error.codingPath
            if path.isEmpty, let inner = error.underlyingError as? DecodingError { path = codingPath(of: inner) }
            return Diagnostic(
                severity: .error, rule: "oas3-schema", pointer: path.isEmpty ? "" : pointer(path),
                message: error.localizedDescription)
        case let error as DecodingError:
            return Diagnostic(
                severity: .error, rule: "oas3-schema", pointer: pointer(codingPath(of: error)), message: message(error))
        default:
            break
        }
        return Diagnostic(severity: .error, rule: "oas3-schema", pointer: "", message: "\(error)")
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

extension OpenAPI.Response.StatusCode {
    fileprivate var isSuccess: Bool {
        switch value {
        case .status(let code): (200..<300).contains(code)
        case .range(let range): range == .success
        case .default: false
        }
    }
}
