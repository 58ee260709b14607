"""`docgen serve` over a real socket: it serves the site from memory, rebuilds when a markdown file
changes, keeps the last good site and reports the problems of a bad build (also on the page, through
its live-reload script in a headless Chromium), and stops cleanly on SIGINT.

Run by scripts/test.sh after `swift build`; DOCGEN_BIN names the docgen executable.
"""
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from test_site import chromium_dom

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCGEN = os.path.abspath(os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen")))


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(predicate, what, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def server(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    # The changelog pages read earlier versions from this repository's git history, which the copy is
    # outside of: they are served without their lists.
    for page in (tmp_path / "content").rglob("changelog.md"):
        page.write_text(re.sub(r"\nchangelog:\n(  - .*\n)+", "\n", page.read_text()))
    log = open(tmp_path / "serve.log", "w+")
    process = subprocess.Popen([DOCGEN, "serve", "--port", "0"], cwd=tmp_path, stdout=log, stderr=log)

    def address():
        log.seek(0)
        match = re.search(r"serving at (http://127\.0\.0\.1:\d+/)", log.read())
        return match and match.group(1)

    base = wait_for(address, "docgen serve to listen")
    yield base, tmp_path, process, log
    if process.poll() is None:
        process.kill()
        process.wait()
    log.close()


def status(base):
    return json.loads(get(base + "__docgen/status")[1])


def test_serves_rebuilds_reports_and_stops(server):
    base, folder, process, log = server
    code, home = get(base + "agentscode/")
    assert code == 200
    assert "<h1" in home and '<script src="/__docgen/live.js" defer></script>' in home
    assert get(base + "agentscode")[0] == 200  # redirected to the folder
    assert get(base + "no-such-page.html")[0] == 404
    first = status(base)["version"]

    page = folder / "content" / "agentscode" / "index.md"
    text = page.read_text()
    page.write_text(re.sub(r"(?m)^title: .*$", "title: Renamed while serving", text, count=1))
    wait_for(lambda: status(base)["version"] > first, "a rebuild after an edit")
    assert "Renamed while serving" in get(base + "agentscode/")[1]

    page.write_text(text.replace("---\ntitle:", "---\ntitle: [unclosed", 1))
    broken = wait_for(lambda: (s := status(base))["failed"] and s, "a failed rebuild")
    assert "content/agentscode/index.md:3:12: error: malformed front matter: did not find expected ',' or ']'" in broken["problems"]
    # The last good site is still served, and an open page shows the problems.
    assert "Renamed while serving" in get(base + "agentscode/")[1]
    dom = chromium_dom(base + "agentscode/")
    assert 'id="docgen-problems"' in dom and "content/agentscode/index.md:3:12: error: malformed" in dom

    page.write_text(text)
    wait_for(lambda: not status(base)["failed"], "a good rebuild after the fix")
    assert "Renamed while serving" not in get(base + "agentscode/")[1]

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    log.seek(0)
    assert "sources changed: 1 error; still serving the previous site" in log.read()


def test_a_split_document_rebuilds_when_a_referenced_file_changes(tmp_path):
    # The multi-file fixture of the document module's tests: editing a schema in another folder rebuilds.
    shutil.copytree(ROOT / "Tests" / "OpenAPIDocumentTests" / "Fixtures" / "multifile", tmp_path / "shop")
    (tmp_path / "content").mkdir()
    log = open(tmp_path / "serve.log", "w+")
    process = subprocess.Popen([DOCGEN, "serve", "--port", "0", "--spec", "shop/openapi.yaml"], cwd=tmp_path,
                               stdout=log, stderr=log)
    try:
        def address():
            log.seek(0)
            match = re.search(r"serving at (http://127\.0\.0\.1:\d+/)", log.read())
            return match and match.group(1)

        base = wait_for(address, "docgen serve to listen")
        page = base + "openapi-api/schemas/Tag.html"
        status_code, body = get(page)
        assert status_code == 200 and '<code class="prop">label</code>' in body
        first = status(base)["version"]
        tag = tmp_path / "shop" / "schemas" / "Tag.yaml"
        time.sleep(1.1)  # a new modification time, even on file systems that keep whole seconds
        tag.write_text(tag.read_text().replace("label:", "caption:"))
        wait_for(lambda: status(base)["version"] > first, "a rebuild after editing a referenced file")
        assert '<code class="prop">caption</code>' in get(page)[1]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
        log.close()
