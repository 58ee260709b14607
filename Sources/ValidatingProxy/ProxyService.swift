import Foundation
import JSONCore
import MockServer
import NIOCore
import OpenAPIDocument

/// What `specvalidate proxy` does with each exchange: route it to an operation, check the request, forward
/// it (or refuse it, with `--errors`), check the answer, and hand it back unaltered with what was found in
/// `sl-violations`; each exchange logged, recorded and counted.
package final class ProxyService: Sendable {
    package struct Options: Sendable {
        /// Refuse invalid requests (422, 401), unknown routes (404) and invalid answers (500) rather than
        /// only report them.
        package var errors = false
        package var cors = true
        package init() {}
    }

    package let checker: ExchangeChecker
    let upstream: Upstream
    let options: Options
    package let summary: TrafficSummary
    let archive: TrafficArchive?
    let log: (@Sendable (String) -> Void)?

    package init(
        checker: ExchangeChecker, upstream: Upstream, options: Options, archive: TrafficArchive?,
        log: (@Sendable (String) -> Void)?
    ) {
        self.checker = checker
        self.upstream = upstream
        self.options = options
        summary = TrafficSummary(contract: checker.contract)
        self.archive = archive
        self.log = log
    }

    /// Headers that belong to one connection, not to the message (RFC 9110 section 7.6.1), and those the
    /// HTTP stacks on either side set for themselves.
    static let hopByHop: [String] = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "host", "content-length",
        // The proxy answers `Expect: 100-continue` itself, having read the body.
        "expect",
    ]

    /// The headers without the hop-by-hop ones and those the `Connection` header names. Names are compared
    /// without case and without making lowercase copies, in one pass (this runs twice per exchange). Room
    /// is made for `spare` more, which the caller adds without the array growing.
    static func forwardable(_ headers: [(name: String, value: String)], spare: Int = 0)
        -> [(name: String, value: String)]
    {
        var kept: [(name: String, value: String)] = []
        kept.reserveCapacity(headers.count + spare)
        var named: [String] = []
        for header in headers {
            guard hopByHop.contains(where: { header.name.caseInsensitiveEquals($0) }) else {
                kept.append(header)
                continue
            }
            if header.name.caseInsensitiveEquals("connection") {
                named += header.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        guard !named.isEmpty else { return kept }
        return kept.filter { header in !named.contains { header.name.caseInsensitiveEquals($0) } }
    }

    /// One exchange, on the event loop of the client's connection. `target` is the request target as sent
    /// (path and query, never re-encoded). `done` is called once with the answer, on `eventLoop` (at once
    /// when the request is not forwarded): what goes wrong is an answer too.
    package func handle(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8],
        on eventLoop: any EventLoop, done: @escaping (APIResponse) -> Void
    ) {
        let started = Date()
        let clock = ContinuousClock.now
        let request = APIRequest(method: method, target: target, headers: headers, body: body)
        if options.cors, let preflight = CORS.preflight(request) {
            finish(request, preflight, operation: nil, violations: [], started: started, clock: clock, recorded: false)
            done(preflight)
            return
        }
        var violations: [ProxyViolation] = []
        var operation: MockOperation?
        switch checker.route(method: request.method, path: request.path) {
        case .operation(let found, let pathValues):
            operation = found
            violations = checker.check(request: request, operation: found, pathValues: pathValues)
            if options.errors, violations.contains(where: { $0.severity == .error }) {
                let missing = violations.contains { $0.code == "missing-credentials" }
                let answer = Self.problem(
                    status: missing ? 401 : 422, type: missing ? "missing-credentials" : "invalid-request",
                    title: missing ? "Credentials are missing" : "Invalid request",
                    detail: missing
                        ? "\(found.id) needs credentials; the request was not forwarded."
                        : "The request does not match \(found.id) in the document; it was not forwarded.",
                    violations: violations)
                done(finish(request, answer, operation: found, violations: violations, started: started, clock: clock))
                return
            }
        case .methodNotAllowed(let allowed):
            violations.append(
                ProxyViolation(
                    location: ["request", "method"], code: "method-not-allowed",
                    message: "the document has no \(request.method) operation on \(request.path) (it has \(allowed.joined(separator: ", ")))",
                    pointer: "/paths"))
        case .notFound:
            violations.append(
                ProxyViolation(
                    location: ["request", "path"], code: "no-route",
                    message: "no operation in the document takes \(request.method) \(request.path)", pointer: "/paths"))
        }
        if operation == nil, options.errors {
            let answer = Self.problem(
                status: 404, type: "no-route", title: "Not in the document",
                detail: "No operation in the document takes \(request.method) \(request.path); the request was not forwarded.",
                violations: violations)
            done(finish(request, answer, operation: nil, violations: violations, started: started, clock: clock))
            return
        }
        // What the request's checks found, fixed before the answer's callbacks read it.
        let (routed, found) = (operation, violations)
        upstream.send(
            method: request.method, target: target, headers: Self.forwardable(headers), body: body, on: eventLoop
        ) { result in
            switch result {
            case .success(let response):
                done(self.answer(request, response, operation: routed, violations: found, started: started, clock: clock))
            case .failure(let failure):
                done(
                    self.answer(
                        request, failure: failure, operation: routed, violations: found, started: started, clock: clock))
            }
        }
    }

    /// The answer when the upstream gave none: 502 or 504.
    private func answer(
        _ request: APIRequest, failure: Upstream.Failure, operation: MockOperation?, violations: [ProxyViolation],
        started: Date, clock: ContinuousClock.Instant
    ) -> APIResponse {
        let answer: APIResponse
        switch failure {
        case .timeout(let seconds):
            answer = Self.problem(
                status: 504, type: "upstream-timeout", title: "The upstream did not answer in time",
                detail: "No whole answer from \(upstream.origin) within \(seconds) s.", violations: violations)
        case .tooLarge(let limit):
            answer = Self.problem(
                status: 502, type: "upstream-too-large", title: "The upstream's answer is too large",
                detail: "The answer from \(upstream.origin) is larger than --max-body (\(limit) bytes).",
                violations: violations)
        case .unreachable(let why):
            answer = Self.problem(
                status: 502, type: "upstream-unreachable", title: "The upstream cannot be reached",
                detail: "\(upstream.origin): \(why)", violations: violations)
        }
        return finish(request, answer, operation: operation, violations: violations, started: started, clock: clock)
    }

    /// The upstream's answer checked, passed on (or, with `--errors`, replaced by a 500 when invalid).
    private func answer(
        _ request: APIRequest, _ response: APIResponse, operation: MockOperation?, violations: [ProxyViolation],
        started: Date, clock: ContinuousClock.Instant
    ) -> APIResponse {
        var violations = violations
        if let operation {
            // A HEAD answer (routed to the GET operation) has no body to check.
            violations += checker.check(response: response, operation: operation)
                .filter { request.method != "HEAD" || $0.code != "response-body" }
        }
        if let operation, options.errors, violations.contains(where: { !$0.isRequest && $0.severity == .error }) {
            let answer = Self.problem(
                status: 500, type: "invalid-response", title: "Invalid response",
                detail: "The upstream's answer (status \(response.status)) does not match \(operation.id) in the document.",
                violations: violations)
            return finish(request, answer, operation: operation, violations: violations, started: started, clock: clock)
        }
        // Room for what is added below and in `finish`: a HEAD answer's length, `Deprecation`,
        // `sl-violations` and four CORS headers.
        var answer = APIResponse(
            status: response.status, headers: Self.forwardable(response.headers, spare: 7), body: response.body)
        // A HEAD answer has no body but says how long the GET's would be.
        if request.method == "HEAD", let length = response.header("Content-Length") {
            answer.headers.append(("Content-Length", length))
        }
        if operation?.value["deprecated"] == .bool(true) { answer.headers.append(("Deprecation", "true")) }
        return finish(
            request, consume answer, operation: operation, violations: violations, started: started, clock: clock,
            upstreamResponse: response)
    }

    /// The answer to a request whose body is larger than `limit` (413, not forwarded), logged and counted.
    package func refuseTooLarge(
        method: String, target: String, headers: [(name: String, value: String)], limit: Int
    ) -> APIResponse {
        let request = APIRequest(method: method, target: target, headers: headers)
        var operation: MockOperation?
        if case .operation(let found, _) = checker.route(method: request.method, path: request.path) { operation = found }
        let answer = Self.problem(
            status: 413, type: "request-too-large", title: "Request body too large",
            detail: "The request body is larger than --max-body (\(limit) bytes); it was not forwarded.", violations: [])
        return finish(request, answer, operation: operation, violations: [], started: Date(), clock: .now)
    }

    /// Adds `sl-violations` and CORS headers, logs, records and counts the exchange.
    @discardableResult
    private func finish(
        _ request: APIRequest, _ answer: consuming APIResponse, operation: MockOperation?, violations: [ProxyViolation],
        started: Date, clock: ContinuousClock.Instant, recorded: Bool = true, upstreamResponse: APIResponse? = nil
    ) -> APIResponse {
        // An answer the proxy made itself says why in the log too.
        let note = upstreamResponse == nil && answer.header("Content-Type") == "application/problem+json"
            ? answer.jsonBody?["detail"]?.stringValue : nil
        if let header = ProxyViolation.header(violations) { answer.headers.append(("sl-violations", header)) }
        if options.cors, request.method != "OPTIONS" || CORS.preflight(request) == nil {
            // The proxy's CORS answer replaces the upstream's (a mock behind it sends its own).
            answer.headers.removeAll { $0.name.caseInsensitiveHasPrefix("access-control-") }
            CORS.add(to: &answer, for: request)
        }
        let elapsed = ContinuousClock.now - clock
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        if let log {
            var line = "\(request.method) \(request.path) \(answer.status)"
                + (operation.map { " \($0.id)" } ?? "") + String(format: " %.3f ms", milliseconds)
            if let note { line += ": \(note)" }
            if !violations.isEmpty { line += ", \(violations.count) violation\(violations.count == 1 ? "" : "s")" }
            for violation in violations { line += "\n  " + violation.logText }
            log(line)
        }
        guard recorded else { return answer }
        summary.record(
            operation: operation?.id, method: request.method, path: operation?.template.template ?? request.path,
            status: answer.status, violations: violations)
        archive?.record(
            started: started, milliseconds: milliseconds, request: request,
            url: upstream.origin + upstream.basePath + request.path + Self.query(of: request), response: upstreamResponse ?? copy answer)
        return answer
    }

    private static func query(of request: APIRequest) -> String {
        let encoded = request.query.map { "\($0.name.percentEncoded)=\($0.value.percentEncoded)" }
        return encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&")
    }

    /// An RFC 9457 problem, `application/problem+json`, with the violations found (as Prism's `validation`).
    static func problem(status: Int, type: String, title: String, detail: String, violations: [ProxyViolation])
        -> APIResponse
    {
        var body: JSONObject = [
            "type": .string("urn:specvalidate:proxy:\(type)"), "title": .string(title), "status": .number(JSONNumber(status)),
            "detail": .string(detail),
        ]
        if !violations.isEmpty { body["validation"] = .array(violations.map(\.jsonValue)) }
        return .json(status, .object(body), contentType: "application/problem+json")
    }
}
