import AsyncHTTPClient
import OpenAPIDocument
import Foundation
import NIOCore
import NIOHTTP1

/// How a run reaches the server: over the network, or in process in tests.
package protocol HTTPTransport: Sendable {
    func send(_ request: APIRequest) async throws -> APIResponse
}
