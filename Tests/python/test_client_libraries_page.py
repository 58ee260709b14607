"""The "Client libraries" guide shows the code CI runs: every code block marked `<!-- from: PATH -->` is,
line for line (indentation aside), in that file. Edit the tests and the page together."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "content" / "client-libraries.md"


def blocks():
    text = PAGE.read_text()
    return re.findall(r"<!-- from: (\S+) -->\n```\w*\n(.*?)\n```", text, re.S)


def test_every_marked_block_is_in_its_file():
    found = blocks()
    assert len(found) >= 7, "the page's marked code blocks"
    for path, code in found:
        source = [line.strip() for line in (ROOT / path).read_text().splitlines()]
        lines = [line.strip() for line in code.splitlines()]
        starts = [i for i, line in enumerate(source) if line == lines[0]]
        assert any(source[i:i + len(lines)] == lines for i in starts), f"{path} no longer holds:\n{code}"


def test_the_generated_site_has_the_page():
    page = ROOT / "site" / "client-libraries.html"
    assert page.exists()
    assert "openapi-python-client generate" in page.read_text()
