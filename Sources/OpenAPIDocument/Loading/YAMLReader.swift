import JSONCore
import Yams

/// Reads YAML text as a `JSONValue` under YAML 1.2's core schema, which OpenAPI 3.1 documents are written in:
/// `18:00`, `on`, `no` and `2024-01-01` stay strings (YAML 1.1 made them a number, booleans and a date),
/// integers of any size stay exact, and `<<` merge keys are honoured as the usual loaders do.
///
/// Aliases are expanded, so an alias bomb (a few hundred bytes whose anchors nest ten deep) is stopped by a
/// budget of nodes rather than exhausting memory.
package struct YAMLReader {
    /// Why the text could not be read, with where (1-based line and column, when known).
    package struct Failure: Error, Sendable {
        package var line: Int?
        package var column: Int?
        package var message: String
        /// Where the same key was first written, for a key written twice.
        package var first: (line: Int, column: Int)?

        package init(line: Int? = nil, column: Int? = nil, message: String, first: (line: Int, column: Int)? = nil) {
            self.line = line
            self.column = column
            self.message = message
            self.first = first
        }

        /// The message with the other place, as a diagnostic says it.
        package var text: String {
            message + (first.map { " (first at line \($0.line), column \($0.column))" } ?? "")
        }

        /// The failure of text that starts `lines` lines into its file (front matter after its `---`).
        package func shifted(by lines: Int) -> Failure {
            Failure(
                line: line.map { $0 + lines }, column: column, message: message,
                first: first.map { ($0.line + lines, $0.column) })
        }
    }

    /// The most nodes one document may expand to: at least a million, more for large files.
    package static func nodeBudget(forBytes count: Int) -> Int { max(1_000_000, count) }

    /// The value of the first YAML document in `text`.
    package static func read(_ text: String) throws(Failure) -> JSONValue {
        var reader = YAMLReader(budget: nodeBudget(forBytes: text.utf8.count), recording: false)
        return try reader.value(of: compose(text))
    }

    /// The value of the first YAML document in `text` and where each of its values starts (see
    /// `locations(_:)`), from one reading.
    package static func readLocated(_ text: String) throws(Failure) -> (
        value: JSONValue, locations: [String: (line: Int, column: Int)]
    ) {
        let node = try compose(text)
        var reader = YAMLReader(budget: nodeBudget(forBytes: text.utf8.count), recording: true)
        reader.record("", node.mark)
        let value = try reader.value(of: node)
        return (value, reader.locations)
    }

    /// Where each value of `text` starts, by JSON pointer string: for an object member the position of its
    /// key, for an array item the item's own. `nil` when the text is not YAML.
    package static func locations(_ text: String) -> [String: (line: Int, column: Int)]? {
        guard let node = try? compose(text) else { return nil }
        var reader = YAMLReader(budget: nodeBudget(forBytes: text.utf8.count), recording: true)
        reader.record("", node.mark)
        _ = try? reader.value(of: node)
        return reader.locations
    }

    private static func compose(_ text: String) throws(Failure) -> Node {
        let node: Node?
        do {
            // `.basic` resolves nothing: scalars are typed below by the core schema, without regular expressions.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw failure(error, in: text)
        } catch {
            throw Failure(message: "not valid YAML: \(error)")
        }
        guard let node else { throw Failure(line: 1, column: 1, message: "the file is empty") }
        return node
    }

    private static func failure(_ error: YamlError, in text: String) -> Failure {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return Failure(line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let message = "duplicate key\(duplicates.count == 1 ? "" : "s") \(names) in one mapping"
            // Yams names where the key is first written; point at the second, which a reader would keep.
            if let first = duplicates.first,
                let second = secondKey(first, after: context.mark.line, column: context.mark.column, in: text)
            {
                return Failure(
                    line: second, column: context.mark.column, message: message,
                    first: (context.mark.line, context.mark.column))
            }
            return Failure(line: context.mark.line, column: context.mark.column, message: message)
        case .reader(let problem, _, _, _):
            return Failure(message: "not valid YAML: \(problem)")
        default:
            return Failure(message: "not valid YAML: \(error)")
        }
    }

    /// The line of the next block-mapping key `key` written at `column` after `line`: the same indentation,
    /// the key plain or quoted, then `:`. Nil in a flow mapping or when another key at that indentation
    /// closes nothing (the search is textual).
    static func secondKey(_ key: String, after line: Int, column: Int, in text: String) -> Int? {
        let lines = text.textLines
        guard line >= 1, line <= lines.count, column >= 1 else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        for index in line..<lines.count {
            let candidate = lines[index]
            let indentation = candidate.prefix(column - 1)
            guard indentation.count == column - 1, indentation.allSatisfy({ $0 == " " }) else { continue }
            let rest = candidate.dropFirst(column - 1)
            for spelling in spellings where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " }).first == ":" { return index + 1 }
            }
        }
        return nil
    }

    private let budget: Int
    private var remaining: Int
    private let recording: Bool
    /// The pointer of each value being read, from the root down (`""`, `/paths`, `/paths/~1agents`), built
    /// one step at a time.
    private var path: [String] = [""]
    private(set) var locations: [String: (line: Int, column: Int)] = [:]

    private init(budget: Int, recording: Bool) {
        self.budget = budget
        self.remaining = budget
        self.recording = recording
    }

    private mutating func record(_ pointer: String, _ mark: Mark?) {
        guard let mark, locations[pointer] == nil else { return }
        locations[pointer] = (mark.line, mark.column)
    }

    private var pointer: String { path[path.count - 1] }

    /// Steps into `token` below the current value.
    private mutating func enter(_ token: String) {
        path.append(path[path.count - 1] + "/" + JSONPointer.escaped(token))
    }

    private mutating func spend(_ node: Node) throws(Failure) {
        remaining -= 1
        guard remaining >= 0 else {
            throw Failure(
                line: node.mark?.line, column: node.mark?.column,
                message: "aliases expand to more than \(budget) values; refusing to expand them")
        }
    }

    private mutating func value(of node: Node) throws(Failure) -> JSONValue {
        try spend(node)
        switch node {
        case .scalar(let scalar):
            return Self.scalarValue(scalar)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for (i, child) in sequence.enumerated() {
                if recording {
                    enter(String(i))
                    record(pointer, child.mark)
                }
                items.append(try value(of: child))
                if recording { path.removeLast() }
            }
            return .array(items)
        case .mapping(let mapping):
            var object = JSONObject()
            var merges: [Node] = []
            for (key, child) in mapping {
                guard case .scalar(let k) = key else {
                    throw Failure(
                        line: key.mark?.line, column: key.mark?.column,
                        message: "a mapping key must be a plain value, not a \(key.isMapping ? "mapping" : "sequence")")
                }
                // Keys' tags are already resolved (to `str`) by Yams's duplicate check: a plain `<<` is a merge.
                if k.string == "<<", k.style == .plain {
                    merges.append(child)
                    continue
                }
                if recording {
                    enter(k.string)
                    record(pointer, k.mark)
                }
                object[k.string] = try value(of: child)
                if recording { path.removeLast() }
            }
            for merge in merges {
                let sources: [Node] = merge.sequence.map(Array.init) ?? [merge]
                for source in sources {
                    guard case .object(let merged) = try value(of: source) else {
                        throw Failure(
                            line: source.mark?.line, column: source.mark?.column,
                            message: "a '<<' merge key takes a mapping or a list of mappings")
                    }
                    for (key, value) in merged.members where object[key] == nil { object[key] = value }
                }
            }
            return .object(object)
        case .alias:
            // Yams replaces aliases by their anchored node while composing; this case only exists for emitting.
            return .null
        }
    }
}

extension Node {
    fileprivate var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}
