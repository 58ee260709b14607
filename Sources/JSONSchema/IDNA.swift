/// Enough of IDNA2008 (RFC 5890–5893) to judge the A-labels (`xn--…`) of the `hostname` format: Punycode
/// decoding (RFC 3492), the hyphen and leading-mark rules, the DISALLOWED and PVALID exceptions, and the
/// CONTEXTJ/CONTEXTO rules. The full derived-property tables are approximated by general categories.
enum IDNA {
    /// Whether an `xn--` label's encoded part decodes to a valid U-label.
    static func isValidALabel(_ encoded: Substring) -> Bool {
        guard let decoded = Punycode.decode(encoded) else { return false }
        return isValidULabel(decoded)
    }

    static func isValidULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard !label.isEmpty, label.first != "-", label.last != "-" else { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        if isMark(label[0]) { return false }
        let hasArabicIndic = label.contains { (0x0660...0x0669).contains($0.value) }
        let hasExtendedArabicIndic = label.contains { (0x06F0...0x06F9).contains($0.value) }
        if hasArabicIndic && hasExtendedArabicIndic { return false }
        for (i, c) in label.enumerated() {
            let before = i > 0 ? label[i - 1] : nil
            let after = i + 1 < label.count ? label[i + 1] : nil
            switch c.value {
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
                return false  // DISALLOWED exceptions
            case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
                continue  // PVALID exceptions
            case 0x00B7:  // MIDDLE DOT: only between two 'l's (Catalan)
                guard before == "l", after == "l" else { return false }
            case 0x0375:  // GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek
                guard let after, isGreek(after) else { return false }
            case 0x05F3, 0x05F4:  // HEBREW GERESH, GERSHAYIM: preceded by Hebrew
                guard let before, (0x0590...0x05FF).contains(before.value) else { return false }
            case 0x30FB:  // KATAKANA MIDDLE DOT: some Hiragana, Katakana or Han in the label
                guard label.contains(where: { isJapanese($0) && $0.value != 0x30FB }) else { return false }
            case 0x200D:  // ZERO WIDTH JOINER: after a virama
                guard let before, before.properties.canonicalCombiningClass.rawValue == 9 else { return false }
            case 0x200C:  // ZERO WIDTH NON-JOINER: after a virama, or between joining letters
                if let before, before.properties.canonicalCombiningClass.rawValue == 9 { continue }
                guard let before, let after, isJoining(before), isJoining(after) else { return false }
            case 0x2D:
                continue
            default:
                guard isLetterDigitOrMark(c) else { return false }
            }
        }
        return true
    }

    private static func isMark(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .spacingMark, .nonspacingMark, .enclosingMark: true
        default: false
        }
    }

    private static func isLetterDigitOrMark(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .modifierLetter, .titlecaseLetter, .decimalNumber,
            .spacingMark, .nonspacingMark, .enclosingMark:
            true
        default: false
        }
    }

    private static func isGreek(_ c: Unicode.Scalar) -> Bool {
        (0x0370...0x03FF).contains(c.value) || (0x1F00...0x1FFF).contains(c.value)
    }

    private static func isJapanese(_ c: Unicode.Scalar) -> Bool {
        (0x3040...0x30FF).contains(c.value) || (0x4E00...0x9FFF).contains(c.value)
            || (0x3400...0x4DBF).contains(c.value)
    }

    private static func isJoining(_ c: Unicode.Scalar) -> Bool {
        (0x0620...0x06FF).contains(c.value) || (0x0750...0x077F).contains(c.value)
            || (0xA840...0xA877).contains(c.value)
    }
}

/// RFC 3492 Punycode decoding.
enum Punycode {
    static func decode(_ input: Substring) -> [Unicode.Scalar]? {
        let base = 36, tmin = 1, tmax = 26, skew = 38, damp = 700
        var output: [Unicode.Scalar] = []
        var rest = Array(input.unicodeScalars)[...]
        if let delimiter = rest.lastIndex(of: "-") {
            for c in rest[..<delimiter] {
                guard c.isASCII else { return nil }
                output.append(c)
            }
            rest = rest[(delimiter + 1)...]
        }
        guard !rest.isEmpty else { return nil }
        var n = 128, i = 0, bias = 72
        func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k = 0
            while delta > ((base - tmin) * tmax) / 2 {
                delta /= base - tmin
                k += base
            }
            return k + (base - tmin + 1) * delta / (delta + skew)
        }
        while !rest.isEmpty {
            let old = i
            var w = 1
            var k = base
            while true {
                guard let c = rest.popFirst() else { return nil }
                let digit: Int
                switch c {
                case "a"..."z": digit = Int(c.value - 97)
                case "A"..."Z": digit = Int(c.value - 65)
                case "0"..."9": digit = Int(c.value - 22)
                default: return nil
                }
                let (product, o1) = digit.multipliedReportingOverflow(by: w)
                let (sum, o2) = i.addingReportingOverflow(product)
                guard !o1, !o2 else { return nil }
                i = sum
                let t = k <= bias ? tmin : (k >= bias + tmax ? tmax : k - bias)
                if digit < t { break }
                let (nw, o3) = w.multipliedReportingOverflow(by: base - t)
                guard !o3 else { return nil }
                w = nw
                k += base
            }
            bias = adapt(i - old, output.count + 1, old == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard n < 0x110000, let scalar = Unicode.Scalar(n) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        return output
    }
}
