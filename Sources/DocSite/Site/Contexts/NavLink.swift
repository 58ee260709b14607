struct NavLink {
    var title = ""
    var url = ""
    var current = false
    var method = ""
    var hasMethod = false
    var deprecated = false
}
