struct SchemaContext {
    var name: String
    var row: SchemaRow
    var exampleHTML: String
    var usedBy: [NavLink]
    var hasUsers: Bool
}
