"""specvalidate diff as CI runs it: every report format read by its own parser or schema, exit codes,
git revisions (a document split over files included), severity and ignore files, bad input.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the executable.
"""
import copy
import json
import os
import pathlib
import subprocess

import jsonschema
import junitparser
import pytest
import yaml
from sarif_pydantic import Sarif

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
PUBLISHED = ROOT / "site" / "openapi" / "agentscode.openapi.yaml"
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "diff-report.schema.json").read_text())


def run(*args, cwd=None):
    return subprocess.run([BIN, "diff", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def changed(document):
    """The published AgentsCode document with one breaking change of each common kind and one addition."""
    revision = copy.deepcopy(document)
    paths = revision["paths"]
    history = next(p for p in paths if p.endswith("/history"))
    del paths[history]["get"]  # an operation removed (the path goes with it)
    if not [k for k in paths[history] if k in ("get", "post", "put", "delete", "patch")]:
        del paths[history]
    listing = paths["/agents"]["get"]
    listing.setdefault("parameters", []).append(
        {"name": "team", "in": "query", "required": True, "schema": {"type": "string"}})
    listing.setdefault("tags", []).append("Catalogue")
    return revision


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    document = yaml.safe_load(PUBLISHED.read_text())
    base = folder / "base.yaml"
    base.write_text(yaml.safe_dump(document, sort_keys=False))
    revision = folder / "revision.yaml"
    revision.write_text(yaml.safe_dump(changed(document), sort_keys=False))
    return str(base), str(revision)


def test_text_report_and_exit_codes(pair):
    base, revision = pair
    result = run(base, revision)
    assert result.returncode == 0, result.stderr
    assert "ERR api-path-removed-without-deprecation in GET /credits/history (getCreditHistory)" in result.stdout
    assert "ERR new-required-request-parameter in GET /agents (listAgents)" in result.stdout
    assert "INFO api-tag-added in GET /agents (listAgents)" in result.stdout
    assert "    base:     " + base + ":" in result.stdout
    assert result.stdout.rstrip().endswith("(INFO)")
    assert run(base, revision, "--fail-on", "ERR").returncode == 1
    assert run(base, revision, "--fail-on", "ERR", "--level", "INFO").returncode == 1
    # Against itself nothing is found, so nothing fails.
    same = run(base, base, "--fail-on", "INFO")
    assert same.returncode == 0 and "0 changes" in same.stdout


def test_json_report_passes_its_schema(pair):
    base, revision = pair
    result = run(base, revision, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(REPORT_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(report)
    levels = [change["level"] for change in report["changes"]]
    assert levels == sorted(levels, key=["ERR", "WARN", "INFO"].index), "breaking changes first"
    assert report["summary"]["err"] == levels.count("ERR") > 0
    fingerprints = [change["fingerprint"] for change in report["changes"]]
    assert len(set(fingerprints)) == len(fingerprints)
    removed = next(c for c in report["changes"] if c["id"] == "api-path-removed-without-deprecation")
    assert removed["operation"] == {"method": "GET", "path": "/credits/history", "operationId": "getCreditHistory"}
    assert removed["base"]["file"] == base and removed["base"]["line"] > 1
    assert removed["revision"]["pointer"] == "/paths"


def test_junit_report_reads_in_junitparser(pair, tmp_path):
    base, revision = pair
    out = tmp_path / "diff.xml"
    result = run(base, revision, "--format", "junit", "--output", str(out), "--fail-on", "WARN")
    assert result.returncode == 1
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = list(xml)
    cases = [case for suite in suites for case in suite]
    report = json.loads(run(base, revision, "--format", "json").stdout)
    assert len(cases) == len(report["changes"])
    failed = [case for case in cases if not case.is_passed]
    assert len(failed) == report["summary"]["err"] + report["summary"]["warn"]
    assert all(case.result[0].type in ("ERR", "WARN") for case in failed)


def test_sarif_report_reads_in_a_sarif_model(pair):
    base, revision = pair
    result = run(base, revision, "--format", "sarif")
    sarif = Sarif.model_validate(json.loads(result.stdout))
    run_ = sarif.runs[0]
    rules = [rule.id for rule in run_.tool.driver.rules]
    assert len(rules) == len(set(rules))
    for r in run_.results:
        assert r.rule_id in rules
        assert r.rule_id == rules[r.rule_index]
        assert str(r.level.value if hasattr(r.level, "value") else r.level) in ("error", "warning", "note")
        assert len(r.partial_fingerprints["specvalidateDiff/v1"]) == 16
        assert r.locations[0].physical_location.region.start_line >= 1
    assert any(str(getattr(r.level, "value", r.level)) == "error" for r in run_.results)


def test_github_and_markdown_reports(pair):
    base, revision = pair
    github = run(base, revision, "--format", "github").stdout.splitlines()
    assert any(line.startswith("::error file=" + base + ",line=") and "title=api-path-removed-without-deprecation::" in line
               for line in github)
    assert any(line.startswith("::notice ") for line in github)
    markdown = run(base, revision, "--format", "markdown").stdout
    assert "## Breaking changes" in markdown and "## Other changes" in markdown
    assert "| `GET /agents` |" in markdown


def test_severity_ignore_and_version_files(pair, tmp_path):
    base, revision = pair
    levels = tmp_path / "levels.txt"
    levels.write_text("new-required-request-parameter warn\napi-path-removed-without-deprecation none\n")
    report = json.loads(run(base, revision, "--format", "json", "--severity", str(levels)).stdout)
    ids = {c["id"]: c["level"] for c in report["changes"]}
    assert ids["new-required-request-parameter"] == "WARN" and "api-path-removed-without-deprecation" not in ids
    first = json.loads(run(base, revision, "--format", "json").stdout)["changes"]
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# accepted\n" + "\n".join(c["fingerprint"] for c in first if c["level"] == "ERR") + "\n")
    result = run(base, revision, "--ignore", str(ignore), "--fail-on", "ERR")
    assert result.returncode == 0, result.stdout
    checked = run(base, revision, "--check-version", "--fail-on", "ERR", "--format", "json")
    versions = [c for c in json.loads(checked.stdout)["changes"] if c["id"] == "api-version-not-bumped"]
    assert checked.returncode == 1 and versions and versions[0]["level"] == "ERR"
    bad = tmp_path / "bad.txt"
    bad.write_text("new-required-request-parameter sometimes\n")
    result = run(base, revision, "--severity", str(bad))
    assert result.returncode == 2
    assert f"{bad}:1:32: unknown level 'sometimes'" in result.stderr


def git(repo, *args):
    subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI", *args], cwd=repo, check=True,
                   capture_output=True)


def test_git_revisions_of_a_document_split_over_files(tmp_path):
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    git(repo, "init", "-q")
    entry = {
        "openapi": "3.1.0", "info": {"title": "T", "version": "1.0.0"},
        "paths": {"/things": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "schemas.yaml#/Thing"}}}}}}}},
    }
    (repo / "api" / "openapi.yaml").write_text(yaml.safe_dump(entry))
    thing = {"Thing": {"type": "object", "required": ["id", "name"],
                       "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}
    (repo / "api" / "schemas.yaml").write_text(yaml.safe_dump(thing))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    thing["Thing"]["required"] = ["id"]
    (repo / "api" / "schemas.yaml").write_text(yaml.safe_dump(thing))
    git(repo, "commit", "-qam", "v2")
    result = run("git:HEAD~1:api/openapi.yaml", "git:HEAD:api/openapi.yaml", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    became = [c for c in changes if c["id"] == "response-property-became-optional"]
    assert len(became) == 1, changes
    assert became[0]["base"]["file"] == "git:HEAD~1:api/schemas.yaml"
    assert became[0]["revision"]["file"] == "git:HEAD:api/schemas.yaml"
    # The working tree against the last commit: no change.
    assert json.loads(run("git:HEAD:api/openapi.yaml", "api/openapi.yaml", "--format", "json",
                          cwd=repo).stdout)["changes"] == []
    missing = run("git:v9:api/openapi.yaml", "api/openapi.yaml", cwd=repo)
    assert missing.returncode == 2 and "git has no revision 'v9'" in missing.stderr
    nofile = run("git:HEAD:api/none.yaml", "api/openapi.yaml", cwd=repo)
    assert nofile.returncode == 2 and "git has no file 'api/none.yaml'" in nofile.stderr


@pytest.mark.parametrize("text,message", [
    ("- just\n- a list\n", "not an OpenAPI document: the file holds an array"),
    ("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n", "a Swagger 2.0 document"),
    ("title: not an api\n", "not an OpenAPI document: it has no 'openapi' version"),
    ("openapi: 3.1.0\npaths: [unclosed\n", "base.yaml:3:1: not valid YAML"),
])
def test_unreadable_sides_exit_2_with_a_message(tmp_path, text, message):
    bad = tmp_path / "base.yaml"
    bad.write_text(text)
    result = run(str(bad), str(PUBLISHED))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
    missing = run(str(tmp_path / "nowhere.yaml"), str(PUBLISHED))
    assert missing.returncode == 2 and "nowhere.yaml" in missing.stderr


def test_list_rules_names_oasdiff_rules_with_levels():
    result = subprocess.run([BIN, "diff", "--list-rules"], capture_output=True, text=True, timeout=60)
    rules = dict(line.split() for line in result.stdout.splitlines())
    assert rules["api-path-removed-without-deprecation"] == "ERR"
    assert rules["request-parameter-removed"] == "WARN"
    assert rules["endpoint-added"] == "INFO"
    assert len(rules) > 300


def test_a_reference_that_cannot_be_followed_is_reported_and_the_rest_compared(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text('openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n'
                      '        "200": {$ref: "missing.yaml#/R"}\n')
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text('openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n'
                     '        "200": {description: ok}\n  /b:\n    get:\n      responses:\n        "200": {description: ok}\n')
    result = run(str(broken), str(fixed))
    assert result.returncode == 0
    assert f"{broken}:7:17: error: " in result.stderr and "[invalid-ref]" in result.stderr
    assert "INFO endpoint-added in GET /b" in result.stdout
