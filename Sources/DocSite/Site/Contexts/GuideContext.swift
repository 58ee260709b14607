struct GuideContext {
    var title: String
    var html: String
    var description: String
}
