"""`specvalidate lint` against the reference validator, openapi-spec-validator, on every public document in
../shared/testdata: the same error verdict, or a difference listed in lint-vs-openapi-spec-validator.tsv
with its reason. The reference checks a document's structure and its defaults; lint also checks every
example against its schema, so the differences allowed are examples (and defaults) the documents get
wrong, which the table names.
"""
import concurrent.futures
import pathlib
import subprocess

import pytest

from testdata import lint_json, public_documents


ROOT = pathlib.Path(__file__).resolve().parents[2]
TABLE = pathlib.Path(__file__).with_name("lint-vs-openapi-spec-validator.tsv")
EXAMPLE_RULES = {"oas3-valid-schema-example", "oas3-valid-media-example"}


def documents():
    return public_documents()


def reference_verdict(path):
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
    from openapi_spec_validator.readers import read_from_filename
    try:
        spec, url = read_from_filename(str(path))
        validator = OpenAPIV31SpecValidator if str(spec.get("openapi", "")).startswith("3.1") else OpenAPIV30SpecValidator
        return "invalid" if next(iter(validator(spec, base_uri=url).iter_errors()), None) is not None else "valid"
    except Exception:
        return "cannot read"


def lint(path):
    _, report = lint_json(path)
    errors = [f for case in report["cases"] for f in case["findings"] if f["severity"] == "error"]
    return ("invalid" if errors else "valid"), errors


def table():
    rows = {}
    for line in TABLE.read_text().splitlines():
        if line and not line.startswith("#"):
            name, reference, ours, why = line.split("\t")
            assert why.strip(), name
            rows[name] = (reference, ours)
    return rows


@pytest.fixture(scope="module")
def verdicts():
    # Lint runs in its own processes (one at a time, on a thread) while the reference validator's Python
    # works on this one: about 18 s of the 66 this fixture took in CI.
    paths = documents()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        linted = {path: pool.submit(lint, path) for path in paths}
        references = {path: reference_verdict(path) for path in paths}
        return {path.name: (references[path], *linted[path].result()) for path in paths}


def test_every_difference_from_the_reference_is_listed_with_its_reason(verdicts):
    assert len(verdicts) == 38
    differences = {name: (reference, ours) for name, (reference, ours, _) in verdicts.items() if reference != ours}
    assert differences == table()


def test_where_the_reference_finds_the_structure_valid_lint_reports_only_examples_and_defaults(verdicts):
    for name, (reference, ours, errors) in verdicts.items():
        if reference == "valid":
            rules = {f["rule"] for f in errors}
            assert rules <= EXAMPLE_RULES, (name, rules)


def test_lint_agrees_where_the_reference_finds_defects(verdicts):
    # OpenAI's document: duplicate `required` names, 3.0's `exclusiveMinimum: true` in 3.1, `$recursiveAnchor:
    # true`; both tools call it invalid, and lint names each place.
    reference, ours, errors = verdicts["openapi.yaml"]
    assert (reference, ours) == ("invalid", "invalid")
    structural = {f["pointer"] for f in errors if f["rule"] == "oas3-schema"}
    assert "/components/schemas/ContainerResource/required" in structural
    assert sum(p.endswith("/exclusiveMinimum") for p in structural) == 7


def test_digitalocean_is_invalid_to_both_for_different_reasons(verdicts):
    # The reference takes the tag description `{$ref: description.yml#/introduction}` for the description
    # itself (an object, not a string); lint follows the reference and finds only DigitalOcean's own
    # example defects.
    reference, ours, errors = verdicts["DigitalOcean-public.v2.yaml"]
    assert (reference, ours) == ("invalid", "invalid")
    assert {f["rule"] for f in errors} <= EXAMPLE_RULES and len(errors) == 4


def test_the_built_in_oas_schemas_are_the_reference_validators_own():
    # Sources/SpecCheck/OASSchemas.swift is generated from the files openapi-spec-validator ships.
    result = subprocess.run(["python3", "scripts/gen-oas-schemas.py", "--check"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
