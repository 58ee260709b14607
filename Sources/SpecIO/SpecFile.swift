/// A file to write: a name relative to the output folder and its text.
public struct SpecFile: Sendable, Equatable {
    public let name: String
    public let contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
