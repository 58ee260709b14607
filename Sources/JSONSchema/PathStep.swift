import JSONCore

/// One step of a keyword or instance path, kept as a value until a path is spelled out.
enum PathStep {
    case none
    case name(String)
    case index(Int)

    var exists: Bool {
        if case .none = self { return false }
        return true
    }

    var token: String? {
        switch self {
        case .none: nil
        case .name(let name): name
        case .index(let index): String(index)
        }
    }
}
