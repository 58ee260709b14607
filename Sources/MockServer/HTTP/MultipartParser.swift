import OpenAPIDocument
import JSONCore
import SpecCheck

/// One part of a `multipart/form-data` body.
package struct MultipartPart: Sendable, Equatable {
    /// The form field's name, from `Content-Disposition: form-data; name="..."`.
    package var name: String
    /// The file name, for a file part.
    package var filename: String?
    /// The part's own `Content-Type`, if it has one.
    package var contentType: String?
    package var body: [UInt8]

    package init(name: String, filename: String?, contentType: String?, body: [UInt8]) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.body = body
    }
}

/// Reads `multipart/form-data` (RFC 7578) bodies. Strict about structure, so that a broken upload gets a
/// clear 400 rather than a half-stored file.
package enum MultipartParser {
    package struct Failure: Error, Sendable, Equatable {
        package var message: String
        package init(message: String) { self.message = message }
    }

    package static func parse(_ body: [UInt8], contentType: String) throws(Failure) -> [MultipartPart] {
        guard let boundary = MediaType.parameter("boundary", of: contentType), !boundary.isEmpty,
            boundary.utf8.count <= 70
        else {
            throw Failure(message: "the Content-Type has no boundary parameter")
        }
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = find(delimiter, in: body, from: 0) else {
            throw Failure(message: "the boundary \"\(boundary)\" does not occur in the body")
        }
        var parts: [MultipartPart] = []
        let crlf: [UInt8] = [13, 10]
        while true {
            position += delimiter.count
            // `--` right after a delimiter closes the body.
            if body.count >= position + 2, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-")
            {
                return parts
            }
            // Transport padding, then the line break that ends the delimiter line.
            while position < body.count, body[position] == UInt8(ascii: " ") || body[position] == 9 { position += 1 }
            guard body.count >= position + 2, body[position] == 13, body[position + 1] == 10 else {
                throw Failure(message: "the body ends without the closing boundary \"--\(boundary)--\"")
            }
            position += 2
            // A part without headers starts with the blank line itself.
            let headerless = body[position...].starts(with: crlf)
            guard let headerEnd = headerless ? position - 2 : find(crlf + crlf, in: body, from: position) else {
                throw Failure(message: "part \(parts.count + 1) has no blank line after its headers")
            }
            let headerText = headerEnd > position ? String(decoding: body[position..<headerEnd], as: UTF8.self) : ""
            let contentStart = headerEnd + 4
            guard let next = find(crlf + delimiter, in: body, from: contentStart - 2) else {
                throw Failure(message: "part \(parts.count + 1) is not closed by the boundary \"--\(boundary)\"")
            }
            parts.append(
                try part(headers: headerText, body: Array(body[min(contentStart, next)..<next]), index: parts.count + 1)
            )
            position = next + 2
        }
    }

    static func part(headers: String, body: [UInt8], index: Int) throws(Failure) -> MultipartPart {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else {
                throw Failure(message: "part \(index) has a malformed header line \"\(line)\"")
            }
            let field = String(line[..<colon]).trimmingBlanks.lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingBlanks
            if field == "content-disposition" {
                guard MediaType.bare(value) == "form-data" else {
                    throw Failure(message: "part \(index) is \"\(value)\", not form-data")
                }
                name = MediaType.parameter("name", of: value)
                filename = MediaType.parameter("filename", of: value)
            } else if field == "content-type" {
                contentType = value
            }
        }
        // An empty name (`name=""`) is a name; a part without one is not a form field.
        guard let name else {
            throw Failure(message: "part \(index) has no Content-Disposition with a field name")
        }
        return MultipartPart(name: name, filename: filename, contentType: contentType, body: body)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start >= 0 else { return nil }
        let first = needle[0]
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
