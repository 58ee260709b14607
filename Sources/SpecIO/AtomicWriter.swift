import Foundation

/// Writes a set of files into a folder so that a reader never sees a half-written file.
///
/// Every file is first written beside its destination under a hidden temporary name; only when all of them
/// are written are they renamed into place. A failure before that leaves the folder as it was.
package enum AtomicWriter {
    /// Why writing failed, with the path that could not be written.
    package struct Failure: Error, CustomStringConvertible, Equatable {
        package let path: String
        package let reason: String
        package var description: String { "cannot write '\(path)': \(reason)" }
    }

    package static func write(_ files: [SpecFile], to directory: URL) throws(Failure) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: directory.path, reason: reason(error))
        }
        // A folder where a file should go would make its rename fail after others succeeded: refuse up front.
        for file in files {
            var isDirectory: ObjCBool = false
            let final = directory.appendingPathComponent(file.name)
            if fm.fileExists(atPath: final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw Failure(path: final.path, reason: "a folder is in the way")
            }
        }
        var staged: [(temp: URL, final: URL)] = []
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        func cleanUp() { for s in staged { try? fm.removeItem(at: s.temp) } }
        for file in files {
            let final = directory.appendingPathComponent(file.name)
            let temp = directory.appendingPathComponent(".\(file.name).\(token).tmp")
            do {
                try Data(file.contents.utf8).write(to: temp)
            } catch {
                cleanUp()
                throw Failure(path: final.path, reason: reason(error))
            }
            staged.append((temp, final))
        }
        for s in staged {
            if rename(s.temp.path, s.final.path) != 0 {
                let message = String(cString: strerror(errno))
                cleanUp()
                throw Failure(path: s.final.path, reason: message)
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            case NSFileWriteFileExistsError: return "a file is in the way"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
