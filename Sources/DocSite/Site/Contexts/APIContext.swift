struct APIContext {
    var title: String
    var html: String
    var version: String
    var hasVersion: Bool
    var server: String
    var hasServer: Bool
    var guides: [NavLink]
    var hasGuides: Bool
    var tags: [TagContext]
    var downloads: [NavLink]
    var schemasURL: String
    /// The security schemes whose long descriptions the operation pages link to.
    var authentication: [SecurityView] = []
    var hasAuthentication = false
}
