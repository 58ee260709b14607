import JSONCore
import OpenAPIDocument

/// The changes between two documents, written for people (text, Markdown) and for CI (JSON, GitHub
/// Actions commands, JUnit, SARIF).
package struct ChangeReport: Sendable {
    package enum Format: String, Sendable, CaseIterable {
        case text, json, markdown, github, junit, sarif
    }

    /// The changes, breaking first, each level in document order.
    package var changes: [APIChange]
    /// How the two sides were named (`git:HEAD~1:openapi.yaml`, `openapi.yaml`).
    package var baseName: String
    package var revisionName: String
    /// The level at which a change fails the run (JUnit failures, SARIF error results follow it).
    package var failOn: ChangeLevel

    package init(changes: [APIChange], baseName: String, revisionName: String, failOn: ChangeLevel = .err) {
        self.changes = changes.enumerated().sorted { a, b in
            a.element.level != b.element.level ? a.element.level > b.element.level : a.offset < b.offset
        }.map(\.element)
        self.baseName = baseName
        self.revisionName = revisionName
        self.failOn = failOn
    }

    package func count(_ level: ChangeLevel) -> Int { changes.filter { $0.level == level }.count }

    /// Whether a change at or above the fail-on level was found.
    package var fails: Bool { changes.contains { $0.level >= failOn } }

    package func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .json: json().prettyJSON() + "\n"
        case .markdown: markdown()
        case .github: github()
        case .junit: junit()
        case .sarif: sarif().prettyJSON() + "\n"
        }
    }

    var summary: String {
        let total = changes.count
        return
            "\(total) change\(total == 1 ? "" : "s"): \(count(.err)) breaking (ERR), \(count(.warn)) warning (WARN), "
            + "\(count(.info)) info (INFO)"
    }

    // MARK: - Text and Markdown

    func text() -> String {
        var out = ""
        for change in changes {
            out += "\(change.level) \(change.id)"
            if let operation = change.operation {
                out += " in \(operation)" + (operation.operationId.map { " (\($0))" } ?? "")
            }
            out += "\n    \(change.text)\n"
            if let base = change.base { out += "    base:     \(base)\n" }
            if let revision = change.revision { out += "    revision: \(revision)\n" }
            out += "    fingerprint: \(change.fingerprint)\n"
        }
        return out + "\(baseName) → \(revisionName): \(summary)\n"
    }

    func markdown() -> String {
        var out = "# API changes\n\n`\(baseName)` → `\(revisionName)`: \(summary).\n"
        let sections: [(ChangeLevel, String)] = [
            (.err, "Breaking changes"), (.warn, "Changes that may break clients"), (.info, "Other changes"),
        ]
        for (level, title) in sections {
            let members = changes.filter { $0.level == level }
            guard !members.isEmpty else { continue }
            out += "\n## \(title)\n\n| Operation | Change | Rule | Where |\n|---|---|---|---|\n"
            for change in members {
                let operation = change.operation.map { "`\($0)`" } ?? "(document)"
                let place =
                    (change.revision ?? change.base).map { "`\($0.location?.description ?? "#" + $0.pointer)`" } ?? ""
                out += "| \(operation) | \(cell(change.text)) | `\(change.id)` | \(place) |\n"
            }
        }
        return out
    }

    private func cell(_ text: String) -> String {
        text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ").replacingAll("<", with: "&lt;")
    }

    // MARK: - JSON

    func json() -> JSONValue {
        [
            "base": .string(baseName), "revision": .string(revisionName),
            "summary": [
                "changes": .number(JSONNumber(changes.count)), "err": .number(JSONNumber(count(.err))),
                "warn": .number(JSONNumber(count(.warn))), "info": .number(JSONNumber(count(.info))),
                "failOn": .string(failOn.description), "fails": .bool(fails),
            ],
            "changes": .array(changes.map(Self.json)),
        ]
    }

    static func json(_ change: APIChange) -> JSONValue {
        var object: JSONObject = [
            "id": .string(change.id), "level": .string(change.level.description), "text": .string(change.text),
        ]
        if let operation = change.operation {
            var op: JSONObject = ["method": .string(operation.method), "path": .string(operation.path)]
            if let id = operation.operationId { op["operationId"] = .string(id) }
            object["operation"] = .object(op)
        }
        if let base = change.base { object["base"] = json(base) }
        if let revision = change.revision { object["revision"] = json(revision) }
        object["fingerprint"] = .string(change.fingerprint)
        return .object(object)
    }

    static func json(_ place: APIChange.Place) -> JSONValue {
        var object: JSONObject = ["pointer": .string(place.pointer)]
        if let location = place.location {
            object["file"] = .string(location.file)
            object["line"] = .number(JSONNumber(location.line))
            object["column"] = .number(JSONNumber(location.column))
        }
        return .object(object)
    }

    // MARK: - CI formats

    /// The place a CI annotation points at: the revision's, or the base's for what was removed.
    private func primary(_ change: APIChange) -> APIChange.Place? {
        if let revision = change.revision, revision.location != nil, !change.id.contains("removed") { return revision }
        return change.base ?? change.revision
    }

    func github() -> String {
        var out = ""
        for change in changes {
            let command = change.level == .err ? "error" : change.level == .warn ? "warning" : "notice"
            var properties: [String] = []
            if let location = primary(change)?.location {
                properties += [
                    "file=\(location.file.githubCommandProperty)", "line=\(location.line)", "col=\(location.column)",
                ]
            }
            properties.append("title=\(change.id.githubCommandProperty)")
            let where_ = change.operation.map { "\($0): " } ?? ""
            out += "::\(command) \(properties.joined(separator: ","))::\((where_ + change.text).githubCommandData)\n"
        }
        return out
    }

    func junit() -> String {
        let failures = changes.filter { $0.level >= failOn }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"specvalidate diff\" tests=\"\(changes.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"\((baseName + " → " + revisionName).xmlEscaped)\" tests=\"\(changes.count)\" "
        out += "failures=\"\(failures)\">\n"
        for change in changes {
            let name = "\(change.operation?.description ?? "document") \(change.id) \(change.fingerprint)"
            out += "    <testcase name=\"\(name.xmlEscaped)\" classname=\"\(change.id.xmlEscaped)\""
            guard change.level >= failOn else {
                out +=
                    ">\n      <system-out>\(("\(change.level) " + change.text).xmlEscaped)</system-out>\n    </testcase>\n"
                continue
            }
            var detail = change.text
            if let base = change.base { detail += "\nbase: \(base)" }
            if let revision = change.revision { detail += "\nrevision: \(revision)" }
            out += ">\n      <failure message=\"\(change.text.xmlEscaped)\" type=\"\(change.level.description)\">"
            out += detail.xmlEscaped + "</failure>\n    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    func sarif() -> JSONValue {
        var ruleIds: [String] = []
        for change in changes where !ruleIds.contains(change.id) { ruleIds.append(change.id) }
        func level(_ level: ChangeLevel) -> JSONValue {
            switch level {
            case .err: "error"
            case .warn: "warning"
            case .info: "note"
            }
        }
        func location(_ place: APIChange.Place, id: Int? = nil, message: String? = nil) -> JSONValue {
            var object: JSONObject = [:]
            if let id { object["id"] = .number(JSONNumber(id)) }
            if let location = place.location {
                object["physicalLocation"] = [
                    "artifactLocation": ["uri": .string(location.file)],
                    "region": [
                        "startLine": .number(JSONNumber(location.line)),
                        "startColumn": .number(JSONNumber(location.column)),
                    ],
                ]
            }
            object["logicalLocations"] = [["fullyQualifiedName": .string(place.pointer), "kind": "member"]]
            if let message { object["message"] = ["text": .string(message)] }
            return .object(object)
        }
        let results: [JSONValue] = changes.map { change in
            var result: JSONObject = [
                "ruleId": .string(change.id),
                "ruleIndex": .number(JSONNumber(ruleIds.firstIndex(of: change.id) ?? 0)),
                "level": level(change.level),
                "message": ["text": .string((change.operation.map { "\($0): " } ?? "") + change.text)],
                "partialFingerprints": ["specvalidateDiff/v1": .string(change.fingerprint)],
            ]
            if let place = primary(change) { result["locations"] = [location(place)] }
            var related: [JSONValue] = []
            if let base = change.base { related.append(location(base, id: 1, message: "in the base document")) }
            if let revision = change.revision {
                related.append(location(revision, id: 2, message: "in the revision"))
            }
            result["relatedLocations"] = .array(related)
            return .object(result)
        }
        let rules: [JSONValue] = ruleIds.map { id in
            [
                "id": .string(id), "shortDescription": ["text": .string(id.replacingAll("-", with: " "))],
                "defaultConfiguration": ["level": level(RuleCatalog.level(of: id) ?? .warn)],
            ]
        }
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "specvalidate diff",
                            "rules": .array(rules),
                        ]
                    ],
                    "results": .array(results),
                ]
            ],
        ]
    }
}
