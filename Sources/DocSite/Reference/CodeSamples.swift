import Foundation
import JSONCore

/// The request an operation's code samples make: built from the document (server, path, parameter and
/// body examples, security scheme), so the samples cannot drift from it.
package struct SampleRequest: Sendable {
    package enum Body: Sendable {
        case json(JSONValue)
        /// `multipart/form-data` fields; a file field's value is the local file name to upload.
        case multipart([(name: String, value: String, isFile: Bool)])
        case form([(name: String, value: String)])
        case text(String, contentType: String)

    }

    package var method: String
    package var url: String
    package var headers: [(name: String, value: String)]
    package var body: Body?

    package init(method: String, url: String, headers: [(name: String, value: String)], body: Body?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The placeholder that stands for the reader's key in every sample.
    package static let apiKeyPlaceholder = "YOUR_API_KEY"
}

/// Code samples in the languages client authors asked for, from one ``SampleRequest``.
package enum CodeSamples {
    package struct Sample: Sendable {
        package let id: String
        package let label: String
        package let language: String
        package let code: String
    }

    package static func all(for request: SampleRequest, name: String) -> [Sample] {
        [
            Sample(id: "curl", label: "curl", language: "bash", code: curl(request)),
            Sample(id: "javascript", label: "JavaScript", language: "javascript", code: javascript(request)),
            Sample(id: "python", label: "Python", language: "python", code: python(request)),
            Sample(id: "n8n", label: "n8n", language: "json", code: n8n(request, name: name)),
        ]
    }

    // MARK: - curl

    package static func curl(_ r: SampleRequest) -> String {
        // Text from the document is passed as text: curl reads `@file` and `<file` in --data and --form
        // values, and expands `[1-9]` and `{a,b}` in URLs, so the options that do neither are used.
        var lines = ["curl --request \(r.method)", "  --url \(shell(r.url))"]
        if r.url.contains(where: { "[]{}".contains($0) }) { lines.insert("  --globoff", at: 1) }
        for header in r.headers { lines.append("  --header \(shell("\(header.name): \(header.value)"))") }
        switch r.body {
        case .json(let value)?:
            lines.append("  --header 'Content-Type: application/json'")
            lines.append("  --data-raw \(shell(value.prettyJSON().trimmingTrailingNewline()))")
        case .multipart(let fields)?:
            for field in fields {
                // A file field uploads the sample's own placeholder file; every other field is a string.
                lines.append(
                    field.isFile
                        ? "  --form \(shell("\(field.name)=@\(field.value)"))"
                        : "  --form-string \(shell("\(field.name)=\(field.value)"))")
            }
        case .form(let fields)?:
            for field in fields {
                // `NAME@FILE` would read a file: a name with `@` or `=` goes encoded, as raw data.
                if field.name.contains(where: { $0 == "@" || $0 == "=" }) {
                    lines.append("  --data-raw \(shell("\(field.name.percentEncoded)=\(field.value.percentEncoded)"))")
                } else {
                    lines.append("  --data-urlencode \(shell("\(field.name)=\(field.value)"))")
                }
            }
        case .text(let text, let contentType)?:
            lines.append("  --header \(shell("Content-Type: \(contentType)"))")
            lines.append("  --data-raw \(shell(text))")
        case nil:
            break
        }
        return lines.joined(separator: " \\\n") + "\n"
    }

    static func shell(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    // MARK: - JavaScript

    package static func javascript(_ r: SampleRequest) -> String {
        var out = ""
        var headers = r.headers
        var bodyLine: String?
        var prelude = ""
        switch r.body {
        case .json(let value)?:
            headers.append(("Content-Type", "application/json"))
            bodyLine = "  body: JSON.stringify(\(indent(value.prettyJSON().trimmingTrailingNewline(), by: "  "))),"
        case .multipart(let fields)?:
            if fields.contains(where: \.isFile) { out += "const { openAsBlob } = require('node:fs');\n\n" }
            prelude += "  const form = new FormData();\n"
            for field in fields {
                if field.isFile {
                    prelude +=
                        "  form.append(\(js(field.name)), await openAsBlob(\(js(field.value))), \(js(fileName(field.value))));\n"
                } else {
                    prelude += "  form.append(\(js(field.name)), \(js(field.value)));\n"
                }
            }
            bodyLine = "  body: form,"
        case .form(let fields)?:
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            let pairs = fields.map { "[\(js($0.name)), \(js($0.value))]" }.joined(separator: ", ")
            bodyLine = "  body: new URLSearchParams([\(pairs)]),"
        case .text(let text, let contentType)?:
            headers.append(("Content-Type", contentType))
            bodyLine = "  body: \(js(text)),"
        case nil:
            break
        }
        out += "const url = \(js(r.url));\n\n"
        out += "async function main() {\n"
        out += prelude
        out += "  const response = await fetch(url, {\n"
        out += "    method: \(js(r.method)),\n"
        out += "    headers: {\n"
        for header in headers { out += "      \(js(header.name)): \(js(header.value)),\n" }
        out += "    },\n"
        if let bodyLine { out += "  " + bodyLine + "\n" }
        out += "  });\n"
        out += "  const text = await response.text();\n"
        out += "  console.log(response.status, text ? JSON.parse(text) : null);\n"
        out += "}\n\n"
        out += "main().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n"
        return out
    }

    static func js(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }

    // MARK: - Python

    package static func python(_ r: SampleRequest) -> String {
        var out = "import requests\n\n"
        out += "url = \(py(r.url))\n"
        out += "headers = {\n"
        for header in r.headers { out += "    \(py(header.name)): \(py(header.value)),\n" }
        out += "}\n"
        var arguments = "url, headers=headers"
        switch r.body {
        case .json(let value)?:
            out += "payload = \(pythonLiteral(value, indent: ""))\n"
            arguments += ", json=payload"
        case .multipart(let fields)?:
            let files = fields.filter(\.isFile)
            let data = fields.filter { !$0.isFile }
            if !data.isEmpty {
                out += "data = {\n"
                for field in data { out += "    \(py(field.name)): \(py(field.value)),\n" }
                out += "}\n"
                arguments += ", data=data"
            }
            if !files.isEmpty {
                out += "files = {\n"
                for field in files { out += "    \(py(field.name)): open(\(py(field.value)), \"rb\"),\n" }
                out += "}\n"
                arguments += ", files=files"
            }
        case .form(let fields)?:
            out += "data = {\n"
            for field in fields { out += "    \(py(field.name)): \(py(field.value)),\n" }
            out += "}\n"
            arguments += ", data=data"
        case .text(let text, let contentType)?:
            out += "headers[\"Content-Type\"] = \(py(contentType))\n"
            out += "payload = \(py(text))\n"
            arguments += ", data=payload"
        case nil:
            break
        }
        out += "\nresponse = requests.request(\(py(r.method)), \(arguments))\n"
        out += "print(response.status_code, response.json() if response.content else None)\n"
        return out
    }

    /// A JSON string literal is a valid Python string literal with the same value.
    static func py(_ text: String) -> String { JSONValue.string(text).compactJSON() }

    static func pythonLiteral(_ value: JSONValue, indent: String) -> String {
        let inner = indent + "    "
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .number, .string: return value.compactJSON()
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + pythonLiteral($0, indent: inner) + ",\n" }.joined() + indent + "]"
        case .object(let object):
            if object.isEmpty { return "{}" }
            return "{\n"
                + object.members.map { inner + py($0.key) + ": " + pythonLiteral($0.value, indent: inner) + ",\n" }
                .joined() + indent + "}"
        }
    }

    // MARK: - n8n

    /// An n8n workflow, importable by pasting: a Manual Trigger wired to an HTTP Request node (typeVersion
    /// 4.2) that sends this request. An upload reads its file first, with a "Read/Write Files from Disk"
    /// node whose output field the HTTP Request node sends (n8n has no other way to a binary field).
    /// Node ids are derived from `name`, so the output never changes.
    package static func n8n(_ r: SampleRequest, name: String) -> String {
        let trigger = "When clicking 'Test workflow'"
        let reader = "Read the file"
        var upload: String?
        if case .multipart(let fields)? = r.body { upload = fields.first(where: \.isFile)?.value }
        var parameters = JSONObject()
        if r.method != "GET" { parameters["method"] = .string(r.method) }
        parameters["url"] = n8nText(r.url)
        if !r.headers.isEmpty {
            parameters["sendHeaders"] = .bool(true)
            parameters["headerParameters"] = .object(
                JSONObject([("parameters", .array(r.headers.map { pair($0.name, $0.value) }))]))
        }
        switch r.body {
        case .json(let value)?:
            parameters["sendBody"] = .bool(true)
            parameters["specifyBody"] = .string("json")
            parameters["jsonBody"] = .string(value.prettyJSON().trimmingTrailingNewline())
        case .multipart(let fields)?:
            parameters["sendBody"] = .bool(true)
            parameters["contentType"] = .string("multipart-form-data")
            parameters["bodyParameters"] = .object(
                JSONObject([
                    (
                        "parameters",
                        .array(
                            fields.map { field in
                                field.isFile && field.value == upload
                                    ? .object(
                                        JSONObject([
                                            ("parameterType", .string("formBinaryData")), ("name", .string(field.name)),
                                            ("inputDataFieldName", .string("data")),
                                        ])) : pair(field.name, field.value)
                            })
                    )
                ]))
        case .form(let fields)?:
            parameters["sendBody"] = .bool(true)
            parameters["contentType"] = .string("form-urlencoded")
            parameters["bodyParameters"] = .object(
                JSONObject([("parameters", .array(fields.map { pair($0.name, $0.value) }))]))
        case .text(let text, let contentType)?:
            parameters["sendBody"] = .bool(true)
            parameters["contentType"] = .string("raw")
            parameters["rawContentType"] = .string(contentType)
            parameters["body"] = n8nText(text)
        case nil:
            break
        }
        parameters["options"] = .object(JSONObject())
        func position(_ column: Int) -> JSONValue { .array([.number(JSONNumber(column * 220)), .number(JSONNumber(0))]) }
        var nodes: [JSONValue] = [
            .object(
                JSONObject([
                    ("parameters", .object(JSONObject())), ("type", .string("n8n-nodes-base.manualTrigger")),
                    ("typeVersion", .number(JSONNumber(1))), ("position", position(0)),
                    ("id", .string(stableUUID(name + "/trigger"))), ("name", .string(trigger)),
                ]))
        ]
        var chain = [trigger]
        if let upload {
            nodes.append(
                .object(
                    JSONObject([
                        (
                            "parameters",
                            .object(
                                JSONObject([
                                    ("fileSelector", n8nText(upload)),
                                    ("options", .object(JSONObject([("dataPropertyName", .string("data"))]))),
                                ]))
                        ),
                        ("type", .string("n8n-nodes-base.readWriteFile")), ("typeVersion", .number(JSONNumber(1))),
                        ("position", position(1)), ("id", .string(stableUUID(name + "/read"))), ("name", .string(reader)),
                    ])))
            chain.append(reader)
        }
        nodes.append(
            .object(
                JSONObject([
                    ("parameters", .object(parameters)), ("type", .string("n8n-nodes-base.httpRequest")),
                    ("typeVersion", .number(JSONNumber("4.2") ?? JSONNumber(4))), ("position", position(chain.count)),
                    ("id", .string(stableUUID(name + "/request"))), ("name", .string("HTTP Request")),
                ])))
        chain.append("HTTP Request")
        var connections = JSONObject()
        for (from, to) in zip(chain, chain.dropFirst()) {
            let connection: JSONValue = .object(
                JSONObject([("node", .string(to)), ("type", .string("main")), ("index", .number(JSONNumber(0)))]))
            connections[from] = .object(JSONObject([("main", .array([.array([connection])]))]))
        }
        let workflow = JSONObject([
            ("nodes", .array(nodes)), ("connections", .object(connections)), ("pinData", .object(JSONObject())),
        ])
        return JSONValue.object(workflow).prettyJSON()
    }

    private static func pair(_ name: String, _ value: String) -> JSONValue {
        .object(JSONObject([("name", .string(name)), ("value", n8nText(value))]))
    }

    /// `text` as an n8n parameter that is only ever text: n8n evaluates a value that starts with `=` as an
    /// expression (JavaScript), so such a value becomes an expression that is a string literal of it.
    static func n8nText(_ text: String) -> JSONValue {
        guard text.hasPrefix("=") else { return .string(text) }
        // Braces escaped too, so that no `}}` in the text ends the expression.
        let literal = JSONValue.string(text).compactJSON().replacingAll("{", with: "\\u007b")
            .replacingAll("}", with: "\\u007d")
        return .string("={{ \(literal) }}")
    }

    /// A version-4-shaped UUID from an FNV-1a hash of `seed`: stable across runs and machines.
    static func stableUUID(_ seed: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in seed.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x100_0000_01b3 &+ 0x9e37_79b9
        }
        var hex = String(a, radix: 16).leftPadded(to: 16) + String(b, radix: 16).leftPadded(to: 16)
        hex = String(hex.prefix(12)) + "4" + String(hex.dropFirst(13).prefix(3)) + "a" + String(hex.dropFirst(17))
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-"
            + String(h[20..<32])
    }

    private static func indent(_ text: String, by prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
            i == 0 ? String(line) : prefix + line
        }.joined(separator: "\n")
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension String {
    func trimmingTrailingNewline() -> String {
        hasSuffix("\n") ? String(dropLast()) : self
    }

    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
