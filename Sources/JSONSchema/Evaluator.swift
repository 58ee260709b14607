import JSONCore

/// Walks an instance through compiled nodes. In recording mode it keeps instance and keyword paths and
/// collects every error; otherwise it stops at the first failure and keeps no paths.
struct Evaluator {
    let dynamicAnchors: [Int: [String: SchemaNode]]
    /// Whether errors are being collected here (off inside `not`, `anyOf` branches, `if`, `contains`).
    var recording: Bool
    var errors: [ValidationError] = []
    private var instancePath: [String] = []
    private var keywordPath: [String] = []
    /// Resources entered so far, outermost first: the dynamic scope of `$dynamicRef`.
    var scope: [Int] = []
    var depth = 0
    /// How deep in the instance evaluation is, and the references being followed at each depth: the same
    /// reference again at the same depth means a loop that would never consume the instance.
    var instanceDepth = 0
    var activeReferences: [(ObjectIdentifier, Int)] = []
    /// Deeper than this, a schema is taken to loop through references without consuming the instance.
    static let maxDepth = 2_000

    init(dynamicAnchors: [Int: [String: SchemaNode]], recording: Bool) {
        self.dynamicAnchors = dynamicAnchors
        self.recording = recording
    }

    // MARK: - Nodes

    mutating func eval(_ node: SchemaNode, _ value: JSONValue, _ annotations: inout Evaluated, collect: Bool) -> Bool {
        // A leaf answers in one step (it has no annotations to give); errors come from the keywords.
        if !recording, let leaf = node.leaf, let verdict = leaf.admits(value) { return verdict }
        switch node.body {
        case .always(let allowed):
            if !allowed, recording {
                report(node, [], "no value is allowed here (the schema is false), got \(quote(value))")
            }
            return allowed
        case .keywords(let keywords):
            depth += 1
            defer { depth -= 1 }
            if depth > Evaluator.maxDepth {
                if recording { report(node, [], "the schema recurses more than \(Evaluator.maxDepth) levels deep") }
                return false
            }
            let entered = scope.last != node.resource
            if entered { scope.append(node.resource) }
            defer { if entered { scope.removeLast() } }
            let needs = collect || node.needsAnnotations
            var local = Evaluated()
            var valid = true
            for keyword in keywords where !check(keyword, node, value, &local, needs) {
                valid = false
                if !recording { return false }
            }
            if valid, collect { annotations.merge(local) }
            return valid
        }
    }

    /// Evaluates a subschema, extending the keyword path by `keyword` (and `detail`) and the instance path by
    /// `item`. The steps are spelled out only when errors are recorded.
    private mutating func sub(
        _ node: SchemaNode, _ value: JSONValue, keyword: String, detail: PathStep = .none, item: PathStep = .none,
        _ annotations: inout Evaluated, collect: Bool
    ) -> Bool {
        let consumes = item.exists
        if consumes { instanceDepth += 1 }
        defer { if consumes { instanceDepth -= 1 } }
        guard recording else { return eval(node, value, &annotations, collect: collect) }
        let mark = keywordPath.count
        keywordPath.append(keyword)
        if let token = detail.token { keywordPath.append(token) }
        if let token = item.token { instancePath.append(token) }
        defer {
            keywordPath.removeSubrange(mark...)
            if consumes { instancePath.removeLast() }
        }
        return eval(node, value, &annotations, collect: collect)
    }

    /// Evaluates a subschema only for its verdict: no errors recorded, no annotations kept.
    private mutating func probe(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        var scratch = Evaluated()
        return quietly(node, value, &scratch, collect: false)
    }

    /// Like `probe`, but keeps annotations when asked to.
    private mutating func quietly(_ node: SchemaNode, _ value: JSONValue, _ annotations: inout Evaluated, collect: Bool)
        -> Bool
    {
        let saved = recording
        recording = false
        defer { recording = saved }
        return eval(node, value, &annotations, collect: collect)
    }

    private mutating func report(_ node: SchemaNode, _ tokens: [String], _ message: String, item: String? = nil) {
        var keyword = keywordPath
        keyword.append(contentsOf: tokens)
        var instance = instancePath
        if let item { instance.append(item) }
        let suffix = JSONPointer(tokens: tokens).description
        errors.append(
            ValidationError(
                instanceLocation: JSONPointer(tokens: instance), keywordLocation: JSONPointer(tokens: keyword),
                absoluteKeywordLocation: node.absoluteLocation + suffix, message: message))
    }

    // MARK: - Keywords

    private mutating func check(
        _ keyword: Keyword, _ node: SchemaNode, _ value: JSONValue, _ ann: inout Evaluated, _ collect: Bool
    ) -> Bool {
        switch keyword {
        case .type(let types):
            if types.admits(value) { return true }
            if recording { report(node, ["type"], "\(quote(value)) is not of type \(types.description)") }
            return false
        case .enumeration(let options):
            if options.contains(value) { return true }
            if recording {
                let list = options.prefix(10).map(quote).joined(separator: ", ") + (options.count > 10 ? ", …" : "")
                report(node, ["enum"], "\(quote(value)) is not one of \(list)")
            }
            return false
        case .const(let expected):
            if value == expected { return true }
            if recording { report(node, ["const"], "\(quote(value)) is not the constant \(quote(expected))") }
            return false
        case .multipleOf(let divisor):
            guard case .number(let n) = value, !n.isMultiple(of: divisor) else { return true }
            if recording { report(node, ["multipleOf"], "\(n.text) is not a multiple of \(divisor.text)") }
            return false
        case .maximum(let limit):
            guard case .number(let n) = value, limit < n else { return true }
            if recording { report(node, ["maximum"], "\(n.text) is greater than the maximum of \(limit.text)") }
            return false
        case .exclusiveMaximum(let limit):
            guard case .number(let n) = value, !(n < limit) else { return true }
            if recording {
                report(node, ["exclusiveMaximum"], "\(n.text) is not less than the exclusive maximum of \(limit.text)")
            }
            return false
        case .minimum(let limit):
            guard case .number(let n) = value, n < limit else { return true }
            if recording { report(node, ["minimum"], "\(n.text) is less than the minimum of \(limit.text)") }
            return false
        case .exclusiveMinimum(let limit):
            guard case .number(let n) = value, !(limit < n) else { return true }
            if recording {
                report(
                    node, ["exclusiveMinimum"], "\(n.text) is not greater than the exclusive minimum of \(limit.text)")
            }
            return false
        case .maxLength(let limit):
            // A string has no more scalars than UTF-8 bytes, so the byte count often settles it.
            guard case .string(let s) = value, s.utf8.count > limit, s.unicodeScalars.count > limit else {
                return true
            }
            if recording { report(node, ["maxLength"], "\(quote(value)) is longer than \(limit) characters") }
            return false
        case .minLength(let limit):
            // A scalar takes at most four UTF-8 bytes: only strings of between `limit` and `4 × limit`
            // bytes need their scalars counted.
            guard case .string(let s) = value, limit > 0,
                s.utf8.count < limit || (s.utf8.count < 4 * limit && s.unicodeScalars.count < limit)
            else { return true }
            if recording { report(node, ["minLength"], "\(quote(value)) is shorter than \(limit) characters") }
            return false
        case .pattern(let pattern):
            guard case .string(let s) = value else { return true }
            switch pattern.verdict(s) {
            case .match: return true
            case .noMatch:
                if recording {
                    report(
                        node, ["pattern"],
                        "\(quote(value)) does not match the pattern \(quote(.string(pattern.source)))")
                }
            case .undecided(let steps):
                if recording { report(node, ["pattern"], pattern.undecidedMessage(s, steps: steps)) }
            }
            return false
        case .format(let name, let isValid):
            guard case .string(let s) = value, !isValid(s) else { return true }
            if recording { report(node, ["format"], "\(quote(value)) is not a valid \(name)") }
            return false
        case .integerFormat(let name, let minimum, let maximum):
            guard case .number(let n) = value, n < minimum || maximum < n else { return true }
            if recording {
                report(node, ["format"], "\(n.text) is outside the \(name) range \(minimum.text)…\(maximum.text)")
            }
            return false
        case .maxItems(let limit):
            guard case .array(let items) = value, items.count > limit else { return true }
            if recording { report(node, ["maxItems"], "\(quote(value)) has more than \(limit) items") }
            return false
        case .minItems(let limit):
            guard case .array(let items) = value, items.count < limit else { return true }
            if recording { report(node, ["minItems"], "\(quote(value)) has fewer than \(limit) items") }
            return false
        case .uniqueItems:
            guard case .array(let items) = value, let (first, i) = Self.repeatedItems(items) else { return true }
            if recording { report(node, ["uniqueItems"], "\(quote(value)) has non-unique items at \(first) and \(i)") }
            return false
        case .maxProperties(let limit):
            guard case .object(let o) = value, o.count > limit else { return true }
            if recording { report(node, ["maxProperties"], "\(quote(value)) has more than \(limit) properties") }
            return false
        case .minProperties(let limit):
            guard case .object(let o) = value, o.count < limit else { return true }
            if recording { report(node, ["minProperties"], "\(quote(value)) has fewer than \(limit) properties") }
            return false
        case .required(let names):
            guard case .object(let o) = value else { return true }
            var valid = true
            var hint = 0
            let scan = o.count <= Self.scanLimit
            for name in names.names {
                if scan, let found = Self.position(of: name, in: o.keys, from: hint) {
                    hint = found + 1
                    continue
                }
                if !scan, o[name] != nil { continue }
                valid = false
                guard recording else { return false }
                report(node, ["required"], "required property \(quote(.string(name))) is missing")
            }
            return valid
        case .dependentRequired(let pairs):
            guard case .object(let o) = value else { return true }
            var valid = true
            for (trigger, names) in pairs where o[trigger] != nil {
                for name in names where o[name] == nil {
                    valid = false
                    guard recording else { return false }
                    report(
                        node, ["dependentRequired", trigger],
                        "property \(quote(.string(name))) is required when \(quote(.string(trigger))) is present")
                }
            }
            return valid
        case .forbiddenProperties(let names, let reason):
            guard case .object(let o) = value else { return true }
            var valid = true
            for name in names where o[name] != nil {
                valid = false
                guard recording else { return false }
                report(node, ["properties", name], "property \(quote(.string(name))) \(reason)", item: name)
            }
            return valid
        case .properties(let table):
            guard case .object(let o) = value else { return true }
            var valid = true
            var hint = 0
            let scan = table.names.count <= Self.scanLimit
            let keys = o.keys
            let values = o.values
            for k in keys.indices {
                let key = keys[k]
                let child = values[k]
                let schema: SchemaNode
                if scan {
                    guard let found = Self.position(of: key, in: table.names, from: hint) else { continue }
                    hint = found + 1
                    schema = table.nodes[found]
                } else {
                    guard let known = table.lookup[key] else { continue }
                    schema = known
                }
                var scratch = Evaluated()
                if !sub(
                    schema, child, keyword: "properties", detail: .name(key), item: .name(key), &scratch, collect: false
                ) {
                    valid = false
                    if !recording { return false }
                }
                if collect { ann.properties.insert(key) }
            }
            return valid
        case .patternProperties(let patterns):
            guard case .object(let o) = value else { return true }
            var valid = true
            for (key, child) in zip(o.keys, o.values) {
                for (pattern, schema) in patterns {
                    if case .undecided(let steps) = pattern.verdict(key) {
                        valid = false
                        if !recording { return false }
                        if recording {
                            report(
                                node, ["patternProperties", pattern.source],
                                "property \(quote(.string(key))): " + pattern.undecidedMessage(key, steps: steps),
                                item: key)
                        }
                        continue
                    }
                    guard pattern.matches(key) else { continue }
                    var scratch = Evaluated()
                    if !sub(
                        schema, child, keyword: "patternProperties", detail: .name(pattern.source), item: .name(key),
                        &scratch, collect: false)
                    {
                        valid = false
                        if !recording { return false }
                    }
                    if collect { ann.properties.insert(key) }
                }
            }
            return valid
        case .additionalProperties(let schema, let known, let patterns):
            guard case .object(let o) = value else { return true }
            var valid = true
            for (key, child) in zip(o.keys, o.values) where !known.set.contains(key) {
                var undecided: (Pattern, Int)?
                var matched = false
                for pattern in patterns {
                    switch pattern.verdict(key) {
                    case .match: matched = true
                    case .noMatch: break
                    case .undecided(let steps): undecided = (pattern, steps)
                    }
                    if matched { break }
                }
                if matched { continue }
                if let (pattern, steps) = undecided {
                    // Whether `additionalProperties` applies is unknown: refused, never guessed.
                    valid = false
                    if !recording { return false }
                    report(
                        node, ["additionalProperties"],
                        "property \(quote(.string(key))): " + pattern.undecidedMessage(key, steps: steps), item: key)
                    continue
                }
                if !extra(schema, node, keyword: "additionalProperties", key: key, child) {
                    valid = false
                    if !recording { return false }
                }
            }
            if collect { ann.allProperties = true }
            return valid
        case .unevaluatedProperties(let schema):
            guard case .object(let o) = value else { return true }
            var valid = true
            for (key, child) in zip(o.keys, o.values) where !ann.isEvaluated(property: key) {
                if !extra(schema, node, keyword: "unevaluatedProperties", key: key, child) {
                    valid = false
                    if !recording { return false }
                }
            }
            ann.allProperties = true
            return valid
        case .propertyNames(let schema):
            guard case .object(let o) = value else { return true }
            var valid = true
            instanceDepth += 1
            defer { instanceDepth -= 1 }
            for key in o.keys where !probe(schema, .string(key)) {
                valid = false
                guard recording else { return false }
                report(
                    node, ["propertyNames"],
                    "property name \(quote(.string(key))) does not match the propertyNames schema")
            }
            return valid
        case .dependentSchemas(let pairs):
            guard case .object(let o) = value else { return true }
            var valid = true
            for (trigger, schema) in pairs where o[trigger] != nil {
                if !sub(schema, value, keyword: "dependentSchemas", detail: .name(trigger), &ann, collect: collect) {
                    valid = false
                    if !recording { return false }
                }
            }
            return valid
        case .prefixItems(let schemas):
            guard case .array(let items) = value else { return true }
            var valid = true
            for (i, item) in items.prefix(schemas.count).enumerated() {
                var scratch = Evaluated()
                if !sub(
                    schemas[i], item, keyword: "prefixItems", detail: .index(i), item: .index(i), &scratch,
                    collect: false)
                {
                    valid = false
                    if !recording { return false }
                }
            }
            if collect { ann.itemPrefix = max(ann.itemPrefix, min(schemas.count, items.count)) }
            return valid
        case .items(let schema, let prefix):
            guard case .array(let items) = value else { return true }
            var valid = true
            if prefix < items.count {
                for i in prefix..<items.count where !extraItem(schema, node, keyword: "items", index: i, items[i]) {
                    valid = false
                    if !recording { return false }
                }
            }
            if collect { ann.allItems = true }
            return valid
        case .unevaluatedItems(let schema):
            guard case .array(let items) = value else { return true }
            var valid = true
            for i in items.indices where !ann.isEvaluated(item: i) {
                if !extraItem(schema, node, keyword: "unevaluatedItems", index: i, items[i]) {
                    valid = false
                    if !recording { return false }
                }
            }
            ann.allItems = true
            return valid
        case .contains(let schema, let minimum, let maximum):
            guard case .array(let items) = value else { return true }
            var matches = 0
            instanceDepth += 1
            defer { instanceDepth -= 1 }
            for (i, item) in items.enumerated() where probe(schema, item) {
                matches += 1
                if collect { ann.items.insert(i) }
                if !collect, matches >= minimum, maximum == nil { break }
            }
            if matches < minimum {
                if recording {
                    report(
                        node, ["contains"],
                        minimum == 1
                            ? "\(quote(value)) does not contain an item that matches the contains schema"
                            : "\(quote(value)) contains \(matches) matching items, fewer than minContains \(minimum)")
                }
                return false
            }
            if let maximum, matches > maximum {
                if recording {
                    report(
                        node, ["contains"],
                        "\(quote(value)) contains \(matches) matching items, more than maxContains \(maximum)")
                }
                return false
            }
            return true
        case .allOf(let schemas):
            var valid = true
            for (i, schema) in schemas.enumerated()
            where !sub(schema, value, keyword: "allOf", detail: .index(i), &ann, collect: collect) {
                valid = false
                if !recording { return false }
            }
            return valid
        case .anyOf(let schemas):
            var valid = false
            for schema in schemas {
                var local = Evaluated()
                if quietly(schema, value, &local, collect: collect) {
                    valid = true
                    if collect { ann.merge(local) } else { break }
                }
            }
            if !valid, recording {
                report(node, ["anyOf"], "\(quote(value)) does not match any of the \(schemas.count) anyOf schemas")
            }
            return valid
        case .oneOf(let schemas):
            var matched: [Int] = []
            var kept = Evaluated()
            for (i, schema) in schemas.enumerated() {
                var local = Evaluated()
                if quietly(schema, value, &local, collect: collect) {
                    matched.append(i)
                    kept = local
                    if matched.count > 1 { break }
                }
            }
            if matched.count == 1 {
                if collect { ann.merge(kept) }
                return true
            }
            if recording {
                report(
                    node, ["oneOf"],
                    matched.isEmpty
                        ? "\(quote(value)) does not match any of the \(schemas.count) oneOf schemas"
                        : "\(quote(value)) matches more than one oneOf schema (\(matched[0]) and \(matched[1]))")
            }
            return false
        case .not(let schema):
            if !probe(schema, value) { return true }
            if recording { report(node, ["not"], "\(quote(value)) must not match the \"not\" schema") }
            return false
        case .conditional(let condition, let then, let otherwise):
            var local = Evaluated()
            if quietly(condition, value, &local, collect: collect) {
                if collect { ann.merge(local) }
                guard let then else { return true }
                return sub(then, value, keyword: "then", &ann, collect: collect)
            }
            guard let otherwise else { return true }
            return sub(otherwise, value, keyword: "else", &ann, collect: collect)
        case .ref(let target):
            return follow(target, node, "$ref", value, &ann, collect)
        case .dynamicRef(let target, let anchor):
            let resolved = Self.dynamicTarget(target, anchor: anchor, scope: scope, in: dynamicAnchors)
            return follow(resolved, node, "$dynamicRef", value, &ann, collect)
        case .discriminator(let property, let mapping, let keyword, let branches):
            if case .object(let o) = value, case .string(let tag)? = o[property], let schema = mapping[tag] {
                return sub(schema, value, keyword: keyword, &ann, collect: collect)
            }
            return check(keyword == "oneOf" ? .oneOf(branches) : .anyOf(branches), node, value, &ann, collect)
        }
    }

    /// `$dynamicRef`'s target: the outermost resource in `scope` with a `$dynamicAnchor` of that name,
    /// or the static target.
    static func dynamicTarget(
        _ target: SchemaNode, anchor: String?, scope: [Int], in anchors: [Int: [String: SchemaNode]]
    ) -> SchemaNode {
        guard let anchor else { return target }
        for resource in scope {
            if let found = anchors[resource]?[anchor] { return found }
        }
        return target
    }

    /// The first two equal items of `items`, if any.
    static func repeatedItems(_ items: [JSONValue]) -> (Int, Int)? {
        guard items.count > 1 else { return nil }
        var seen: [JSONValue: Int] = [:]
        for (i, item) in items.enumerated() {
            if let first = seen.updateValue(i, forKey: item) { return (first, i) }
        }
        return nil
    }

    /// Up to this many properties, a scan finds a key faster than hashing it.
    static let scanLimit = 16

    /// Where `name` is in `names`, looking from `hint` on first: objects tend to list their members in
    /// the order their schema does, so the next name is usually the one after the last found.
    static func position(of name: String, in names: [String], from hint: Int) -> Int? {
        if hint < names.count {
            for i in hint..<names.count where names[i] == name { return i }
        }
        for i in 0..<min(hint, names.count) where names[i] == name { return i }
        return nil
    }

    /// Evaluates a reference's target in place, refusing a reference loop that consumes nothing.
    private mutating func follow(
        _ target: SchemaNode, _ node: SchemaNode, _ keyword: String, _ value: JSONValue, _ ann: inout Evaluated,
        _ collect: Bool
    ) -> Bool {
        let id = ObjectIdentifier(target)
        if activeReferences.contains(where: { $0.0 == id && $0.1 == instanceDepth }) {
            if recording {
                report(
                    node, [keyword],
                    "the reference loops back to \(target.absoluteLocation) without consuming the instance")
            }
            return false
        }
        activeReferences.append((id, instanceDepth))
        defer { activeReferences.removeLast() }
        return sub(target, value, keyword: keyword, &ann, collect: collect)
    }

    /// A property that `additionalProperties`/`unevaluatedProperties` applies to.
    private mutating func extra(
        _ schema: SchemaNode, _ node: SchemaNode, keyword: String, key: String, _ child: JSONValue
    )
        -> Bool
    {
        if case .always(false) = schema.body {
            if recording {
                report(
                    node, [keyword], "property \(quote(.string(key))) is not allowed (\(keyword) is false)", item: key)
            }
            return false
        }
        var scratch = Evaluated()
        return sub(schema, child, keyword: keyword, item: .name(key), &scratch, collect: false)
    }

    /// An array item that `items`/`unevaluatedItems` applies to.
    private mutating func extraItem(
        _ schema: SchemaNode, _ node: SchemaNode, keyword: String, index: Int, _ item: JSONValue
    )
        -> Bool
    {
        if case .always(false) = schema.body {
            if recording {
                report(
                    node, [keyword], "item \(index) is not allowed (\(keyword) is false), got \(quote(item))",
                    item: String(index))
            }
            return false
        }
        var scratch = Evaluated()
        return sub(schema, item, keyword: keyword, item: .index(index), &scratch, collect: false)
    }
}
