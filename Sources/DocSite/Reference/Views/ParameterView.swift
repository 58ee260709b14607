package struct ParameterView: Sendable {
    package var name = ""
    package var location = ""
    package var typeHTML = ""
    package var required = false
    package var deprecated = false
    package var defaultValue = ""
    package var hasDefault = false
    package var constraints: [String] = []
    package var hasConstraints = false
    package var enumValues: [String] = []
    package var hasEnum = false
    package var example = ""
    package var hasExample = false
    package var descriptionHTML = ""
    package var hasDescription = false
    /// An object (or array of objects) parameter's fields, as a schema tree under the description.
    package var fields: [SchemaRow] = []
    package var hasFields = false
}
