"""docgen's API changelog: the changes between the versions a page's front matter (or --changelog)
names and this build, read with git, breaking first, each linked to its reference page; a version git
does not have is an error at its front matter line.

Run by scripts/test.sh after `swift build`; DOCGEN_BIN names the executable.
"""
import html
import os
import pathlib
import re
import subprocess

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCGEN = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))

API = {
    "openapi": "3.1.0",
    "info": {"title": "Things", "version": "1.0.0"},
    "paths": {
        "/things": {"get": {"operationId": "listThings", "parameters": [
            {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "object", "required": ["id", "name"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}}}}}},
        "/things/{id}": {"delete": {"operationId": "deleteThing", "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"204": {"description": "gone"}}}},
    },
}


def git(repo, *args):
    subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI", *args], cwd=repo, check=True,
                   capture_output=True)


def repository(tmp_path):
    """A repository with two versions of things.yaml; the working tree has a third."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    spec = repo / "things.yaml"
    spec.write_text(yaml.safe_dump(API, sort_keys=False))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "First version")
    second = yaml.safe_load(yaml.safe_dump(API))
    del second["paths"]["/things/{id}"]  # breaking
    second["paths"]["/things"]["get"]["parameters"][0]["schema"]["maximum"] = 500  # not breaking
    spec.write_text(yaml.safe_dump(second, sort_keys=False))
    git(repo, "commit", "-qam", "Remove deleting; allow larger pages")
    third = yaml.safe_load(yaml.safe_dump(second))
    third["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["required"] = ["id"]
    spec.write_text(yaml.safe_dump(third, sort_keys=False))
    return repo


def main_text(path):
    page = path.read_text()
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    return page, html.unescape(re.sub(r"<[^>]+>", "", main))


def test_changelog_from_the_command_line(tmp_path):
    repo = repository(tmp_path)
    result = subprocess.run([DOCGEN, "build", "--spec", "things.yaml", "--changelog", "git:HEAD~1",
                             "--changelog", "git:HEAD", "--output", "out"], cwd=repo, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    page, text = main_text(repo / "out" / "things" / "changelog.html")
    unreleased, second, first = (text.index("Unreleased"), text.index("Remove deleting; allow larger pages"),
                                 text.index("First version"))
    assert unreleased < second < first, "newest first"
    # The working tree: a response member became optional, linked to its operation's page.
    assert "response-property-became-optional" in text[unreleased:second]
    assert 'href="../things/operations/listThings.html"' in page
    # The second version: the removal (breaking) before the larger maximum (not breaking).
    section = text[second:first]
    assert section.index("Breaking changes") < section.index("api-path-removed-without-deprecation")
    assert section.index("api-path-removed-without-deprecation") < section.index("Other changes")
    assert section.index("Other changes") < section.index("request-parameter-max-increased")
    assert "The first version listed." in text[first:]


def test_changelog_from_front_matter_and_its_errors(tmp_path):
    repo = repository(tmp_path)
    content = repo / "content" / "things"
    content.mkdir(parents=True)
    (content / "history.md").write_text(
        "---\ntitle: History\napi: things\nchangelog:\n  - git:HEAD~1\n  - git:HEAD\n---\n\nWhat changed.\n")
    result = subprocess.run([DOCGEN, "build", "--spec", "things.yaml", "--content", "content", "--output", "out"],
                            cwd=repo, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    _, text = main_text(repo / "out" / "things" / "history.html")
    assert "What changed." in text and "api-path-removed-without-deprecation" in text
    (content / "history.md").write_text(
        "---\ntitle: History\napi: things\nchangelog:\n  - git:no-such-tag\n---\n")
    result = subprocess.run([DOCGEN, "build", "--spec", "things.yaml", "--content", "content", "--output", "out2"],
                            cwd=repo, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "content/things/history.md:4: error: changelog version 'git:no-such-tag'" in result.stderr
    assert "git has no revision 'no-such-tag'" in result.stderr
    assert not (repo / "out2").exists()


def test_published_changelogs_list_the_repository_history():
    page, text = main_text(ROOT / "site" / "agentscode" / "changelog.html")
    assert "Breaking changes" in text and "response-property-became-optional" in text
    assert 'href="../spec-notes.html#breaking-changes"' in page
    assert 'href="../agentscode/operations/listAgents.html"' in page
