"""A peer's verdict on the generic mock: Schemathesis against `specvalidate mock --spec` of three of the largest
public documents (OpenAI's 3 MB, Twilio's 1.5 MB, Discord's 1.2 MB), every default check on, the
exceptions each configuration in Tests/schemathesis/ gives with its reason (credentials the mock cannot
know, negative cases a form body cannot carry, statuses the document does not list, the document's own
contradictions).

The CI run keeps to a budget: Twilio's with the examples and coverage phases (the coverage phase sends the
negative cases, the mock's refusals; fuzzing would add 45 s of positive cases the other two cover); OpenAI's
and Discord's with the examples and fuzzing phases (their coverage phase takes five to seven minutes each on
two cores). Every phase of all three runs with
`SCHEMATHESIS_FULL=1 python3 -m pytest Tests/python/test_schemathesis_real_documents.py` (27 minutes on two
cores; all three passed when the generic mock last changed); check a change to the generic mock with it.
"""
import os
import pathlib
import re
import subprocess

import pytest

from test_mock import mock  # noqa: F401  (the fixture)
from testdata import shared_dir

ROOT = pathlib.Path(__file__).resolve().parents[2]
FULL = os.environ.get("SCHEMATHESIS_FULL") == "1"

DOCUMENTS = {
    # name: (document under ../shared/testdata, base path, credentials, phases in CI). Every run has one
    # worker: with two threads, CPython 3.11.7 (this machine's) sometimes fails Hypothesis's description of
    # its own lambdas with "SystemError: AST constructor recursion depth mismatch" (cpython gh-106905), in
    # any phase (the coverage phase of Twilio, the examples phase of OpenAI); two workers saved 6 s of 76.
    "openai": ("openai-openapi/openapi.yaml", "/v1", ["-H", "Authorization: Bearer sk-test"], "examples,fuzzing"),
    "twilio": ("real-openapi/twilio-api-v2010.yaml", "", ["--auth", "AC123:token"], "examples,coverage"),
    "discord": ("real-openapi/discord.json", "/api/v10", ["-H", "Authorization: Bot test"], "examples,fuzzing"),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_schemathesis_finds_no_defect_in_the_generic_mock(mock, name, tmp_path):  # noqa: F811
    path, prefix, credentials, phases = DOCUMENTS[name]
    spec = shared_dir() / "testdata" / path
    server = mock("--spec", str(spec), "--quiet")
    result = subprocess.run(
        ["st", "--config-file", str(ROOT / "Tests" / "schemathesis" / f"{name}.toml"), "run", str(spec),
         "--url", server.base + prefix, *credentials, "--max-examples", "5" if FULL else "3", "--seed", "1",
         "--phases", "examples,coverage,fuzzing" if FULL else phases,
         "--workers", "1"],
        capture_output=True, text=True, timeout=1800, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    # The last line is "No issues found in …" or, with warnings only, "1 warning in …" (Discord's five
    # OAuth2-only operations refuse the bot token, as they should); never a failure or an error.
    summary = result.stdout.strip().splitlines()[-1]
    assert " in " in summary and not re.search(r"\d+ (failures?|errors?)\b", summary), summary
