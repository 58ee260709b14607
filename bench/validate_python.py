#!/usr/bin/env python3
"""The peers, in one process each: python `jsonschema` or `jsonschema-rs`, validating every line of a
JSONL file against a schema with formats asserted, printing one verdict per line like specvalidate.

    python3 bench/validate_python.py jsonschema|jsonschema-rs SCHEMA JSONL
"""
import json
import sys

engine, schema_path, data_path = sys.argv[1:4]
schema = json.load(open(schema_path))
out = sys.stdout
if engine == "jsonschema":
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def first_error(instance):
        if validator.is_valid(instance):
            return None
        return next(validator.iter_errors(instance)).message
else:
    import jsonschema_rs

    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)

    def first_error(instance):
        if validator.is_valid(instance):
            return None
        return next(validator.iter_errors(instance)).message

invalid = 0
with open(data_path) as f:
    for n, line in enumerate(f, 1):
        error = first_error(json.loads(line))
        if error is None:
            out.write(f"{n}: valid\n")
        else:
            invalid += 1
            out.write(f"{n}: invalid: {error}\n")
sys.exit(1 if invalid else 0)
