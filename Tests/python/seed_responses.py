"""Every response body the original AgentsCode and OpenAgents pages (../shared/seeds/) show a server sending,
read from the pages themselves, with the operation it answers. The pages' obvious typos are fixed as the
spec notes say (#4: the job id that is not a UUID; `{...}` standing for a result), nothing else.

Shared by test_seed_responses.py (each validates against the published documents) and the client tests
(each decodes through a generated client).
"""
import json
import re

from testdata import shared_dir

FAKE_JOB_ID = "ba773b85-af92-47bd-ad3h-c2r8b72n525j"
FIXED_JOB_ID = "3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17"


def _fix(text):
    return text.replace(FAKE_JOB_ID, FIXED_JOB_ID).replace('"result": {...}', '"result": {}')


def agentscode():
    """(operationId, what, body) for each JSON block of the AgentsCode page, in page order."""
    page = (shared_dir() / "seeds" / "agentscode-api-docs.txt").read_text()
    blocks = [json.loads(_fix(b)) for b in re.findall(r"```json (.*?) ```", page, re.S)]
    assert len(blocks) == 6, f"the AgentsCode page has 6 JSON blocks, found {len(blocks)}"
    agent_object, agent_list, run, run_object, balance, history = blocks
    return [
        # "The Agent Object" is an element of the list.
        ("listAgents", "the Agent Object, as a list of one", [agent_object]),
        ("listAgents", "the list example", agent_list),
        ("runAgent", "the run response", run),
        ("getAgentRun", "the Agent Run Object", run_object),
        ("getCreditBalance", "the balance", balance),
        ("getCreditHistory", "the history page", history),
    ]


def openagents():
    """(operationId, what, body) for each response example of the OpenAgents page, in page order."""
    page = (shared_dir() / "seeds" / "openagents-agents-api.md").read_text()
    sections = re.split(r"\n### Response example\s*\n", page)[1:]
    blocks = [json.loads(re.search(r"```(?:json|shell)\n(.*?)\n```", s, re.S).group(1)) for s in sections]
    assert len(blocks) == 4, f"the OpenAgents page has 4 response examples, found {len(blocks)}"
    created, listed, retrieved, uploaded = blocks
    return [
        ("createAgent", "the create response", created),
        ("listAgents", "the list example", listed),
        ("getAgent", "the retrieved agent", retrieved),
        ("addAgentFile", "the upload response", uploaded),
    ]


SEEDS = {"agentscode": agentscode, "openagents": openagents}


def response_validator(api, operation, format_checker=None):
    """A jsonschema (Draft 2020-12) validator of `operation`'s 200 JSON body in the published document."""
    import pathlib

    import jsonschema
    root = pathlib.Path(__file__).resolve().parents[2]
    document = json.loads((root / "site" / "openapi" / f"{api}.openapi.json").read_text())
    found = next(o for item in document["paths"].values() for o in item.values()
                 if isinstance(o, dict) and o.get("operationId") == operation)
    schema = found["responses"]["200"]["content"]["application/json"]["schema"]
    return jsonschema.Draft202012Validator({**schema, "components": document["components"]},
                                           format_checker=format_checker)


if __name__ == "__main__":
    # One JSON object per line, {api, operation, what, body}: the generated Swift client's test reads these,
    # so that the pages are read in one place.
    for api, read in SEEDS.items():
        for operation, what, body in read():
            print(json.dumps({"api": api, "operation": operation, "what": what, "body": body}))
