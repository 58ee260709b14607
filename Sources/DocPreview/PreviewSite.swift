import DocSite
import Foundation
import OpenAPIDocument
import Synchronization

/// The site a preview serves: the files of the last build without errors, held in memory, and the
/// problems of the latest build. A failed build keeps the previous files, so the browser shows the
/// last good page and a banner with the errors, as Hugo's and Mintlify's preview servers do.
package final class PreviewSite: Sendable {
    package struct Snapshot: Sendable {
        /// Site-relative path (`agentscode/index.html`) to contents.
        package var files: [String: Data] = [:]
        /// Counts the builds that changed the files; the live-reload script reloads when it moves.
        package var version = 0
        /// Every diagnostic of the latest build, as `docgen build` prints them.
        package var problems: [String] = []
        /// Whether the latest build had errors (its files were not taken).
        package var failed = false
        package var pageCount = 0

        package init() {}
    }

    private let state = Mutex(Snapshot())

    package init() {}

    package var snapshot: Snapshot { state.withLock { $0 } }

    /// Takes a build's result: its files when it has no errors, its diagnostics in every case.
    package func update(with result: SiteBuilder.Result) {
        state.withLock { snapshot in
            snapshot.problems = result.diagnostics.map(\.description)
            snapshot.failed = result.hasErrors || result.files.isEmpty
            guard !snapshot.failed else { return }
            var files: [String: Data] = [:]
            files.reserveCapacity(result.files.count)
            for file in result.files { files[file.path] = file.data }
            snapshot.files = files
            snapshot.pageCount = result.pageCount
            snapshot.version += 1
        }
    }
}
