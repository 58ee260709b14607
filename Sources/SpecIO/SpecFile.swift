/// A file to write: a name relative to the output folder and its text.
package struct SpecFile: Sendable, Equatable {
    package let name: String
    package let contents: String

    package init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
