import OpenAPIDocument
import Foundation
import JSONCore
import SpecCheck
import SpecIO
import SpecModel
import Testing

/// The built-in documents as JSON, the way `specvalidate` reads the published files.
func builtInContract(_ id: String) throws -> OpenAPIContract {
    let api = try #require(APICatalog.api(named: id))
    let file = try #require(try SpecPublisher.files(for: [api]).first { $0.name.hasSuffix(".json") })
    return try OpenAPIContract(document: JSONParser().parse(file.contents))
}

/// Lints a document held in memory, as `specvalidate lint` lints a file.
func lint(_ text: String, name: String) throws -> [Diagnostic] {
    SpecLinter.lint(try SpecDocument.load(bytes: Array(text.utf8), name: name))
}

@Suite struct LintTests {
    @Test(arguments: ["agentscode", "openagents"])
    func builtInDocumentsLintClean(id: String) throws {
        for file in try SpecPublisher.files(for: [#require(APICatalog.api(named: id))]) {
            #expect(try lint(file.contents, name: file.name) == [])
        }
    }

    @Test func everyExampleIsChecked() throws {
        // Negative control: the seed's fake job id, put back into an example, is caught with its location.
        let api = try #require(APICatalog.api(named: "agentscode"))
        let file = try #require(try SpecPublisher.files(for: [api]).first { $0.name.hasSuffix(".json") })
        let broken = file.contents.replacingOccurrences(
            of: "\"jobId\": \"3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17\"", with: "\"jobId\": \"job_123\"")
        #expect(broken != file.contents)
        let findings = try lint(broken, name: file.name)
        #expect(!findings.isEmpty)
        #expect(
            findings.allSatisfy {
                $0.message == #""job_123" is not a valid uuid"# && $0.pointer?.hasSuffix("/jobId") == true
            })
        #expect(
            findings.contains {
                $0.rule == "oas3-valid-schema-example" && $0.pointer == "/components/schemas/AgentRun/examples/0/jobId"
            })
        #expect(findings.contains { $0.rule == "oas3-valid-media-example" })
    }

    @Test func brokenReferencesAndDuplicateIds() throws {
        let text = """
            {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {
              "/a": {"get": {"operationId": "same", "responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}},
              "/b": {"get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}}}}
            """
        let findings = try lint(text, name: "x.json").filter { $0.rule != "oas3-schema" }
        #expect(
            findings.map(\.description).contains(
                ##"x.json:3:49#/paths/~1a/get/responses/200/content/application~1json/schema/$ref: error: "#/components/schemas/Missing" does not resolve to anything in the document [invalid-ref]"##
            ))
        #expect(
            findings.map(\.description).contains(
                #"x.json:4:18#/paths/~1b/get/operationId: error: operationId "same" is also used at /paths/~1a/get [operation-operationId-unique]"#
            ))
    }
}

@Suite struct ResponseCheckTests {
    let contract: OpenAPIContract
    let getAgentRun: OpenAPIContract.Operation

    init() throws {
        contract = try builtInContract("agentscode")
        getAgentRun = try #require(contract.operation(id: "getAgentRun"))
    }

    func response(
        _ status: Int, _ body: String, contentType: String = "application/json", headers: [(String, String)] = []
    )
        -> APIResponse
    {
        APIResponse(
            status: status, headers: [("Content-Type", contentType)] + headers.map { (name: $0.0, value: $0.1) },
            body: Array(body.utf8))
    }

    @Test func aConformingResponsePasses() {
        let ok = response(
            200,
            #"{"jobId": "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17", "status": "completed", "progress": 100, "result": {}}"#)
        #expect(contract.check(response: ok, of: getAgentRun) == [])
    }

    @Test func bodyErrorsPointIntoTheBody() {
        let bad = response(200, #"{"jobId": "job_123", "status": "running", "progress": 140}"#)
        #expect(
            contract.check(response: bad, of: getAgentRun).map(\.description) == [
                #"/jobId: error: "job_123" is not a valid uuid [response-body]"#,
                #"/status: error: "running" is not one of "queued", "active", "completed", "failed", "cancelled" [response-body]"#,
                "/progress: error: 140 is greater than the maximum of 100 [response-body]",
            ])
    }

    @Test func undocumentedStatusAndContentType() {
        let teapot = response(418, "{}")
        #expect(
            contract.check(response: teapot, of: getAgentRun).map(\.message) == [
                "status 418 is not documented for getAgentRun (documented: 200, 400, 401, 404, 429, 500)"
            ])
        let html = response(200, "<html></html>", contentType: "text/html; charset=utf-8")
        #expect(
            contract.check(response: html, of: getAgentRun).map(\.message) == [
                #"content type "text/html; charset=utf-8" is not documented for status 200 of getAgentRun (documented: application/json)"#
            ])
        let notJSON = response(200, "{\"jobId\": ")
        #expect(
            contract.check(response: notJSON, of: getAgentRun).map(\.message) == [
                "the body of status 200 of getAgentRun is not JSON: line 1, column 11: unexpected end of input, expected a JSON value"
            ])
    }

    /// Answers are checked with plans kept per operation, status and content type: a contract that has
    /// seen other statuses and content types finds what a new one finds, in any order.
    @Test func keptPlansAnswerAsNewOnes() throws {
        let answers = [
            response(200, #"{"jobId": "job_123", "status": "running"}"#),
            response(200, "<html></html>", contentType: "text/html"),
            response(418, "{}"),
            response(200, #"{"jobId": "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17", "status": "completed"}"#),
            response(200, "{}", contentType: "application/json; charset=utf-8"),
            response(401, "{}"),
            response(200, "<html></html>", contentType: "text/html"),
        ]
        for answer in answers + answers.reversed() {
            let fresh = try builtInContract("agentscode")
            let operation = try #require(fresh.operation(id: "getAgentRun"))
            #expect(contract.check(response: answer, of: getAgentRun) == fresh.check(response: answer, of: operation))
        }
        #expect(contract.check(response: answers[3], of: getAgentRun) == [])
        #expect(contract.check(response: answers[0], of: getAgentRun).count == 2)
    }

    @Test func requiredHeaders() {
        let body = #"{"error": {"code": "unauthorized", "message": "Send your API key."}}"#
        let findings = contract.check(response: response(401, body), of: getAgentRun)
        #expect(findings.map(\.rule) == ["response-header"])
        #expect(
            findings.first?.message == #"required header "WWW-Authenticate" is missing from status 401 of getAgentRun"#)
        #expect(
            contract.check(
                response: response(401, body, headers: [("www-authenticate", #"Bearer realm="agentscode""#)]),
                of: getAgentRun) == [])
    }
}

@Suite struct HARTests {
    @Test func matchesEntriesAndReportsEachDefect() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/agentscode-session", withExtension: "har"))
        let har = try SourceFile.read(path: url.path).value
        let checker = HARChecker(contract: try builtInContract("agentscode"))
        let cases = checker.check(har: har, name: "session.har")
        #expect(
            cases.map(\.name) == [
                "entry 1: GET /v1/agents/event-scheduler/3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17 (getAgentRun)",
                "entry 2: GET /v1/agents/event-scheduler/job_123 (getAgentRun)",
                "entry 3: GET /v1/credits/balance (getCreditBalance)",
                "entry 4: DELETE /v1/agents",
            ])
        #expect(cases[0].findings == [])
        #expect(cases[1].findings.map(\.pointer) == ["/jobId", "/status", "/progress"])
        #expect(cases[2].findings.map(\.rule) == ["response-header"])
        #expect(cases[3].findings.map(\.rule) == ["har-unmatched"])
        #expect(cases[3].passed)
        let report = Report(tool: "specvalidate har", cases: cases)
        #expect(report.failures == 2)
    }

    @Test func templatesPreferLiteralSegments() {
        #expect(PathTemplate("/credits/{id}").match("/credits/balance") == ["id": "balance"])
        #expect(PathTemplate("/credits/balance").specificity > PathTemplate("/credits/{id}").specificity)
        #expect(PathTemplate("/a/{x}.{ext}").match("/a/file.json") == ["x": "file", "ext": "json"])
        #expect(PathTemplate("/a/{x}").match("/a/") == nil)
        #expect(PathTemplate("/a/{x}").match("/a/b/c") == nil)
    }
}

@Suite struct ReportTests {
    let report = Report(
        tool: "specvalidate test",
        cases: [
            Report.Case(name: "getAgentRun 200", group: "a.yaml", findings: []),
            Report.Case(
                name: "getAgentRun 418", group: "a.yaml",
                findings: [
                    Diagnostic(
                        severity: .error, rule: "response-status", pointer: "/x",
                        message: "status 418 <is> \"undocumented\", sadly")
                ]),
        ])

    @Test func junit() {
        #expect(
            report.render(.junit) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="specvalidate test" tests="2" failures="1">
                  <testsuite name="a.yaml" tests="2" failures="1">
                    <testcase name="getAgentRun 200" classname="a.yaml"/>
                    <testcase name="getAgentRun 418" classname="a.yaml">
                      <failure message="/x: error: status 418 &lt;is&gt; &quot;undocumented&quot;, sadly [response-status]" type="response-status">/x: error: status 418 &lt;is&gt; &quot;undocumented&quot;, sadly [response-status]</failure>
                    </testcase>
                  </testsuite>
                </testsuites>

                """)
    }

    @Test func githubAnnotations() {
        #expect(
            report.render(.github)
                == "::error file=a.yaml,title=response-status::getAgentRun 418: /x: error: status 418 <is> \"undocumented\", sadly [response-status]\n"
        )
    }

    @Test func sarifAndJSON() throws {
        let sarif = try JSONParser().parse(report.render(.sarif))
        #expect(sarif["version"] == "2.1.0")
        #expect(sarif["runs"]?.value(at: JSONPointer("/0/results/0/ruleId")!) == "response-status")
        #expect(
            sarif["runs"]?.value(at: JSONPointer("/0/results/0/locations/0/logicalLocations/0/fullyQualifiedName")!)
                == "/x")
        let json = try JSONParser().parse(report.render(.json))
        #expect(json["summary"] == ["checked": 2, "failed": 1, "errors": 1, "warnings": 0])
    }
}
