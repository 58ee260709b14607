import JSONCore

/// One reason an instance does not conform, in the shape of the JSON Schema "basic" output unit.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance: a JSON pointer.
    public var instanceLocation: JSONPointer
    /// The path through the schema that was followed, `$ref`s included (`/properties/a/$ref/type`).
    public var keywordLocation: JSONPointer
    /// The keyword's absolute location, `uri#pointer`, with references resolved.
    public var absoluteKeywordLocation: String
    /// What is wrong: quotes the offending value and says what was expected.
    public var message: String

    public init(
        instanceLocation: JSONPointer, keywordLocation: JSONPointer, absoluteKeywordLocation: String, message: String
    ) {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.message = message
    }

    /// `POINTER: MESSAGE`, with `(root)` for the whole instance.
    public var description: String {
        let pointer = instanceLocation.description
        return "\(pointer.isEmpty ? "(root)" : pointer): \(message)"
    }

    /// The "basic" output unit: `keywordLocation`, `absoluteKeywordLocation`, `instanceLocation`, `error`.
    public var basicOutputUnit: JSONValue {
        [
            "keywordLocation": .string(keywordLocation.description),
            "absoluteKeywordLocation": .string(absoluteKeywordLocation),
            "instanceLocation": .string(instanceLocation.description),
            "error": .string(message),
        ]
    }
}

extension [ValidationError] {
    /// The JSON Schema "basic" output format for a whole validation.
    public var basicOutput: JSONValue {
        if isEmpty { return ["valid": true] }
        return ["valid": false, "errors": .array(map(\.basicOutputUnit))]
    }
}
