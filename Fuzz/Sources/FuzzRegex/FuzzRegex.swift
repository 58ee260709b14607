import FuzzDriver
@_spi(Fuzzing) import JSONSchema

/// The input is a pattern and a text separated by a newline. Wherever the automaton takes the pattern,
/// it must answer as ICU does (ICU ran every pattern before the automaton). Scalars on which ICU strays
/// from ECMA-262 (`\v`, `\f`, U+0085, U+FEFF) are dropped from the text. Texts are kept short and
/// counted repetitions small, so that ICU's backtracking (exponential on `(|a){32,}`) cannot time out.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0x0A) ?? size
    guard let pattern = String(validating: bytes[0..<split], as: UTF8.self), pattern.unicodeScalars.count <= 64,
        let rest = String(validating: split < size ? bytes[(split + 1)...] : bytes[size...], as: UTF8.self)
    else { return 0 }
    if hasLargeCount(pattern) { return 0 }
    var text = String.UnicodeScalarView()
    for scalar in rest.unicodeScalars.prefix(12) where ![0x0B, 0x0C, 0x85, 0xFEFF].contains(scalar.value) {
        text.append(scalar)
    }
    let string = String(text)
    if let answers = PatternEngines.answers(pattern: pattern, text: string), answers.automaton != answers.icu {
        fatalError("/\(pattern)/ on \(string.debugDescription): automaton \(answers.automaton), ICU \(answers.icu)")
    }
    return 0
}

/// Whether a `{` is followed by a number above 5.
func hasLargeCount(_ pattern: String) -> Bool {
    let scalars = Array(pattern.unicodeScalars)
    for (i, scalar) in scalars.enumerated() where scalar == "{" {
        var j = i + 1
        var value = 0
        while j < scalars.count, ("0"..."9").contains(scalars[j]) {
            value = min(value * 10 + Int(scalars[j].value - 48), 1000)
            j += 1
        }
        if value > 5 { return true }
    }
    return false
}

@main
struct Driver {
    static func main() { runLibFuzzer { fuzz($0, $1) } }
}
