import Foundation
import Logging

/// The server's own log: warnings and errors on standard error, nothing else. Hummingbird sets a request
/// id on the logger of every request, and swift-log's `StreamLogHandler` formats its metadata on each
/// set; keeping metadata as it is and formatting only what is printed saves a tenth of the mock's time.
package struct WarningLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level = .warning
    /// The prefix of each line: the tool that logs.
    let tool: String

    package init(tool: String = "specvalidate mock") { self.tool = tool }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details =
            all.isEmpty
            ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        FileHandle.standardError.write(Data("\(tool): \(event.level): \(event.message)\(details)\n".utf8))
    }
}
