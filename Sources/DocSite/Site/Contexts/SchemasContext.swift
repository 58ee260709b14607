struct SchemasContext {
    var title: String
    var schemas: [SchemaEntry]
}
