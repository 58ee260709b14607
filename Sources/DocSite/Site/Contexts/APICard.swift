struct APICard {
    var title: String
    var url: String
    var summary: String
    var version: String
    var hasVersion: Bool
    var operationCount: Int
}
