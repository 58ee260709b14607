import OpenAPIDocument
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The mock on a real socket: Hummingbird's HTTP/1.1 server in front of a `MockService`.
package enum MockHTTPServer {
    /// The largest request body read at all: a 10 MiB file plus room for the multipart framing. Each
    /// operation then applies its own, smaller limit (1 MiB for JSON).
    package static let maxBody = 10 << 20 + 64 << 10
    /// The longest request target and header section read: 16 MiB, so that a long path parameter
    /// (Schemathesis sends up to a million characters, percent-encoded to several MB) reaches the document's
    /// checks and gets the documented answer, rather than NIO's bare `400` with no body (at its default
    /// 80 KB). Past it, that bare `400` and the connection closed.
    package static let maxHead = 16 << 20

    /// The server, for `runService()` or HummingbirdTesting. `log` gets one line per request.
    package static func application(
        service: MockService, host: String = "127.0.0.1", port: Int = 4010, idleTimeout: Duration = .seconds(30),
        bodyBudget: BodyBudget = BodyBudget(), cors: Bool = true, log: (@Sendable (String) -> Void)? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let started = ContinuousClock.now
            let answer = await respond(to: request, service: service, budget: bodyBudget, cors: cors)
            if let log {
                let elapsed = ContinuousClock.now - started
                let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
                let fraction = String(micros % 1000)
                let ms = "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
                log("\(request.method.rawValue) \(request.uri.description) \(answer.status) \(ms) ms")
            }
            var headers = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        let logger = Logger(label: "specvalidate.mock") { _ in WarningLogHandler() }
        return Application(
            responder: responder,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [MalformedRequestAnswer(log: log), ContinueAnswer()],
                    idleTimeout: .nanoseconds(
                        Int64(idleTimeout.components.seconds) * 1_000_000_000 + idleTimeout.components.attoseconds
                            / 1_000_000_000),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: maxHead, maxHeaderListSize: maxHead, maxHeaderFieldCount: 1000))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then stops cleanly (open requests are answered first). Requests
    /// are logged to `log` when there is one.
    package static func serve(
        service: MockService, host: String, port: Int, idleTimeout: Duration = .seconds(30),
        bodyBudget: BodyBudget = BodyBudget(), cors: Bool = true, log: RequestLog?,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let lines: (@Sendable (String) -> Void)?
        if let log { lines = { line in log.append(line) } } else { lines = nil }
        let app = application(
            service: service, host: host, port: port, idleTimeout: idleTimeout, bodyBudget: bodyBudget, cors: cors,
            log: lines,
            onServerRunning: { port in
                await onServerRunning(port)
                log?.flush()
            })
        guard let log else { return try await app.runService() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            group.addTask { await log.run() }
            // The server ends on a signal; then the log is flushed one last time.
            try await group.next()
            group.cancelAll()
        }
    }

    /// The answer, with CORS headers when `cors` (a preflight is answered here).
    static func respond(to request: Request, service: MockService, budget: BodyBudget, cors: Bool) async -> APIResponse {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count)
        for field in request.headers { headers.append((field.name.rawName, field.value)) }
        let mock = APIRequest(method: request.method.rawValue, target: request.uri.description, headers: headers)
        guard cors else { return await respond(to: request, mock, service: service, budget: budget) }
        if let preflight = CORS.preflight(mock) { return preflight }
        var answer = await respond(to: request, mock, service: service, budget: budget)
        CORS.add(to: &answer, for: mock)
        return answer
    }

    private static func respond(
        to request: Request, _ mock: APIRequest, service: MockService, budget: BodyBudget
    ) async -> APIResponse {
        var mock = mock
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        guard declared != 0 else { return service.respond(to: mock) }
        // Whatever the body says, some requests are refused: they are answered before any of it is read.
        let (refusal, limit) = service.screen(mock)
        if let refusal { return refusal }
        let tooLarge = MockProblem(
            status: 413, code: "payload_too_large", message: "The request body exceeds \(limit) bytes.")
        guard (declared ?? 0) <= limit else { return service.refuse(mock, tooLarge) }
        let reserved = declared ?? limit
        guard budget.reserve(reserved) else {
            return service.refuse(
                mock,
                MockProblem(
                    status: 503, code: "busy",
                    message: "Too many request bodies are being received at once: retry in a second.",
                    headers: [.init(name: "Retry-After", value: "1")]))
        }
        defer { budget.release(reserved) }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            mock.body = Array(buffer.readableBytesView)
        } catch {
            // Too large, counted; or the client went away mid-body.
            return service.refuse(mock, tooLarge)
        }
        return service.respond(to: mock)
    }
}

extension MockService {
    /// The error response `request` gets for a problem found before it reached the service (a body too
    /// large to read): in the shape its operation documents for that status when the request routes to one.
    func refuse(_ request: APIRequest, _ problem: MockProblem) -> APIResponse {
        guard let mount = mount(for: request.path) else {
            return (mounts.count == 1 ? mounts[0].api.errorStyle : .problemDetails).response(for: problem)
        }
        let path = String(request.path.dropFirst(mount.prefix.count))
        if case .route(let operation, _) = mount.api.contract.match(
            method: request.method, path: path.isEmpty ? "/" : path)
        {
            return mount.api.errorResponse(for: problem, operation: operation)
        }
        return mount.api.errorStyle.response(for: problem)
    }
}
