package struct ExampleView: Sendable {
    package var title = ""
    package var codeHTML = ""
    package var descriptionHTML = ""
    package var hasDescription = false
    package var generated = false
}
