import Foundation

/// What the sources looked like at one moment: every file under the watched folders with its size and
/// modification time. Two fingerprints differ when a file was added, removed, resized or touched.
/// Polling (as Hugo does on file systems without events) needs no platform API and sees editors that
/// replace files by renaming.
package struct SourceFingerprint: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    private var entries: [String: Entry] = [:]

    package init(watching roots: [URL]) {
        for root in roots { add(root.path) }
    }

    /// How many files the fingerprint covers.
    package var fileCount: Int { entries.count }

    private mutating func add(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            // Hidden files and folders are editor swap files, version control and build staging.
            for name in names where !name.hasPrefix(".") { add(path + "/" + name) }
        } else {
            entries[path] = Entry(
                size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        }
    }
}
