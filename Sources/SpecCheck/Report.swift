import OpenAPIDocument
import JSONCore

/// The outcome of a check run, as test cases with findings, written in the formats CI systems read.
package struct Report: Sendable {
    package struct Case: Sendable {
        /// What was checked: an operation and check, an instance number, a HAR entry.
        package var name: String
        /// The group it belongs to (JUnit classname), e.g. the file checked.
        package var group: String
        package var findings: [Diagnostic]

        package init(name: String, group: String, findings: [Diagnostic]) {
            self.name = name
            self.group = group
            self.findings = findings
        }

        package var passed: Bool { !findings.contains { $0.severity == .error } }
    }

    package enum Format: String, Sendable, CaseIterable {
        case text, json, junit, github, sarif
    }

    package var tool: String
    package var cases: [Case]

    package init(tool: String, cases: [Case]) {
        self.tool = tool
        self.cases = cases
    }

    package var failures: Int { cases.filter { !$0.passed }.count }
    package var errorCount: Int { cases.reduce(0) { $0 + $1.findings.filter { $0.severity == .error }.count } }
    package var warningCount: Int { cases.reduce(0) { $0 + $1.findings.filter { $0.severity == .warning }.count } }

    package func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .json: json().prettyJSON()
        case .junit: junit()
        case .github: github()
        case .sarif: sarif().prettyJSON()
        }
    }

    func text() -> String {
        var out = ""
        for c in cases {
            for f in c.findings { out += "\(c.group): \(c.name): \(f)\n" }
        }
        out += "\(cases.count) checked, \(failures) failed (\(errorCount) errors, \(warningCount) warnings)\n"
        return out
    }

    func json() -> JSONValue {
        [
            "valid": .bool(failures == 0),
            "summary": [
                "checked": .number(JSONNumber(cases.count)), "failed": .number(JSONNumber(failures)),
                "errors": .number(JSONNumber(errorCount)), "warnings": .number(JSONNumber(warningCount)),
            ],
            "cases": .array(
                cases.map { c in
                    [
                        "name": .string(c.name), "group": .string(c.group), "passed": .bool(c.passed),
                        "findings": .array(c.findings.map(\.jsonValue)),
                    ]
                }),
        ]
    }

    func junit() -> String {
        var groups: [String] = []
        for c in cases where !groups.contains(c.group) { groups.append(c.group) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(xml(tool))\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        for group in groups {
            let members = cases.filter { $0.group == group }
            let failed = members.filter { !$0.passed }.count
            out += "  <testsuite name=\"\(xml(group))\" tests=\"\(members.count)\" failures=\"\(failed)\">\n"
            for c in members {
                out += "    <testcase name=\"\(xml(c.name))\" classname=\"\(xml(group))\""
                let errors = c.findings.filter { $0.severity == .error }
                if errors.isEmpty {
                    out += "/>\n"
                    continue
                }
                out += ">\n"
                let first = errors[0]
                out += "      <failure message=\"\(xml(first.description))\" type=\"\(xml(first.rule))\">"
                out += xml(errors.map(\.description).joined(separator: "\n"))
                out += "</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    func github() -> String {
        var out = ""
        for c in cases {
            for f in c.findings {
                let level = f.severity == .error ? "error" : "warning"
                var place = "file=\(property(f.file ?? c.group))"
                if let line = f.line { place += ",line=\(line),col=\(f.column ?? 1)" }
                out += "::\(level) \(place),title=\(property(f.rule))::\(data("\(c.name): \(f)"))\n"
            }
        }
        return out
    }

    func sarif() -> JSONValue {
        var rules: [String] = []
        for c in cases { for f in c.findings where !rules.contains(f.rule) { rules.append(f.rule) } }
        let results: [JSONValue] = cases.flatMap { c in
            c.findings.map { f -> JSONValue in
                var location: JSONObject = ["artifactLocation": ["uri": .string(f.file ?? c.group)]]
                if let line = f.line {
                    location["region"] = [
                        "startLine": .number(JSONNumber(line)), "startColumn": .number(JSONNumber(f.column ?? 1)),
                    ]
                }
                var place: JSONObject = ["physicalLocation": .object(location)]
                if let pointer = f.pointer {
                    place["logicalLocations"] = [["fullyQualifiedName": .string(pointer), "kind": "member"]]
                }
                return [
                    "ruleId": .string(f.rule),
                    "level": .string(f.severity == .error ? "error" : "warning"),
                    "message": ["text": .string("\(c.name): \(f.message)")],
                    "locations": [.object(place)],
                ]
            }
        }
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": ["driver": ["name": .string(tool), "rules": .array(rules.map { ["id": .string($0)] })]],
                    "results": .array(results),
                ]
            ],
        ]
    }

    private func xml(_ s: String) -> String { s.xmlEscaped }

    private func data(_ s: String) -> String { s.githubCommandData }

    private func property(_ s: String) -> String { s.githubCommandProperty }
}

extension Diagnostic {
    package var jsonValue: JSONValue {
        var object: JSONObject = JSONObject([
            ("severity", .string(severity.rawValue)), ("rule", .string(rule)), ("pointer", .string(pointer ?? "")),
            ("message", .string(message)),
        ])
        if let keywordLocation { object["keywordLocation"] = .string(keywordLocation) }
        if let file {
            object["file"] = .string(file)
            if let line {
                object["line"] = .number(JSONNumber(line))
                object["column"] = .number(JSONNumber(column ?? 1))
            }
        }
        return .object(object)
    }
}
