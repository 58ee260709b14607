"""specvalidate's command line, run as users and CI run it: exit codes, output lines, streams.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the executable.
"""
import json
import os
import pathlib
import subprocess

import pytest

from testdata import lint_json, shared_dir


ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
SPEC = str(ROOT / "site" / "openapi" / "agentscode.openapi.yaml")
RUN_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["jobId", "status"],
    "properties": {
        "jobId": {"type": "string", "format": "uuid"},
        "status": {"enum": ["queued", "active", "completed", "failed"]},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
    },
}


GOOD = '{"jobId": "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17", "status": "active", "progress": 40}'


def run(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=60)


@pytest.fixture()
def schema(tmp_path):
    path = tmp_path / "run.schema.json"
    path.write_text(json.dumps(RUN_SCHEMA))
    return str(path)


def test_instance_valid_and_invalid(schema, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(GOOD)
    result = run("instance", "--schema", schema, str(good))
    assert (result.returncode, result.stdout) == (0, "1: valid\n")
    result = run("instance", "--schema", schema, "-", stdin='{"jobId": "job_123", "status": "done"}')
    assert result.returncode == 1
    assert result.stdout == '1: invalid: /jobId: "job_123" is not a valid uuid (+1 more)\n'


def test_instance_json_output_is_the_basic_format(schema):
    result = run("instance", "--schema", schema, "--format", "json", "-", stdin='{"jobId": 1, "status": "queued"}')
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "valid": False,
        "errors": [{
            "keywordLocation": "/properties/jobId/type",
            "absoluteKeywordLocation": "file://" + schema + "#/properties/jobId/type",
            "instanceLocation": "/jobId",
            "error": '1 is not of type "string"',
        }],
    }


def test_jsonl_one_line_per_instance(schema, tmp_path):
    lines = [GOOD, '{"jobId": "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17", "status": "active", "progress": 101}', GOOD]
    data = tmp_path / "runs.jsonl"
    data.write_text("\n".join(lines) + "\n")
    result = run("instance", "--schema", schema, "--jsonl", str(data))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "1: valid",
        "2: invalid: /progress: 101 is greater than the maximum of 100",
        "3: valid",
    ]
    junit = run("instance", "--schema", schema, "--jsonl", "--format", "junit", str(data))
    assert junit.returncode == 1
    assert 'tests="3" failures="1"' in junit.stdout


def test_jsonl_gives_the_same_verdicts_on_any_number_of_cores(schema, tmp_path):
    # Enough lines for several batches and both workers; every tenth is invalid, every 97th not JSON.
    bad = '{"jobId": "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17", "status": "active", "progress": 101}'
    lines = [("{" if i % 97 == 0 else bad if i % 10 == 0 else GOOD) for i in range(1, 10_001)]
    data = tmp_path / "many.jsonl"
    data.write_text("\n".join(lines) + "\n")
    outputs = [run("instance", "--schema", schema, "--jsonl", *jobs, str(data)) for jobs in ([], ["--jobs", "1"], ["--jobs", "3"])]
    assert {o.returncode for o in outputs} == {2}
    assert outputs[0].stdout == outputs[1].stdout == outputs[2].stdout
    verdicts = outputs[0].stdout.splitlines()
    assert len(verdicts) == 10_000
    assert verdicts[9] == "10: invalid: /progress: 101 is greater than the maximum of 100"
    assert verdicts[96].startswith("97: error: not JSON")
    assert verdicts[0] == "1: valid"
    refused = run("instance", "--schema", schema, "--jsonl", "--jobs", "0", str(data))
    assert refused.returncode == 2
    assert "--jobs wants 1 or more, got 0" in refused.stderr


def test_jsonl_reports_a_malformed_line_and_exits_2(schema):
    result = run("instance", "--schema", schema, "--jsonl", "-", stdin=GOOD + "\n{\"jobId\": \n")
    assert result.returncode == 2
    assert result.stdout.splitlines() == ["1: valid", "2: error: not JSON: column 11: unexpected end of input, expected a JSON value"]


def test_format_assertion_can_be_switched_off(schema):
    result = run("instance", "--schema", schema, "--annotate-formats", "-", stdin='{"jobId": "x", "status": "queued"}')
    assert (result.returncode, result.stdout) == (0, "1: valid\n")


def test_resource_map_resolves_remote_refs(tmp_path):
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "status.json").write_text('{"enum": ["queued", "active"]}')
    schema = tmp_path / "s.json"
    schema.write_text('{"$ref": "https://schemas.example.com/status.json"}')
    mapping = "https://schemas.example.com/=" + str(tmp_path / "defs")
    ok = run("instance", "--schema", str(schema), "--resource-map", mapping, "-", stdin='"queued"')
    assert ok.returncode == 0
    bad = run("instance", "--schema", str(schema), "--resource-map", mapping, "-", stdin='"done"')
    assert bad.stdout == '1: invalid: (root): "done" is not one of "queued", "active"\n'
    unresolved = run("instance", "--schema", str(schema), "-", stdin='"queued"')
    assert unresolved.returncode == 2
    assert 'no schema is known at "https://schemas.example.com/status.json"' in unresolved.stderr


def test_unreadable_input_exits_2_with_location(schema, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "jobId": tru\n}')
    result = run("instance", "--schema", schema, str(broken))
    assert result.returncode == 2
    assert result.stderr == f"specvalidate: error: {broken}:2:12: unexpected 't', expected a JSON value\n"
    missing = run("instance", "--schema", str(tmp_path / "nope.json"), str(broken))
    assert missing.returncode == 2
    assert "cannot read the file" in missing.stderr


def test_bad_usage_exits_2():
    result = run("response", "--spec", SPEC, "--operation", "getAgentRun", "--status", "999")
    assert result.returncode == 2
    assert "--status must be 100–599, got 999" in result.stderr
    result = run("instance", "--schema", SPEC, "--resource-map", "nonsense", "-", stdin="1")
    assert result.returncode == 2
    assert "--resource-map wants URL_PREFIX=DIR, got 'nonsense'" in result.stderr


def test_response_command(tmp_path):
    body = tmp_path / "body.json"
    body.write_text('{"jobId": "job_123", "status": "completed", "progress": 100}')
    result = run("response", "--spec", SPEC, "--operation", "getAgentRun", "--status", "200", str(body))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'getAgentRun 200: /jobId: error: "job_123" is not a valid uuid [response-body]',
        "getAgentRun 200: invalid (1 errors)",
    ]
    ok = run("response", "--spec", SPEC, "--operation", "getAgentRun", "--status", "401",
             "--header", 'WWW-Authenticate: Bearer realm="agentscode"', "-",
             stdin='{"error": {"code": "unauthorized", "message": "no key"}}')
    assert (ok.returncode, ok.stdout) == (0, "getAgentRun 401: valid\n")
    unknown = run("response", "--spec", SPEC, "--operation", "nope", "--status", "200")
    assert unknown.returncode == 2
    assert 'has no operation "nope"' in unknown.stderr


def test_har_command_with_github_annotations():
    har = ROOT / "Tests" / "SpecCheckTests" / "Fixtures" / "agentscode-session.har"
    result = run("har", "--spec", SPEC, "--format", "github", str(har))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 4
    assert sum(line.startswith("::warning ") for line in lines) == 1


@pytest.mark.parametrize("name", ["agentscode", "openagents"])
def test_lint_is_clean_on_both_documents(name):
    for ext in ("yaml", "json"):
        # With the house rules on: every operation named, answered and secured.
        result = run("lint", "--spec", str(ROOT / "site" / "openapi" / f"{name}.openapi.{ext}"), "--ruleset",
                     str(ROOT / "lint-house.yaml"))
        assert result.returncode == 0, result.stdout
        assert result.stdout.endswith(": 0 errors, 0 warnings\n")


def test_lint_finds_the_defects_of_a_third_party_document():
    openai = shared_dir() / "testdata" / "openai-openapi" / "openapi.yaml"
    status, report = lint_json(openai)
    assert status == 1
    rules = {case["name"] for case in report["cases"]}
    assert "oas3-valid-schema-example" in rules
    assert report["summary"]["errors"] > 0


def test_lint_reads_yaml_1_2_and_keeps_times_as_strings():
    # Redocly's museum example has `example: 18:00` for a `type: string`: YAML 1.1 made it 1080.
    museum = shared_dir() / "testdata" / "real-openapi" / "redocly-museum.yaml"
    assert "example: 18:00\n" in museum.read_text()
    result = run("lint", "--spec", str(museum))
    assert result.returncode == 0, result.stdout
    assert "1080" not in result.stdout


def test_lint_reports_each_value_openapikit_cannot_read_and_goes_on():
    # OpenAI's 3.1 document: `maximum: 9223372036854776000` (past Int64, valid JSON Schema) is read, and the
    # 3.0-style `exclusiveMinimum: true` its authors left in seven schemas is reported at each place, once
    # (the schema check finds it; OpenAPIKit, which cannot decode it, goes on past it without repeating it),
    # without hiding the structural findings behind it.
    openai = shared_dir() / "testdata" / "openai-openapi" / "openapi.yaml"
    lines = openai.read_text().splitlines()
    findings = [f for case in lint_json(openai)[1]["cases"] for f in case["findings"]
                if f["rule"] in ("oas3-schema", "openapikit")]
    assert not [f for f in findings if "maximum" in f["message"] or "minimum`" in f["message"]]
    exclusive = [f for f in findings if f["pointer"].endswith("/exclusiveMinimum")]
    assert len(exclusive) == 7
    for finding in exclusive:
        assert finding["rule"] == "oas3-schema"
        assert lines[finding["line"] - 1].strip() == "exclusiveMinimum: true"
        assert finding["message"] == 'not a JSON Schema 2020-12 schema: true is not of type "number"'
    assert len(findings) > len(exclusive)


def test_docgen_shows_yaml_1_2_times_as_written(tmp_path):
    museum = shared_dir() / "testdata" / "real-openapi" / "redocly-museum.yaml"
    docgen = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))
    result = subprocess.run([docgen, "build", "--spec", str(museum), "--content", str(tmp_path), "--output",
                             str(tmp_path / "site")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "redocly-museum" / "schemas" / "MuseumDailyHours.html").read_text()
    assert "&quot;18:00&quot;" in page or '"18:00"' in page
    assert "1080" not in page
