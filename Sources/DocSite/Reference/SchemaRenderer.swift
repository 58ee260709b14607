import JSONCore

/// Turns schemas into ``SchemaRow`` trees. `$ref`s to component schemas are linked and expanded in
/// place (up to a depth, never into a cycle), so a reader sees nested objects without leaving the page.
struct SchemaRenderer {
    let document: APIDocument
    let markdown: MarkdownRenderer
    /// Relative URL of a component schema's page from the page being written.
    let schemaURL: (String) -> String
    /// Component schemas are expanded in place down to this depth; deeper, they are linked to their pages.
    var maxDepth = 4
    /// Rows left for expanding component schemas in place on this page; past it they are linked (with the
    /// count of their fields) rather than repeated, so a large page stays readable. Inline schemas are always
    /// shown whole: they have no other page, and no field is ever left out.
    var budget = 400

    mutating func rows(for schema: JSONValue) -> SchemaRow {
        var stack: [String] = []
        return row(schema, name: nil, required: false, depth: 0, stack: &stack)
    }

    private mutating func row(
        _ raw: JSONValue, name: String?, required: Bool, depth: Int, stack: inout [String]
    ) -> SchemaRow {
        budget -= 1
        var row = SchemaRow()
        row.depth = depth
        if let name {
            row.name = name
            row.hasName = true
        }
        row.required = required
        if case .bool(let b) = raw {
            row.typeHTML = b ? "any" : "never"
            return row
        }
        var schema = raw
        var refName: String?
        if let reference = raw["$ref"]?.stringValue {
            refName = APIDocument.componentSchemaName(reference)
            schema = document.resolve(raw)
            // 3.1 allows siblings next to $ref: a description there wins.
            if let description = raw["description"] { schema = merged(schema, ["description": description]) }
        }
        describe(&row, schema, refName: refName)
        row.hasFacts = !row.constraints.isEmpty || row.hasEnum || row.hasDefault

        // Every reference on the way here, component or not: one that refers back to itself (an array of
        // itself under `x-types`, say) is shown once, not followed again.
        let reference = raw["$ref"]?.stringValue
        let expanding =
            reference.map { reference in depth < maxDepth && budget > 0 && !stack.contains(reference) } ?? true
        guard expanding else {
            if refName == nil, let reference, stack.contains(reference) {
                let name = JSONPointer(uriFragment: reference)?.tokens.last ?? reference
                row.typeHTML = "\(HTML.escape(name)) (recursive)"
            }
            if let refName {
                let count = Self.fieldCount(schema, in: document)
                if count > 0 {
                    row.foldedCount = count
                    row.foldedLabel = count == 1 ? "1 field" : "\(count) fields"
                    row.foldedURL = schemaURL(refName)
                    row.hasFolded = true
                }
            }
            return row
        }
        if let reference { stack.append(reference) }
        defer { if reference != nil { stack.removeLast() } }

        let requiredNames = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for (property, value) in schema["properties"]?.objectValue?.members ?? [] {
            row.children.append(
                self.row(
                    value, name: property, required: requiredNames.contains(property), depth: depth + 1, stack: &stack))
        }
        if let additional = schema["additionalProperties"], additional != .bool(true), additional != .bool(false) {
            row.children.append(
                self.row(additional, name: "{any key}", required: false, depth: depth + 1, stack: &stack))
        }
        if let items = schema["items"], case .object = items {
            let item = self.row(items, name: nil, required: false, depth: depth, stack: &stack)
            // The item's own fields read as the array's: `array of Agent` then Agent's properties.
            row.children.append(contentsOf: item.children)
            if item.hasVariants {
                row.variantsLabel = item.variantsLabel
                row.variants = item.variants
            }
        }
        for (key, label) in [("oneOf", "One of"), ("anyOf", "Any of"), ("allOf", "All of")] {
            guard let options = schema[key]?.arrayValue, !options.isEmpty else { continue }
            // `anyOf: [X, {type: null}]` is how 3.1 spells "nullable X": shown as X, nullable.
            let nonNull = options.filter { $0["type"]?.stringValue != "null" }
            if nonNull.count == 1 && options.count == 2 && key != "allOf" {
                let only = self.row(nonNull[0], name: nil, required: false, depth: depth, stack: &stack)
                row.typeHTML = only.typeHTML
                if !row.badges.contains("nullable") { row.badges.append("nullable") }
                row.children.append(contentsOf: only.children)
                row.constraints += only.constraints
                // X may itself be a choice (`anyOf: [{oneOf: [...]}, null]`): its alternatives are the row's.
                if only.hasVariants, row.variants.isEmpty {
                    row.variantsLabel = only.variantsLabel
                    row.variants = only.variants
                }
                // And a component not expanded here still links to its fields.
                if only.hasFolded, !row.hasFolded {
                    row.foldedCount = only.foldedCount
                    row.foldedLabel = only.foldedLabel
                    row.foldedURL = only.foldedURL
                    row.hasFolded = true
                }
                continue
            }
            row.variantsLabel = label
            row.variants = options.map { self.row($0, name: nil, required: false, depth: depth + 1, stack: &stack) }
        }
        row.hasChildren = !row.children.isEmpty
        row.hasVariants = !row.variants.isEmpty
        if row.typeHTML.isEmpty && row.hasVariants { row.typeHTML = row.variantsLabel.lowercased() }
        row.hasFacts = !row.constraints.isEmpty || row.hasEnum || row.hasDefault
        return row
    }

    /// The fields a schema's own page lists: its properties, its items' properties, and those of its
    /// `allOf`/`oneOf`/`anyOf` parts, references followed once.
    static func fieldCount(_ schema: JSONValue, in document: APIDocument) -> Int {
        var count = schema["properties"]?.objectValue?.count ?? 0
        if let items = schema["items"] { count += document.resolve(items)["properties"]?.objectValue?.count ?? 0 }
        for key in ["allOf", "oneOf", "anyOf"] {
            for part in schema[key]?.arrayValue ?? [] {
                count += document.resolve(part)["properties"]?.objectValue?.count ?? 0
            }
        }
        return count
    }

    private func merged(_ schema: JSONValue, _ extra: [String: JSONValue]) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        for (k, v) in extra { object[k] = v }
        return .object(object)
    }

    private func describe(_ row: inout SchemaRow, _ schema: JSONValue, refName: String?) {
        row.typeHTML = typeHTML(schema, refName: refName)
        if let description = schema["description"]?.stringValue ?? schema["title"]?.stringValue, !description.isEmpty {
            row.descriptionHTML = markdown.html(description)
            row.hasDescription = true
        }
        var badges: [String] = []
        if isNullable(schema) { badges.append("nullable") }
        if schema["readOnly"]?.boolValue == true { badges.append("read-only") }
        if schema["writeOnly"]?.boolValue == true { badges.append("write-only") }
        if schema["deprecated"]?.boolValue == true { badges.append("deprecated") }
        row.badges = badges
        row.constraints = Self.constraints(of: schema)
        if let values = schema["enum"]?.arrayValue {
            row.enumValues = values.map(\.literal)
            row.hasEnum = true
        } else if let value = schema["const"] {
            row.enumValues = [value.literal]
            row.hasEnum = true
        }
        if let value = schema["default"] {
            row.defaultValue = value.literal
            row.hasDefault = true
        }
    }

    private func isNullable(_ schema: JSONValue) -> Bool {
        if schema["nullable"]?.boolValue == true { return true }
        if case .array(let types)? = schema["type"] { return types.contains(.string("null")) }
        return false
    }

    /// `string (uuid)`, `array of Agent`, `integer | string`, with component schemas linked.
    /// `seen` holds the references already followed on the way here: an array whose items refer back to
    /// it (outside `components`, so without a page of its own to link to) is named once, not followed again.
    func typeHTML(_ schema: JSONValue, refName: String?, seen: Set<String> = []) -> String {
        if let refName {
            return "<a href=\"\(HTML.escape(schemaURL(refName)))\">\(HTML.escape(refName))</a>"
        }
        var types: [String] = []
        switch schema["type"] {
        case .string(let t)?: types = [t]
        case .array(let list)?: types = list.compactMap(\.stringValue).filter { $0 != "null" }
        default:
            if schema["properties"] != nil { types = ["object"] } else if schema["items"] != nil { types = ["array"] }
        }
        if types.isEmpty {
            if schema["oneOf"] != nil || schema["anyOf"] != nil || schema["allOf"] != nil { return "" }
            if schema["enum"] != nil || schema["const"] != nil { return "enum" }
            return "any"
        }
        return types.map { type -> String in
            switch type {
            case "array":
                guard let items = schema["items"] else { return "array" }
                let inner: String
                if let reference = items["$ref"]?.stringValue {
                    if seen.contains(reference) || seen.count > 32 {
                        let name = JSONPointer(uriFragment: reference)?.tokens.last ?? reference
                        return "array of \(HTML.escape(name)) (recursive)"
                    }
                    inner = typeHTML(
                        document.resolve(items), refName: APIDocument.componentSchemaName(reference),
                        seen: seen.union([reference]))
                } else {
                    inner = typeHTML(items, refName: nil, seen: seen)
                }
                return inner.isEmpty ? "array" : "array of \(inner)"
            default:
                if let format = schema["format"]?.stringValue {
                    return "\(HTML.escape(type)) <span class=\"format\">(\(HTML.escape(format)))</span>"
                }
                return HTML.escape(type)
            }
        }.joined(separator: " | ")
    }

    /// Validation keywords in words: `≥ 1`, `≤ 100`, `length 1–64`, `pattern ^a+$`, `unique items`.
    static func constraints(of schema: JSONValue) -> [String] {
        var out: [String] = []
        func number(_ key: String) -> String? {
            if case .number(let n)? = schema[key] { return n.description }
            return nil
        }
        if let v = number("minimum") { out.append("≥ \(v)") }
        if let v = number("exclusiveMinimum") { out.append("> \(v)") }
        if schema["exclusiveMinimum"]?.boolValue == true, let v = number("minimum") {
            out.removeAll { $0 == "≥ \(v)" }
            out.append("> \(v)")
        }
        if let v = number("maximum") { out.append("≤ \(v)") }
        if let v = number("exclusiveMaximum") { out.append("< \(v)") }
        if schema["exclusiveMaximum"]?.boolValue == true, let v = number("maximum") {
            out.removeAll { $0 == "≤ \(v)" }
            out.append("< \(v)")
        }
        if let v = number("multipleOf") { out.append("multiple of \(v)") }
        switch (number("minLength"), number("maxLength")) {
        case (let a?, let b?): out.append(a == b ? "length \(a)" : "length \(a)–\(b)")
        case (let a?, nil): out.append("length ≥ \(a)")
        case (nil, let b?): out.append("length ≤ \(b)")
        default: break
        }
        switch (number("minItems"), number("maxItems")) {
        case (let a?, let b?): out.append("\(a)–\(b) items")
        case (let a?, nil): out.append("≥ \(a) items")
        case (nil, let b?): out.append("≤ \(b) items")
        default: break
        }
        switch (number("minProperties"), number("maxProperties")) {
        case (let a?, let b?): out.append("\(a)–\(b) properties")
        case (let a?, nil): out.append("≥ \(a) properties")
        case (nil, let b?): out.append("≤ \(b) properties")
        default: break
        }
        if schema["uniqueItems"]?.boolValue == true { out.append("unique items") }
        if let pattern = schema["pattern"]?.stringValue { out.append("pattern \(pattern)") }
        if let media = schema["contentMediaType"]?.stringValue { out.append("content type \(media)") }
        return out
    }
}
