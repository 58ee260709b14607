import FuzzDriver
import JSONCore

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

@main
struct Driver {
    static func main() { runLibFuzzer { fuzz($0, $1) } }
}
