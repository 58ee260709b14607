import Foundation
import NIOCore

/// Why a server (the mock or the proxy) could not start listening, in words: NIO's own message
/// (`bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`) says neither where nor what to do.
package enum ListenFailure {
    /// The message for `error` when it is a failure to listen on `host`:`port`; `nil` for anything else.
    package static func message(_ error: any Error, host: String, port: Int) -> String? {
        let place = "cannot listen on \(host):\(port)"
        if error is SocketAddressError || error is SocketAddressError.UnknownHost { return "\(place): '\(host)' is not an address of this machine" }
        guard let error = error as? IOError else { return nil }
        switch error.errnoCode {
        case EADDRINUSE:
            return "\(place): the port is in use (another server, or an earlier mock or proxy still running); "
                + "choose another with --port, or --port 0 for any free one"
        case EADDRNOTAVAIL: return "\(place): '\(host)' is not an address of this machine"
        case EACCES: return "\(place): permission denied (ports below 1024 need privileges)"
        default: return nil
        }
    }
}
