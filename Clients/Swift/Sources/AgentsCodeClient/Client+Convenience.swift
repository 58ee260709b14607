import ClientSupport
import Foundation
import OpenAPIRuntime

extension Client {
    /// A client of the AgentsCode API at `serverURL` (`Servers.Server1.url()` for production, or a mock's URL)
    /// that sends `apiKey` as its bearer token and reads date-times with or without fractional seconds.
    public init(serverURL: URL, apiKey: String, transport: any ClientTransport) {
        self.init(
            serverURL: serverURL, configuration: Configuration(dateTranscoder: ISO8601DateTranscoder()),
            transport: transport, middlewares: [BearerAuthMiddleware(apiKey: apiKey)])
    }
}
