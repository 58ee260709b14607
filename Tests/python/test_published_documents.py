"""Checks of the published OpenAPI documents with third-party tools, and of the docgen command line.

Run by scripts/test.sh after `swift build`; DOCGEN_BIN names the docgen executable.
"""
import json
import os
import pathlib
import subprocess
import tempfile

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "site" / "openapi"
APIS = ["agentscode", "openagents"]
FILES = [f"{api}.openapi.{ext}" for api in APIS for ext in ("yaml", "json")]
DOCGEN = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))


def load(name):
    text = (SPEC_DIR / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)


@pytest.mark.parametrize("name", FILES)
def test_openapi_spec_validator_accepts(name):
    validate_spec(load(name))


@pytest.mark.parametrize("api", APIS)
def test_yaml_and_json_carry_the_same_document(api):
    # PyYAML is a YAML 1.1 loader: it would turn an unquoted 200, 1.0.0 or date into another type.
    assert load(f"{api}.openapi.yaml") == load(f"{api}.openapi.json")


def examples_with_schemas(doc):
    """Yield (where, example value, JSON pointer of its schema) for every example in the document."""

    def walk_schema(node, pointer):
        if isinstance(node, dict):
            for i, value in enumerate(node.get("examples", []) if isinstance(node.get("examples"), list) else []):
                yield f"{pointer}/examples/{i}", value, pointer
            for key, child in node.items():
                if key in ("examples", "example", "default", "enum", "const"):
                    continue
                yield from walk_schema(child, f"{pointer}/{escape(key)}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                yield from walk_schema(child, f"{pointer}/{i}")

    def walk_media(node, pointer):
        if isinstance(node, dict):
            if "schema" in node and ("examples" in node or "example" in node):
                for name, ex in (node.get("examples") or {}).items():
                    if "value" in ex:
                        yield f"{pointer}/examples/{escape(name)}/value", ex["value"], f"{pointer}/schema"
                if "example" in node:
                    yield f"{pointer}/example", node["example"], f"{pointer}/schema"
            for key, child in node.items():
                if key != "schema":
                    yield from walk_media(child, f"{pointer}/{escape(key)}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                yield from walk_media(child, f"{pointer}/{i}")

    for name, schema in doc["components"]["schemas"].items():
        yield from walk_schema(schema, f"/components/schemas/{escape(name)}")
    for name, parameter in doc["components"].get("parameters", {}).items():
        yield from walk_schema(parameter.get("schema", {}), f"/components/parameters/{escape(name)}/schema")
    for name, header in doc["components"].get("headers", {}).items():
        yield from walk_schema(header.get("schema", {}), f"/components/headers/{escape(name)}/schema")
    yield from walk_media(doc["paths"], "/paths")
    yield from walk_media(doc["components"].get("responses", {}), "/components/responses")


def escape(token):
    return token.replace("~", "~0").replace("/", "~1")


def validator_for(doc, schema_pointer):
    resource = Resource.from_contents(doc, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:spec", resource)
    return Draft202012Validator(
        {"$ref": f"urn:spec#{schema_pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def with_base(doc):
    # Local refs ("#/components/...") resolve against the document's own URI.
    return {**doc, "$id": "urn:spec"}


@pytest.mark.parametrize("api", APIS)
def test_every_example_validates_against_its_schema(api):
    doc = with_base(load(f"{api}.openapi.json"))
    checked, failures = [], []
    for where, value, schema_pointer in examples_with_schemas(doc):
        errors = list(validator_for(doc, schema_pointer).iter_errors(value))
        checked.append(where)
        failures += [f"{where}: {e.message} (at {e.json_path})" for e in errors]
    assert failures == []
    # The walk must have reached the success example of every operation and every error response.
    for path, item in doc["paths"].items():
        for method in item:
            prefix = f"/paths/{escape(path)}/{method}/responses/200/content/application~1json/examples/"
            assert any(w.startswith(prefix) for w in checked), f"no example checked under {prefix}"
    for name in doc["components"]["responses"]:
        assert any(w.startswith(f"/components/responses/{name}/") for w in checked), name


def test_format_checking_is_really_on():
    # The seed's own jobId is not a UUID: the same check must reject it.
    doc = with_base(load("agentscode.openapi.json"))
    run = {"jobId": "ba773b85-af92-47bd-ad3h-c2r8b72n525j", "status": "queued", "progress": 0}
    errors = list(validator_for(doc, "/components/schemas/AgentRun").iter_errors(run))
    assert [e.message for e in errors] == ["'ba773b85-af92-47bd-ad3h-c2r8b72n525j' is not a 'uuid'"]


def test_docgen_spec_into_an_unwritable_place_exits_2_and_writes_nothing():
    result = subprocess.run([DOCGEN, "spec", "--output", "/proc/docgen-test/out"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("docgen: error: cannot write '/proc/docgen-test/out': ")


def test_docgen_spec_writes_the_committed_documents():
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run([DOCGEN, "spec", "--output", out], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert sorted(os.listdir(out)) == sorted(FILES)
        for name in FILES:
            assert (pathlib.Path(out) / name).read_bytes() == (SPEC_DIR / name).read_bytes(), name
