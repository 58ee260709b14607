package struct SampleView: Sendable {
    package var id = ""
    package var panelID = ""
    package var label = ""
    package var language = ""
    package var codeHTML = ""
}
