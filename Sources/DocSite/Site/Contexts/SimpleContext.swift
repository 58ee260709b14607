struct SimpleContext {
    var title: String
    var root: String
}
