import Foundation
import JSONCore

/// One file of a document, read and parsed: its text, its value, and where each of its values is written
/// (found when first asked, then kept).
package final class SourceFile: @unchecked Sendable {  // `index` is guarded by `lock`
    package enum Format: Sendable { case json, yaml }

    /// The path as messages show it: as the user gave it, or relative to the folder the user's file is in.
    package let name: String
    /// The standardized absolute location, which identifies the file.
    package let url: URL
    package let format: Format
    package let value: JSONValue
    private let bytes: [UInt8]
    private let lock = NSLock()
    private var index: [String: (line: Int, column: Int)]?

    init(
        name: String, url: URL, format: Format, value: JSONValue, bytes: [UInt8],
        index: [String: (line: Int, column: Int)]? = nil
    ) {
        self.name = name
        self.url = url
        self.format = format
        self.value = value
        self.bytes = bytes
        self.index = index
    }

    /// Reads and parses the file at `path` (`-` for standard input), named as given in messages. With
    /// `locating`, a YAML file's places are found in the same reading (for a tool that will report places:
    /// finding them later reads the file a second time).
    package static func read(path: String, locating: Bool = false) throws(Diagnostic) -> SourceFile {
        guard path == "-" else { return try read(url: url(for: path), name: path, locating: locating) }
        return try parse(
            Array(FileHandle.standardInput.readDataToEndOfFile()), url: url(for: path), name: path, locating: locating)
    }

    /// Parses `bytes` as the file named `name` (its folder is where relative references lead).
    package static func parse(_ bytes: [UInt8], name: String) throws(Diagnostic) -> SourceFile {
        try parse(bytes, url: url(for: name), name: name)
    }

    /// The standardized absolute location of `path`, relative to the working folder.
    static func url(for path: String) -> URL {
        URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Reads and parses the file at `url`, named `name` in messages.
    static func read(url: URL, name: String, locating: Bool = false) throws(Diagnostic) -> SourceFile {
        let data: Data
        do {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw Diagnostic(
                    .error, rule: Diagnostic.unreadable, file: name, message: "cannot read the file: it is a folder")
            }
            data = try Data(contentsOf: url)
        } catch let failure as Diagnostic {
            throw failure
        } catch {
            throw Diagnostic(
                .error, rule: Diagnostic.unreadable, file: name, message: "cannot read the file: \(Self.reason(error))")
        }
        return try parse(Array(data), url: url, name: name, locating: locating)
    }

    /// `No such file or directory`, without Foundation's wrapping.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }

    /// Parses `bytes`: `.yaml`/`.yml` files, and anything that does not start with `{` or `[`, as YAML 1.2;
    /// the rest as strict JSON.
    static func parse(_ bytes: [UInt8], url: URL, name: String, locating: Bool = false) throws(Diagnostic)
        -> SourceFile
    {
        let firstSignificant = bytes.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        let isYAMLName = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        if !isYAMLName, firstSignificant == UInt8(ascii: "{") || firstSignificant == UInt8(ascii: "[") {
            do {
                let value = try JSONParser().parse(bytes)
                return SourceFile(name: name, url: url, format: .json, value: value, bytes: bytes)
            } catch {
                throw Diagnostic(
                    .error, rule: "parser", file: name, line: error.line, column: error.column, message: error.message)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw Diagnostic(.error, rule: "parser", file: name, message: "the file is not valid UTF-8")
        }
        let text = withoutByteOrderMark(decoded)
        do {
            if locating {
                let (value, locations) = try YAMLReader.readLocated(text)
                return SourceFile(name: name, url: url, format: .yaml, value: value, bytes: bytes, index: locations)
            }
            let value = try YAMLReader.read(text)
            return SourceFile(name: name, url: url, format: .yaml, value: value, bytes: bytes)
        } catch {
            throw Diagnostic(
                .error, rule: "parser", file: name, line: error.line, column: error.column, message: error.text)
        }
    }

    /// `text` without a leading byte-order mark: it is not part of a YAML document (YAML 1.2, 5.2), and
    /// lines and columns do not count it.
    static func withoutByteOrderMark(_ text: String) -> String {
        guard text.unicodeScalars.first == "\u{FEFF}" else { return text }
        var rest = text
        rest.unicodeScalars.removeFirst()
        return rest
    }

    /// Where the value at `pointer` is written, or its nearest written ancestor's place.
    package func location(of pointer: JSONPointer) -> FileLocation {
        let found = lock.withLock {
            if index == nil {
                index =
                    switch format {
                    case .json: JSONLocator.locations(bytes)
                    case .yaml:
                        YAMLReader.locations(Self.withoutByteOrderMark(String(decoding: bytes, as: UTF8.self))) ?? [:]
                    }
            }
            var tokens = pointer.tokens
            while true {
                if let at = index?[JSONPointer(tokens: tokens).description] { return at }
                if tokens.isEmpty { return (line: 1, column: 1) }
                tokens.removeLast()
            }
        }
        return FileLocation(file: name, line: found.line, column: found.column)
    }
}

extension SourceFile {
    /// A closure that finds the location of `pointer` only when a diagnostic needs it.
    func location(lazily pointer: JSONPointer) -> () -> FileLocation {
        { self.location(of: pointer) }
    }
}
