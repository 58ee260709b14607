import DocSite
import JSONCore
import OpenAPIDocument

/// What the libFuzzer targets in `Fuzz/` call: the document loader and the markdown renderer, whose APIs
/// are the package's own (`package` access), behind two public functions. Each takes any bytes and
/// returns; a crash, a hang or a leak is what the fuzzer looks for.
public enum FuzzEntryPoints {
    /// The bytes as a YAML or JSON document file: read (with every value's place found in the same pass,
    /// and again later as the tools ask for it), or refused with a diagnostic.
    public static func document(_ bytes: UnsafeRawBufferPointer) {
        let array = Array(bytes)
        for name in ["fuzz.yaml", "fuzz.json"] {
            guard let document = try? SpecDocument.load(bytes: array, name: name) else { continue }
            _ = SpecDocument.refusal(document.value)
            _ = document.location(of: JSONPointer(tokens: ["paths"]))
            if let located = try? SpecDocument.load(bytes: array, name: name, options: .init(locatesValues: true)) {
                precondition(located.value == document.value, "reading with places changed the value")
            }
        }
    }

    /// The bytes, when they are UTF-8, as a markdown page: rendered, or refused as too costly.
    public static func markdown(_ bytes: UnsafeRawBufferPointer) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        var ids = HeadingIDs()
        let rendered = MarkdownRenderer().render(text, ids: &ids) { _ in nil }
        precondition(!rendered.html.contains("<script"), "a script tag survived the sanitizer")
    }
}
