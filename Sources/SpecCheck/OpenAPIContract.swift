import JSONCore
import JSONSchema
import OpenAPIDocument
import Synchronization

/// An OpenAPI 3.0 or 3.1 document read as plain JSON, with its operations indexed and their schemas
/// compiled on demand: what response, HAR and lint checks validate against.
///
/// Working on the raw document (rather than OpenAPIKit's model) keeps every location a real JSON pointer
/// into the file, and accepts documents whose schemas OpenAPIKit would reject.
package final class OpenAPIContract: Sendable {
    package struct Operation: Sendable {
        package let id: String
        package let method: String
        package let path: String
        package let template: PathTemplate
        /// `/paths/~1agents/get`
        package let pointer: JSONPointer
        let value: JSONValue
        /// Path-level and operation-level parameters, references resolved: (value, pointer).
        let parameters: [(JSONValue, JSONPointer)]
        /// Its place in `operations`.
        let index: Int
    }

    package let document: JSONValue
    package let operations: [Operation]
    package let isOpenAPI30: Bool
    /// The compilers and the schemas compiled so far; a schema compiles once, then any number of threads
    /// validate with it at once.
    private let schemas = Mutex(CompiledSchemas())
    /// Tapes for the bodies checked, reused from one body to the next.
    let tapes = JSONTapeShelf()
    /// What answers need checked, by operation, status and content type (`responsePlan`).
    let responsePlans = BoundedMemo<ResponsePlan.Key, ResponsePlan>()

    private struct CompiledSchemas {
        var compilers: [SchemaOptions.Direction: (SchemaCompiler, Int)] = [:]
        var validators: [Key: Validator] = [:]

        struct Key: Hashable {
            var direction: SchemaOptions.Direction
            var pointer: JSONPointer
        }
    }

    package init(document: JSONValue) throws(SchemaError) {
        self.document = document
        var version = ""
        if case .string(let v)? = document["openapi"] { version = v }
        isOpenAPI30 = version.hasPrefix("3.0")
        let operations = APIOperation.all(in: document).enumerated().map { index, operation in
            Operation(
                id: operation.id, method: operation.method, path: operation.path,
                template: PathTemplate(operation.path),
                pointer: operation.pointer, value: operation.value, parameters: operation.parameters, index: index)
        }
        self.operations = operations
    }

    package func operation(id: String) -> Operation? { operations.first { $0.id == id } }

    // MARK: - References

    /// Follows local `$ref`s (`#/components/...`) from `value`, returning the target and its pointer.
    func resolve(_ value: JSONValue, at pointer: JSONPointer) -> (JSONValue, JSONPointer) {
        LocalReference.resolve(value, at: pointer, in: document)
    }

    // MARK: - Schemas

    /// The compiled schema at `pointer` (a schema object inside the document), for data flowing in
    /// `direction`. Compiled once and cached.
    package func validator(at pointer: JSONPointer, direction: SchemaOptions.Direction) throws(SchemaError) -> Validator
    {
        let key = CompiledSchemas.Key(direction: direction, pointer: pointer)
        return try schemas.withLock { (schemas: inout CompiledSchemas) throws(SchemaError) -> Validator in
            if let cached = schemas.validators[key] { return cached }
            let (compiler, handle) = try compiler(for: direction, in: &schemas)
            let validator = try compiler.compile(document: handle, at: pointer)
            schemas.validators[key] = validator
            return validator
        }
    }

    private func compiler(for direction: SchemaOptions.Direction, in schemas: inout CompiledSchemas) throws(SchemaError)
        -> (SchemaCompiler, Int)
    {
        if let existing = schemas.compilers[direction] { return existing }
        var options = SchemaOptions(direction: direction, dialect: isOpenAPI30 ? .openAPI30 : .draft2020_12)
        options.integerFormats = true
        options.readsOpenAPI30Keywords = true
        let compiler = SchemaCompiler(options: options)
        var schemaPointers: [JSONPointer] = []
        if case .object(let schemas)? = document["components"]?["schemas"] {
            schemaPointers = schemas.keys.map { JSONPointer(tokens: ["components", "schemas", $0]) }
        }
        let handle = try compiler.add(document: document, uri: "urn:openapi:document", schemaPointers: schemaPointers)
        schemas.compilers[direction] = (compiler, handle)
        return (compiler, handle)
    }
}
