import OpenAPIDocument
import Foundation
import Testing

@testable import DocSite

/// A context for the tests: names to values.
private struct Box: TemplateObject {
    var values: [String: TemplateValue]
    func templateValue(_ key: Substring) -> TemplateValue? { values[String(key)] }
}

private func render(_ text: String, _ values: [String: TemplateValue], partials: [String: String] = [:]) throws
    -> String
{
    var library = TemplateLibrary()
    try library.register(text, named: "main")
    for (name, partial) in partials { try library.register(partial, named: name) }
    return library.render("main", Box(values: values))
}

@Suite struct TemplateTests {
    @Test func variablesAreEscapedUnlessTripleOrAmpersand() throws {
        let values: [String: TemplateValue] = ["x": .string("<a href=\"q\">Tom & 'Jerry'</a>"), "n": .int(3)]
        #expect(
            try render("{{x}}|{{{x}}}|{{& x}}|{{ n }}|{{missing}}", values)
                == "&lt;a href=&quot;q&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;|<a href=\"q\">Tom & 'Jerry'</a>|"
                + "<a href=\"q\">Tom & 'Jerry'</a>|3|")
    }

    @Test func sectionsIterateListsEnterObjectsAndTestBooleans() throws {
        let item = { (name: String) in TemplateValue.object(Box(values: ["name": .string(name)])) }
        let values: [String: TemplateValue] = [
            "items": .list([item("a"), item("b")]), "empty": .list([]), "yes": .bool(true), "no": .bool(false),
            "tags": .list([.string("x"), .string("y")]), "blank": .string(""),
            "outer": .object(Box(values: ["inner": .object(Box(values: ["deep": .string("D")]))])),
            "title": .string("T"),
        ]
        #expect(try render("{{#items}}[{{name}}]{{/items}}{{^empty}}none{{/empty}}", values) == "[a][b]none")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{^missing}}m{{/missing}}", values) == "Ynm")
        #expect(try render("{{#tags}}<{{.}}>{{/tags}}", values) == "<x><y>")
        // As in swift-mustache, which rendered the site before: an empty string is truthy.
        #expect(try render("{{#blank}}B{{/blank}}", values) == "B")
        #expect(
            try render("{{outer.inner.deep}} {{#outer}}{{#inner}}{{deep}}{{title}}{{/inner}}{{/outer}}", values)
                == "D DT")
    }

    @Test func standaloneTagsTakeTheirWholeLine() throws {
        let template = """
            <ul>
              {{#items}}
              <li>{{.}}</li>
              {{/items}}
              {{! a comment }}
            </ul>
            {{#none}}x{{/none}} tail

            """
        let values: [String: TemplateValue] = ["items": .list([.string("1"), .string("2")])]
        #expect(try render(template, values) == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n tail\n")
    }

    @Test func partialsRenderInTheCurrentContextWithTheirIndentation() throws {
        let values: [String: TemplateValue] = [
            "rows": .list([
                .object(
                    Box(values: [
                        "name": .string("a"),
                        "rows": .list([.object(Box(values: ["name": .string("b"), "rows": .list([])]))]),
                    ]))
            ])
        ]
        // b has its own empty rows: a missing name would be looked up in a's context (Mustache's rule).
        let partials = ["row": "<li>{{name}}\n{{#rows}}{{> row}}{{/rows}}</li>\n"]
        #expect(try render("{{#rows}}{{> row}}{{/rows}}", values, partials: partials) == "<li>a\n<li>b\n</li>\n</li>\n")
        #expect(
            try render("<ul>\n  {{> item}}\n</ul>", ["x": .string("X")], partials: ["item": "<li>\n{{x}}\n</li>\n"])
                == "<ul>\n  <li>\n  X\n  </li>\n</ul>")
    }

    @Test func malformedTemplatesReportTheLine() {
        #expect(throws: Template.ParseError.self) { try Template("a\n{{#x}}\nb") }
        do {
            _ = try Template("a\n{{#x}}\nb")
        } catch {
            #expect(error.description == "line 2: the section 'x' is never closed")
        }
        do {
            _ = try Template("{{#x}}\n\n{{/y}}")
        } catch {
            #expect(error.description == "line 3: '{{/y}}' closes the section 'x' opened on line 1")
        }
        do {
            _ = try Template("ok\n\n{{name")
        } catch {
            #expect(error.description == "line 3: a tag opened here is never closed with '}}'")
        }
        do {
            _ = try Template("{{=<% %>=}}")
        } catch {
            #expect(error.description == "line 1: '{{=<% %>=}}': delimiter changes and blocks are not supported")
        }
    }
}

@Suite struct ThemeOverrideTests {
    @Test func aBrokenOverrideTemplateIsReportedWithItsFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("guide.mustache")
        try "<article>\n{{#title}}\n{{{html}}}\n</article>\n".write(to: file, atomically: true, encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        #expect(Theme.load(override: folder, diagnostics: &diagnostics) == nil)
        #expect(
            diagnostics.map(\.description) == [
                "\(file.path):2: error: the template does not parse: the section 'title' is never closed"
            ])
    }
}
