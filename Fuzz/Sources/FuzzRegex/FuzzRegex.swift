import FuzzDriver
@_spi(Fuzzing) import JSONSchema

/// The input is a pattern and a text separated by a newline. Wherever the automaton takes the pattern,
/// it must answer as ICU does (ICU ran every pattern before the automaton). Scalars on which ICU strays
/// from ECMA-262 (`\v`, `\f`, U+0085, U+FEFF) are dropped from the text. Texts are kept short and
/// counted repetitions small, so that ICU's backtracking (exponential on `(|a){32,}`) cannot time out
/// and its give-ups on large repetitions (see `hasLargeCount`) do not count as the automaton's errors.
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

/// Whether a brace holds a number above 5 (`{6}`, `{2,40}`): ICU gives up on a group that can match the
/// empty string repeated about 40 times, and answers "no match" (FuzzRegressionTests).
func hasLargeCount(_ pattern: String) -> Bool {
    var inBrace = false
    var value = 0
    for scalar in pattern.unicodeScalars {
        switch scalar {
        case "{":
            inBrace = true
            value = 0
        case "0"..."9" where inBrace:
            value = min(value * 10 + Int(scalar.value - 48), 1000)
            if value > 5 { return true }
        case ",":
            value = 0
        default:
            inBrace = false
        }
    }
    return false
}

@main
struct Driver {
    static func main() { runLibFuzzer { fuzz($0, $1) } }
}
