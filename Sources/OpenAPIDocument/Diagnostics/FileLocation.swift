/// A place in a source file: the file as the user named it, and a 1-based line and column (columns count
/// Unicode scalars, as editors and compilers do).
package struct FileLocation: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `spec/openapi.yaml:12:5`
    package var description: String { "\(file):\(line):\(column)" }
}
