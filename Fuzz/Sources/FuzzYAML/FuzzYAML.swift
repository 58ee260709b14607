import FuzzDriver
import FuzzEntryPoints

/// Any bytes as an OpenAPI document file (YAML, then JSON): read or refused, never a crash, a hang or
/// unbounded memory (alias bombs, deep nesting, byte-order marks, duplicate keys).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.document(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main
struct Driver {
    static func main() { runLibFuzzer { fuzz($0, $1) } }
}
