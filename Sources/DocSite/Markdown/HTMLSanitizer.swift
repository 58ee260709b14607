/// Cleans the raw HTML that markdown may contain, by an allow-list.
///
/// Tags outside the list are dropped (their text stays, except inside `script`, `style` and the like,
/// whose content is dropped too); attributes outside the list, every `on…` handler and every URL that
/// ``URLPolicy`` refuses are dropped; comments and declarations are dropped. What is kept is written
/// back with its attribute values re-escaped, so the output is well-formed whatever came in.
enum HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp", "section",
        "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "time", "tr", "u", "ul", "var", "wbr",
    ]
    static let voidTags: Set<String> = ["br", "col", "hr", "img", "source", "wbr"]
    /// Elements whose content is code or data rather than text: dropped with their content.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "noembed", "noframes", "template", "textarea", "title",
        "xmp", "plaintext", "noscript", "svg", "math",
    ]
    static let globalAttributes: Set<String> = ["id", "class", "title", "lang", "dir", "role"]
    static let tagAttributes: [String: Set<String>] = [
        "a": ["href", "name", "rel"],
        "img": ["src", "alt", "width", "height", "loading"],
        "source": ["srcset", "media", "type"],
        "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan", "scope"],
        "ol": ["start", "reversed", "type"], "li": ["value"],
        "details": ["open"], "time": ["datetime"],
        "blockquote": ["cite"], "q": ["cite"], "del": ["cite", "datetime"], "ins": ["cite", "datetime"],
        "col": ["span"], "colgroup": ["span"],
    ]
    static let urlAttributes: Set<String> = ["href", "src", "cite", "srcset"]

    static func sanitize(_ html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var skipUntilClose: String?
        func append(_ text: String) { out.append(contentsOf: text.unicodeScalars) }

        while i < s.count {
            let c = s[i]
            guard c == "<" else {
                if skipUntilClose == nil {
                    switch c {
                    case ">": append("&gt;")
                    case "\"": append("&quot;")
                    default: out.append(c)
                    }
                }
                i += 1
                continue
            }
            // Comments, declarations, processing instructions: dropped.
            if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
                i = find("-->", in: s, from: i + 4).map { $0 + 3 } ?? s.count
                continue
            }
            if i + 1 < s.count, s[i + 1] == "!" || s[i + 1] == "?" {
                i = find(">", in: s, from: i + 2).map { $0 + 1 } ?? s.count
                continue
            }
            guard let tag = parseTag(s, at: i) else {
                if skipUntilClose == nil { append("&lt;") }
                i += 1
                continue
            }
            i = tag.end
            if let skipping = skipUntilClose {
                if tag.closing && tag.name == skipping { skipUntilClose = nil }
                continue
            }
            if droppedWithContent.contains(tag.name) {
                if !tag.closing && !tag.selfClosing { skipUntilClose = tag.name }
                continue
            }
            guard allowedTags.contains(tag.name) else { continue }
            if tag.closing {
                if !voidTags.contains(tag.name) { append("</\(tag.name)>") }
                continue
            }
            var written = "<\(tag.name)"
            let allowed = tagAttributes[tag.name] ?? []
            for (name, value) in tag.attributes {
                let isAria = name.hasPrefix("aria-") && name.count > 5
                guard isAria || globalAttributes.contains(name) || allowed.contains(name) else { continue }
                if urlAttributes.contains(name) {
                    let forImage = name != "href" && name != "cite"
                    let candidates = name == "srcset" ? value.split(separator: ",").map(String.init) : [value]
                    let safe = candidates.allSatisfy {
                        let url = $0.trimmingSpaces().split(separator: " ").first.map(String.init) ?? ""
                        return URLPolicy.isSafe(url, forImage: forImage)
                    }
                    guard safe else { continue }
                }
                written += " \(name)=\"\(HTML.escape(HTML.decodeEntities(value)))\""
            }
            append(written + ">")
        }
        return String(out)
    }

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [(String, String)]
        var end: Int
    }

    /// Parses the tag that starts at `s[start]` (a `<`), or `nil` when what follows is not a tag.
    static func parseTag(_ s: [Unicode.Scalar], at start: Int) -> Tag? {
        var i = start + 1
        var closing = false
        if i < s.count, s[i] == "/" {
            closing = true
            i += 1
        }
        var name = ""
        while i < s.count, isNameScalar(s[i]) {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return nil }
        name = name.lowercased()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while i < s.count {
            while i < s.count, isSpace(s[i]) { i += 1 }
            guard i < s.count else { return nil }
            if s[i] == ">" {
                return Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes, end: i + 1)
            }
            if s[i] == "/" {
                selfClosing = true
                i += 1
                continue
            }
            var attribute = ""
            while i < s.count, !isSpace(s[i]), s[i] != "=", s[i] != ">", s[i] != "/" || attribute.isEmpty {
                attribute.unicodeScalars.append(s[i])
                i += 1
            }
            if attribute.isEmpty { return nil }
            while i < s.count, isSpace(s[i]) { i += 1 }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                while i < s.count, isSpace(s[i]) { i += 1 }
                guard i < s.count else { return nil }
                if s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote {
                        value.unicodeScalars.append(s[i])
                        i += 1
                    }
                    guard i < s.count else { return nil }
                    i += 1
                } else {
                    while i < s.count, !isSpace(s[i]), s[i] != ">" {
                        value.unicodeScalars.append(s[i])
                        i += 1
                    }
                }
            }
            selfClosing = false
            attributes.append((attribute.lowercased(), value))
        }
        return nil
    }

    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A)
            || (c.value >= 0x61 && c.value <= 0x7A) || c == "-"
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}"
    }

    private static func find(_ needle: String, in s: [Unicode.Scalar], from start: Int) -> Int? {
        let n = Array(needle.unicodeScalars)
        var i = start
        while i + n.count <= s.count {
            if Array(s[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f == " " || f == "\t" || f == "\n" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" || l == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
