import FuzzDriver
import JSONCore
import JSONSchema

/// The input is a schema and an instance separated by a newline. Compilation either succeeds or throws a
/// SchemaError; validation never crashes, and `isValid` always agrees with `validate`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0x0A) ?? size
    guard let schema = try? JSONParser(maxDepth: 64).parse(UnsafeRawBufferPointer(rebasing: bytes[0..<split])) else {
        return 0
    }
    let rest =
        split < size
        ? UnsafeRawBufferPointer(rebasing: bytes[(split + 1)...]) : UnsafeRawBufferPointer(start: nil, count: 0)
    let instance = (try? JSONParser(maxDepth: 64).parse(rest)) ?? .null
    guard let validator = try? SchemaCompiler().compile(schema) else { return 0 }
    let errors = validator.validate(instance)
    if validator.isValid(instance) != errors.isEmpty {
        fatalError("isValid and validate disagree on \(instance.compactJSON()) for \(schema.compactJSON())")
    }
    return 0
}

@main
struct Driver {
    static func main() { runLibFuzzer { fuzz($0, $1) } }
}
