import JSONCore
import OpenAPIDocument

extension DocumentDiff {
    /// A parameter's identity to a client: where it goes and its name (header names in any case); a path
    /// parameter by its place in the path, since its name is never sent.
    static func parameterKey(_ parameter: JSONValue, in operation: APIOperation) -> String {
        let location = parameter["in"]?.stringValue ?? ""
        let name = parameter["name"]?.stringValue ?? ""
        switch location {
        case "header": return "header:" + name.lowercased()
        case "path":
            let names = operation.path.split(separator: "{").dropFirst().map { $0.split(separator: "}").first ?? "" }
            if let index = names.firstIndex(where: { String($0) == name }) { return "path:#\(index)" }
            return "path:" + name
        default: return location + ":" + name
        }
    }

    mutating func compareParameters(_ old: APIOperation, _ new: APIOperation, operation: APIChange.Operation) {
        let newByKey = Dictionary(
            new.parameters.map { (Self.parameterKey($0.0, in: new), $0) }, uniquingKeysWith: { first, _ in first })
        let oldKeys = Set(old.parameters.map { Self.parameterKey($0.0, in: old) })
        for (oldValue, oldPointer) in old.parameters {
            let key = Self.parameterKey(oldValue, in: old)
            let label = Self.parameterLabel(oldValue)
            guard let (newValue, newPointer) = newByKey[key] else {
                let deprecated = oldValue["deprecated"]?.boolValue == true
                emit(
                    deprecated ? "request-parameter-removed-with-deprecation" : "request-parameter-removed",
                    "\(label) removed", operation: operation, subject: key, base: oldPointer, revision: new.pointer)
                continue
            }
            let oldRequired = oldValue["required"]?.boolValue == true
            let newRequired = newValue["required"]?.boolValue == true
            if oldRequired != newRequired {
                emit(
                    newRequired ? "request-parameter-became-required" : "request-parameter-became-optional",
                    "\(label) became \(newRequired ? "required" : "optional")", operation: operation, subject: key,
                    base: oldPointer, revision: newPointer.appending("required"))
            }
            let oldDeprecated = oldValue["deprecated"]?.boolValue == true
            let newDeprecated = newValue["deprecated"]?.boolValue == true
            if oldDeprecated != newDeprecated {
                emit(
                    newDeprecated ? "request-parameter-deprecated" : "request-parameter-reactivated",
                    "\(label) \(newDeprecated ? "deprecated" : "no longer deprecated")", operation: operation,
                    subject: key, base: oldPointer, revision: newPointer)
            }
            let oldStyle = Self.serialization(oldValue), newStyle = Self.serialization(newValue)
            if oldStyle != newStyle {
                emit(
                    "request-parameter-serialization-changed",
                    "\(label) is written differently: \(oldStyle) before, \(newStyle) now", operation: operation,
                    subject: key, base: oldPointer, revision: newPointer)
            }
            if let oldSchema = Self.schema(of: oldValue, at: oldPointer),
                let newSchema = Self.schema(of: newValue, at: newPointer)
            {
                compareSchemas(
                    oldSchema, newSchema, at: SchemaPlace(request: true, root: .parameter, label: label),
                    operation: operation)
            }
        }
        for (newValue, newPointer) in new.parameters where !oldKeys.contains(Self.parameterKey(newValue, in: new)) {
            let key = Self.parameterKey(newValue, in: new)
            let label = Self.parameterLabel(newValue)
            let id: String
            if newValue["in"]?.stringValue == "path" {
                id = "new-request-path-parameter"
            } else {
                id =
                    newValue["required"]?.boolValue == true
                    ? "new-required-request-parameter" : "new-optional-request-parameter"
            }
            emit(id, "\(label) added", operation: operation, subject: key, base: old.pointer, revision: newPointer)
        }
    }

    /// `query parameter limit`
    static func parameterLabel(_ parameter: JSONValue) -> String {
        "\(parameter["in"]?.stringValue ?? "") parameter \(parameter["name"]?.stringValue ?? "")"
    }

    /// `form, exploded`: how the value is written, with the specification's defaults filled in.
    static func serialization(_ parameter: JSONValue) -> String {
        let location = parameter["in"]?.stringValue ?? "query"
        let style = parameter["style"]?.stringValue ?? (location == "query" || location == "cookie" ? "form" : "simple")
        let explode = parameter["explode"]?.boolValue ?? (style == "form")
        return "\(style), \(explode ? "exploded" : "not exploded")"
    }
}
