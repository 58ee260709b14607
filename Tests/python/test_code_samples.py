"""Docs that cannot lie: every code sample the site shows (curl, JavaScript with node, Python with
requests, and the n8n workflow's HTTP Request node) runs against `specvalidate mock`, must succeed, and
its answer must validate against the document with `specvalidate response`. Every request example of
both documents is sent to the mock too.

The samples are read from the built pages in site/ (what readers copy), with only the base URL and the
example ids of existing resources replaced, the way a reader would.
"""
import json
import os
import pathlib
import subprocess
import time
from html.parser import HTMLParser

import pytest
import requests
import yaml

from test_mock import Mock

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPECVALIDATE = os.path.abspath(
    os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate")))
SITE = ROOT / "site"
APIS = {
    "agentscode": ("https://api.agentscode.dev/v1", "/v1"),
    "openagents": ("https://openagents.com/api/v1", "/api/v1"),
}
KEY = "YOUR_API_KEY"  # the samples' placeholder is the mock's key here
LANGUAGES = ["curl", "javascript", "python", "n8n"]
PAGES = sorted(SITE.glob("*/operations/*.html"))


class Samples(HTMLParser):
    """The text of each `<section id="sample-LANG">`'s code block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.current, self.in_code, self.samples = None, False, {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and (attributes.get("id") or "").startswith("sample-"):
            self.current = attributes["id"][len("sample-"):]
            self.samples[self.current] = ""
        elif tag == "code" and self.current:
            self.in_code = True

    def handle_endtag(self, tag):
        if tag == "code":
            self.in_code = False
        elif tag == "section":
            self.current = None

    def handle_data(self, data):
        if self.in_code and self.current:
            self.samples[self.current] += data


def samples_of(page):
    parser = Samples()
    parser.feed(page.read_text())
    return parser.samples


SITECUSTOMIZE = '''
import json, os, requests
_request = requests.sessions.Session.request
def request(self, *args, **kwargs):
    response = _request(self, *args, **kwargs)
    with open(os.environ["SAMPLE_CAPTURE"], "w") as f:
        json.dump({"status": response.status_code, "content_type": response.headers.get("Content-Type"),
                   "body": response.text}, f)
    return response
requests.sessions.Session.request = request
'''

FETCH_HOOK = '''
const fs = require('node:fs');
const fetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await fetch(...args);
  const body = await response.clone().text();
  fs.writeFileSync(process.env.SAMPLE_CAPTURE, JSON.stringify(
    {status: response.status, content_type: response.headers.get('content-type'), body}));
  return response;
};
'''


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A mock whose key is the samples' placeholder, a finished job and an agent to point samples at."""
    folder = tmp_path_factory.mktemp("samples")
    server = Mock(folder, "--api-key", KEY, "--job-duration", "0.2", "--credits", "1000000", "--quiet")
    headers = {"Authorization": f"Bearer {KEY}"}
    job = requests.post(server.base + "/v1/agents/event-scheduler", headers=headers,
                        json={"input": "Book an appointment for tomorrow with Jeff at 10am"}).json()["jobId"]
    for _ in range(100):
        if requests.get(f"{server.base}/v1/agents/event-scheduler/{job}", headers=headers).json()["status"] == "completed":
            break
        time.sleep(0.05)
    agent = requests.post(server.base + "/api/v1/agents", headers=headers, json={
        "name": "Samples", "description": "d", "instructions": "i", "welcome_message": "w"}).json()["data"]["agent_id"]
    (folder / "example.txt").write_text("a,b\n1,2\n")
    (folder / "hooks").mkdir()
    (folder / "hooks" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    (folder / "hooks" / "fetch-hook.js").write_text(FETCH_HOOK)
    yield {"base": server.base, "job": job, "agent": agent, "folder": folder}
    server.process.kill()
    server.process.wait()


def localize(text, api, world):
    production, prefix = APIS[api]
    text = text.replace(production, world["base"] + prefix)
    text = text.replace("3f1c9a52-8e0b-4d7a-9c41-6b2e5d8f0a17", world["job"])
    if api == "openagents":
        text = text.replace("/api/v1/agents/42", f"/api/v1/agents/{world['agent']}")
    return text


def run_n8n(workflow, folder):
    """What n8n's HTTP Request node would send, from its parameters."""
    nodes = {node["name"]: node for node in workflow["nodes"]}
    trigger = next(n for n in workflow["nodes"] if n["type"] == "n8n-nodes-base.manualTrigger")
    http = next(n for n in workflow["nodes"] if n["type"] == "n8n-nodes-base.httpRequest")
    # Importable as the seed shows: the manual trigger wired, through any file reader, to the HTTP Request node.
    chain = [trigger]
    while chain[-1]["name"] in workflow["connections"]:
        chain.append(nodes[workflow["connections"][chain[-1]["name"]]["main"][0][0]["node"]])
    assert chain[-1] is http and len(chain) == len(nodes)
    # The binary fields the request sends are the ones the node before it made, from files that exist.
    binary = {}
    for reader in chain[1:-1]:
        assert reader["type"] == "n8n-nodes-base.readWriteFile"
        path = folder / reader["parameters"]["fileSelector"]
        binary[reader["parameters"].get("options", {}).get("dataPropertyName", "data")] = (path.name, path.read_bytes())
    p = http["parameters"]
    headers = {h["name"]: h["value"] for h in p.get("headerParameters", {}).get("parameters", [])} \
        if p.get("sendHeaders") else {}
    params = {q["name"]: q["value"] for q in p.get("queryParameters", {}).get("parameters", [])} \
        if p.get("sendQuery") else {}
    kwargs = {}
    if p.get("sendBody"):
        if p.get("specifyBody") == "json":
            kwargs["json"] = json.loads(p["jsonBody"])
        elif p.get("contentType") == "multipart-form-data":
            data, files = {}, {}
            for field in p["bodyParameters"]["parameters"]:
                if field.get("parameterType") == "formBinaryData":
                    assert field["inputDataFieldName"] in binary, f"{field} reads a field no node makes"
                    file_name, content = binary[field["inputDataFieldName"]]
                    files[field["name"]] = (file_name, content, "text/plain")
                else:
                    data[field["name"]] = field["value"]
            kwargs.update(data=data, files=files)
        else:
            pytest.fail(f"an n8n body this test does not know: {p}")
    response = requests.request(p.get("method", "GET"), p["url"], headers=headers, params=params, **kwargs)
    return {"status": response.status_code, "content_type": response.headers.get("Content-Type"),
            "body": response.text}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_sample_runs_against_the_mock_and_its_answer_validates(world, page, language):
    api, operation = page.parent.parent.name, page.stem
    samples = samples_of(page)
    assert set(samples) == set(LANGUAGES), f"{page}: samples {sorted(samples)}"
    code = localize(samples[language], api, world)
    folder = world["folder"]
    capture = folder / f"{api}-{operation}-{language}.json"
    env = dict(os.environ, SAMPLE_CAPTURE=str(capture))
    if language == "curl":
        command = code.rstrip().rstrip("\\").rstrip() + \
            f" --silent --show-error --output {capture}.body --write-out '%{{http_code}} %{{content_type}}'"
        result = subprocess.run(["bash", "-c", command], cwd=folder, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        status, _, content_type = result.stdout.partition(" ")
        captured = {"status": int(status), "content_type": content_type,
                    "body": pathlib.Path(f"{capture}.body").read_text()}
    elif language == "python":
        (folder / "sample.py").write_text(code)
        env["PYTHONPATH"] = str(folder / "hooks")
        result = subprocess.run(["python3", "sample.py"], cwd=folder, env=env, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stderr
        captured = json.loads(capture.read_text())
    elif language == "javascript":
        (folder / "sample.js").write_text(code)
        result = subprocess.run(["node", "--require", str(folder / "hooks" / "fetch-hook.js"), "sample.js"],
                                cwd=folder, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        captured = json.loads(capture.read_text())
    else:
        captured = run_n8n(json.loads(code), folder)

    assert 200 <= captured["status"] < 300, f"{language} sample of {operation}: {captured}"
    body = folder / f"{api}-{operation}-{language}.body.json"
    body.write_text(captured["body"])
    check = subprocess.run(
        [SPECVALIDATE, "response", "--spec", str(SITE / "openapi" / f"{api}.openapi.yaml"), "--operation", operation,
         "--status", str(captured["status"]), "--content-type", captured["content_type"] or "", str(body)],
        capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("api", sorted(APIS))
def test_every_request_example_is_accepted_by_the_mock(world, api):
    document = yaml.safe_load((SITE / "openapi" / f"{api}.openapi.yaml").read_text())
    sent = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            media = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if not media:
                continue
            url = world["base"] + APIS[api][1] + path.replace("{agentId}", "youtube-transcription")
            for name, example in media.get("examples", {}).items():
                response = requests.request(method.upper(), url, json=example["value"],
                                            headers={"Authorization": f"Bearer {KEY}"})
                assert 200 <= response.status_code < 300, f"{api} {operation['operationId']} example {name}: {response.text}"
                sent += 1
    assert sent >= 1
