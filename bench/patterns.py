"""One pattern case for scripts/bench-patterns.sh, run by a peer validator: prints the verdict.

    python3 bench/patterns.py PEER SCHEMA.json VALUE.json     (PEER: jsonschema-rs or jsonschema)

A peer that raises prints "error: ..." (still a verdict of a kind: no answer)."""
import json
import sys

peer, schema_path, value_path = sys.argv[1:4]
schema = json.load(open(schema_path))
lines = open(value_path).read().splitlines()
if peer == "jsonschema-rs":
    import jsonschema_rs
    validator = jsonschema_rs.validator_for(schema)
else:
    import jsonschema
    validator = jsonschema.Draft202012Validator(schema)
valid = 0
try:
    for line in lines:
        valid += bool(validator.is_valid(json.loads(line)))
except Exception as error:  # noqa: BLE001 - a peer's failure is the figure
    print(f"error: {type(error).__name__}: {error}"[:200])
    sys.exit(0)
print(f"{valid} of {len(lines)} valid")
