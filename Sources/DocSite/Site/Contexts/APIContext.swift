struct APIContext {
    var title: String
    var html: String
    var version: String
    var hasVersion: Bool
    var server: String
    var guides: [NavLink]
    var hasGuides: Bool
    var tags: [TagContext]
    var downloads: [NavLink]
    var schemasURL: String
}
