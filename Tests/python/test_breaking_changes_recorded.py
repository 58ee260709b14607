"""This project checks its own published documents with specvalidate diff: every breaking change
between consecutive versions in the repository's history (and in the working tree) must be recorded
on the spec notes page, with the API, the rule and where it is.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the executable.
"""
import json
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
APIS = {"agentscode": "AgentsCode", "openagents": "OpenAgents"}


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def recorded():
    """(API title, rule, pointer) of every row of the spec notes' breaking-change table."""
    rows = set()
    for line in (ROOT / "content" / "spec-notes.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in APIS.values() and cells[2].startswith("`"):
            rows.add((cells[0], cells[2].strip("`"), cells[3].strip("`")))
    return rows


def versions(path):
    """The document's versions: each commit that changed it, oldest first, then the working tree."""
    assert git("rev-parse", "--is-shallow-repository").strip() == "false", "needs the whole history"
    commits = git("log", "--format=%h", "--reverse", "--", path).split()
    return [f"git:{commit}:{path}" for commit in commits] + [path]


@pytest.mark.parametrize("api", sorted(APIS))
def test_every_breaking_change_in_history_is_recorded(api):
    path = f"site/openapi/{api}.openapi.yaml"
    sides = versions(path)
    assert len(sides) >= 5, sides
    rows = recorded()
    missing = []
    breaking = 0
    for base, revision in zip(sides, sides[1:]):
        result = subprocess.run([BIN, "diff", base, revision, "--format", "json", "--level", "ERR"], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        for change in json.loads(result.stdout)["changes"]:
            breaking += 1
            pointers = {change.get("revision", {}).get("pointer"), change.get("base", {}).get("pointer")}
            if not any((APIS[api], change["id"], pointer) in rows for pointer in pointers):
                missing.append(f"{revision}: {change['id']} at {change['revision']['pointer']}: {change['text']}")
    assert not missing, "breaking changes not recorded on the spec notes page:\n" + "\n".join(missing)
    assert breaking > 0, "the history has breaking changes (issue 16); finding none means the check is broken"


def test_an_unrecorded_breaking_change_is_refused(tmp_path):
    """The check itself: a required response member made optional in a copy is found and is not in the table."""
    document = (ROOT / "site" / "openapi" / "agentscode.openapi.yaml").read_text()
    changed = re.sub(r"(\n    CreditBalance:\n(?:.*\n)*?      required:\n)((?:        - .*\n)+)",
                     lambda m: m.group(1) + "".join(m.group(2).splitlines(True)[1:]), document, count=1)
    assert changed != document
    revision = tmp_path / "agentscode.openapi.yaml"
    revision.write_text(changed)
    result = subprocess.run([BIN, "diff", "site/openapi/agentscode.openapi.yaml", str(revision), "--format", "json",
                             "--fail-on", "ERR", "--level", "ERR"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    changes = json.loads(result.stdout)["changes"]
    assert changes and all(change["id"] == "response-property-became-optional" for change in changes)
    rows = recorded()
    assert not any(("AgentsCode", c["id"], c["revision"]["pointer"]) in rows for c in changes)
