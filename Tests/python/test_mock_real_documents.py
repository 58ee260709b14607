"""The generic mock on every public document in ../shared/testdata, checked by `specvalidate run`: each
operation called once with `Prefer: dynamic=true` (an answer made from the schema) and once as is (the
document's own example where it has one), and every answer validated against the document it came from.

What may fail is listed in mock-vs-documents.tsv with its reason: operations no server could answer as
documented (only an informational status, a body schema nothing meets) and, for the example-based answers,
examples the document itself gets wrong. Such an example must also be one lint reports as invalid, so the
table cannot hide a mock defect behind a document's. The test fails on any failure not listed, and on a
listed one that passes now.
"""
import json
import os
import pathlib
import re
import subprocess

import pytest
import yaml

from test_mock import mock  # noqa: F401  (the fixture)
from testdata import public_documents

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
    result = subprocess.run([SPECVALIDATE, "lint", "--spec", str(spec), "--format", "json"],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    return [f["pointer"] for case in report["cases"] for f in case["findings"]
            if f["severity"] == "error" and f["rule"] in EXAMPLE_RULES]


@pytest.mark.parametrize("spec", public_documents(), ids=lambda p: p.name)
def test_every_answer_of_the_mock_meets_its_document(mock, spec, tmp_path):  # noqa: F811
    server = mock("--spec", str(spec), "--quiet")
    prefix = re.search(r"listening on http://127\.0\.0\.1:\d+ \(([^)]*)\)", server.text())
    base = server.base + (prefix.group(1) if prefix else "")
    listed = table()
    problems = []
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
        if mode == "examples" and set(failed) & expected:
            # A listed example-based failure of the body is the document's own example, which lint reports
            # too; any other fails with made values as well (it is listed for `dynamic`).
            pointers = operation_pointers(spec)
            errors = lint_example_errors(spec)
            for name in set(failed) & expected:
                if any(f["rule"] != "response-body" for f in failed[name]):
                    if (spec.name, "dynamic", name) not in listed:
                        problems.append(f"examples: {name} fails other than by its body, but not with made values")
                    continue
                where = pointers.get(name)
                if where is None or not any(p.startswith(where + "/") for p in errors):
                    problems.append(f"examples: {name} is listed as the document's invalid example, "
                                    f"but lint reports no invalid example under {where}")
        # Every operation was called: on its own, or through a link that leads to it.
        names = [case["name"] for case in report["cases"]]
        for check in operation_pointers(spec):
            operation = check.removesuffix(" positive")
            if not any(n == check or n.startswith(operation + " link ") for n in names):
                problems.append(f"{mode}: {operation} was not called")
    assert not problems, "\n".join(problems)
