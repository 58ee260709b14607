import Foundation
import JSONCore

/// Reads the files a document's relative `$ref`s name and makes one self-contained value of them, as
/// Redocly's `bundle` does: a reference whose target can be a component (a schema, response, parameter, …)
/// points at a new entry of `components` holding the target; any other (a path item, an operation, a
/// description) is replaced by its target. References inside a referenced file are read relative to that
/// file. Every moved value remembers the file and pointer it came from.
///
/// Nothing is fetched over the network, and no file outside `root` is read.
struct ReferenceBundler {
    /// A value in a file: what a reference points at.
    struct Target: Hashable {
        var file: String
        var pointer: String
    }

    let entry: SourceFile
    let root: URL
    /// `root` with its symbolic links resolved.
    private let realRoot: String
    private(set) var files: [String: SourceFile] = [:]
    private(set) var order: [SourceFile] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Bundled pointer → where its value was written.
    private(set) var origins: [String: (file: SourceFile, pointer: JSONPointer)] = [:]

    /// Where each target now lives in the bundled document (`/components/schemas/app`).
    private var placed: [Target: String] = [:]
    /// Names in use per `components` section.
    private var names: [String: Set<String>] = [:]
    /// Components reserved but not yet filled, first come first served.
    private var pending: [(target: Target, kind: NodeKind, section: String, name: String)] = []
    private var added: [(section: String, name: String, value: JSONValue)] = []
    /// Targets being inlined, innermost last: a target met again inside itself is a cycle.
    private var inlining: [Target] = []
    /// Files that could not be read, with why, so each is reported once per reference.
    private var failures: [String: Diagnostic] = [:]
    /// Where each file was first referenced from, and the file holding that reference.
    private var referencedFrom: [String: (site: () -> FileLocation, file: String)] = [:]
    /// Folders and symbolic links resolved once per folder; shared by the quiet copies (a cache, not state).
    private let paths = ResolvedPaths()

    init(entry: SourceFile, root: URL) {
        self.entry = entry
        self.root = root
        realRoot = root.resolvingSymlinksInPath().path
        files[entry.url.path] = entry
        order.append(entry)
        origins[""] = (entry, JSONPointer())
    }

    /// The bundled document.
    mutating func bundle() -> JSONValue {
        reserveEntryComponents()
        var document =
            transform(entry.value, kind: .document, file: entry, at: JSONPointer(), out: JSONPointer())
            ?? entry.value
        while !pending.isEmpty {
            let next = pending.removeFirst()
            let out = JSONPointer(tokens: ["components", next.section, next.name])
            guard let file = files[next.target.file], let origin = JSONPointer(next.target.pointer),
                let value = file.value.value(at: origin)
            else { continue }
            origins[out.description] = (file, origin)
            let bundled = transform(value, kind: next.kind, file: file, at: origin, out: out) ?? value
            added.append((next.section, next.name, bundled))
        }
        guard !added.isEmpty, case .object(var object) = document else { return document }
        var components = object["components"]?.objectValue ?? JSONObject()
        for (section, name, value) in added {
            var entries = components[section]?.objectValue ?? JSONObject()
            entries[name] = value
            components[section] = .object(entries)
        }
        object["components"] = .object(components)
        document = .object(object)
        return document
    }

    // MARK: - Walking

    /// The value with its references bundled, or `nil` when nothing below it changed (so unchanged parts
    /// of a large single-file document are never copied).
    private mutating func transform(
        _ value: JSONValue, kind: NodeKind, file: SourceFile, at origin: JSONPointer, out: JSONPointer
    ) -> JSONValue? {
        if kind == .data { return dataReference(value, file: file, at: origin, out: out) }
        switch value {
        case .object(let object):
            if case .string(let reference)? = object["$ref"] {
                return self.reference(reference, in: object, kind: kind, file: file, at: origin, out: out)
            }
            var changed: JSONObject?
            for (key, child) in object.members {
                let result: JSONValue?
                if kind == .discriminator, key == "mapping", case .object(let mapping) = child {
                    result = self.mapping(mapping, file: file, at: origin.appending(key))
                } else {
                    result = transform(
                        child, kind: kind.child(key), file: file, at: origin.appending(key), out: out.appending(key))
                }
                if let result {
                    if changed == nil { changed = object }
                    changed?[key] = result
                }
            }
            return changed.map(JSONValue.object)
        case .array(let items):
            var changed: [JSONValue]?
            for (i, item) in items.enumerated() {
                let itemKind: NodeKind
                if kind == .schema {
                    // `items: [...]` (tuples) holds schemas; `dependencies: {a: [b]}` holds names.
                    if case .object = item { itemKind = .schema } else { itemKind = .data }
                } else {
                    itemKind = kind.child(nil)
                }
                if let result = transform(
                    item, kind: itemKind, file: file, at: origin.appending(i), out: out.appending(i))
                {
                    if changed == nil { changed = items }
                    changed?[i] = result
                }
            }
            return changed.map(JSONValue.array)
        default:
            return nil
        }
    }

    /// An example (or default) that is nothing but a reference to another file (`example: {$ref:
    /// examples.yml#/list}`): not a Reference Object by the letter of the specification, but how split
    /// documents (DigitalOcean's) share examples, and what Redocly and Swagger UI read. Replaced by its target
    /// when that can be read; otherwise it is data, as written. Any other `$ref` key in data is data.
    private mutating func dataReference(_ value: JSONValue, file: SourceFile, at origin: JSONPointer, out: JSONPointer)
        -> JSONValue?
    {
        guard case .object(let object) = value, object.count == 1, case .string(let reference)? = object["$ref"],
            !reference.hasPrefix("#"), Self.scheme(of: reference) == nil
        else { return nil }
        var quiet = self
        let site = file.location(lazily: origin.appending("$ref"))
        guard let first = quiet.resolve(reference, in: file, site: site),
            let (target, content) = quiet.follow(first, site: site),
            !quiet.inlining.contains(target), let targetFile = quiet.files[target.file],
            let targetPointer = JSONPointer(target.pointer)
        else { return nil }
        // Keep the files read, not the diagnostics: data that does not resolve stays data.
        files = quiet.files
        order = quiet.order
        referencedFrom = quiet.referencedFrom
        inlining.append(target)
        let resolved = dataReference(content, file: targetFile, at: targetPointer, out: out) ?? content
        inlining.removeLast()
        origins[out.description] = (targetFile, targetPointer)
        return resolved
    }

    /// A `discriminator.mapping`: values that are references (not bare schema names) are bundled like a
    /// schema `$ref`.
    private mutating func mapping(_ mapping: JSONObject, file: SourceFile, at origin: JSONPointer) -> JSONValue? {
        var changed: JSONObject?
        for (key, value) in mapping.members {
            guard case .string(let reference) = value,
                reference.contains("#") || reference.contains("/") || reference.hasSuffix(".yaml")
                    || reference.hasSuffix(".yml") || reference.hasSuffix(".json")
            else { continue }
            let wrapper: JSONObject = ["$ref": .string(reference)]
            let site = origin.appending(key)
            guard
                case .object(let result)? = self.reference(
                    reference, in: wrapper, kind: .schema, file: file, at: site, out: JSONPointer(), refPointer: site),
                case .string(let rewritten)? = result["$ref"]
            else { continue }
            if changed == nil { changed = mapping }
            changed?[key] = .string(rewritten)
        }
        return changed.map(JSONValue.object)
    }

    /// A reference object: pointed at the target's new place, or replaced by the target.
    private mutating func reference(
        _ reference: String, in object: JSONObject, kind: NodeKind, file: SourceFile, at origin: JSONPointer,
        out: JSONPointer, refPointer: JSONPointer? = nil
    ) -> JSONValue? {
        let site = file.location(lazily: refPointer ?? origin.appending("$ref"))
        let isLocal = reference.hasPrefix("#")
        if isLocal, file === entry { return siblings(of: object, kind: kind, file: file, at: origin, out: out) }
        guard let first = resolve(reference, in: file, site: site) else { return nil }
        guard let (target, value) = follow(first, site: site) else { return nil }
        if target.file == entry.url.path {
            return rewritten(object, to: target.pointer, kind: kind, file: file, at: origin, out: out)
        }
        if let section = kind.componentSection, placed[target] != out.description {
            let pointer = placed[target] ?? place(target, kind: kind, section: section)
            return rewritten(object, to: pointer, kind: kind, file: file, at: origin, out: out)
        }
        // Replaced by the target (or the target fills the component slot reserved for it).
        guard !inlining.contains(target) else {
            let chain = (inlining.drop { $0 != target } + [target]).map(describe).joined(separator: " → ")
            diagnostics.append(
                Diagnostic(
                    .error, rule: "invalid-ref", at: site(),
                    message:
                        "reference cycle: \(chain) (a \(kind.name) can only be written in place, so it cannot contain itself)"
                ))
            return nil
        }
        guard let targetFile = files[target.file], let targetPointer = JSONPointer(target.pointer) else { return nil }
        inlining.append(target)
        let content = transform(value, kind: kind, file: targetFile, at: targetPointer, out: out) ?? value
        inlining.removeLast()
        origins[out.description] = (targetFile, targetPointer)
        // A Reference Object's own `summary` and `description` override the target's (OpenAPI 3.1).
        guard case .object(var merged) = content, object.count > 1 else { return content }
        for (key, sibling) in object.members where key != "$ref" {
            merged[key] =
                transform(
                    sibling, kind: kind.child(key), file: file, at: origin.appending(key), out: out.appending(key))
                ?? sibling
        }
        return .object(merged)
    }

    /// The reference object with `$ref` set to `#pointer` and its other members bundled.
    private mutating func rewritten(
        _ object: JSONObject, to pointer: String, kind: NodeKind, file: SourceFile, at origin: JSONPointer,
        out: JSONPointer
    ) -> JSONValue {
        var copy = object
        if case .object(let bundled)? = siblings(of: object, kind: kind, file: file, at: origin, out: out) {
            copy = bundled
        }
        copy["$ref"] = .string("#" + (JSONPointer(pointer).map(Self.fragment) ?? pointer))
        return .object(copy)
    }

    /// A reference object's members other than `$ref`, bundled (`nil` when unchanged).
    private mutating func siblings(
        of object: JSONObject, kind: NodeKind, file: SourceFile, at origin: JSONPointer, out: JSONPointer
    ) -> JSONValue? {
        guard object.count > 1 else { return nil }
        var changed: JSONObject?
        for (key, child) in object.members where key != "$ref" {
            if let result = transform(
                child, kind: kind.child(key), file: file, at: origin.appending(key), out: out.appending(key))
            {
                if changed == nil { changed = object }
                changed?[key] = result
            }
        }
        return changed.map(JSONValue.object)
    }

    /// `#/components/schemas/a%20b`: a pointer as a URI fragment (RFC 3986: characters a fragment may not
    /// hold are percent-encoded).
    static func fragment(_ pointer: JSONPointer) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var out = ""
        for byte in pointer.description.utf8 {
            if fragmentBytes.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 0xF)])
            }
        }
        return out
    }

    private static let fragmentBytes: Set<UInt8> = Set(
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?".utf8))

    // MARK: - Resolving

    /// The file and pointer `reference` names, read from `file`; `nil` (with a diagnostic) when it cannot be.
    private mutating func resolve(
        _ reference: String, in file: SourceFile, site: @escaping () -> FileLocation
    ) -> Target? {
        let hash = reference.firstIndex(of: "#")
        let address = String(hash.map { reference[..<$0] } ?? reference[...])
        let fragment = hash.map { String(reference[reference.index(after: $0)...]) } ?? ""
        guard let pointer = JSONPointer(uriFragment: fragment) else {
            diagnostics.append(
                Diagnostic(
                    .error, rule: "invalid-ref", at: site(),
                    message:
                        "\"\(reference)\": the part after '#' must be a JSON pointer such as #/components/schemas/Pet"
                ))
            return nil
        }
        if address.isEmpty { return Target(file: file.url.path, pointer: pointer.description) }
        if let scheme = Self.scheme(of: address) {
            if ["http", "https"].contains(scheme) {
                diagnostics.append(
                    Diagnostic(
                        .error, rule: "invalid-ref", at: site(),
                        message:
                            "\"\(reference)\" is a remote reference; nothing is fetched over the network (download it and refer to the file)"
                    ))
            } else if scheme != "urn" {
                diagnostics.append(
                    Diagnostic(
                        .error, rule: "invalid-ref", at: site(),
                        message: "\"\(reference)\": only relative file references are read, not '\(scheme):' URIs"))
            }
            return nil
        }
        guard let path = address.percentDecoded else {
            diagnostics.append(
                Diagnostic(.error, rule: "invalid-ref", at: site(), message: "\"\(reference)\" is not a valid URI"))
            return nil
        }
        let url = URL(fileURLWithPath: path, relativeTo: paths.folder(of: file.url)).standardizedFileURL
        guard Self.contains(realRoot, paths.realPath(of: url)) else {
            diagnostics.append(
                Diagnostic(
                    .error, rule: "invalid-ref", at: site(),
                    message:
                        "\"\(reference)\" leaves the folder '\(root.path)'; references may only read files under it (--ref-root allows another folder)"
                ))
            return nil
        }
        guard let target = load(url, reference: reference, from: file, site: site) else { return nil }
        return Target(file: target.url.path, pointer: pointer.description)
    }

    /// Follows references that are nothing but a reference to their final target: `a.yaml` holding only
    /// `$ref: b.yaml` is `b.yaml`. `nil` (with a diagnostic) for a missing pointer or a cycle.
    private mutating func follow(_ start: Target, site: () -> FileLocation) -> (Target, JSONValue)? {
        var current = start
        var seen: [Target] = []
        var currentSite = site
        while true {
            guard let file = files[current.file] else { return nil }
            guard let pointer = JSONPointer(current.pointer), let value = file.value.value(at: pointer) else {
                diagnostics.append(
                    Diagnostic(
                        .error, rule: "invalid-ref", at: currentSite(),
                        message:
                            "\(describe(current)) does not exist: '\(file.name)' has no value at '\(current.pointer)'"))
                return nil
            }
            guard case .object(let object) = value, object.count == 1, case .string(let next)? = object["$ref"] else {
                return (current, value)
            }
            if seen.contains(current) {
                let chain = (seen.drop { $0 != current } + [current]).map(describe).joined(separator: " → ")
                diagnostics.append(
                    Diagnostic(
                        .error, rule: "invalid-ref", at: site(),
                        message: "reference cycle with nothing in between: \(chain)"))
                return nil
            }
            seen.append(current)
            let nextSite = file.location(lazily: pointer.appending("$ref"))
            guard let resolved = resolve(next, in: file, site: nextSite) else { return nil }
            current = resolved
            currentSite = nextSite
        }
    }

    /// Reads a referenced file once; later references reuse it. A file that cannot be read is reported at
    /// every reference to it, with the places that led there; one that does not parse is reported once, where
    /// its text is wrong.
    ///
    /// Places are found only for a diagnostic: finding one reads the referring YAML file a second time, which
    /// for every file of a document split over thousands doubled the time to load it.
    private mutating func load(
        _ url: URL, reference: String, from file: SourceFile, site: @escaping () -> FileLocation
    ) -> SourceFile? {
        if let known = files[url.path] { return known }
        if let known = failures[url.path] {
            if known.isUnreadable {
                diagnostics.append(unreadable(known, reference: reference, at: site(), chain: chain(to: file)))
            }
            return nil
        }
        do {
            let loaded = try SourceFile.read(url: url, name: displayName(url))
            files[url.path] = loaded
            order.append(loaded)
            referencedFrom[url.path] = (site, file.url.path)
            return loaded
        } catch {
            failures[url.path] = error
            if error.isUnreadable {
                diagnostics.append(unreadable(error, reference: reference, at: site(), chain: chain(to: file)))
            } else {
                var located = error
                located.line = located.line ?? 1
                located.column = located.column ?? 1
                located.related = [site()] + chain(to: file)
                diagnostics.append(located)
            }
            return nil
        }
    }

    /// The references that led to `file`, nearest first.
    private func chain(to file: SourceFile) -> [FileLocation] {
        var chain: [FileLocation] = []
        var through = file.url.path
        while let from = referencedFrom[through], chain.count < 32 {
            chain.append(from.site())
            through = from.file
        }
        return chain
    }

    private func unreadable(
        _ failure: Diagnostic, reference: String, at site: FileLocation, chain: [FileLocation]
    ) -> Diagnostic {
        Diagnostic(
            .error, rule: "invalid-ref", at: site,
            message: "\"\(reference)\": cannot read '\(failure.file ?? "")': "
                + failure.message.replacingAll("cannot read the file: ", with: ""), related: chain)
    }

    /// The name a referenced file goes by in messages: its path from the entry's folder, after the folder
    /// the entry was named with.
    private func displayName(_ url: URL) -> String {
        let base = entry.url.deletingLastPathComponent().standardizedFileURL.pathComponents
        let target = url.pathComponents
        var common = 0
        while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
        let relative = Array(repeating: "..", count: base.count - common) + target[common...]
        var prefix = (entry.name as NSString).deletingLastPathComponent
        if entry.name == "-" { prefix = "" }
        return prefix.isEmpty ? relative.joined(separator: "/") : prefix + "/" + relative.joined(separator: "/")
    }

    private func describe(_ target: Target) -> String {
        let name = files[target.file]?.name ?? target.file
        return target.pointer.isEmpty ? "'\(name)'" : "'\(name)#\(target.pointer)'"
    }

    /// `http` for `http://…`; `nil` for a relative path (a Windows drive letter is not a scheme).
    static func scheme(of address: String) -> String? {
        guard let colon = address.firstIndex(of: ":") else { return nil }
        let scheme = address[..<colon]
        guard scheme.count > 1, let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else { return nil }
        return scheme.lowercased()
    }

    /// Whether `filePath` is under `folderPath` (both with their symbolic links resolved).
    static func contains(_ folderPath: String, _ filePath: String) -> Bool {
        filePath.hasPrefix(folderPath.hasSuffix("/") ? folderPath : folderPath + "/")
    }

    // MARK: - Components

    /// The names the entry's own components use, and the targets of entry components that are nothing but
    /// a reference to another file: those slots receive the target itself.
    private mutating func reserveEntryComponents() {
        guard case .object(let components)? = entry.value["components"] else { return }
        for (section, entries) in components.members {
            guard case .object(let entries) = entries else { continue }
            names[section, default: []].formUnion(entries.keys)
        }
        for (section, entries) in components.members {
            guard case .object(let entries) = entries,
                let kind = Optional(NodeKind.components.child(section)), case .map(let member) = kind,
                member.componentSection == section
            else { continue }
            for (name, value) in entries.members {
                guard case .object(let object) = value, object.count == 1,
                    case .string(let reference)? = object["$ref"],
                    !reference.hasPrefix("#")
                else { continue }
                let at = JSONPointer(tokens: ["components", section, name])
                var quiet = self
                guard
                    let first = quiet.resolve(
                        reference, in: entry, site: { FileLocation(file: "", line: 0, column: 0) }),
                    let (target, _) = quiet.follow(first, site: { FileLocation(file: "", line: 0, column: 0) }),
                    target.file != entry.url.path, placed[target] == nil
                else { continue }
                // Keep the files read; their problems are reported when the walk meets the reference.
                files = quiet.files
                order = quiet.order
                referencedFrom = quiet.referencedFrom
                placed[target] = at.description
            }
        }
    }

    /// Reserves a new component for `target` and returns its pointer.
    private mutating func place(_ target: Target, kind: NodeKind, section: String) -> String {
        let name = uniqueName(section: section, base: baseName(target))
        let pointer = JSONPointer(tokens: ["components", section, name]).description
        placed[target] = pointer
        pending.append((target, kind, section, name))
        return pointer
    }

    /// `app` for `models/app.yml`; `Pet` for `shared.yaml#/components/schemas/Pet`; `parameters-page` for
    /// `parameters.yml#/page`.
    private func baseName(_ target: Target) -> String {
        var stem = URL(fileURLWithPath: target.file).deletingPathExtension().lastPathComponent
        if stem.hasSuffix(".openapi") { stem.removeLast(".openapi".count) }
        guard let tokens = JSONPointer(target.pointer)?.tokens, let last = tokens.last else { return stem }
        let isNamedPlace =
            tokens.count == 1 || (tokens.count == 3 && tokens[0] == "components")
            || (tokens.count == 2 && ["definitions", "$defs"].contains(tokens[0]))
        return isNamedPlace ? last : "\(stem)-\(last)"
    }

    private mutating func uniqueName(section: String, base: String) -> String {
        var clean = String(
            base.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        if clean.isEmpty { clean = "component" }
        var name = clean
        var n = 2
        while names[section, default: []].contains(name) {
            name = "\(clean)-\(n)"
            n += 1
        }
        names[section, default: []].insert(name)
        return name
    }
}
