struct TagContext {
    var name: String
    var descriptionHTML: String
    var operations: [OperationLink] = []
}
