import JSONCore
import OpenAPIKit

/// Checks an OpenAPI document's structure and the rules every operation of ours must follow.
///
/// Structural checks are OpenAPIKit's validator with its opt-in checks on (path parameters defined,
/// operations have responses, references resolve, operationIds unique). Example validation against
/// schemas comes with the JSON Schema validator.
public enum SpecLinter {
    public static var validator: Validator {
        Validator()
            .validating(
                \.pathParametersAreDefined,
                \.operationsContainResponses,
                \.schemaComponentsAreDefined,
                \.documentContainsPaths,
                \.pathsContainOperations,
                \.serverVariablesAreDefined
            )
    }

    public static func lint(_ document: OpenAPI.Document) -> [Finding] {
        var findings: [Finding] = []
        do {
            _ = try document.validate(using: validator, strict: true)
        } catch let errors as ValidationErrorCollection {
            for error in errors.values {
                findings.append(
                    Finding(
                        severity: .error, rule: "oas3-schema", pointer: pointer(error.codingPath),
                        message: error.reason))
            }
        } catch {
            findings.append(Finding(severity: .error, rule: "oas3-schema", pointer: "", message: "\(error)"))
        }
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                let at = JSONPointer(tokens: ["paths", route.path.rawValue, endpoint.method.rawValue.lowercased()])
                    .description
                let op = endpoint.operation
                if (op.operationId ?? "").isEmpty {
                    findings.append(
                        Finding(
                            severity: .error, rule: "operation-operationId", pointer: at,
                            message: "the operation has no operationId"))
                }
                if !op.responses.keys.contains(where: { $0.isSuccess }) {
                    findings.append(
                        Finding(
                            severity: .error, rule: "operation-success-response", pointer: at + "/responses",
                            message: "the operation documents no 2xx response"))
                }
                let security = op.security ?? document.security
                if security.isEmpty {
                    findings.append(
                        Finding(
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
