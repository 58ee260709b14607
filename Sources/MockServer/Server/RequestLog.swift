import Foundation
import Synchronization

/// One line per request, written to a file descriptor (standard error) in batches: a write system call
/// per request costs the server about a quarter of its throughput, so lines are collected and flushed
/// every `interval` (and when the batch grows large, and at the end).
package final class RequestLog: Sendable {
    private let buffer = Mutex<[UInt8]>([])
    private let descriptor: Int32
    package let interval: Duration

    package init(descriptor: Int32 = 2, interval: Duration = .milliseconds(50)) {
        self.descriptor = descriptor
        self.interval = interval
    }

    package func append(_ line: String) {
        let full = buffer.withLock { buffer in
            buffer.append(contentsOf: line.utf8)
            buffer.append(UInt8(ascii: "\n"))
            return buffer.count >= 64 << 10
        }
        if full { flush() }
    }

    package func flush() {
        let pending = buffer.withLock { buffer in
            let taken = buffer
            buffer.removeAll(keepingCapacity: true)
            return taken
        }
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Flushes every `interval` until cancelled, then once more.
    package func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            flush()
        }
        flush()
    }
}
