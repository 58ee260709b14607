/// What the search index says of a page: its kind, and its text made compact.
extension SiteBuilder {
    /// The kind of page, for search ranking: `o` operation, `a` an API's home, `s` schema, `l` landing, `g` guide.
    static func searchKind(_ kind: Kind) -> String {
        switch kind {
        case .operation: "o"
        case .apiHome: "a"
        case .schema, .schemas: "s"
        case .landing: "l"
        default: "g"
        }
    }

    /// The text with every run of whitespace made one space, trimmed, cut after `limit` characters.
    static func compact(_ text: String, limit: Int) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var space = false
        for scalar in text.unicodeScalars {
            let isWhitespace =
                scalar.isASCII
                ? scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0B
                    || scalar.value == 0x0C
                : scalar.properties.isWhitespace
            if isWhitespace {
                space = count > 0
                continue
            }
            if space {
                out.append(" ")
                count += 1
            }
            space = false
            out.append(scalar)
            count += 1
            if count >= limit { break }
        }
        return String(out)
    }
}
