import FuzzDriver
@_spi(Fuzzing) import JSONSchema

/// The input is a pattern and a text separated by a newline. Three engines answer, and must agree:
/// the backtracker in its remembering form (patterns without backreferences) and its counted form (every
/// pattern; both follow ECMA-262, by different programs), and the automaton wherever it takes the pattern.
/// Where the automaton takes it, ICU must answer the same too (ICU ran every pattern before the automaton;
/// outside that subset its meaning differs from ECMA-262's: `\b`, captures in lookahead, captures reset
/// per iteration). Scalars on which ICU strays from ECMA-262 (`\v`, `\f`, U+0085, U+FEFF) are dropped from
/// the text. Texts are kept short and counted repetitions small, so that ICU's backtracking (exponential on
/// `(|a){32,}`) cannot time out and its give-ups on large repetitions (see `hasLargeCount`) do not count as
/// the automaton's errors. An `undecided` verdict (the counted form's budget) is no answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0x0A) ?? size
    guard let pattern = String(validating: bytes[0..<split], as: UTF8.self), pattern.unicodeScalars.count <= 64,
        let rest = String(validating: split < size ? bytes[(split + 1)...] : bytes[size...], as: UTF8.self)
    else { return 0 }
    var text = String.UnicodeScalarView()
    for scalar in rest.unicodeScalars.prefix(12) where ![0x0B, 0x0C, 0x85, 0xFEFF].contains(scalar.value) {
        text.append(scalar)
    }
    let string = String(text)
    guard let answers = PatternEngines.answers(pattern: pattern, text: string) else { return 0 }
    let ours = [("automaton", answers.automaton), ("remembering backtracker", answers.remembering),
        ("counted backtracker", answers.counted)].compactMap { name, answer in answer.map { (name, $0) } }
    if let first = ours.first, let other = ours.first(where: { $0.1 != first.1 }) {
        fatalError("/\(pattern)/ on \(string.debugDescription): \(first.0) \(first.1), \(other.0) \(other.1)")
    }
    if !hasLargeCount(pattern), let automaton = answers.automaton, let icu = answers.icu, automaton != icu {
        fatalError("/\(pattern)/ on \(string.debugDescription): automaton \(automaton), ICU \(icu)")
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
