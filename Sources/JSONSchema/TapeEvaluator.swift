import Foundation
import JSONCore

/// The fast pass of `Evaluator` (verdict only: no errors, no paths) over a `JSONTape`, so that an instance
/// that passes is never built as `JSONValue`s. It follows `Evaluator` keyword for keyword and keeps the
/// same state (depth, dynamic scope, reference loops), so the verdicts are the same; where a keyword needs
/// the value itself (`const`, a non-string `enum`, `uniqueItems`, the `unevaluated*` keywords and their
/// node) it builds that part of the instance and asks `Evaluator`.
struct TapeEvaluator {
    let tape: JSONTape
    /// The tape's entries and bytes, read without going through the tape object.
    let view: TapeView
    let dynamicAnchors: [Int: [String: SchemaNode]]
    private var scope: [Int] = []
    private var depth = 0
    private var instanceDepth = 0
    private var activeReferences: [(ObjectIdentifier, Int)] = []

    /// The two stacks' storage, kept on the tape between texts (`JSONTape.readerScratch`).
    final class Stacks {
        var scope: [Int] = []
        var activeReferences: [(ObjectIdentifier, Int)] = []
    }
    private let stacks: Stacks

    /// An evaluator that borrows its stacks' storage from the tape; `finish` gives it back.
    init(tape: JSONTape, dynamicAnchors: [Int: [String: SchemaNode]]) {
        self.tape = tape
        view = tape.view
        self.dynamicAnchors = dynamicAnchors
        if let kept = tape.readerScratch as? Stacks {
            stacks = kept
        } else {
            stacks = Stacks()
            tape.readerScratch = stacks
        }
        swap(&scope, &stacks.scope)
        swap(&activeReferences, &stacks.activeReferences)
    }

    /// Gives the stacks' storage back to the tape, emptied.
    mutating func finish() {
        scope.removeAll(keepingCapacity: true)
        activeReferences.removeAll(keepingCapacity: true)
        swap(&scope, &stacks.scope)
        swap(&activeReferences, &stacks.activeReferences)
    }

    mutating func eval(_ node: SchemaNode, _ i: Int) -> Bool {
        if let leaf = node.leaf, let verdict = leaf.admits(view, i) { return verdict }
        if let allowed = node.fixedVerdict { return allowed }
        if node.needsAnnotations { return byValue(node, i) }
        depth += 1
        defer { depth -= 1 }
        if depth > Evaluator.maxDepth { return false }
        let entered = scope.last != node.resource
        if entered { scope.append(node.resource) }
        defer { if entered { scope.removeLast() } }
        // Read in place from the node's frozen copy (`body`'s array would be retained and released per
        // visit), by its steps (which retain nothing) where they can.
        let steps = node.steps
        guard let base = node.keywordBuffer.baseAddress, let stepBase = steps.baseAddress else { return true }
        for k in 0..<steps.count where !step(stepBase[k], base + k, i) { return false }
        return true
    }

    /// One keyword (`keyword`, read as `step`) on the value at `i`.
    @inline(__always)
    private mutating func step(_ step: TapeStep, _ keyword: UnsafePointer<Keyword>, _ i: Int) -> Bool {
        switch step {
        case .general: return check(keyword, i)
        case .type(let types): return admits(types, i)
        case .properties(let table): return table._withUnsafeGuaranteedRef { properties($0, i) }
        case .required(let names): return names._withUnsafeGuaranteedRef { required($0, i) }
        case .items(let schema, let prefix): return schema._withUnsafeGuaranteedRef { items($0, prefix: prefix, i) }
        case .ref(let target): return target._withUnsafeGuaranteedRef { follow($0, i) }
        case .allOf(let branches): return allOf(branches.count, i) { branches[$0] }
        case .anyOf(let branches): return anyOf(branches.count, i) { branches[$0] }
        case .oneOf(let branches): return oneOf(branches.count, i) { branches[$0] }
        }
    }

    /// `Evaluator` on the value at `i`, built in full, from this evaluator's state.
    private mutating func byValue(_ node: SchemaNode, _ i: Int) -> Bool {
        var evaluator = Evaluator(dynamicAnchors: dynamicAnchors, recording: false)
        evaluator.scope = scope
        evaluator.depth = depth
        evaluator.instanceDepth = instanceDepth
        evaluator.activeReferences = activeReferences
        var scratch = Evaluated()
        return evaluator.eval(node, tape.value(at: i), &scratch, collect: false)
    }

    /// A subschema on an item or member value (one level deeper in the instance).
    @inline(__always)
    private mutating func item(_ node: SchemaNode, _ i: Int) -> Bool {
        instanceDepth += 1
        defer { instanceDepth -= 1 }
        return eval(node, i)
    }

    // MARK: - Keywords

    private mutating func check(_ keyword: Keyword, _ i: Int) -> Bool {
        withUnsafePointer(to: keyword) { check($0, i) }
    }

    private mutating func check(_ keyword: UnsafePointer<Keyword>, _ i: Int) -> Bool {
        let e = view[i]
        switch keyword.pointee {
        case .type(let types):
            return admits(types, i)
        case .enumeration(let options):
            if e.kind == .string, e.flags & JSONTape.escaped == 0 {
                let raw = view.utf8(at: i)
                return options.contains { option in
                    guard case .string(var s) = option else { return false }
                    return s.withUTF8 { $0.count == raw.count && $0.elementsEqual(raw) }
                }
            }
            return options.contains(tape.value(at: i))
        case .const(let expected):
            return tape.value(at: i) == expected
        case .multipleOf(let divisor):
            guard e.kind == .number else { return true }
            if let v = view.plainInt(at: i), let d = divisor.intValue, d != 0 { return v % d == 0 }
            return view.number(at: i).isMultiple(of: divisor)
        case .maximum(let limit):
            guard e.kind == .number else { return true }
            return !(limit < number(i))
        case .exclusiveMaximum(let limit):
            guard e.kind == .number else { return true }
            return number(i) < limit
        case .minimum(let limit):
            guard e.kind == .number else { return true }
            return !(number(i) < limit)
        case .exclusiveMinimum(let limit):
            guard e.kind == .number else { return true }
            return limit < number(i)
        case .integerFormat(_, let minimum, let maximum):
            guard e.kind == .number else { return true }
            let n = number(i)
            return !(n < minimum || maximum < n)
        case .maxLength(let limit):
            guard e.kind == .string else { return true }
            return scalarCount(i) <= limit
        case .minLength(let limit):
            guard e.kind == .string, limit > 0 else { return true }
            return scalarCount(i) >= limit
        case .pattern(let pattern):
            guard e.kind == .string else { return true }
            let verdict =
                e.flags & JSONTape.escaped == 0
                ? pattern.verdict(utf8: view.utf8(at: i)) : pattern.verdict(view.string(at: i))
            return verdict == .match
        case .format(_, let isValid):
            guard e.kind == .string else { return true }
            return isValid(view.string(at: i))
        case .maxItems(let limit):
            guard e.kind == .array else { return true }
            return Int(e.b) <= limit
        case .minItems(let limit):
            guard e.kind == .array else { return true }
            return Int(e.b) >= limit
        case .uniqueItems:
            guard e.kind == .array, e.b > 1, case .array(let items) = tape.value(at: i) else { return true }
            return Evaluator.repeatedItems(items) == nil
        case .maxProperties(let limit):
            guard e.kind == .object else { return true }
            return Int(e.b) <= limit
        case .minProperties(let limit):
            guard e.kind == .object else { return true }
            return Int(e.b) >= limit
        case .required(let names):
            return required(names, i)
        case .dependentRequired(let pairs):
            guard e.kind == .object else { return true }
            for (trigger, names) in pairs where key(trigger, in: i) != nil {
                for name in names where key(name, in: i) == nil { return false }
            }
            return true
        case .forbiddenProperties(let names, _):
            guard e.kind == .object else { return true }
            return !names.contains { key($0, in: i) != nil }
        case .properties(let table):
            return properties(table, i)
        case .patternProperties(let patterns):
            guard e.kind == .object else { return true }
            var k = i + 1
            while k < Int(e.a) {
                for (pattern, schema) in patterns {
                    switch keyVerdict(pattern, k) {
                    case .undecided: return false
                    case .noMatch: continue
                    case .match: if !item(schema, k + 1) { return false }
                    }
                }
                k = view.next(after: k + 1)
            }
            return true
        case .additionalProperties(let schema, let known, let patterns):
            guard e.kind == .object else { return true }
            let plain = e.flags & JSONTape.oddKeys == 0 && known.isASCII
            var k = i + 1
            while k < Int(e.a) {
                defer { k = view.next(after: k + 1) }
                let isKnown =
                    plain
                    ? known.position(ofASCII: view.utf8(at: k), from: 0) != nil
                    : known.set.contains(view.string(at: k))
                if isKnown { continue }
                var undecided = false
                var matched = false
                for pattern in patterns {
                    switch keyVerdict(pattern, k) {
                    case .match: matched = true
                    case .noMatch: break
                    case .undecided: undecided = true
                    }
                    if matched { break }
                }
                if matched { continue }
                if undecided { return false }
                if schema.fixedVerdict == false { return false }
                if !item(schema, k + 1) { return false }
            }
            return true
        case .unevaluatedProperties, .unevaluatedItems:
            // Their nodes go to `Evaluator` whole (`needsAnnotations`), so this is never reached; were it
            // reached, "no" sends the instance to the value path, which decides.
            return false
        case .propertyNames(let schema):
            guard e.kind == .object else { return true }
            instanceDepth += 1
            defer { instanceDepth -= 1 }
            var k = i + 1
            while k < Int(e.a) {
                if !eval(schema, k) { return false }
                k = view.next(after: k + 1)
            }
            return true
        case .dependentSchemas(let pairs):
            guard e.kind == .object else { return true }
            for (trigger, schema) in pairs where key(trigger, in: i) != nil {
                if !eval(schema, i) { return false }
            }
            return true
        case .prefixItems(let schemas):
            guard e.kind == .array else { return true }
            var k = i + 1
            var n = 0
            while k < Int(e.a), n < schemas.count {
                if !item(schemas[n], k) { return false }
                n += 1
                k = view.next(after: k)
            }
            return true
        case .items(let schema, let prefix):
            return items(schema, prefix: prefix, i)
        case .contains(let schema, let minimum, let maximum):
            guard e.kind == .array else { return true }
            var matches = 0
            instanceDepth += 1
            defer { instanceDepth -= 1 }
            var k = i + 1
            while k < Int(e.a) {
                if eval(schema, k) {
                    matches += 1
                    if matches >= minimum, maximum == nil { break }
                }
                k = view.next(after: k)
            }
            if matches < minimum { return false }
            if let maximum, matches > maximum { return false }
            return true
        case .allOf(let schemas):
            return allOf(schemas.count, i) { .passUnretained(schemas[$0]) }
        case .anyOf(let schemas):
            return anyOf(schemas.count, i) { .passUnretained(schemas[$0]) }
        case .oneOf(let schemas):
            return oneOf(schemas.count, i) { .passUnretained(schemas[$0]) }
        case .not(let schema):
            return !eval(schema, i)
        case .conditional(let condition, let then, let otherwise):
            if eval(condition, i) {
                guard let then else { return true }
                return eval(then, i)
            }
            guard let otherwise else { return true }
            return eval(otherwise, i)
        case .ref(let target):
            return follow(target, i)
        case .dynamicRef(let target, let anchor):
            let resolved = Evaluator.dynamicTarget(target, anchor: anchor, scope: scope, in: dynamicAnchors)
            return follow(resolved, i)
        case .discriminator(let property, let mapping, let keyword, let branches):
            if e.kind == .object, let k = key(property, in: i), view[k + 1].kind == .string,
                let schema = mapping[view.string(at: k + 1)]
            {
                return eval(schema, i)
            }
            return check(keyword == "oneOf" ? .oneOf(branches) : .anyOf(branches), i)
        }
    }

    // MARK: - Keywords met on nearly every value (`TapeStep`)

    private func admits(_ types: TypeSet, _ i: Int) -> Bool {
        let e = view[i]
        switch e.kind {
        case .null: return types.contains(.null)
        case .true, .false: return types.contains(.boolean)
        case .string: return types.contains(.string)
        case .array: return types.contains(.array)
        case .object: return types.contains(.object)
        case .number:
            if types.contains(.number) { return true }
            return types.contains(.integer) && (e.flags & JSONTape.plain != 0 || view.number(at: i).isInteger)
        }
    }

    private mutating func properties(_ table: PropertyTable, _ i: Int) -> Bool {
        let e = view[i]
        guard e.kind == .object else { return true }
        let plain = e.flags & JSONTape.oddKeys == 0 && table.list.isASCII
        let nodes = table.unmanagedNodes
        var hint = 0
        var seen: UInt64 = 0
        var k = i + 1
        while k < Int(e.a) {
            let found = plain ? table.list.position(ofASCII: view.utf8(at: k), from: hint) : position(k, table)
            if let found {
                hint = found + 1
                seen |= 1 &<< UInt64(truncatingIfNeeded: found)
                if !nodes[found]._withUnsafeGuaranteedRef({ item($0, k + 1) }) { return false }
            }
            k = view.next(after: k + 1)
        }
        // The same schema's `required`, when it left its names to this walk (see `PropertyTable`).
        return !plain || seen & table.requiredMask == table.requiredMask
    }

    private func required(_ names: NameList, _ i: Int) -> Bool {
        let e = view[i]
        guard e.kind == .object else { return true }
        // Settled by `properties` on an object whose keys compare by their bytes.
        if names.foundWithProperties, e.flags & JSONTape.oddKeys == 0 { return true }
        return hasAll(names, object: i)
    }

    private mutating func items(_ schema: SchemaNode, prefix: Int, _ i: Int) -> Bool {
        let e = view[i]
        guard e.kind == .array else { return true }
        var k = i + 1
        var n = 0
        while k < Int(e.a) {
            if n >= prefix {
                if schema.fixedVerdict == false { return false }
                if !item(schema, k) { return false }
            }
            n += 1
            k = view.next(after: k)
        }
        return true
    }

    private mutating func allOf(_ count: Int, _ i: Int, _ branch: (Int) -> Unmanaged<SchemaNode>) -> Bool {
        for b in 0..<count where !branch(b)._withUnsafeGuaranteedRef({ eval($0, i) }) { return false }
        return true
    }

    private mutating func anyOf(_ count: Int, _ i: Int, _ branch: (Int) -> Unmanaged<SchemaNode>) -> Bool {
        for b in 0..<count where branch(b)._withUnsafeGuaranteedRef({ eval($0, i) }) { return true }
        return false
    }

    private mutating func oneOf(_ count: Int, _ i: Int, _ branch: (Int) -> Unmanaged<SchemaNode>) -> Bool {
        var matched = 0
        for b in 0..<count where branch(b)._withUnsafeGuaranteedRef({ eval($0, i) }) {
            matched += 1
            if matched > 1 { return false }
        }
        return matched == 1
    }

    private mutating func follow(_ target: SchemaNode, _ i: Int) -> Bool {
        let id = ObjectIdentifier(target)
        if activeReferences.contains(where: { $0.0 == id && $0.1 == instanceDepth }) { return false }
        activeReferences.append((id, instanceDepth))
        defer { activeReferences.removeLast() }
        return eval(target, i)
    }
}
