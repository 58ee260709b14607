import JSONCore
#if canImport(Glibc)
    import Glibc
#endif
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

/// libFuzzer's own driver, called from our entry point: SwiftPM gives executables a `main` of their own.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct Driver {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzz($0, $1) }))
    }
}
