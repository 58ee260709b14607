import Foundation
import JSONCore
import JSONSchema
import OpenAPIKit
import SpecIO

/// Checks an OpenAPI document's structure and the rules every operation of ours must follow.
///
/// Structural checks are OpenAPIKit's validator with its opt-in checks on (operations have responses,
/// references resolve, operationIds unique); `OpenAPIContract.lint()` adds examples against their schemas,
/// every `$ref`, unique operationIds and path parameters, on the document as JSON.
public enum SpecLinter {
    /// Everything: the document read as JSON (any OpenAPI 3.x) and, when OpenAPIKit can decode it, its
    /// structural checks. Throws only when the file is not JSON or YAML at all.
    public static func lint(data: Data, name: String) throws(DocumentLoader.Failure) -> [Finding] {
        let raw = try DocumentLoader.load(data: data, name: name)
        var findings: [Finding]
        do {
            findings = try OpenAPIContract(document: raw).lint()
        } catch {
            findings = [
                Finding(
                    severity: .error, rule: "oas3-schema", pointer: error.pointer?.description ?? "",
                    message: error.message)
            ]
        }
        if case .string(let version)? = raw["openapi"], version.hasPrefix("3.0") {
            return findings  // OpenAPIKit's 3.1 model does not read 3.0 documents.
        }
        do {
            findings = try lint(SpecLoader.load(data: data, name: name)) + findings
        } catch {
            findings.insert(
                Finding(severity: .error, rule: "oas3-schema", pointer: error.pointer ?? "", message: error.message),
                at: 0)
        }
        return findings
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
