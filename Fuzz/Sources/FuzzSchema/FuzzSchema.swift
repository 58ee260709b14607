import FuzzDriver
import JSONCore
@_spi(Fuzzing) import JSONSchema

/// The input is a schema and an instance separated by a newline. Compilation either succeeds or throws a
/// SchemaError; validation never crashes, `isValid` always agrees with `validate`, and the fast pass
/// (leaves, early exits) with the keywords alone.
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
    let valid = validator.isValid(instance)
    if valid != errors.isEmpty {
        fatalError("isValid and validate disagree on \(instance.compactJSON()) for \(schema.compactJSON())")
    }
    if valid != validator.keywordVerdict(instance) {
        fatalError("the fast pass and the keywords disagree on \(instance.compactJSON()) for \(schema.compactJSON())")
    }
    // The tape path (issue 21) on the instance written out.
    let tape = JSONTape()
    let onTape = instance.compactJSONBytes().withUnsafeBytes { tape.load($0, maxDepth: 64) && validator.isValid(tape) }
    if onTape != valid {
        fatalError("the tape and the values disagree on \(instance.compactJSON()) for \(schema.compactJSON())")
    }
    return 0
}

@main
struct Driver {
    static func main() { runLibFuzzer { fuzz($0, $1) } }
}
