struct TocEntry {
    var text = ""
    var id = ""
    var level = 2
    var sub = false
}
