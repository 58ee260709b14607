import FuzzDriver
import JSONCore

/// Any bytes: the parser returns a value or an error, never crashes or hangs; a parsed value written
/// back as JSON parses again to the same value. The tape (issue 21) accepts exactly what the parser
/// accepts, and reads back the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let tape = JSONTape()
    let loaded = tape.load(bytes)
    guard let value = try? JSONParser().parse(bytes) else {
        if loaded { fatalError("the tape took a text the parser refuses") }
        return 0
    }
    guard loaded else { fatalError("the tape refused a text the parser takes: \(value.compactJSON())") }
    // Written out, since `==` on objects with two keys Swift takes as one string is unreliable.
    if tape.value(at: 0).compactJSON() != value.compactJSON() {
        fatalError("the tape reads back \(tape.value(at: 0).compactJSON()), the parser \(value.compactJSON())")
    }
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
