/// What requests and responses share for the checks: headers and a body.
package protocol HTTPMessage: Sendable {
    var headers: [(name: String, value: String)] { get }
    var body: [UInt8] { get }
    func header(_ name: String) -> String?
}

extension APIRequest: HTTPMessage {}
extension APIResponse: HTTPMessage {}

extension HTTPMessage {
    package var contentType: String? { header("content-type") }
}
