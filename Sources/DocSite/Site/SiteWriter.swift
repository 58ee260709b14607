import JSONCore
import Foundation

/// Writes a built site so that the output folder is never half-written: everything goes into a fresh
/// sibling folder first, which then takes the output folder's place. A failure leaves the previous site
/// untouched.
package enum SiteWriter {
    package struct Failure: Error, CustomStringConvertible {
        package let path: String
        package let reason: String
        package var description: String { "cannot write '\(path)': \(reason)" }
    }

    package static func write(_ files: [SiteBuilder.OutputFile], to output: URL) throws(Failure) {
        let fm = FileManager.default
        let target = output.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        removeAbandoned(beside: target)
        // The process id in the names tells a later build whether the folders' writer is still running.
        let token = "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).building-\(token)")
        let retired = parent.appendingPathComponent(".\(target.lastPathComponent).previous-\(token)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: staging.path, reason: (error as NSError).localizedDescription)
        }
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: target.path, isDirectory: &isDirectory)
        let existing = existed && isDirectory.boolValue
        do {
            var made: Set<String> = []
            for file in files {
                let directory = staging.appendingPathComponent(file.path).deletingLastPathComponent().path
                if !made.contains(directory) {
                    try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    made.insert(directory)
                }
            }
            // Files are written on every core; the first failure in file order is reported.
            let failures = Slots<Failure?>(count: files.count, initial: nil)
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < files.count {
                    do throws(Failure) {
                        try Self.writeOne(files[index], staging: staging, target: target, existing: existing)
                    } catch {
                        failures.store(index, error)
                    }
                    index += workers
                }
            }
            for index in files.indices {
                if let failure = failures.take(index) { throw failure }
            }
            // World-readable folders, whatever the umask: link checkers and web servers run as other users.
            for directory in made { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory) }
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: staging.path)
        } catch let failure as Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure(path: target.path, reason: (error as NSError).localizedDescription)
        }
        if existed, rename(target.path, retired.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: staging)
            throw Failure(path: target.path, reason: reason)
        }
        if rename(staging.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            if existed { _ = rename(retired.path, target.path) }
            try? fm.removeItem(at: staging)
            throw Failure(path: target.path, reason: reason)
        }
        if existed { try? fm.removeItem(at: retired) }
    }
}

extension SiteWriter {
    /// Removes the staging and retired folders of builds that were killed before they finished (their
    /// process is gone), so that they do not pile up beside the output folder. Folders of a build still
    /// running are left alone.
    static func removeAbandoned(beside target: URL) {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            let rest: Substring
            if name.hasPrefix(".\(target.lastPathComponent).building-") {
                rest = name.dropFirst(".\(target.lastPathComponent).building-".count)
            } else if name.hasPrefix(".\(target.lastPathComponent).previous-") {
                rest = name.dropFirst(".\(target.lastPathComponent).previous-".count)
            } else {
                continue
            }
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]) else { continue }
            // Signal 0 checks that the process exists; ESRCH: it does not.
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? fm.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }

    static func writeOne(_ file: SiteBuilder.OutputFile, staging: URL, target: URL, existing: Bool) throws(Failure) {
        let url = staging.appendingPathComponent(file.path)
        // A file the previous site already has with the same bytes is linked, not written:
        // no new inode (the costliest part of writing thousands of files on ext4), and the
        // file keeps its modification time, so deploys that compare times copy only what changed.
        if existing, Self.sameContents(target.appendingPathComponent(file.path).path, file.data),
            link(target.appendingPathComponent(file.path).path, url.path) == 0
        {
            return
        }
        // Plain open/write/close: the staging folder already makes the swap atomic, so no
        // per-file temporary name or fsync (FileManager.createFile does both).
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(
                path: target.appendingPathComponent(file.path).path, reason: String(cString: strerror(errno)))
        }
        let written = file.data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let reason = String(cString: strerror(errno))
        // Whatever the umask: link checkers and web servers run as other users.
        _ = fchmod(fd, 0o644)
        guard close(fd) == 0, written else {
            throw Failure(path: target.appendingPathComponent(file.path).path, reason: reason)
        }
    }

    /// Whether the regular file at `path` holds exactly `data`.
    static func sameContents(_ path: String, _ data: Data) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else {
            return false
        }
        guard let old = FileManager.default.contents(atPath: path) else { return false }
        return old == data
    }
}
