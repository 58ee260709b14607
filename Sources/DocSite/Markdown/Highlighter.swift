import Foundation

/// Syntax highlighting done at build time: code becomes `<span class="hl-…">` runs that the theme's CSS
/// colours, so a page needs no JavaScript to be read.
///
/// Classes: `hl-k` keyword, `hl-s` string, `hl-n` number, `hl-c` comment, `hl-p` property name,
/// `hl-l` literal (`true`, `null`, …), `hl-v` variable, `hl-f` flag or function, `hl-m` HTTP method.
/// Languages: json, bash/sh/shell/console/curl, python/py, javascript/js/ts, yaml/yml, http; anything else
/// is escaped and left plain.
package struct Highlighter: Sendable {
    package init() {}

    /// `<pre>` block with a language label for the theme and the copy button.
    package func codeBlock(_ code: String, language: String) -> String {
        let lang = Self.canonical(language)
        let label = lang.map { " data-lang=\"\(HTML.escape($0))\"" } ?? ""
        let codeClass = lang.map { " class=\"language-\(HTML.escape($0))\"" } ?? ""
        return "<pre class=\"code\"\(label)><code\(codeClass)>\(highlight(code, language: language))</code></pre>\n"
    }

    package func highlight(_ code: String, language: String) -> String {
        guard let lang = Self.canonical(language), let rules = Self.rules[lang] else { return HTML.escape(code) }
        if lang == "http" { return highlightHTTP(code) }
        if lang == "yaml" { return highlightYAML(code) }
        var scanner = Scanner(code: code, rules: rules)
        return scanner.run()
    }

    static func canonical(_ language: String) -> String? {
        switch language.lowercased() {
        case "": nil
        case "json", "jsonc", "json5": "json"
        case "bash", "sh", "shell", "console", "curl", "zsh": "bash"
        case "python", "py", "python3": "python"
        case "javascript", "js", "mjs", "ts", "typescript", "node": "javascript"
        case "yaml", "yml": "yaml"
        case "http": "http"
        case let other: other
        }
    }

    struct Rules {
        var keywords: Set<String> = []
        var literals: Set<String> = []
        var lineComments: [String] = []
        var blockComment: (String, String)?
        var quotes: Set<Unicode.Scalar> = ["\"", "'"]
        var tripleQuotes = false
        var variables = false
        var flags = false
    }

    static let rules: [String: Rules] = [
        "json": Rules(literals: ["true", "false", "null"], quotes: ["\""]),
        "bash": Rules(
            keywords: [
                "if", "then", "else", "elif", "fi", "for", "while", "do", "done", "case", "esac", "in", "function",
                "export", "local", "return", "set", "echo", "curl",
            ],
            lineComments: ["#"], variables: true, flags: true),
        "python": Rules(
            keywords: [
                "import", "from", "as", "def", "class", "return", "if", "elif", "else", "for", "while", "in", "not",
                "and", "or", "try", "except", "finally", "with", "raise", "lambda", "pass", "print", "is", "async",
                "await",
            ],
            literals: ["True", "False", "None"], lineComments: ["#"], tripleQuotes: true),
        "javascript": Rules(
            keywords: [
                "const", "let", "var", "function", "return", "if", "else", "for", "while", "try", "catch", "finally",
                "await", "async", "new", "throw", "import", "from", "export", "of", "in", "typeof", "class",
            ],
            literals: ["true", "false", "null", "undefined"], lineComments: ["//"], blockComment: ("/*", "*/"),
            quotes: ["\"", "'", "`"]),
        "yaml": Rules(), "http": Rules(),
    ]

    /// A small lexer shared by the C-like languages and JSON. A string followed by `:` is a property name.
    struct Scanner {
        /// The code's UTF-8 bytes: every character the lexer looks at is ASCII, and spans start and end at
        /// ASCII characters, so no multi-byte character is ever cut.
        let s: [UInt8]
        let rules: Rules
        /// The comment markers as scalars, made once per block rather than at every character.
        let lineComments: [(text: String, scalars: [UInt8])]
        let blockComment: (open: [UInt8], close: [UInt8])?
        var out = ""
        var i = 0
        /// Where the text not yet copied to `out` starts (plain text between spans).
        var plainStart: Int?

        init(code: String, rules: Rules) {
            s = Array(code.utf8)
            self.rules = rules
            lineComments = rules.lineComments.map { ($0, Array($0.utf8)) }
            blockComment = rules.blockComment.map { (Array($0.0.utf8), Array($0.1.utf8)) }
            out.reserveCapacity(s.count * 2)
        }

        mutating func run() -> String {
            var atWordStart = true
            while i < s.count {
                let c = s[i]
                // A shell `#` starts a comment only at the start of a word (`a#b` is one word).
                if let comment = lineComments.first(where: { matches($0.scalars) }), comment.text != "#" || atWordStart
                {
                    emit("hl-c", i, s[i...].firstIndex(of: UInt8(ascii: "\n")) ?? s.count)
                    continue
                }
                if let (open, close) = blockComment, matches(open) {
                    var end = i + open.count
                    while end < s.count, !matches(close, at: end) { end += 1 }
                    end = min(s.count, end + close.count)
                    emit("hl-c", i, end)
                    continue
                }
                if c < 0x80, rules.quotes.contains(Unicode.Scalar(c)) {
                    let end = stringEnd(from: i)
                    var j = end
                    while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
                    emit(j < s.count && s[j] == ":" && c != "`" ? "hl-p" : "hl-s", i, end)
                    atWordStart = false
                    continue
                }
                if rules.variables, c == "$", i + 1 < s.count, s[i + 1] == "{" || isIdentifier(s[i + 1]) {
                    var end = i + 1
                    if s[end] == "{" {
                        while end < s.count, s[end] != "}" { end += 1 }
                        end = min(s.count, end + 1)
                    } else {
                        while end < s.count, isIdentifier(s[end]) { end += 1 }
                    }
                    emit("hl-v", i, end)
                    continue
                }
                if rules.flags, c == "-", atWordStart, i + 1 < s.count, isIdentifier(s[i + 1]) || s[i + 1] == "-" {
                    var end = i + 1
                    while end < s.count, isIdentifier(s[end]) || s[end] == "-" { end += 1 }
                    emit("hl-f", i, end)
                    atWordStart = false
                    continue
                }
                if isDigit(c) || (c == "-" && i + 1 < s.count && isDigit(s[i + 1]) && !rules.flags) {
                    if i == 0 || !isIdentifier(s[i - 1]) {
                        var end = i + 1
                        while end < s.count,
                            isDigit(s[end]) || s[end] == "." || s[end] == "e" || s[end] == "E" || s[end] == "_"
                                || ((s[end] == "+" || s[end] == "-") && (s[end - 1] == "e" || s[end - 1] == "E"))
                        {
                            end += 1
                        }
                        emit("hl-n", i, end)
                        atWordStart = false
                        continue
                    }
                }
                if isIdentifierStart(c) {
                    var end = i
                    while end < s.count, isIdentifier(s[end]) { end += 1 }
                    let word = String(decoding: s[i..<end], as: UTF8.self)
                    if rules.keywords.contains(word) {
                        emit("hl-k", i, end)
                    } else if rules.literals.contains(word) {
                        emit("hl-l", i, end)
                    } else if end < s.count, s[end] == "(", !rules.flags {
                        emit("hl-f", i, end)
                    } else {
                        // Plain text stays pending and is copied in one piece before the next span.
                        if plainStart == nil { plainStart = i }
                        i = end
                    }
                    atWordStart = false
                    continue
                }
                atWordStart = c == " " || c == "\t" || c == "\n" || c == "(" || c == ";" || c == "|"
                if plainStart == nil { plainStart = i }
                i += 1
            }
            flushPlain()
            return out
        }

        func stringEnd(from start: Int) -> Int {
            let quote = s[start]
            if rules.tripleQuotes, start + 2 < s.count, s[start + 1] == quote, s[start + 2] == quote {
                var j = start + 3
                while j + 2 < s.count, !(s[j] == quote && s[j + 1] == quote && s[j + 2] == quote) { j += 1 }
                return min(s.count, j + 3)
            }
            var j = start + 1
            // Backslash escapes everywhere but in shell single quotes.
            let escapes = !(rules.variables && quote == "'")
            while j < s.count, s[j] != quote {
                if s[j] == "\\", escapes {
                    j += 2
                    continue
                }
                // An unterminated string ends with its line (template literals and shell strings may span lines).
                if s[j] == "\n", quote != "`", !rules.variables { return j }
                j += 1
            }
            return min(s.count, j + 1)
        }

        func matches(_ t: [UInt8], at position: Int? = nil) -> Bool {
            let p = position ?? i
            guard p + t.count <= s.count else { return false }
            for k in 0..<t.count where s[p + k] != t[k] { return false }
            return true
        }

        mutating func flushPlain() {
            guard let start = plainStart else { return }
            appendEscaped(start, i)
            plainStart = nil
        }

        mutating func emit(_ cls: String, _ start: Int, _ end: Int) {
            flushPlain()
            out += "<span class=\""
            out += cls
            out += "\">"
            appendEscaped(start, end)
            out += "</span>"
            i = end
        }

        mutating func appendEscaped(_ start: Int, _ end: Int) {
            var run = start
            for k in start..<end {
                let replacement: String? =
                    switch s[k] {
                    case 0x26: "&amp;"
                    case 0x3C: "&lt;"
                    case 0x3E: "&gt;"
                    case 0x22: "&quot;"
                    case 0x27: "&#39;"
                    default: nil
                    }
                guard let replacement else { continue }
                if run < k { out += String(decoding: s[run..<k], as: UTF8.self) }
                out += replacement
                run = k + 1
            }
            if run < end { out += String(decoding: s[run..<end], as: UTF8.self) }
        }
    }

    // MARK: - Line-oriented languages

    private func highlightYAML(_ code: String) -> String {
        var out = ""
        var first = true
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { out += "\n" }
            first = false
            var rest = Substring(line)
            let indent = rest.prefix { $0 == " " || $0 == "-" }
            out += HTML.escape(String(indent))
            rest = rest.dropFirst(indent.count)
            if rest.hasPrefix("#") {
                out += "<span class=\"hl-c\">\(HTML.escape(String(rest)))</span>"
                continue
            }
            if let colon = keyColon(rest) {
                out += "<span class=\"hl-p\">\(HTML.escape(String(rest[..<colon])))</span>:"
                rest = rest[rest.index(after: colon)...]
            }
            var comment = ""
            if let hash = rest.range(of: " #") {
                comment = String(rest[hash.lowerBound...])
                rest = rest[..<hash.lowerBound]
            }
            let value = String(rest).trimmingSpaces()
            let lead = rest.prefix { $0 == " " }
            out += String(lead)
            if value.isEmpty {
            } else if ["true", "false", "null", "~"].contains(value) {
                out += "<span class=\"hl-l\">\(HTML.escape(value))</span>"
            } else if Double(value) != nil {
                out += "<span class=\"hl-n\">\(HTML.escape(value))</span>"
            } else if value.hasPrefix("\"") || value.hasPrefix("'") || !value.hasPrefix("|") && !value.hasPrefix(">") {
                out += "<span class=\"hl-s\">\(HTML.escape(value))</span>"
            } else {
                out += HTML.escape(value)
            }
            out += String(rest.dropFirst(lead.count + value.count))
            if !comment.isEmpty { out += "<span class=\"hl-c\">\(HTML.escape(comment))</span>" }
        }
        return out
    }

    private func keyColon(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices {
            let c = text[index]
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            if c == "\"" || c == "'" {
                if index == text.startIndex { quote = c } else { return nil }
                continue
            }
            if c == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " { return index }
            }
            if c == " " && text[text.startIndex] != "\"" { continue }
        }
        return nil
    }

    private func highlightHTTP(_ code: String) -> String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        guard !lines.isEmpty else { return "" }
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0].allSatisfy({ $0.isUppercase }) {
            out.append("<span class=\"hl-m\">\(HTML.escape(parts[0]))</span> \(HTML.escape(parts[1]))")
        } else {
            out.append(HTML.escape(requestLine))
        }
        var inBody = false
        var body: [String] = []
        for line in lines {
            if inBody {
                body.append(line)
                continue
            }
            if line.isEmpty {
                inBody = true
                out.append("")
                continue
            }
            if let colon = line.firstIndex(of: ":") {
                out.append(
                    "<span class=\"hl-p\">\(HTML.escape(String(line[..<colon])))</span>"
                        + HTML.escape(String(line[colon...])))
            } else {
                out.append(HTML.escape(line))
            }
        }
        var text = out.joined(separator: "\n")
        if inBody {
            let joined = body.joined(separator: "\n")
            var scanner = Scanner(code: joined, rules: Self.rules["json"] ?? Rules())
            text += "\n" + scanner.run()
        }
        return text
    }
}

private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
private func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
}
private func isIdentifier(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }

/// `byte == "x"` for the lexer's ASCII comparisons.
private func == (byte: UInt8, character: Unicode.Scalar) -> Bool { character.isASCII && byte == UInt8(character.value) }
private func != (byte: UInt8, character: Unicode.Scalar) -> Bool { !(byte == character) }
