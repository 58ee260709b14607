"""One `docgen build` of every public document in ../shared/testdata (the 37 of real-openapi/, DigitalOcean's
split over files among them, and OpenAI's): every operation, webhook and callback has its section, and no
schema field is dropped: every property of every schema an operation uses is on the operation's page or on
the page of the component schema it belongs to, which the operation's page links.

The documents are read here with PyYAML and json (DigitalOcean's through `specvalidate bundle`, which the
split-document tests hold to an independent reading).
"""
import html
import json
import os
import pathlib
import re
import subprocess

import pytest

import yaml

from testdata import public_documents, shared_dir

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCGEN = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))
SPECVALIDATE = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]


def documents():
    return public_documents()


def api_id(path):
    stem = path.name
    for suffix in (".json", ".yaml", ".yml", ".openapi"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug + "-api" if slug in ("openapi", "assets", "search", "index") else slug


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("all-documents")
    (out / "content").mkdir()
    command = [DOCGEN, "build", "--content", str(out / "content"), "--output", str(out / "site")]
    for path in documents():
        command += ["--spec", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return out / "site"


def load(path, tmp):
    if path.name == "DigitalOcean-public.v2.yaml":
        bundled = tmp / "digitalocean.json"
        result = subprocess.run([SPECVALIDATE, "bundle", "--spec", str(path), "--output", str(bundled)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        path = bundled
    text = path.read_text()
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


class Document:
    def __init__(self, value):
        self.value = value

    def resolve(self, node):
        """(value, component name of the last reference followed or None)."""
        component = None
        for _ in range(32):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/")):
                break
            tokens = [t.replace("~1", "/").replace("~0", "~") for t in node["$ref"][2:].split("/")]
            if len(tokens) == 3 and tokens[:2] == ["components", "schemas"]:
                component = tokens[2]
            target = self.value
            for token in tokens:
                target = target[int(token)] if isinstance(target, list) else target[token]
            node = target
        return node, component


def pages(site, folder):
    found = {}
    for page in (site / folder).glob("*.html"):
        text = page.read_text()
        match = re.search(r'<span class="method method-(\w+)">\w+</span> <code class="path">(.*?)</code>', text)
        assert match, page
        found[(match.group(1), html.unescape(re.sub(r"<[^>]+>", "", match.group(2))))] = text
    return found


def schema_pages(site):
    found = {}
    for page in (site / "schemas").glob("*.html"):
        if page.name == "index.html":
            continue
        text = page.read_text()
        match = re.search(r"<h1>(.*?)</h1>", text)
        found[html.unescape(match.group(1))] = text
    return found


def has_property(text, name):
    return f'<code class="prop">{html.escape(name, quote=False)}</code>' in text


def schemas_of(operation, document):
    """The schemas an operation's page describes: parameters, request body and response bodies."""
    found = []
    for parameter in operation.get("parameters", []):
        parameter, _ = document.resolve(parameter)
        if "schema" in parameter:
            found.append(parameter["schema"])
    body, _ = document.resolve(operation.get("requestBody", {}))
    for media in (body.get("content") or {}).values():
        if isinstance(media, dict) and "schema" in media:
            found.append(media["schema"])
    for response in (operation.get("responses") or {}).values():
        response, _ = document.resolve(response)
        for media in (response.get("content") or {}).values():
            if isinstance(media, dict) and "schema" in media:
                found.append(media["schema"])
    return found


def missing_properties(schema, document, page, components, owner=None, seen=None):
    """Property names that are neither on `page` nor on their component's own page."""
    seen = set() if seen is None else seen
    schema, component = document.resolve(schema)
    owner = component or owner
    if not isinstance(schema, dict):
        return []
    key = (owner, id(schema))
    if key in seen:
        return []
    seen.add(key)
    missing = []
    for name, sub in (schema.get("properties") or {}).items():
        if not (has_property(page, name) or (owner and has_property(components.get(owner, ""), name))):
            missing.append(f"{owner or '(inline)'}.{name}")
        missing += missing_properties(sub, document, page, components, owner, seen)
    subs = [schema.get(k) for k in ("items", "additionalProperties", "not")]
    subs += [s for k in ("allOf", "anyOf", "oneOf") for s in schema.get(k) or []]
    for sub in subs:
        if isinstance(sub, dict):
            missing += missing_properties(sub, document, page, components, owner, seen)
    return missing


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_every_operation_webhook_callback_and_field_is_on_the_site(site, path, tmp_path):
    document = Document(load(path, tmp_path))
    folder = site / api_id(path)
    operations = pages(folder, "operations")
    webhooks = pages(folder, "webhooks") if (folder / "webhooks").is_dir() else {}
    components = schema_pages(folder)
    expected_webhooks = 0
    for name, item in (document.value.get("webhooks") or {}).items():
        item, _ = document.resolve(item)
        for method in METHODS:
            if method in item:
                expected_webhooks += 1
                assert (method.upper(), name) in webhooks, (name, method)
    assert len(webhooks) == expected_webhooks
    missing = []
    count = 0
    for route, item in (document.value.get("paths") or {}).items():
        item, _ = document.resolve(item)
        for method in METHODS:
            if method not in item:
                continue
            count += 1
            page = operations[(method.upper(), route)]
            operation, _ = document.resolve(item[method])
            for callback_name, callback in (operation.get("callbacks") or {}).items():
                callback, _ = document.resolve(callback)
                for expression, callback_item in callback.items():
                    if expression.startswith("x-"):
                        continue
                    for callback_method in METHODS:
                        if callback_method in (callback_item or {}):
                            slug = re.sub(r"[^a-z0-9]+", "-", callback_name.lower()).strip("-")
                            assert f'id="callback-{slug}-{callback_method}"' in page, (route, callback_name)
            for schema in schemas_of(operation, document):
                missing += [f"{method.upper()} {route}: {m}" for m in
                            missing_properties(schema, document, page, components)]
    assert len(operations) == count
    assert missing == [], missing[:20]


def test_titles_servers_and_shared_texts_as_a_reader_expects(site):
    invented = []
    # Documents that name example.com hosts themselves.
    own = {api_id(path) for path in documents() if "api.example.com" in path.read_text()}
    for page in site.rglob("*.html"):
        text = page.read_text()
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title and title.group(1).strip(), page
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
        assert heading is None or re.sub(r"<[^>]+>", "", heading.group(1)).strip(), page
        if "api.example.com" in text and page.relative_to(site).parts[0] not in own:
            invented.append(page)
    # No host is invented for a document without servers (callbacks, here): the pages say none is named.
    assert invented == []
    callbacks = site / "readme30-callbacks"
    assert "Base URL: none named" in (callbacks / "index.html").read_text()
    assert '<p class="endpoint-url"><code>POST /streams</code></p>' in \
        (callbacks / "operations" / "POST--streams.html").read_text()
    # DigitalOcean's two 4 KB security descriptions (both say this) are on its API page once each, linked
    # from each operation instead of repeated on 659 pages.
    do = site / "digitalocean-public-v2"
    description = "An OAuth token functions as a complete authentication request"
    assert (do / "index.html").read_text().count(description) == 2
    operation = (do / "operations" / "apps_list.html").read_text()
    assert description not in operation
    assert '(<a href="../index.html#auth-bearer-auth">how it works</a>)' in operation


def test_a_site_of_one_document_is_titled_after_it(tmp_path):
    (tmp_path / "content").mkdir()
    museum = shared_dir() / "testdata" / "real-openapi" / "redocly-museum.yaml"
    result = subprocess.run([DOCGEN, "build", "--spec", str(museum), "--content", str(tmp_path / "content"),
                             "--output", str(tmp_path / "site")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    title = yaml.safe_load(museum.read_text())["info"]["title"]
    assert f"<title>{html.escape(title, quote=False)}</title>" in (tmp_path / "site" / "index.html").read_text()
    assert "AgentsCode" not in (tmp_path / "site" / "index.html").read_text()
