"""The site for AI tools (issue 19, llmstxt.org): `llms.txt`, `llms-full.txt` and a Markdown copy of every
page, checked on the committed site (which CI rebuilds and compares).

Run by scripts/test.sh.
"""
import pathlib
import re
import xml.etree.ElementTree as ET

import yaml
from openapi_spec_validator import validate

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def base_url():
    """The site's address: its home page's URL without `index.html`."""
    locs = [url[0].text for url in ET.parse(SITE / "sitemap.xml").getroot()]
    home = min((loc for loc in locs if loc.endswith("/index.html")), key=len)
    return home[: -len("index.html")]


def html_pages():
    """Every page in the sitemap, as a path from the site's root."""
    base = base_url()
    names = [url[0].text for url in ET.parse(SITE / "sitemap.xml").getroot()]
    return [name[len(base):] for name in names]


def test_llms_txt_has_the_shape_llmstxt_org_asks_for():
    text = (SITE / "llms.txt").read_text()
    lines = text.splitlines()
    assert lines[0].startswith("# ") and len(lines[0]) > 2
    first = next(line for line in lines[1:] if line.strip())
    assert first.startswith("> ")
    sections = [line[3:] for line in lines if line.startswith("## ")]
    assert sections[-2:] == ["API specifications", "Optional"]
    assert "AgentsCode API" in sections and "OpenAgents API" in sections
    assert not any(line.startswith("### ") or (line.startswith("# ") and n) for n, line in enumerate(lines))
    # Each list item is a link with an optional ": description".
    for line in lines:
        if line.startswith("- "):
            assert re.match(r"- \[[^\]]+\]\([^)]+\)(: .+)?$", line), line


def test_every_link_in_llms_txt_names_a_published_file_and_every_api_page_is_listed():
    base = base_url()
    text = (SITE / "llms.txt").read_text()
    targets = [target for _, target in LINK.findall(text)]
    assert targets and all(target.startswith(base) for target in targets)
    files = [target[len(base):] for target in targets]
    for name in files:
        assert (SITE / name).is_file(), name
    listed = set(files)
    for page in html_pages():
        if page.startswith(("agentscode/", "openagents/")) and "/schemas/" not in page:
            assert page[:-5] + ".md" in listed, page
    specifications = text.split("## API specifications", 1)[1].split("## Optional", 1)[0]
    for document in sorted((SITE / "openapi").iterdir()):
        assert f"{base}openapi/{document.name}" in specifications
    assert f"{base}llms-full.txt" in text.split("## Optional", 1)[1]


def test_every_page_has_a_markdown_copy_that_its_html_names_and_llms_full_has_them_all():
    everything = (SITE / "llms-full.txt").read_text()
    for page in html_pages():
        copy = SITE / (page[:-5] + ".md")
        assert copy.is_file(), page
        markdown = copy.read_text()
        assert markdown.startswith("# ")
        assert markdown in everything, page
        html = (SITE / page).read_text()
        name = copy.name
        assert f'<link rel="alternate" type="text/markdown" href="{name}">' in html, page
        assert f'href="{name}" data-copy-markdown' in html, page
        # Relative links between copies resolve.
        for _, target in LINK.findall(markdown):
            if target.endswith(".md") or ".md#" in target:
                if "://" in target:
                    continue
                assert (copy.parent / target.split("#")[0]).resolve().is_file(), f"{page}: {target}"


def operation_copies():
    return sorted(SITE.glob("*/operations/*.md"))


def test_an_operations_copy_has_its_tables_a_sample_and_a_valid_single_operation_document():
    copies = operation_copies()
    documents = [yaml.safe_load((SITE / "openapi" / f"{api}.openapi.yaml").read_text())
                 for api in ("agentscode", "openagents")]
    operations = sum(len([m for m in item if m in ("get", "post", "put", "patch", "delete")])
                     for document in documents for item in document["paths"].values())
    assert len(copies) == operations == 9
    for copy in copies:
        markdown = copy.read_text()
        assert "## Responses\n\n| Status | Description | Content type | Body |" in markdown, copy
        assert "## Example request\n\n```sh\ncurl " in markdown, copy
        block = markdown.split("## OpenAPI", 1)[1].split("```yaml\n", 1)[1].split("\n```", 1)[0]
        document = yaml.safe_load(block)
        operations = [(path, method) for path, item in document["paths"].items()
                      for method in item if method != "parameters"]
        assert len(operations) == 1, copy
        # A whole document: every reference it keeps resolves inside it.
        validate(document)
        assert f"operationId: {copy.stem}" in block
    run = (SITE / "agentscode" / "operations" / "runAgent.md").read_text()
    assert "| `agentId` | path | string | yes |" in run
    assert "| `input` | string or object | yes |" in run
    assert "[poll the run](getAgentRun.md)" in run
