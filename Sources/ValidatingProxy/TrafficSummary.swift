import Foundation
import JSONCore
import MockServer
import OpenAPIDocument
import SpecCheck

/// What went through the proxy, for the report printed when it stops: each operation's exchanges and the
/// statuses seen, the document's operations never exercised, routes the document does not have, and every
/// violation by rule.
package final class TrafficSummary: @unchecked Sendable {
    package struct Operation: Sendable {
        package let id: String
        package let method: String
        package let path: String
        package var exchanges = 0
        package var statuses: [Int: Int] = [:]
        /// Each distinct violation, with how often it was seen.
        package var violations: [(violation: ProxyViolation, count: Int)] = []
    }

    private let lock = NSLock()
    /// In document order.
    private var operations: [Operation]
    private var index: [String: Int] = [:]
    /// `METHOD /path` of requests no operation takes, in order of first sight, with counts.
    private var undocumented: [(route: String, count: Int)] = []

    package init(contract: MockContract) {
        operations = contract.operations.map { Operation(id: $0.id, method: $0.method, path: $0.template.template) }
        for (position, operation) in operations.enumerated() { index[operation.id] = position }
    }

    package func record(operation: String?, method: String, path: String, status: Int, violations found: [ProxyViolation]) {
        lock.withLock {
            guard let operation, let position = index[operation] else {
                let route = "\(method) \(path)"
                if let at = undocumented.firstIndex(where: { $0.route == route }) {
                    undocumented[at].count += 1
                } else {
                    undocumented.append((route, 1))
                }
                return
            }
            operations[position].exchanges += 1
            operations[position].statuses[status, default: 0] += 1
            for violation in found {
                if let at = operations[position].violations.firstIndex(where: { $0.violation == violation }) {
                    operations[position].violations[at].count += 1
                } else {
                    operations[position].violations.append((violation, 1))
                }
            }
        }
    }

    /// A consistent copy: (exercised, not exercised, undocumented routes, violations by rule).
    private func snapshot() -> (exercised: [Operation], missing: [Operation], undocumented: [(route: String, count: Int)], rules: [(String, Int)]) {
        lock.withLock {
            var rules: [String: Int] = [:]
            for operation in operations {
                for (violation, count) in operation.violations { rules[violation.code, default: 0] += count }
            }
            return (
                operations.filter { $0.exchanges > 0 }, operations.filter { $0.exchanges == 0 }, undocumented,
                rules.keys.sorted().map { ($0, rules[$0]!) }
            )
        }
    }

    private static func statuses(_ operation: Operation) -> String {
        operation.statuses.keys.sorted().map { "\($0) ×\(operation.statuses[$0]!)" }.joined(separator: ", ")
    }

    /// The summary as JSON: `operations` (each with `exchanges`, `statuses`, `violations`), `notExercised`,
    /// `undocumented` and `violationsByRule`.
    package var jsonValue: JSONValue {
        let (exercised, missing, routes, rules) = snapshot()
        func number(_ n: Int) -> JSONValue { .number(JSONNumber(n)) }
        var byRule = JSONObject()
        for (rule, count) in rules { byRule[rule] = number(count) }
        return [
            "operations": .array(
                exercised.map { operation in
                    var statuses = JSONObject()
                    for status in operation.statuses.keys.sorted() { statuses[String(status)] = number(operation.statuses[status]!) }
                    return [
                        "operationId": .string(operation.id), "method": .string(operation.method),
                        "path": .string(operation.path), "exchanges": number(operation.exchanges),
                        "statuses": .object(statuses),
                        "violations": .array(
                            operation.violations.map { violation, count in
                                guard case .object(var object) = violation.jsonValue else { return .null }
                                object["count"] = number(count)
                                return .object(object)
                            }),
                    ]
                }),
            "notExercised": .array(
                missing.map { ["operationId": .string($0.id), "method": .string($0.method), "path": .string($0.path)] }),
            "undocumented": .array(routes.map { ["route": .string($0.route), "count": number($0.count)] }),
            "violationsByRule": .object(byRule),
        ]
    }

    /// For standard error when the proxy stops.
    package var text: String {
        let (exercised, missing, routes, rules) = snapshot()
        var out = "specvalidate proxy: traffic report\n"
        out += "  operations exercised: \(exercised.count) of \(exercised.count + missing.count)\n"
        for operation in exercised {
            out += "    \(operation.id) \(operation.method) \(operation.path): \(Self.statuses(operation))\n"
            for (violation, count) in operation.violations { out += "      \(violation.logText) ×\(count)\n" }
        }
        if !missing.isEmpty { out += "  not exercised: \(missing.map(\.id).joined(separator: ", "))\n" }
        for (route, count) in routes { out += "  undocumented route: \(route) ×\(count)\n" }
        out += "  violations by rule: "
            + (rules.isEmpty ? "none" : rules.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ")) + "\n"
        return out
    }

    /// As a check report (JUnit, SARIF, text): one case per operation exercised, its violations as findings;
    /// undocumented routes as warnings.
    package func report(group: String) -> Report {
        let (exercised, _, routes, _) = snapshot()
        var cases = exercised.map { operation in
            Report.Case(
                name: "\(operation.id) \(operation.method) \(operation.path) (\(Self.statuses(operation)))", group: group,
                findings: operation.violations.map { violation, count in
                    Diagnostic(
                        severity: violation.severity == .error ? .error : .warning, rule: violation.code,
                        pointer: violation.pointer ?? "",
                        message: "\(violation.location.joined(separator: ".")): \(violation.message) (×\(count))")
                })
        }
        if !routes.isEmpty {
            cases.append(
                Report.Case(
                    name: "undocumented routes", group: group,
                    findings: routes.map { route, count in
                        Diagnostic(
                            severity: .warning, rule: "undocumented-route", pointer: "/paths",
                            message: "\(route) (×\(count)) is not in the document")
                    }))
        }
        return Report(tool: "specvalidate proxy", cases: cases)
    }
}
