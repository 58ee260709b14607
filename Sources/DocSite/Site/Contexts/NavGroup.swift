struct NavGroup {
    var title = ""
    var url = ""
    var hasURL = false
    var links: [NavLink] = []
    var open = true
    var current = false
}
