import Foundation
import JSONCore
import JSONSchema
import OpenAPIDocument
import SpecCheck

/// `specvalidate run`: every operation of a document against a live server. Positive checks send what the
/// examples describe and follow the document's links the way a client would (poll a job while
/// `x-repeat-while` holds, walk every page of a list); negative checks leave out or spoil the
/// credentials, ask for what does not exist and send bodies that break the schema. Every answer is checked
/// against the document: status documented, content type, body schema, required headers.
package final class ConformanceRunner {
    package struct Options: Sendable {
        package var baseURL: String
        package var token: String?
        /// How long a polled link may take to reach its final value.
        package var timeout: Duration = .seconds(30)
        package var pollInterval: Duration = .seconds(1)
        /// Only these operations (all when empty).
        package var only: Set<String> = []
        /// Run the negative checks (credentials left out or spoiled, ids that name nothing, bodies that break
        /// the schema) after the positive ones.
        package var negative = true
        /// Sent with every request (`Prefer: dynamic=true` to a mock, a tenant header to a gateway).
        package var headers: [(name: String, value: String)] = []

        package init(baseURL: String, token: String?) {
            self.baseURL = baseURL
            self.token = token
        }
    }

    /// How many times each creating operation (a POST that no link leads to) is sent.
    static let creations = 3

    /// One request and its answer, as a value the checks and the links read.
    struct Exchange {
        let plan: RequestPlan
        let request: APIRequest
        let response: APIResponse
        /// The body parsed once: links, polls and page walks read it several times.
        let json: JSONValue?

        init(plan: RequestPlan, request: APIRequest, response: APIResponse) {
            self.plan = plan
            self.request = request
            self.response = response
            json = try? JSONParser().parse(response.body)
        }
    }

    let document: JSONValue
    /// The document's operations, in document order.
    let allOperations: [APIOperation]
    let contract: OpenAPIContract
    let options: Options
    let transport: any HTTPTransport
    let planner: RequestPlanner
    let writer: RequestWriter
    let group: String
    private(set) var cases: [Report.Case] = []
    package private(set) var requestCount = 0
    private var progress: (String) -> Void = { _ in }

    package init(document: JSONValue, options: Options, transport: any HTTPTransport) throws {
        self.document = document
        allOperations = APIOperation.all(in: document)
        contract = try OpenAPIContract(document: document)
        self.options = options
        self.transport = transport
        planner = RequestPlanner(document: document)
        writer = RequestWriter(
            baseURL: options.baseURL, document: document, token: options.token, extraHeaders: options.headers)
        group = document["info"]?["title"]?.stringValue ?? "API"
    }

    /// Runs every check; `progress` hears about each one as it finishes.
    package func run(progress: @escaping (String) -> Void = { _ in }) async -> Report {
        self.progress = progress
        cases = []
        let operations = allOperations.filter {
            options.only.isEmpty || options.only.contains($0.id)
        }
        let targets = linkTargets()
        // Creations first, so that lists have something to page through; then the rest in document order.
        let entryPoints = operations.filter { !targets.contains($0.id) }
        let ordered = entryPoints.filter { $0.method != "get" } + entryPoints.filter { $0.method == "get" }
        var reached: [String: RequestPlan] = [:]
        for operation in ordered {
            let plan = planner.plan(for: operation)
            guard let exchange = await check(operation, "positive", plan: plan, expect: .success) else { continue }
            reached[operation.id] = plan
            for (name, link) in links(of: exchange) {
                if let target = await follow(link, named: name, from: exchange) {
                    reached[target.operation.id] = target
                }
            }
            if let walk = await walkPages(from: exchange) { reached[operation.id] = reached[operation.id] ?? walk }
            // Creations run a few more times, so that the lists have more than one page to walk.
            if operation.method != "get" {
                for round in 2...Self.creations {
                    await check(operation, "positive (\(round) of \(Self.creations))", plan: plan, expect: .success)
                }
            }
        }
        for operation in operations where reached[operation.id] == nil && targets.contains(operation.id) {
            // A link target no link reached (its source failed or was left out): try it from its examples.
            let plan = planner.plan(for: operation)
            if await check(operation, "positive", plan: plan, expect: .success) != nil { reached[operation.id] = plan }
        }
        for operation in operations where options.negative {
            await negativeChecks(operation, plan: reached[operation.id] ?? planner.plan(for: operation))
        }
        return Report(tool: "specvalidate run", cases: cases)
    }

    // MARK: - Sending and checking

    enum Expectation {
        case success
        case status([Int], String)
    }

    /// Sends `plan`, checks the answer against the document and the expectation, records a case.
    /// Returns the exchange when the answer met the expectation.
    @discardableResult
    func check(
        _ operation: APIOperation, _ name: String, plan: RequestPlan, expect: Expectation,
        extra: [Diagnostic] = []
    ) async -> Exchange? {
        let caseName = "\(operation.id) \(name)"
        guard let exchange = await send(plan) else {
            record(caseName, [transportFinding(plan)])
            return nil
        }
        var findings = plan.notes + conformance(exchange) + extra
        let status = exchange.response.status
        var met = true
        switch expect {
        case .success:
            // An operation that documents no success (`/status/301` answers only 301) succeeds with what
            // it documents.
            let documented = Self.documentedStatuses(of: operation, in: document)
            let noSuccess = !documented.isEmpty && !documented.contains { $0.hasPrefix("2") || $0 == "DEFAULT" }
            if noSuccess, documented.contains(String(status)) || documented.contains("\(status / 100)XX") {
                break
            }
            if !(200...299).contains(status) {
                met = false
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "expected-success", pointer: operation.pointer.description,
                        message:
                            "\(exchange.request.method) \(exchange.request.url) answered \(status), not a 2xx: \(snippet(exchange.response.body))"
                    ))
            }
        case .status(let codes, let why):
            if !codes.contains(status) {
                met = false
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "expected-status", pointer: operation.pointer.description,
                        message:
                            "\(why): expected \(codes.map(String.init).joined(separator: " or ")), got \(status): \(snippet(exchange.response.body))"
                    ))
            }
        }
        record(caseName, findings)
        return met && !findings.contains { $0.severity == .error } ? exchange : nil
    }

    /// The keys of an operation's `responses` (`200`, `4XX`, `default`), `2XX` written upper-case.
    static func documentedStatuses(of operation: APIOperation, in document: JSONValue) -> [String] {
        let responses = LocalReference.resolve(operation.value["responses"] ?? [:], at: JSONPointer(), in: document)
        return responses.value.objectValue?.keys.map { $0.uppercased() } ?? []
    }

    func send(_ plan: RequestPlan) async -> Exchange? {
        let request = writer.request(for: plan)
        requestCount += 1
        lastError = nil
        do {
            let response = try await transport.send(request)
            return Exchange(plan: plan, request: request, response: response)
        } catch {
            lastError = "\(error)"
            return nil
        }
    }

    private var lastError: String?

    func transportFinding(_ plan: RequestPlan) -> Diagnostic {
        let request = writer.request(for: plan)
        return Diagnostic(
            severity: .error, rule: "transport", pointer: plan.operation.pointer.description,
            message: "\(request.method) \(request.url) failed: \(lastError ?? "no answer")")
    }

    /// Status documented, content type, body schema, required headers; body findings say which status.
    func conformance(_ exchange: Exchange) -> [Diagnostic] {
        guard let operation = contract.operation(id: exchange.plan.operation.id) else { return [] }
        return contract.check(response: exchange.response, of: operation).map { finding in
            var finding = finding
            if !finding.message.contains("status \(exchange.response.status)") {
                finding.message = "status \(exchange.response.status): \(finding.message)"
            }
            return finding
        }
    }

    func record(_ name: String, _ findings: [Diagnostic]) {
        cases.append(Report.Case(name: name, group: group, findings: findings))
        let failed = findings.contains { $0.severity == .error }
        progress("\(failed ? "FAIL" : "ok  ") \(name)")
    }

    func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return text.isEmpty ? "(empty body)" : text + (body.count > 200 ? "…" : "")
    }

    func operation(id: String) -> APIOperation? {
        allOperations.first { $0.id == id }
    }
}
