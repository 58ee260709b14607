"""What the original pages show a server sending validates against the published documents (spec notes #31):
each response body on both seed pages, through `specvalidate response`, and through an independent
validator (jsonschema, Draft 2020-12) on the same schema.
"""
import json
import os
import pathlib
import subprocess

import pytest

from seed_responses import SEEDS, response_validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPECVALIDATE = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))


def cases():
    for api, read in SEEDS.items():
        for operation, what, body in read():
            yield pytest.param(api, operation, body, id=f"{api}-{operation}-{what.replace(' ', '-')}")


@pytest.mark.parametrize("api, operation, body", cases())
def test_the_original_pages_responses_validate(api, operation, body, tmp_path):
    spec = ROOT / "site" / "openapi" / f"{api}.openapi.yaml"
    (tmp_path / "body.json").write_text(json.dumps(body))
    result = subprocess.run(
        [SPECVALIDATE, "response", "--spec", str(spec), "--operation", operation, "--status", "200",
         str(tmp_path / "body.json")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr

    # The same verdict from jsonschema, on the response schema with the document's components.
    import jsonschema
    validator = response_validator(api, operation, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, errors


def test_the_old_required_members_would_have_refused_them():
    """The test above is not vacuous: the seeds do lack what the documents once required."""
    agentscode = {op: body for op, _, body in SEEDS["agentscode"]() if op in ("runAgent", "listAgents")}
    assert "progress" not in agentscode["runAgent"]
    assert "displayName" not in SEEDS["agentscode"]()[1][2][0]
    listed = next(body for op, _, body in SEEDS["openagents"]() if op == "listAgents")
    assert all("balance" not in agent and "user_id" not in agent for agent in listed["data"])
