import Foundation
import JSONCore

/// An OpenAPI document read whole: every file its relative `$ref`s name, bundled into one value that every
/// tool reads (operations, schemas and examples from other files in place), with the file, line and column
/// each value was written at and the problems met while reading.
package struct SpecDocument: Sendable {
    /// The bundled document: references into other files point into `components` or were replaced by
    /// their targets; references within the entry file are as written.
    package let value: JSONValue
    /// The file the user named.
    package let entry: SourceFile
    /// Every file read, the entry first, then in the order references reached them.
    package let files: [SourceFile]
    /// Problems with the references: files that cannot be read or parsed, pointers to nothing, cycles,
    /// remote references. Errors leave the reference as written.
    package let diagnostics: [Diagnostic]
    /// Bundled pointer → the file and pointer its value came from (the root, and each moved value).
    private let origins: [String: (file: SourceFile, pointer: JSONPointer)]

    /// How references are read.
    package struct Options: Sendable {
        /// The folder references may read files from; by default the entry file's own folder.
        package var referenceRoot: URL?
        /// Find where the entry file's values are written while reading it, in one pass: for a tool that
        /// will report places in a large YAML document (finding them later reads the file again).
        package var locatesValues: Bool

        package init(referenceRoot: URL? = nil, locatesValues: Bool = false) {
            self.referenceRoot = referenceRoot
            self.locatesValues = locatesValues
        }
    }

    /// A document of one file, or several already read: `value` as it is, located in `entry`.
    package init(entry: SourceFile) {
        self.value = entry.value
        self.entry = entry
        self.files = [entry]
        self.diagnostics = []
        self.origins = ["": (entry, JSONPointer())]
    }

    /// Reads the document whose entry file is `path` (`-` for standard input) and every file it refers to.
    /// Throws only when the entry file itself cannot be read or parsed; problems with referenced files are
    /// `diagnostics`.
    package static func load(path: String, options: Options = Options()) throws(Diagnostic) -> SpecDocument {
        try load(entry: SourceFile.read(path: path, locating: options.locatesValues), options: options)
    }

    /// Reads the document from `bytes` named `name`; relative references are read from `name`'s folder.
    package static func load(bytes: [UInt8], name: String, options: Options = Options()) throws(Diagnostic)
        -> SpecDocument
    {
        try load(
            entry: SourceFile.parse(bytes, url: SourceFile.url(for: name), name: name, locating: options.locatesValues),
            options: options)
    }

    static func load(entry: SourceFile, options: Options) -> SpecDocument {
        let root = (options.referenceRoot ?? entry.url.deletingLastPathComponent()).standardizedFileURL
        guard Self.hasExternalReferences(entry.value) else { return SpecDocument(entry: entry) }
        var bundler = ReferenceBundler(entry: entry, root: root)
        let value = bundler.bundle()
        return SpecDocument(
            value: value, entry: entry, files: bundler.order, diagnostics: bundler.diagnostics,
            origins: bundler.origins)
    }

    private init(
        value: JSONValue, entry: SourceFile, files: [SourceFile], diagnostics: [Diagnostic],
        origins: [String: (file: SourceFile, pointer: JSONPointer)]
    ) {
        self.value = value
        self.entry = entry
        self.files = files
        self.diagnostics = diagnostics
        self.origins = origins
    }

    /// Whether any `$ref` names another file (a quick walk that builds nothing).
    static func hasExternalReferences(_ value: JSONValue) -> Bool {
        var stack = [value]
        while let next = stack.popLast() {
            switch next {
            case .object(let object):
                if case .string(let reference)? = object["$ref"], !reference.hasPrefix("#") { return true }
                stack.append(contentsOf: object.values)
            case .array(let items):
                stack.append(contentsOf: items)
            default:
                break
            }
        }
        return false
    }

    // MARK: - Where values came from

    /// The file and the pointer within it that the bundled value at `pointer` was written at.
    package func origin(of pointer: JSONPointer) -> (file: SourceFile, pointer: JSONPointer) {
        var prefix = pointer.tokens
        while true {
            if let origin = origins[JSONPointer(tokens: prefix).description] {
                return (origin.file, JSONPointer(tokens: origin.pointer.tokens + pointer.tokens[prefix.count...]))
            }
            if prefix.isEmpty { return (entry, pointer) }
            prefix.removeLast()
        }
    }

    /// The file, line and column the bundled value at `pointer` was written at (its nearest written
    /// ancestor's, for a value that was synthesized).
    package func location(of pointer: JSONPointer) -> FileLocation {
        let origin = origin(of: pointer)
        return origin.file.location(of: origin.pointer)
    }

    /// `location(of:)` for a pointer's string form; `nil` for text that is not a pointer.
    package func location(of pointer: String) -> FileLocation? {
        JSONPointer(pointer).map { location(of: $0) }
    }

    /// `diagnostic` placed in the file it is about: the file, line and column of its pointer, and the pointer
    /// made relative to that file. A diagnostic that already names a file, or has no pointer, is unchanged.
    package func locate(_ diagnostic: Diagnostic) -> Diagnostic {
        guard diagnostic.file == nil, let text = diagnostic.pointer, let pointer = JSONPointer(text) else {
            return diagnostic
        }
        let origin = origin(of: pointer)
        let location = origin.file.location(of: origin.pointer)
        var located = diagnostic
        located.file = location.file
        located.line = location.line
        located.column = location.column
        located.pointer = origin.pointer.description
        if let keyword = diagnostic.keywordLocation, let keywordPointer = JSONPointer(keyword) {
            let keywordOrigin = self.origin(of: keywordPointer)
            located.keywordLocation =
                keywordOrigin.file === origin.file
                ? keywordOrigin.pointer.description
                : keywordOrigin.file.name + "#" + keywordOrigin.pointer.description
        }
        return located
    }

    /// Why `document` is not an OpenAPI document any tool here reads, or nil: the message every command
    /// gives, with exit 2, for a YAML list, a Swagger 2.0 file, or a version other than 3.0 and 3.1.
    package static func refusal(_ document: JSONValue) -> String? {
        guard case .object(let object) = document else {
            let article = ["array", "integer"].contains(document.typeName) ? "an" : "a"
            return
                "not an OpenAPI document: the file holds \(article) \(document.typeName), not a mapping with 'openapi: 3.x'"
        }
        if let swagger = object["swagger"] {
            return
                "a Swagger \(swagger.stringValue ?? swagger.compactJSON()) document: only OpenAPI 3.0 and 3.1 are read (convert it, for example with swagger2openapi)"
        }
        guard case .string(let version)? = object["openapi"] else {
            return "not an OpenAPI document: it has no 'openapi' version (such as openapi: 3.1.0)"
        }
        guard version.hasPrefix("3.0") || version.hasPrefix("3.1") else {
            return "OpenAPI \(version) is not read: only 3.0.x and 3.1.x are"
        }
        return nil
    }

    /// Whether the document was read from more than one file.
    package var isMultiFile: Bool { files.count > 1 }
}
