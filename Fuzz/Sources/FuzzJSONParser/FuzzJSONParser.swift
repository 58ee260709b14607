import JSONCore
#if canImport(Glibc)
    import Glibc
#endif

/// Any bytes: the parser returns a value or an error, never crashes or hangs; a parsed value written
/// back as JSON parses again to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let value = try? JSONParser().parse(bytes) else { return 0 }
    let text = value.compactJSON()
    guard let again = try? JSONParser().parse(text), again == value else {
        fatalError("round trip changed the value: \(text)")
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
