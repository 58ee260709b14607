/// A place in a source file: the file as the user named it, and a 1-based line and column (columns count
/// Unicode scalars, as editors and compilers do).
public struct FileLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `spec/openapi.yaml:12:5`
    public var description: String { "\(file):\(line):\(column)" }
}
