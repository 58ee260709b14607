struct SchemaEntry {
    var name: String
    var url: String
    var summary: String
}
