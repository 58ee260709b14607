import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends `Authorization: Bearer KEY` with every request: both APIs' one security scheme. The generated
/// clients leave credentials to a middleware, as swift-openapi-generator does for every document.
public struct BearerAuthMiddleware: ClientMiddleware {
    let apiKey: String

    public init(apiKey: String) { self.apiKey = apiKey }

    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(apiKey)"
        return try await next(request, body, baseURL)
    }
}
