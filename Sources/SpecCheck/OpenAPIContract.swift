import JSONCore
import JSONSchema

/// An OpenAPI 3.0 or 3.1 document read as plain JSON, with its operations indexed and their schemas
/// compiled on demand: what response, HAR and lint checks validate against.
///
/// Working on the raw document (rather than OpenAPIKit's model) keeps every location a real JSON pointer
/// into the file, and accepts documents whose schemas OpenAPIKit would reject.
public final class OpenAPIContract {
    public struct Operation: Sendable {
        public let id: String
        public let method: String
        public let path: String
        public let template: PathTemplate
        /// `/paths/~1agents/get`
        public let pointer: JSONPointer
        let value: JSONValue
        /// Path-level and operation-level parameters, references resolved: (value, pointer).
        let parameters: [(JSONValue, JSONPointer)]
    }

    public let document: JSONValue
    public let operations: [Operation]
    public let isOpenAPI30: Bool
    private var compilers: [SchemaOptions.Direction: (SchemaCompiler, Int)] = [:]
    private var cache: [String: Validator] = [:]

    public init(document: JSONValue) throws(SchemaError) {
        self.document = document
        var version = ""
        if case .string(let v)? = document["openapi"] { version = v }
        isOpenAPI30 = version.hasPrefix("3.0")
        var operations: [Operation] = []
        if case .object(let paths)? = document["paths"] {
            for (path, item) in paths.members {
                let itemPointer = JSONPointer(tokens: ["paths", path])
                let (resolvedItem, _) = OpenAPIContract.resolve(item, at: itemPointer, in: document)
                let shared = OpenAPIContract.parameters(of: resolvedItem, at: itemPointer, in: document)
                for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                    guard let operation = resolvedItem[method] else { continue }
                    let pointer = itemPointer.appending(method)
                    var id = "\(method.uppercased()) \(path)"
                    if case .string(let operationId)? = operation["operationId"] { id = operationId }
                    var merged = shared
                    for (value, at) in OpenAPIContract.parameters(of: operation, at: pointer, in: document) {
                        // An operation-level parameter overrides a path-level one with the same name and location.
                        merged.removeAll { $0.0["name"] == value["name"] && $0.0["in"] == value["in"] }
                        merged.append((value, at))
                    }
                    operations.append(
                        Operation(
                            id: id, method: method, path: path, template: PathTemplate(path), pointer: pointer,
                            value: operation, parameters: merged))
                }
            }
        }
        self.operations = operations
    }

    public func operation(id: String) -> Operation? { operations.first { $0.id == id } }

    // MARK: - References

    /// Follows local `$ref`s (`#/components/...`) from `value`, returning the target and its pointer.
    static func resolve(_ value: JSONValue, at pointer: JSONPointer, in document: JSONValue) -> (JSONValue, JSONPointer)
    {
        var current = value
        var location = pointer
        for _ in 0..<32 {
            guard case .string(let reference)? = current["$ref"], reference.hasPrefix("#"),
                let target = JSONPointer(uriFragment: reference),
                let next = document.value(at: target)
            else { break }
            current = next
            location = target
        }
        return (current, location)
    }

    func resolve(_ value: JSONValue, at pointer: JSONPointer) -> (JSONValue, JSONPointer) {
        OpenAPIContract.resolve(value, at: pointer, in: document)
    }

    private static func parameters(of value: JSONValue, at pointer: JSONPointer, in document: JSONValue) -> [(
        JSONValue, JSONPointer
    )] {
        guard case .array(let list)? = value["parameters"] else { return [] }
        return list.enumerated().map { i, parameter in
            resolve(parameter, at: pointer.appending("parameters").appending(i), in: document)
        }
    }

    // MARK: - Schemas

    /// The compiled schema at `pointer` (a schema object inside the document), for data flowing in
    /// `direction`. Compiled once and cached.
    public func validator(at pointer: JSONPointer, direction: SchemaOptions.Direction) throws(SchemaError) -> Validator
    {
        let key = "\(direction)\(pointer)"
        if let cached = cache[key] { return cached }
        let (compiler, handle) = try compiler(for: direction)
        let validator = try compiler.compile(document: handle, at: pointer)
        cache[key] = validator
        return validator
    }

    private func compiler(for direction: SchemaOptions.Direction) throws(SchemaError) -> (SchemaCompiler, Int) {
        if let existing = compilers[direction] { return existing }
        let options = SchemaOptions(direction: direction, dialect: isOpenAPI30 ? .openAPI30 : .draft2020_12)
        let compiler = SchemaCompiler(options: options)
        var schemaPointers: [JSONPointer] = []
        if case .object(let schemas)? = document["components"]?["schemas"] {
            schemaPointers = schemas.keys.map { JSONPointer(tokens: ["components", "schemas", $0]) }
        }
        let handle = try compiler.add(document: document, uri: "urn:openapi:document", schemaPointers: schemaPointers)
        compilers[direction] = (compiler, handle)
        return (compiler, handle)
    }
}
