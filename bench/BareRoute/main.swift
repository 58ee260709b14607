// The benchmark's baseline: one Hummingbird route answering a fixed JSON body of the same size as the
// mock's GET /v1/agents, started the way `specvalidate mock` starts (HTTP/1.1, same idle timeout, no
// request log). `bare-route PORT BODY_FILE`.
import Foundation
import Hummingbird

let arguments = CommandLine.arguments
let port = arguments.count > 1 ? Int(arguments[1]) ?? 4020 : 4020
let body = arguments.count > 2 ? (try? Data(contentsOf: URL(fileURLWithPath: arguments[2]))) ?? Data() : Data("[]".utf8)
let bytes = ByteBuffer(bytes: body)

let router = Router()
router.get("/v1/agents") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
}
let app = Application(
    router: router,
    server: .http1(configuration: .init(idleTimeout: .seconds(30))),
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
    onServerRunning: { _ in print("bare-route: listening on http://127.0.0.1:\(port)") })
try await app.runService()
