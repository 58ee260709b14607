package struct MediaView: Sendable {
    package var contentType = ""
    package var schema: [SchemaRow] = []
    package var hasSchema = false
    package var examples: [ExampleView] = []
    package var hasExamples = false
}
