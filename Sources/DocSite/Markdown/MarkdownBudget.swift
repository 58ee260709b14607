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
        var copy = markdown
        return copy.withUTF8 { check(bytes: $0) }
    }

    /// `check` on UTF-8 bytes: lines end at LF (a CR before it is part of the line's trailing blanks, so
    /// CRLF text is read as cmark-gfm reads it), and no line is decoded into characters.
    static func check(bytes: UnsafeBufferPointer<UInt8>) -> Refusal? {
        var brackets = 0
        for byte in bytes where byte == UInt8(ascii: "[") { brackets += 1 }
        if brackets > maxBrackets {
            return Refusal(
                line: 1,
                message:
                    "\(brackets) '[' in one text: more than \(maxBrackets), which cmark-gfm matches in quadratic time; not rendered"
            )
        }
        var lines: [Range<Int>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<offset)
            start = offset + 1
        }
        lines.append(start..<bytes.count)
        func blank(_ line: Range<Int>) -> Bool { line.allSatisfy { isBlank(bytes[$0]) } }
        var index = 1
        while index < lines.count {
            if let columns = delimiterColumns(UnsafeBufferPointer(rebasing: bytes[lines[index]])),
                !blank(lines[index - 1])
            {
                // The table runs until a blank line; every row is padded to the header's columns.
                var end = index + 1
                while end < lines.count, !blank(lines[end]) { end += 1 }
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

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The number of columns of a GFM table delimiter row (`|---|:-:|`), or nil for any other line.
    package static func delimiterColumns(_ line: Substring) -> Int? {
        var copy = String(line)
        return copy.withUTF8 { delimiterColumns($0) }
    }

    /// `delimiterColumns` on one line's bytes. Most lines are ruled out at their first byte that is not a
    /// blank, `|`, `-` or `:`.
    static func delimiterColumns(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        let pipe = UInt8(ascii: "|")
        let dash = UInt8(ascii: "-")
        let colon = UInt8(ascii: ":")
        var dashes = false
        var pipes = false
        for byte in line {
            switch byte {
            case dash: dashes = true
            case pipe: pipes = true
            case colon, UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return nil
            }
        }
        guard dashes else { return nil }
        var first = 0
        var last = line.count
        while first < last, isBlank(line[first]) { first += 1 }
        while last > first, isBlank(line[last - 1]) { last -= 1 }
        if first < last, line[first] == pipe { first += 1 }
        if last > first, line[last - 1] == pipe { last -= 1 }
        // Each cell between pipes: not empty once blanks are left out, and at least one dash.
        var columns = 0
        var cellHasDash = false
        var cellHasContent = false
        var position = first
        while true {
            let atEnd = position == last
            if atEnd || line[position] == pipe {
                guard cellHasContent, cellHasDash else { return nil }
                columns += 1
                cellHasDash = false
                cellHasContent = false
                if atEnd { break }
            } else if line[position] == dash {
                cellHasDash = true
                cellHasContent = true
            } else if line[position] == colon {
                cellHasContent = true
            }
            position += 1
        }
        // A single column needs a pipe to be a table at all.
        return columns > 1 || pipes ? columns : nil
    }
}
