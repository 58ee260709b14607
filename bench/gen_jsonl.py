#!/usr/bin/env python3
"""Writes the validation benchmark's inputs: a schema and N JSON lines.

The schema is the AgentsCode document's own: its component schemas as `$defs`, and a `oneOf` of the
three response bodies clients see most (a credit-history page, an agent list, an agent run). The lines
are those bodies with random contents; about 1 in 20 is broken on purpose (a bad UUID, an unknown
status, a missing member, a wrong type). Deterministic for a given seed.

    python3 bench/gen_jsonl.py OUT_DIR [N] [SEED]
    python3 bench/gen_jsonl.py OUT_DIR N SEED --pages   # large.jsonl: N credit-history pages of about 3 KB

`--pages` writes the second stream of issue 21 instead: every line a credit-history page of 10 to 14 runs
(nested objects with date-times, UUIDs, enums and integer bounds), about 3 KB each, 1 in 20 broken.
"""
import json
import pathlib
import random
import sys

root = pathlib.Path(__file__).resolve().parents[1]
out = pathlib.Path(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
pages_only = "--pages" in sys.argv[4:]
out.mkdir(parents=True, exist_ok=True)

spec = json.loads((root / "site" / "openapi" / "agentscode.openapi.json").read_text())
defs = json.loads(json.dumps(spec["components"]["schemas"]).replace("#/components/schemas/", "#/$defs/"))
schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": defs,
    "oneOf": [
        {"$ref": "#/$defs/CreditHistoryPage"},
        {"type": "array", "items": {"$ref": "#/$defs/Agent"}},
        {"$ref": "#/$defs/AgentRun"},
    ],
}
(out / "schema.json").write_text(json.dumps(schema, indent=2))

AGENTS = ["youtube-transcription", "event-scheduler", "web-research", "pdf-summary", "email-drafter"]
HEX = "0123456789abcdef"


def uuid():
    s = "".join(rng.choice(HEX) for _ in range(32))
    return f"{s[:8]}-{s[8:12]}-4{s[13:16]}-a{s[17:20]}-{s[20:]}"


def stamp():
    return f"2025-0{rng.randint(1, 9)}-{rng.randint(10, 28)}T{rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}.{rng.randint(100, 999)}Z"


def history_run():
    return {
        "id": "cm" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(23)),
        "agent": rng.choice(AGENTS), "creditsUsed": rng.randint(1, 20), "startedAt": stamp(), "completedAt": stamp(),
        "duration": round(rng.uniform(0.5, 90), 3), "jobId": uuid(), "status": "completed",
    }


def page(runs=(1, 10)):
    more = rng.random() < 0.7
    return {"runs": [history_run() for _ in range(rng.randint(*runs))], "hasMore": more,
            "nextCursor": ("cm" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(22))) if more else None}


def agent(i):
    name = AGENTS[i % len(AGENTS)]
    return {"id": f"agent_{rng.randint(100000, 999999)}", "name": name, "displayName": name.replace("-", " ").title(),
            "version": f"1.{rng.randint(0, 9)}.0", "credits": rng.randint(1, 20), "description": "Does " + name,
            "status": rng.choice(["ACTIVE", "INACTIVE"]), "runCount": rng.randint(0, 5000)}


def run():
    status = rng.choice(["queued", "active", "completed", "failed"])
    body = {"jobId": uuid(), "status": status, "progress": {"queued": 0, "completed": 100}.get(status, rng.randint(1, 99))}
    if status == "completed":
        body["result"] = {"transcript": "Never gonna give you up"}
    if status == "failed":
        body["error"] = {"code": "agent_failed", "message": "The agent could not finish."}
    return body


def breakage(value):
    if isinstance(value, list):
        if value:
            value[0]["status"] = "DELETED"
        else:
            value.append({"id": 1})
    elif "runs" in value:
        value["hasMore"] = "yes"
    else:
        value["jobId"] = "job_" + str(rng.randint(1, 999))
    return value


valid = 0
with open(out / ("large.jsonl" if pages_only else "instances.jsonl"), "w") as f:
    for i in range(count):
        kind = rng.random()
        if pages_only:
            value = page((10, 14))
        else:
            value = page() if kind < 0.4 else [agent(j) for j in range(rng.randint(1, 5))] if kind < 0.7 else run()
        if rng.random() < 0.05:
            value = breakage(value)
        else:
            valid += 1
        f.write(json.dumps(value, separators=(",", ":")) + "\n")
print(f"wrote {count} lines ({valid} meant valid) and schema.json to {out}")
