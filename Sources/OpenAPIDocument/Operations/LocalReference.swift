import JSONCore

/// References within one document (`#/components/schemas/Pet`): after `SpecDocument` has bundled a
/// document, every reference is one of these.
package enum LocalReference {
    /// Follows local `$ref`s from `value` (up to 32 hops, so a cycle of pure references ends), returning the
    /// target and its pointer.
    package static func resolve(_ value: JSONValue, at pointer: JSONPointer, in document: JSONValue) -> (
        value: JSONValue, pointer: JSONPointer
    ) {
        var current = value
        var location = pointer
        for _ in 0..<32 {
            guard let reference = current["$ref"]?.stringValue, reference.hasPrefix("#"),
                let target = JSONPointer(uriFragment: reference),
                let next = document.value(at: target)
            else { break }
            current = next
            location = target
        }
        return (current, location)
    }
}
