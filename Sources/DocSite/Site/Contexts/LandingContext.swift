struct LandingContext {
    var title: String
    var html: String
    var apis: [APICard]
    var root: String
}
