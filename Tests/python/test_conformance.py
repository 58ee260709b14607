"""`specvalidate run` against the mock as processes, and Schemathesis's verdict on the mock.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the specvalidate executable.
"""
import json
import os
import pathlib
import subprocess
import xml.etree.ElementTree as ET

import pytest

from test_mock import Mock, mock  # noqa: F401  (the fixture)

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPECVALIDATE = os.path.abspath(
    os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate")))
DOCUMENTS = {"agentscode": ("site/openapi/agentscode.openapi.yaml", "/v1"),
             "openagents": ("site/openapi/openagents.openapi.yaml", "/api/v1")}


def run(*args, timeout=300):
    return subprocess.run([SPECVALIDATE, "run", *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.mark.parametrize("api", sorted(DOCUMENTS))
def test_every_check_passes_against_the_mock(mock, api, tmp_path):  # noqa: F811
    server = mock("--job-duration", "0.2")
    spec, prefix = DOCUMENTS[api]
    result = run("--spec", spec, "--base-url", server.base + prefix, "--token", "sk_test_mock",
                 "--poll-interval", "0.05")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed; " in result.stdout
    assert "link " in result.stdout and "pagination (" in result.stdout

    junit = tmp_path / "run.xml"
    result = run("--spec", spec, "--base-url", server.base + prefix, "--token", "sk_test_mock",
                 "--poll-interval", "0.05", "--format", "junit", "--output", str(junit))
    assert result.returncode == 0, result.stdout + result.stderr
    suites = ET.parse(junit).getroot()
    cases = suites.findall(".//testcase")
    assert len(cases) > 15 and suites.get("failures") == "0"
    assert all(case.get("name") for case in cases)


def test_a_wrong_key_fails_and_reports_each_check(mock):  # noqa: F811
    server = mock("--job-duration", "0.2")
    # The run's own key is refused, so every positive check fails with the operation, status and body.
    result = run("--spec", DOCUMENTS["agentscode"][0], "--base-url", server.base + "/v1", "--token", "wrong",
                 "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    failed = {case["name"] for case in report["cases"] if not case["passed"]}
    assert "listAgents positive" in failed
    listing = next(case for case in report["cases"] if case["name"] == "listAgents positive")
    assert any("answered 401" in f["message"] for f in listing["findings"])

    result = run("--spec", DOCUMENTS["agentscode"][0], "--base-url", server.base + "/v1", "--token", "wrong",
                 "--format", "github")
    assert result.returncode == 1
    assert "::error" in result.stdout and "listAgents positive" in result.stdout


def test_bad_usage_and_unreachable_servers_exit_2(tmp_path):
    assert run("--spec", "/nonexistent.yaml", "--base-url", "http://127.0.0.1:9/").returncode == 2
    result = run("--spec", DOCUMENTS["agentscode"][0], "--base-url", "ftp://x")
    assert result.returncode == 2 and "--base-url must start with http:// or https://" in result.stderr
    result = run("--spec", DOCUMENTS["agentscode"][0], "--base-url", "http://127.0.0.1:9/v1", "--only", "nope")
    assert result.returncode == 2 and 'no operation "nope"' in result.stderr
    # A refused connection fails each request at once: the run must not wait out 2 s per case (22 of them).
    result = run("--spec", DOCUMENTS["agentscode"][0], "--base-url", "http://127.0.0.1:9/v1", "--token", "k",
                 "--request-timeout", "2", timeout=20)
    assert result.returncode == 2 and "cannot reach http://127.0.0.1:9/v1" in result.stderr


@pytest.mark.parametrize("api", sorted(DOCUMENTS))
def test_schemathesis_finds_nothing_in_the_mock(mock, api):  # noqa: F811
    """A peer's verdict: Schemathesis with all its default checks and phases (examples, coverage,
    fuzzing, stateful through the documents' links) against the mock."""
    server = mock("--job-duration", "0.2", "--credits", "100000000", "--quiet")
    spec, prefix = DOCUMENTS[api]
    result = subprocess.run(
        ["st", "--config-file", str(ROOT / "Tests" / "schemathesis" / f"{api}.toml"), "run", spec,
         "--url", server.base + prefix, "-H", "Authorization: Bearer sk_test_mock", "--max-examples", "30",
         "--seed", "1"],
        capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
