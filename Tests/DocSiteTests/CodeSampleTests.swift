import DocSite
import Foundation
import JSONCore
import OpenAPIDocument
import Testing

@Suite struct CodeSampleTests {
    func request(_ api: String, _ operation: String) throws -> SampleRequest {
        let document = try #require(try SiteFixtures.builtInAPIs().first { $0.id == api })
        let op = try #require(document.operations.first { $0.id == operation })
        return ReferenceBuilder(api: document).sampleRequest(for: op)
    }

    @Test func runAgentRequestComesFromTheDocument() throws {
        let r = try request("agentscode", "runAgent")
        #expect(r.method == "POST")
        #expect(r.url == "https://api.agentscode.dev/v1/agents/event-scheduler")
        #expect(r.headers.map { "\($0.name): \($0.value)" } == ["Authorization: Bearer YOUR_API_KEY"])
        guard case .json(let body)? = r.body else {
            Issue.record("expected a JSON body")
            return
        }
        #expect(body["input"] == .string("Book an appointment for tomorrow with Jeff at 10am"))
    }

    @Test func curlSample() throws {
        let code = CodeSamples.curl(try request("agentscode", "runAgent"))
        #expect(
            code == """
                curl --request POST \\
                  --url 'https://api.agentscode.dev/v1/agents/event-scheduler' \\
                  --header 'Authorization: Bearer YOUR_API_KEY' \\
                  --header 'Content-Type: application/json' \\
                  --data-raw '{
                  "input": "Book an appointment for tomorrow with Jeff at 10am"
                }'

                """)
    }

    @Test func uploadSamplesSendMultipart() throws {
        let r = try request("openagents", "addAgentFile")
        let curl = CodeSamples.curl(r)
        #expect(curl.contains("--form 'file=@example.txt'"))
        #expect(curl.contains("--form-string 'description="))
        #expect(CodeSamples.python(r).contains(#"files = {"#))
        #expect(CodeSamples.javascript(r).contains("new FormData()"))
    }

    @Test func n8nWorkflowIsImportableJSON() throws {
        let r = try request("agentscode", "runAgent")
        let text = CodeSamples.n8n(r, name: "agentscode/runAgent")
        let workflow = try JSONParser().parse(Array(text.utf8))
        let nodes = try #require(workflow["nodes"]?.arrayValue)
        #expect(nodes.count == 2)
        #expect(nodes[0]["type"] == .string("n8n-nodes-base.manualTrigger"))
        let http = nodes[1]
        #expect(http["type"] == .string("n8n-nodes-base.httpRequest"))
        #expect(http["parameters"]?["method"] == .string("POST"))
        #expect(http["parameters"]?["url"] == .string(r.url))
        let body = try #require(http["parameters"]?["jsonBody"]?.stringValue)
        #expect(try JSONParser().parse(Array(body.utf8))["input"] != nil)
        let trigger = try #require(nodes[0]["name"]?.stringValue)
        #expect(
            workflow["connections"]?[trigger]?["main"]?.arrayValue?.first?.arrayValue?.first?["node"]
                == .string("HTTP Request"))
        // Stable ids: the same operation always gives the same workflow.
        #expect(text == CodeSamples.n8n(r, name: "agentscode/runAgent"))
    }

    /// An upload's workflow reads the file before it sends it: the HTTP Request node's binary field is the one
    /// the Read/Write Files node puts its file in (a Manual Trigger makes none).
    @Test func n8nUploadReadsTheFileItSends() throws {
        let r = SampleRequest(
            method: "POST", url: "https://x.example/files", headers: [],
            body: .multipart([("purpose", "notes", false), ("file", "example.txt", true)]))
        let workflow = try JSONParser().parse(Array(CodeSamples.n8n(r, name: "x/upload").utf8))
        let nodes = try #require(workflow["nodes"]?.arrayValue)
        #expect(nodes.map { $0["type"]?.stringValue ?? "" } == [
            "n8n-nodes-base.manualTrigger", "n8n-nodes-base.readWriteFile", "n8n-nodes-base.httpRequest",
        ])
        #expect(nodes[1]["parameters"]?["fileSelector"] == "example.txt")
        let made = try #require(nodes[1]["parameters"]?["options"]?["dataPropertyName"])
        let fields = try #require(nodes[2]["parameters"]?["bodyParameters"]?["parameters"]?.arrayValue)
        #expect(fields.first { $0["name"] == "file" }?["inputDataFieldName"] == made)
        #expect(fields.first { $0["name"] == "purpose" }?["value"] == "notes")
        let names = nodes.compactMap { $0["name"]?.stringValue }
        for (from, to) in zip(names, names.dropFirst()) {
            #expect(workflow["connections"]?[from]?["main"]?.arrayValue?.first?.arrayValue?.first?["node"] == .string(to))
        }
    }

    @Test func shellQuotingSurvivesQuotes() {
        let r = SampleRequest(method: "POST", url: "https://x.example/a", headers: [], body: .json(.string("it's")))
        #expect(CodeSamples.curl(r).contains(#"--data-raw '"it'\''s"'"#))
    }

    /// Examples written by whoever wrote the document are sent as text: curl reads `@file` and `<file`
    /// in --data and --form values and expands ranges in URLs; n8n runs a value that starts with `=`.
    @Test func hostileExamplesAreSentAsText() throws {
        let upload = SampleRequest(
            method: "POST", url: "https://x.example/files/[1-3]", headers: [],
            body: .multipart([
                ("title", "@/etc/hostname", false), ("notes", "<secrets.txt", false), ("file", "example.txt", true),
            ]))
        let curl = CodeSamples.curl(upload)
        #expect(curl.contains("--globoff"))
        #expect(curl.contains("--form-string 'title=@/etc/hostname'"))
        #expect(curl.contains("--form-string 'notes=<secrets.txt'"))
        #expect(curl.contains("--form 'file=@example.txt'"))
        let text = SampleRequest(
            method: "POST", url: "https://x.example/a", headers: [], body: .text("@f", contentType: "text/plain"))
        #expect(CodeSamples.curl(text).contains("--data-raw '@f'"))
        let form = SampleRequest(
            method: "POST", url: "https://x.example/a", headers: [], body: .form([("user@host", "v"), ("plain", "@x")]))
        let formCurl = CodeSamples.curl(form)
        #expect(formCurl.contains("--data-raw 'user%40host=v'"))
        #expect(formCurl.contains("--data-urlencode 'plain=@x'"))
        let expression = SampleRequest(
            method: "POST", url: "https://x.example/a", headers: [],
            body: .text("={{ $env.SECRET }}", contentType: "text/plain"))
        let workflow = try JSONParser().parse(Array(CodeSamples.n8n(expression, name: "x").utf8))
        #expect(
            workflow["nodes"]?.arrayValue?[1]["parameters"]?["body"]
                == .string(#"={{ "=\u007b\u007b $env.SECRET \u007d\u007d" }}"#))
    }
}
