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

    /// The text with every run of whitespace made one space, trimmed, cut after `limit` Unicode scalars.
    /// Written as UTF-8 bytes: appending scalars to a `String` one at a time took 9% of a 5,000-page build.
    static func compact(_ text: String, limit: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.utf8.count, limit * 4))
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
                out.append(UInt8(ascii: " "))
                count += 1
            }
            space = false
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
            count += 1
            if count >= limit { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
