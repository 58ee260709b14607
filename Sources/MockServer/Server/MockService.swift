import OpenAPIDocument
import JSONCore

/// One API the mock serves: its document, how it writes errors, and what each operation does.
package protocol MockAPI: Sendable {
    var contract: MockContract { get }
    var errorStyle: ErrorStyle { get }
    /// The `realm` of `WWW-Authenticate`, e.g. `agentscode`.
    var realm: String { get }
    /// What a 401 without credentials says, e.g. "Send your API key as 'Authorization: Bearer YOUR_API_KEY'."
    var missingCredentialsMessage: String { get }
    /// Answers a request that passed routing, authentication, rate limiting and the document's checks.
    func handle(_ call: MockCall) throws(MockProblem) -> APIResponse
    /// The error body for a refused request; `operation` is the one the request was routed to, if any.
    func errorResponse(for problem: MockProblem, operation: MockOperation?) -> APIResponse
}

extension MockAPI {
    /// In the API's own style, whatever the operation.
    package func errorResponse(for problem: MockProblem, operation: MockOperation?) -> APIResponse {
        errorStyle.response(for: problem)
    }
}

/// A request on its way to an operation's handler, with everything the checks found out.
package struct MockCall: Sendable {
    package let operation: MockOperation
    package let request: APIRequest
    package let checked: CheckedRequest
    /// The API key the request authenticated with, or nil when the operation needs none.
    package let account: String?
    /// Seconds since 1970 when the request arrived.
    package let now: Double
}

/// The whole mock as a function from request to response: APIs mounted under path prefixes, then for
/// each request: route, authenticate, rate-limit, check against the document, and hand it to the API.
/// Every refusal is an error body in the API's own style.
package struct MockService: Sendable {
    package struct Mount: Sendable {
        /// `/v1`, `/api/v1`, or `` for the root.
        package let prefix: String
        package let api: any MockAPI

        package init(prefix: String, api: any MockAPI) {
            self.prefix = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
            self.api = api
        }
    }

    package let mounts: [Mount]
    /// The API keys that authenticate, or nil to accept any non-empty credential (the generic mock).
    package let keys: Set<String>?
    let rateLimiter: RateLimiter?
    let clock: MockClock

    package init(mounts: [Mount], keys: Set<String>?, rateLimit: RateLimit?, clock: MockClock) {
        self.mounts = mounts.sorted { $0.prefix.count > $1.prefix.count }
        self.keys = keys
        rateLimiter = rateLimit.map(RateLimiter.init)
        self.clock = clock
    }

    package func respond(to request: APIRequest) -> APIResponse {
        guard let mount = mount(for: request.path) else {
            let style = mounts.count == 1 ? mounts[0].api.errorStyle : .problemDetails
            let known = mounts.map { $0.prefix.isEmpty ? "/" : $0.prefix + "/" }.joined(separator: ", ")
            return style.response(
                for: .notFound("No route \(request.method) \(request.path): the APIs here are under \(known)."))
        }
        let api = mount.api
        var response: APIResponse
        do {
            response = try respond(to: request, api: api, path: String(request.path.dropFirst(mount.prefix.count)))
        } catch {
            response = api.errorStyle.response(for: error)
        }
        if request.method == "HEAD" {
            // The GET answer's headers, its length included (RFC 9110 section 8.6: a HEAD answer's
            // Content-Length, when sent, is the GET's), without its body.
            response.headers.append(("Content-Length", String(response.body.count)))
            response.body = []
        }
        return response
    }

    func mount(for path: String) -> Mount? {
        mounts.first { mount in
            mount.prefix.isEmpty || path == mount.prefix
                || (path.hasPrefix(mount.prefix)
                    && path.utf8.dropFirst(mount.prefix.utf8.count).first == UInt8(ascii: "/"))
        }
    }

    /// The operation `request` is for, with its path parameters; a 404 or 405 problem otherwise.
    private func route(_ request: APIRequest, api: any MockAPI, path: String) throws(MockProblem) -> (
        MockOperation, [String: String]
    ) {
        switch api.contract.match(method: request.method, path: path.isEmpty ? "/" : path) {
        case .route(let found, let values): return (found, values)
        case .methodNotAllowed(let allowed):
            throw MockProblem(
                status: 405, code: "method_not_allowed",
                message:
                    "\(request.method) is not allowed on \(request.path); use \(allowed.joined(separator: " or ")).",
                headers: [.init(name: "Allow", value: allowed.joined(separator: ", "))])
        case .notFound:
            throw MockProblem.notFound("No route \(request.method) \(request.path).")
        }
    }

    /// What is known before a request's body is read: the answer it gets whatever its body says (no route,
    /// a method its path does not have, missing or wrong credentials), or nil with the most body bytes its
    /// operation reads (10 MiB and framing for uploads, 1 MiB for JSON, 64 KiB where none is documented).
    /// A body is never buffered for a request that would be refused anyway.
    package func screen(_ request: APIRequest) -> (refusal: APIResponse?, bodyLimit: Int) {
        guard let mount = mount(for: request.path) else { return (respond(to: request), 0) }
        let api = mount.api
        let operation: MockOperation
        do {
            (operation, _) = try route(request, api: api, path: String(request.path.dropFirst(mount.prefix.count)))
        } catch {
            return (api.errorStyle.response(for: error), 0)
        }
        do {
            _ = try authenticate(request, operation: operation, api: api)
        } catch {
            return (api.errorResponse(for: error, operation: operation), 0)
        }
        guard let body = operation.body else { return (nil, 64 << 10) }
        let jsonOnly = body.media.allSatisfy { MediaType.bare($0.type).hasSuffix("json") }
        return (nil, jsonOnly ? MockOperation.maxJSONBody + (64 << 10) : MockHTTPServer.maxBody)
    }

    private func respond(to request: APIRequest, api: any MockAPI, path: String) throws(MockProblem) -> APIResponse {
        let (operation, pathValues) = try route(request, api: api, path: path)
        do throws(MockProblem) {
            let now = clock.now()
            let account = try authenticate(request, operation: operation, api: api)
            if let rateLimiter, let wait = rateLimiter.take(account ?? "", now: now) {
                throw MockProblem(
                    status: 429, code: "rate_limited",
                    message:
                        "Rate limit exceeded (\(rateLimiter.limit)): retry in \(wait) second\(wait == 1 ? "" : "s").",
                    headers: [.init(name: "Retry-After", value: String(wait))])
            }
            let checked = try operation.check(request, pathValues: pathValues)
            return try api.handle(
                MockCall(operation: operation, request: request, checked: checked, account: account, now: now))
        } catch {
            // Routed: the operation may document what this refusal looks like.
            return api.errorResponse(for: error, operation: operation)
        }
    }

    /// The API key the request carries, checked against the operation's security requirement.
    private func authenticate(_ request: APIRequest, operation: MockOperation, api: any MockAPI)
        throws(MockProblem) -> String?
    {
        guard !operation.security.isEmpty else { return nil }
        var sawCredential = false
        for alternative in operation.security {
            let values = alternative.map { MockOperation.credential(for: $0, in: request) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { continue }
            sawCredential = true
            let token = values.compactMap { $0 }.joined(separator: " ")
            if keys == nil || keys?.contains(token) == true { return token }
        }
        let challenge = "Bearer realm=\"\(api.realm)\"" + (sawCredential ? ", error=\"invalid_token\"" : "")
        throw MockProblem(
            status: 401, code: "unauthorized",
            message: sawCredential
                ? "The API key is not valid: check it, or create a new one." : api.missingCredentialsMessage,
            headers: [.init(name: "WWW-Authenticate", value: challenge)])
    }
}
