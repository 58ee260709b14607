/// What docgen gives cmark-gfm, bounded: Debian's cmark-gfm (0.29.0.gfm.6) takes quadratic time and memory
/// on a table with many columns whose rows are padded to the header's width (7 KB took 1.8 s, 28 KB 69 s
/// and 4 GB, 40 KB aborted) and on long runs of unmatched brackets (`![[]()` repeated). Text past these
/// limits is refused, with the line it is on, instead of rendered.
package enum MarkdownBudget {
    /// The most cells one table may make (columns × rows, short rows included).
    package static let maxTableCells = 100_000
    /// The most `[` one text may hold.
    package static let maxBrackets = 10_000

    /// Why `markdown` is not rendered, and its 1-based line.
    package struct Refusal: Sendable, Equatable, Error {
        package var line: Int
        package var message: String
    }

    package static func check(_ markdown: String) -> Refusal? {
        var brackets = 0
        for byte in markdown.utf8 where byte == UInt8(ascii: "[") { brackets += 1 }
        if brackets > maxBrackets {
            return Refusal(
                line: 1,
                message:
                    "\(brackets) '[' in one text: more than \(maxBrackets), which cmark-gfm matches in quadratic time; not rendered"
            )
        }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 1
        while index < lines.count {
            if let columns = delimiterColumns(lines[index]), !lines[index - 1].allSatisfy({ $0 == " " || $0 == "\t" }) {
                // The table runs until a blank line; every row is padded to the header's columns.
                var end = index + 1
                while end < lines.count, !lines[end].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { end += 1 }
                let rows = end - index + 1
                let (cells, overflow) = columns.multipliedReportingOverflow(by: rows)
                if overflow || cells > maxTableCells {
                    return Refusal(
                        line: index,
                        message:
                            "a table of \(columns) columns and \(rows) rows makes \(overflow ? "too many" : "\(cells)") cells: more than \(maxTableCells), which cmark-gfm renders in quadratic time; not rendered (split the table)"
                    )
                }
                index = end
            }
            index += 1
        }
        return nil
    }

    /// The number of columns of a GFM table delimiter row (`|---|:-:|`), or nil for any other line.
    package static func delimiterColumns(_ line: Substring) -> Int? {
        var trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed = trimmed.dropLast() }
        guard trimmed.contains("-") else { return nil }
        var body = trimmed
        if body.first == "|" { body = body.dropFirst() }
        if body.last == "|" { body = body.dropLast() }
        var columns = 0
        for cell in body.split(separator: "|", omittingEmptySubsequences: false) {
            let content = cell.filter { $0 != " " && $0 != "\t" }
            guard !content.isEmpty, content.allSatisfy({ $0 == "-" || $0 == ":" }), content.contains("-") else {
                return nil
            }
            columns += 1
        }
        // A single column needs a pipe to be a table at all.
        return columns > 1 || trimmed.contains("|") ? columns : nil
    }
}
