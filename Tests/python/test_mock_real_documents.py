"""The generic mock on every public document in ../shared/testdata, checked by `specvalidate run`: each
operation called once with `Prefer: dynamic=true` (an answer made from the schema) and once as is (the
document's own example where it has one), and every answer validated against the document it came from.

What may fail is listed in mock-vs-documents.tsv with its reason: operations no server could answer as
documented (only an informational status, a body schema nothing meets). An example the document itself
gets wrong is not sent (a value made from the schema is); the mock warns of it at start, and each such
warning must name an example lint reports as invalid too. The test fails on any failure not listed, and
on a listed one that passes now.
"""
import json
import os
import pathlib
import re
import subprocess

import pytest
import yaml

from test_mock import mock  # noqa: F401  (the fixture)
from testdata import lint_json, public_documents

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPECVALIDATE = os.path.abspath(
    os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate")))
TABLE = pathlib.Path(__file__).with_name("mock-vs-documents.tsv")
EXAMPLE_RULES = {"oas3-valid-schema-example", "oas3-valid-media-example"}
MODES = {"dynamic": ["-H", "Prefer: dynamic=true"], "examples": []}


def table():
    rows = {}
    for line in TABLE.read_text().splitlines():
        if line and not line.startswith("#"):
            document, mode, check, why = line.split("\t")
            assert mode in MODES and why.strip(), line
            rows[(document, mode, check)] = why
    return rows


def run(spec, base, mode, tmp_path):
    report = tmp_path / f"{mode}.json"
    # Any credential: the generic mock checks that one is where the document says, not what it is (a
    # base64 `user:pass` serves Basic schemes as well as bearer tokens and API keys).
    result = subprocess.run(
        [SPECVALIDATE, "run", "--spec", str(spec), "--base-url", base, "--positive-only",
         "--token", "dXNlcjpwYXNz", *MODES[mode], "--request-timeout", "20", "--timeout", "5",
         "--poll-interval", "0.1", "--format", "json", "--output", str(report)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return json.loads(report.read_text())


def operation_pointers(spec):
    """Check name (`operationId positive` or `METHOD /path positive`) to the operation's JSON pointer."""
    # Standard output is YAML; bundled, a document split over files has its paths in one place.
    result = subprocess.run([SPECVALIDATE, "bundle", "--spec", str(spec)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    document = yaml.load(result.stdout, Loader=yaml.BaseLoader)
    found = {}
    for path, item in (document.get("paths") or {}).items():
        for method, operation in (item or {}).items():
            if isinstance(operation, dict) and method in ("get", "put", "post", "delete", "options", "head",
                                                          "patch", "trace"):
                name = operation.get("operationId") or f"{method.upper()} {path}"
                escaped = path.replace("~", "~0").replace("/", "~1")
                found[f"{name} positive"] = f"/paths/{escaped}/{method}"
    return found


def lint_example_errors(spec):
    _, report = lint_json(spec)
    return [f["pointer"] for case in report["cases"] for f in case["findings"]
            if f["severity"] == "error" and f["rule"] in EXAMPLE_RULES]


@pytest.mark.parametrize("spec", public_documents(), ids=lambda p: p.name)
def test_every_answer_of_the_mock_meets_its_document(mock, spec, tmp_path):  # noqa: F811
    server = mock("--spec", str(spec), "--quiet")
    prefix = re.search(r"listening on http://127\.0\.0\.1:\d+ \(([^)]*)\)", server.text())
    base = server.base + (prefix.group(1) if prefix else "")
    listed = table()
    problems = []
    operations = operation_pointers(spec)
    for mode in MODES:
        report = run(spec, base, mode, tmp_path)
        failed = {case["name"]: [f for f in case["findings"] if f["severity"] == "error"]
                  for case in report["cases"] if not case["passed"]}
        expected = {check for (document, m, check) in listed if document == spec.name and m == mode}
        for name, findings in failed.items():
            if name not in expected:
                problems.append(f"{mode}: {name}: " + "; ".join(f"{f['rule']} {f['pointer']} {f['message'][:300]}"
                                                                 for f in findings))
        for name in expected - set(failed):
            problems.append(f"{mode}: {name} is listed in {TABLE.name} but passes now")
        if mode == "examples":
            # Failures other than made values' are not allowed: the mock does not send an example that breaks
            # its schema. It warns of each at start, and those are the examples lint finds invalid too.
            problems += [f"examples: {name} fails, but not with made values"
                         for name in set(failed) & expected if (spec.name, "dynamic", name) not in listed]
            warned = re.findall(r"warning: (\S+): the example does not meet its schema", server.text())
            errors = lint_example_errors(spec)
            for pointer in warned:
                if not any(p.startswith(pointer) or pointer.startswith(p) for p in errors):
                    problems.append(f"the mock warns that {pointer} is invalid, but lint does not")
        # Every operation was called: on its own, or through a link that leads to it.
        names = [case["name"] for case in report["cases"]]
        for check in operations:
            operation = check.removesuffix(" positive")
            if not any(n == check or n.startswith(operation + " link ") for n in names):
                problems.append(f"{mode}: {operation} was not called")
    assert not problems, "\n".join(problems)
