import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MockServer
import NIOCore
import OpenAPIDocument

/// The proxy on a real socket: Hummingbird's HTTP/1.1 server in front of a `ProxyService`. Request bodies
/// are read whole (they are validated before they are forwarded), up to `maxBody`.
package enum ProxyHTTPServer {
    package static func application(
        service: ProxyService, host: String, port: Int, maxBody: Int, log: (@Sendable (String) -> Void)? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers: [(name: String, value: String)] = []
            headers.reserveCapacity(request.headers.count)
            for field in request.headers { headers.append((field.name.rawName, field.value)) }
            let method = request.method.rawValue
            let target = request.uri.description
            let answer: APIResponse
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBody {
                answer = service.refuseTooLarge(method: method, target: target, headers: headers, limit: maxBody)
            } else {
                do {
                    let body = try await request.body.collect(upTo: maxBody)
                    answer = await service.handle(
                        method: method, target: target, headers: headers, body: Array(body.readableBytesView))
                } catch {
                    answer = service.refuseTooLarge(method: method, target: target, headers: headers, limit: maxBody)
                }
            }
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        let logger = Logger(label: "specvalidate.proxy") { _ in WarningLogHandler(tool: "specvalidate proxy") }
        return Application(
            responder: responder,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [MalformedRequestAnswer(log: log)], idleTimeout: .seconds(60),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: MockHTTPServer.maxHead, maxHeaderListSize: MockHTTPServer.maxHead,
                        maxHeaderFieldCount: 1000))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM; open exchanges are answered first (and recorded).
    package static func serve(
        service: ProxyService, host: String, port: Int, maxBody: Int, log: RequestLog?,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        var lines: (@Sendable (String) -> Void)?
        if let log { lines = { line in log.append(line) } }
        let app = application(
            service: service, host: host, port: port, maxBody: maxBody, log: lines,
            onServerRunning: { port in
                await onServerRunning(port)
                log?.flush()
            })
        guard let log else { return try await app.runService() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            group.addTask { await log.run() }
            try await group.next()
            group.cancelAll()
        }
    }
}
