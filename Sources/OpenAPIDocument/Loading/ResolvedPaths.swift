import Foundation

/// Files' folders and real paths for `ReferenceBundler`, found once per folder: resolving symbolic links and
/// cutting paths for every reference of a document split over thousands of files was a sixth of its load.
final class ResolvedPaths {
    /// A file's folder, by the file's path.
    private var folders: [String: URL] = [:]
    /// A folder's path with its symbolic links resolved, by its path.
    private var realFolders: [String: String] = [:]

    func folder(of file: URL) -> URL {
        if let known = folders[file.path] { return known }
        let folder = file.deletingLastPathComponent()
        folders[file.path] = folder
        return folder
    }

    /// `file`'s path with symbolic links resolved: its folder's resolved once, then the file's own name,
    /// resolved only where it is a link itself.
    func realPath(of file: URL) -> String {
        let folder = file.deletingLastPathComponent()
        let real: String
        if let known = realFolders[folder.path] {
            real = known
        } else {
            real = folder.resolvingSymlinksInPath().path
            realFolders[folder.path] = real
        }
        var status = stat()
        if lstat(file.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            return file.resolvingSymlinksInPath().path
        }
        return real.hasSuffix("/") ? real + file.lastPathComponent : real + "/" + file.lastPathComponent
    }
}
