import ArgumentParser
import Foundation

/// The exit codes `docgen` and `specvalidate` share, as Spectral and Schemathesis use them: 0 all good,
/// 1 findings or failed checks, 2 bad usage or unreadable input.
extension AsyncParsableCommand {
    /// ArgumentParser's `main()`, but bad usage exits 2 rather than 64.
    package static func mainExitingTwoOnBadUsage() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
