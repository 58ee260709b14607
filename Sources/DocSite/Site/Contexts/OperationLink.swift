struct OperationLink {
    var title: String
    var url: String
    var method: String
    var path: String
    var deprecated: Bool
}
