import Foundation

/// A Unicode property a pattern names with `\p{…}`: a General_Category value or a binary property the
/// standard library answers, or a script, which ICU answers one scalar at a time (a class of one scalar
/// cannot backtrack, so ICU's time limit never comes into play) with the answers kept.
enum UnicodeProperty: Sendable {
    case categories(Set<Unicode.GeneralCategory>)
    case binary(Binary)
    case icu(ICUProperty)

    enum Binary: String, Sendable, CaseIterable {
        case any = "Any", ascii = "ASCII", assigned = "Assigned", alphabetic = "Alphabetic"
        case asciiHexDigit = "ASCII_Hex_Digit", dash = "Dash", hexDigit = "Hex_Digit"
        case defaultIgnorable = "Default_Ignorable_Code_Point", emoji = "Emoji"
        case emojiPresentation = "Emoji_Presentation", emojiModifier = "Emoji_Modifier"
        case emojiModifierBase = "Emoji_Modifier_Base", idStart = "ID_Start", idContinue = "ID_Continue"
        case ideographic = "Ideographic", lowercase = "Lowercase", uppercase = "Uppercase", math = "Math"
        case noncharacter = "Noncharacter_Code_Point", whiteSpace = "White_Space", xidStart = "XID_Start"
        case xidContinue = "XID_Continue"

        static let aliases: [String: Binary] = [
            "Alpha": .alphabetic, "AHex": .asciiHexDigit, "Hex": .hexDigit, "DI": .defaultIgnorable,
            "EPres": .emojiPresentation, "EMod": .emojiModifier, "EBase": .emojiModifierBase, "IDS": .idStart,
            "IDC": .idContinue, "Ideo": .ideographic, "Lower": .lowercase, "Upper": .uppercase,
            "NChar": .noncharacter, "space": .whiteSpace, "XIDS": .xidStart, "XIDC": .xidContinue,
        ]

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let p = scalar.properties
            switch self {
            case .any: return true
            case .ascii: return scalar.isASCII
            case .assigned: return p.generalCategory != .unassigned
            case .alphabetic: return p.isAlphabetic
            case .asciiHexDigit: return p.isASCIIHexDigit
            case .dash: return p.isDash
            case .hexDigit: return p.isHexDigit
            case .defaultIgnorable: return p.isDefaultIgnorableCodePoint
            case .emoji: return p.isEmoji
            case .emojiPresentation: return p.isEmojiPresentation
            case .emojiModifier: return p.isEmojiModifier
            case .emojiModifierBase: return p.isEmojiModifierBase
            case .idStart: return p.isIDStart
            case .idContinue: return p.isIDContinue
            case .ideographic: return p.isIdeographic
            case .lowercase: return p.isLowercase
            case .uppercase: return p.isUppercase
            case .math: return p.isMath
            case .noncharacter: return p.isNoncharacterCodePoint
            case .whiteSpace: return p.isWhitespace
            case .xidStart: return p.isXIDStart
            case .xidContinue: return p.isXIDContinue
            }
        }
    }

    /// ECMA-262's General_Category values and their aliases (table "Value aliases and canonical values
    /// for General_Category").
    private static let categoryNames: [String: Set<Unicode.GeneralCategory>] = {
        let letters: Set<Unicode.GeneralCategory> = [
            .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        ]
        let cased: Set<Unicode.GeneralCategory> = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter]
        let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
        let numbers: Set<Unicode.GeneralCategory> = [.decimalNumber, .letterNumber, .otherNumber]
        let punctuation: Set<Unicode.GeneralCategory> = [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
        ]
        let symbols: Set<Unicode.GeneralCategory> = [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        let separators: Set<Unicode.GeneralCategory> = [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        let others: Set<Unicode.GeneralCategory> = [.control, .format, .surrogate, .privateUse, .unassigned]
        var names: [String: Set<Unicode.GeneralCategory>] = [:]
        func name(_ set: Set<Unicode.GeneralCategory>, _ aliases: String...) {
            for alias in aliases { names[alias] = set }
        }
        name(letters, "L", "Letter")
        name(cased, "LC", "Cased_Letter")
        name([.uppercaseLetter], "Lu", "Uppercase_Letter")
        name([.lowercaseLetter], "Ll", "Lowercase_Letter")
        name([.titlecaseLetter], "Lt", "Titlecase_Letter")
        name([.modifierLetter], "Lm", "Modifier_Letter")
        name([.otherLetter], "Lo", "Other_Letter")
        name(marks, "M", "Mark", "Combining_Mark")
        name([.nonspacingMark], "Mn", "Nonspacing_Mark")
        name([.spacingMark], "Mc", "Spacing_Mark")
        name([.enclosingMark], "Me", "Enclosing_Mark")
        name(numbers, "N", "Number")
        name([.decimalNumber], "Nd", "Decimal_Number", "digit")
        name([.letterNumber], "Nl", "Letter_Number")
        name([.otherNumber], "No", "Other_Number")
        name(punctuation, "P", "Punctuation", "punct")
        name([.connectorPunctuation], "Pc", "Connector_Punctuation")
        name([.dashPunctuation], "Pd", "Dash_Punctuation")
        name([.openPunctuation], "Ps", "Open_Punctuation")
        name([.closePunctuation], "Pe", "Close_Punctuation")
        name([.initialPunctuation], "Pi", "Initial_Punctuation")
        name([.finalPunctuation], "Pf", "Final_Punctuation")
        name([.otherPunctuation], "Po", "Other_Punctuation")
        name(symbols, "S", "Symbol")
        name([.mathSymbol], "Sm", "Math_Symbol")
        name([.currencySymbol], "Sc", "Currency_Symbol")
        name([.modifierSymbol], "Sk", "Modifier_Symbol")
        name([.otherSymbol], "So", "Other_Symbol")
        name(separators, "Z", "Separator")
        name([.spaceSeparator], "Zs", "Space_Separator")
        name([.lineSeparator], "Zl", "Line_Separator")
        name([.paragraphSeparator], "Zp", "Paragraph_Separator")
        name(others, "C", "Other")
        name([.control], "Cc", "Control", "cntrl")
        name([.format], "Cf", "Format")
        name([.surrogate], "Cs", "Surrogate")
        name([.privateUse], "Co", "Private_Use")
        name([.unassigned], "Cn", "Unassigned")
        return names
    }()

    /// The property `\p{name}` names; nil for a name neither ECMA-262's tables nor ICU know.
    init?(_ name: String) {
        let parts = name.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2 {
            if parts[0] == "General_Category" || parts[0] == "gc" {
                guard let set = Self.categoryNames[parts[1]] else { return nil }
                self = .categories(set)
                return
            }
            guard ["Script", "sc", "Script_Extensions", "scx"].contains(parts[0]), !parts[1].isEmpty,
                let icu = ICUProperty(name)
            else { return nil }
            self = .icu(icu)
            return
        }
        if let set = Self.categoryNames[name] {
            self = .categories(set)
        } else if let binary = Binary(rawValue: name) ?? Binary.aliases[name] {
            self = .binary(binary)
        } else if !name.isEmpty, let icu = ICUProperty(name) {
            self = .icu(icu)
        } else {
            return nil
        }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .categories(let set): set.contains(scalar.properties.generalCategory)
        case .binary(let binary): binary.contains(scalar)
        case .icu(let icu): icu.contains(scalar)
        }
    }
}

/// A property only ICU knows here (scripts, rarer binary properties), asked one scalar at a time.
final class ICUProperty: @unchecked Sendable {
    private let regex: NSRegularExpression
    private let lock = NSLock()
    private var known: [UInt32: Bool] = [:]

    init?(_ name: String) {
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "_=0123456789 ".unicodeScalars.contains($0)) }),
            let regex = try? NSRegularExpression(pattern: "^\\p{\(name)}$")
        else { return nil }
        self.regex = regex
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        lock.withLock {
            if let answer = known[scalar.value] { return answer }
            let text = String(scalar)
            let answer = regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
            if known.count < 65_536 { known[scalar.value] = answer }
            return answer
        }
    }
}
