"""Every tool on a document split over files: DigitalOcean's public description (about 2,900 YAML files
joined by relative $refs, in ../shared/testdata/real-openapi/digitalocean/), read in place.

The expectations come from an independent reading of the files here (PyYAML and a small resolver of
relative references), not from our own loader.
"""
import html
import json
import os
import pathlib
import re
import subprocess

import pytest

import yaml

from testdata import lint_json, shared_dir

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCGEN = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))
SPECVALIDATE = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]


ENTRY = shared_dir() / "testdata" / "real-openapi" / "digitalocean" / "specification" / "DigitalOcean-public.v2.yaml"


class Resolver:
    """Follows relative $refs the way the OpenAPI specification reads them: relative to the file holding them."""

    def __init__(self):
        self.files = {}

    def load(self, path):
        path = pathlib.Path(os.path.normpath(path))
        if path not in self.files:
            self.files[path] = yaml.safe_load(path.read_text())
        return self.files[path]

    def deref(self, node, base):
        """(value, file it is in), references followed until the value is not one."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            address, _, fragment = ref.partition("#")
            target = base if not address else (base.parent / address)
            document = self.load(target)
            for token in [t for t in fragment.split("/") if t]:
                token = token.replace("~1", "/").replace("~0", "~")
                document = document[int(token)] if isinstance(document, list) else document[token]
            node, base = document, pathlib.Path(os.path.normpath(target))
            seen += 1
            assert seen < 50, f"reference loop at {ref}"
        return node, base


def expected_operations():
    """(METHOD, path) -> (parameter names, has a request body, response codes) from the files themselves."""
    resolver = Resolver()
    entry = resolver.load(ENTRY)
    operations = {}
    for path, item in entry["paths"].items():
        item, item_base = resolver.deref(item, ENTRY)
        shared = [resolver.deref(p, item_base)[0]["name"] for p in item.get("parameters", [])]
        for method in METHODS:
            if method not in item:
                continue
            operation, base = resolver.deref(item[method], item_base)
            names = shared + [resolver.deref(p, base)[0]["name"] for p in operation.get("parameters", [])]
            operations[(method.upper(), path)] = (names, "requestBody" in operation, list(operation["responses"]))
    return operations


def run(*args, timeout=300):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("do-site")
    empty = tmp_path_factory.mktemp("no-content")
    result = run(DOCGEN, "build", "--spec", str(ENTRY), "--content", str(empty), "--output", str(out / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
    return out / "site"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    # The same file name as the entry, so that a site built from it has the same API id and pages.
    out = tmp_path_factory.mktemp("do-bundle") / ENTRY.name
    result = run(SPECVALIDATE, "bundle", "--spec", str(ENTRY), "--output", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.fullmatch(r"specvalidate bundle: wrote .* from \d+ files\n", result.stderr)
    return out


def operation_pages(site):
    pages = {}
    for page in (site / "digitalocean-public-v2" / "operations").glob("*.html"):
        text = page.read_text()
        match = re.search(r'<span class="method method-(\w+)">\w+</span> <code class="path">(.*?)</code>', text)
        assert match, page
        path = html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))
        pages[(match.group(1), path)] = text
    return pages


def test_docgen_renders_every_operation_with_its_parameters_body_and_responses(split_site):
    expected = expected_operations()
    pages = operation_pages(split_site)
    assert len(expected) > 600
    assert set(pages) == set(expected)
    for key, (parameters, has_body, statuses) in expected.items():
        page = pages[key]
        for name in parameters:
            assert f"<td><code>{html.escape(name, quote=False)}</code>" in page, (key, name)
        if parameters:
            assert 'id="parameters"' in page, key
        # The request body section ends where the try-it console, the samples column or the responses begin.
        body = re.split(r'<section class="try-it"|</div>\s*<aside class="operation-aside"|<h2 id="responses">',
                        page.split('<h3 id="request-body">Request body</h3>', 1)[1], maxsplit=1)[0]
        assert (body.strip() != "<p>None.</p>") == has_body, key
        if has_body:
            assert 'class="content-type"' in body, key
        for status in statuses:
            assert f'id="response-{str(status).lower()}"' in page, (key, status)


def test_lint_reads_the_references_and_names_the_files_of_its_findings():
    status, report = lint_json(ENTRY)
    findings = [f for case in report["cases"] for f in case["findings"]]
    assert not [f for f in findings if f["rule"] in ("path-params", "invalid-ref", "parser")]
    # DigitalOcean's own defects (examples that break their schemas) are reported where they are written.
    assert findings and status == 1
    for finding in findings:
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert pathlib.Path(finding["file"]).is_file(), finding
    wrong_type = [f for f in findings if f["message"] == '192018292 is not of type "string"']
    assert len(wrong_type) == 1
    assert wrong_type[0]["file"].endswith("resources/monitoring/responses/list_alert_policy_response.yml")
    lines = pathlib.Path(wrong_type[0]["file"]).read_text().splitlines()
    assert lines[wrong_type[0]["line"] - 1].strip() == "- 192018292"


def test_bundle_is_one_file_the_reference_validator_accepts(bundled):
    document = yaml.safe_load(bundled.read_text())

    def references(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    yield value
                else:
                    yield from references(value)
        elif isinstance(node, list):
            for item in node:
                yield from references(item)

    refs = list(references(document))
    assert refs and all(ref.startswith("#/") for ref in refs)
    # Every local reference resolves in the one file.
    for ref in set(refs):
        node = document
        for token in ref[2:].split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
    assert len(document["paths"]) == len(yaml.safe_load(ENTRY.read_text())["paths"])

    # The structure, against the official OpenAPI 3.0 schema that openapi-spec-validator ships.
    import jsonschema
    import openapi_spec_validator
    official = pathlib.Path(openapi_spec_validator.__file__).parent / "resources" / "schemas" / "v3.0" / "schema.json"
    errors = list(jsonschema.Draft4Validator(json.loads(official.read_text())).iter_errors(document))
    assert errors == [], [e.message for e in errors[:5]]

    # openapi-spec-validator also checks every `default` against its schema, and finds the one default of
    # DigitalOcean's files that breaks it (chat_completion_request.yml: `stop` has `default: null` and a
    # oneOf of string or array, without `nullable`). That defect is theirs, and the only finding.
    from openapi_spec_validator import OpenAPIV30SpecValidator
    findings = [e.message for e in OpenAPIV30SpecValidator(document).iter_errors()]
    assert findings == ["None is not valid under any of the given schemas"]
    source = (ENTRY.parent / "resources" / "inference" / "models" / "chat_completion_request.yml").read_text()
    stop = yaml.safe_load(source)["properties"]["stop"]
    assert stop["default"] is None and "nullable" not in stop
    assert [s["type"] for s in stop["oneOf"]] == ["string", "array"]


def test_the_bundle_renders_the_same_pages(split_site, bundled, tmp_path):
    result = run(DOCGEN, "build", "--spec", str(bundled), "--content", str(tmp_path), "--output", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
    for folder in ("operations", "schemas"):
        split = sorted(p.name for p in (split_site / "digitalocean-public-v2" / folder).iterdir())
        single = sorted(p.name for p in (tmp_path / "site" / "digitalocean-public-v2" / folder).iterdir())
        assert split == single and len(split) > 100
        for name in split:
            a = (split_site / "digitalocean-public-v2" / folder / name).read_bytes()
            b = (tmp_path / "site" / "digitalocean-public-v2" / folder / name).read_bytes()
            assert a == b, f"{folder}/{name} differs"


def test_mock_serves_a_split_document(tmp_path):
    import socket
    import time
    import urllib.request
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([SPECVALIDATE, "mock", "--spec", str(ENTRY), "--port", str(port), "--quiet"],
                              stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.05)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/v2/apps",
                                         headers={"Authorization": "Bearer x"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.loads(response.read())
        assert response.status == 200
        assert "apps" in body or "links" in body or "meta" in body, body
    finally:
        server.terminate()
        server.wait(timeout=10)
    checked = run_input(SPECVALIDATE, "response", "--spec", str(ENTRY), "--operation", "apps_list", "--status", "200",
                        "-", input=json.dumps(body))
    assert checked.returncode == 0, checked.stdout


def run_input(*args, input):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60, input=input)
