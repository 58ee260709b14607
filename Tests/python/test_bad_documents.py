"""Documents that cannot be read whole, given to every tool as a user would: each problem is reported with
its file:line:column, the exit code is 1 (2 when the entry file itself cannot be read), nothing is half
written, and nothing hangs or crashes.
"""
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCGEN = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))
SPECVALIDATE = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
BROKEN = ROOT / "Tests" / "OpenAPIDocumentTests" / "Fixtures" / "broken"


def run(*args, timeout=60):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, cwd=ROOT)


# Relative to the checkout, as the fixture's references are reported.
ENTRY = "Tests/OpenAPIDocumentTests/Fixtures/broken/openapi.yaml"
F = "Tests/OpenAPIDocumentTests/Fixtures/broken"
EXPECTED = [
    f"{F}/parts/responses.yaml:6:9: error: \"../nowhere/schema.yaml\": cannot read '{F}/nowhere/schema.yaml': no such file [invalid-ref]",
    f"{ENTRY}:8:11: note: referenced from here",
    f"{ENTRY}:10:11: error: '{F}/parts/responses.yaml#/missing' does not exist: '{F}/parts/responses.yaml' has no value at '/missing' [invalid-ref]",
    f"{ENTRY}:12:11: error: reference cycle with nothing in between: '{F}/cycle/a.yaml' → '{F}/cycle/b.yaml' → '{F}/cycle/a.yaml' [invalid-ref]",
    f"{ENTRY}:16:11: error: \"https://example.com/shared.yaml#/Error\" is a remote reference; nothing is fetched over the network (download it and refer to the file) [invalid-ref]",
    f"{F}/parts/duplicate.yaml:3:1: error: duplicate key 'description' in one mapping (first at line 1, column 1) [parser]",
    f"{ENTRY}:18:11: note: referenced from here",
]


def test_lint_reports_every_broken_reference_where_it_is():
    result = run(SPECVALIDATE, "lint", "--spec", ENTRY)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for line in EXPECTED:
        assert line in lines, (line, result.stdout)
    assert any(line.startswith(f"{ENTRY}:14:11: error: \"../outside.yaml\" leaves the folder") for line in lines)


def test_bundle_refuses_and_writes_nothing(tmp_path):
    out = tmp_path / "bundle.yaml"
    result = run(SPECVALIDATE, "bundle", "--spec", ENTRY, "--output", str(out))
    assert result.returncode == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []
    for line in EXPECTED:
        assert line in result.stderr.splitlines()
    assert result.stderr.endswith("specvalidate bundle: 6 errors; nothing written\n")
    # With a wider root, the file outside the entry's folder is read.
    wider = run(SPECVALIDATE, "bundle", "--spec", ENTRY, "--ref-root", str(BROKEN.parent), "--output", str(out))
    assert "leaves the folder" not in wider.stderr


def test_docgen_leaves_the_site_as_it_was(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.html").write_text("old")
    empty = tmp_path / "content"
    empty.mkdir()
    result = run(DOCGEN, "build", "--spec", ENTRY, "--content", str(empty), "--output", str(site))
    assert result.returncode == 1
    for line in EXPECTED:
        assert line in result.stderr.splitlines()
    assert [p.name for p in site.iterdir()] == ["keep.html"]


@pytest.mark.parametrize("command", [["lint"], ["bundle"], ["response", "--operation", "x", "--status", "200"],
                                     ["har", "x.har"], ["mock", "--port", "0"]])
def test_an_entry_that_cannot_be_read_exits_2(command, tmp_path):
    result = run(SPECVALIDATE, command[0], "--spec", str(tmp_path / "missing.yaml"), *command[1:])
    assert result.returncode == 2, result.stderr
    assert f"{tmp_path}/missing.yaml: cannot read the file: no such file" in result.stderr


def alias_bomb(path):
    # Nine levels of ten aliases: 10^9 values from 600 bytes.
    text = "openapi: 3.1.0\ninfo: {title: bomb, version: '1'}\npaths: {}\nx-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 10):
        text += f"x-a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]\n"
    path.write_text(text)
    return path


def test_an_alias_bomb_is_a_diagnostic_not_a_crash_or_a_hang(tmp_path):
    bomb = alias_bomb(tmp_path / "bomb.yaml")
    assert bomb.stat().st_size < 800
    lint = run(SPECVALIDATE, "lint", "--spec", str(bomb), timeout=60)
    assert lint.returncode == 1
    # Located at a value the aliases copy, in the file.
    assert re.match(re.escape(str(bomb)) + r":\d+:\d+: error: aliases expand to more than 1000000 values; "
                    r"refusing to expand them \[parser\]\n", lint.stdout), lint.stdout
    for command in (["bundle"], ["mock", "--port", "0"]):
        result = run(SPECVALIDATE, command[0], "--spec", str(bomb), *command[1:], timeout=60)
        assert result.returncode == 1
        assert "aliases expand to more than 1000000 values" in result.stderr
    empty = tmp_path / "content"
    empty.mkdir()
    built = run(DOCGEN, "build", "--spec", str(bomb), "--content", str(empty), "--output", str(tmp_path / "site"))
    assert built.returncode == 1
    assert "aliases expand to more than 1000000 values" in built.stderr


def test_a_referenced_file_with_an_alias_bomb(tmp_path):
    alias_bomb(tmp_path / "parts.yaml")
    entry = tmp_path / "openapi.yaml"
    entry.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: parts.yaml#/x-a9\n")
    result = run(SPECVALIDATE, "lint", "--spec", str(entry))
    assert result.returncode == 1
    assert re.search(re.escape(f"{tmp_path}/parts.yaml") + r":\d+:\d+: error: aliases expand", result.stdout)
    assert f"{entry}:5:5: note: referenced from here" in result.stdout


@pytest.mark.parametrize("text,message", [
    ('{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}',
     "a Swagger 2.0 document: only OpenAPI 3.0 and 3.1 are read (convert it, for example with swagger2openapi)"),
    ("name: my-service\nreplicas: 3\n", "not an OpenAPI document: it has no 'openapi' version (such as openapi: 3.1.0)"),
    ("- a\n- b\n", "not an OpenAPI document: the file holds an array, not a mapping with 'openapi: 3.x'"),
])
def test_lint_refuses_what_is_not_openapi_with_one_message(tmp_path, text, message):
    path = tmp_path / "input.yaml"
    path.write_text(text)
    # The mock, the conformance run and the response check refuse it the same way (the mock used to start
    # and answer 404 to everything); diff too.
    for command in (["lint"], ["mock", "--port", "0"], ["run", "--base-url", "http://127.0.0.1:9"],
                    ["response", "--operation", "x", "--status", "200"]):
        result = run(SPECVALIDATE, command[0], "--spec", str(path), *command[1:], timeout=30)
        assert result.returncode == 2, command
        assert result.stdout == ""
        assert result.stderr == f"specvalidate: error: {path}: {message}\n", command
    result = run(SPECVALIDATE, "diff", str(path), str(path))
    assert (result.returncode, result.stderr) == (2, f"specvalidate: error: {path}: {message}\n")
