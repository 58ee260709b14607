import Foundation
import JSONCore
import JSONSchema

/// Whether a value meets a schema of a document (references into the document followed), for the example
/// synthesizer's choices: of a `oneOf`'s branches, the one whose value matches exactly one. Schemas are
/// compiled once each; one checker serves every example made for a document.
package final class SchemaChecker: @unchecked Sendable {  // `validators` and `compiler` are guarded by `lock`
    private static let documentURI = "urn:openapi:example-document"
    private let document: JSONValue
    private let options: SchemaOptions
    private let lock = NSLock()
    private var compiler: SchemaCompiler?
    private var validators: [String: Validator?] = [:]
    private var next = 0

    package init(document: JSONValue, direction: ExampleSynthesizer.Direction) {
        self.document = document
        var options = SchemaOptions(
            direction: direction == .request ? .request : .response,
            dialect: document["openapi"]?.stringValue?.hasPrefix("3.0") == true ? .openAPI30 : .draft2020_12)
        options.integerFormats = true
        options.readsOpenAPI30Keywords = true
        self.options = options
    }

    /// `nil` when the schema does not compile.
    package func accepts(_ value: JSONValue, _ schema: JSONValue) -> Bool? {
        guard let validator = validator(for: schema) else { return nil }
        return validator.isValid(value)
    }

    /// What keeps `value` from meeting `schema` (empty when it does); `nil` when the schema does not compile.
    package func errors(_ value: JSONValue, _ schema: JSONValue) -> [ValidationError]? {
        validator(for: schema)?.validate(value)
    }

    private func validator(for schema: JSONValue) -> Validator? {
        let absolute = Self.absolute(schema)
        let key = absolute.compactJSON()
        return lock.withLock {
            if let known = validators[key] { return known }
            if compiler == nil {
                let made = SchemaCompiler(options: options)
                var pointers: [JSONPointer] = []
                for name in document["components"]?["schemas"]?.objectValue?.keys ?? [] {
                    pointers.append(JSONPointer(tokens: ["components", "schemas", name]))
                }
                guard (try? made.add(document: document, uri: Self.documentURI, schemaPointers: pointers)) != nil else {
                    return nil
                }
                compiler = made
            }
            next += 1
            let compiled = try? compiler?.compile(absolute, uri: "urn:openapi:example-schema:\(next)")
            if validators.count < 10_000 { validators[key] = .some(compiled) }
            return compiled
        }
    }

    /// The schema with its document-local references (`#/components/...`) made absolute, so that they
    /// lead into the document wherever the schema is compiled.
    private static func absolute(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var object):
            for (key, member) in object.members {
                if key == "$ref", case .string(let reference) = member, reference.hasPrefix("#") {
                    object[key] = .string(documentURI + reference)
                } else if key == "discriminator", case .object(var discriminator) = member,
                    case .object(var mapping)? = discriminator["mapping"]
                {
                    for (name, target) in mapping.members {
                        if case .string(let reference) = target, reference.hasPrefix("#") {
                            mapping[name] = .string(documentURI + reference)
                        }
                    }
                    discriminator["mapping"] = .object(mapping)
                    object[key] = .object(discriminator)
                } else if ["example", "examples", "default", "enum", "const"].contains(key) {
                    continue
                } else {
                    object[key] = absolute(member)
                }
            }
            return .object(object)
        case .array(let items):
            return .array(items.map(absolute))
        default:
            return value
        }
    }
}
