"""The try-it console of operation pages (issue 19) in headless Chromium, driven through chromedriver: the
built site served on loopback, real requests to `specvalidate mock` and through `specvalidate proxy`.

Run by scripts/test.sh after `swift build`; DOCGEN_BIN names the docgen executable.
"""
import functools
import http.server
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import pytest

from test_mock import Mock, mock  # noqa: F401  (the fixture)
from testdata import shared_dir
from test_proxy import Proxy, proxy  # noqa: F401  (the fixture)

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCGEN = os.environ.get("DOCGEN_BIN", str(ROOT / ".build" / "debug" / "docgen"))
AGENTSCODE = str(ROOT / "site" / "openapi" / "agentscode.openapi.yaml")


@pytest.fixture(scope="module")
def site():
    """The site built now, served over HTTP on loopback (a page's script may only call other origins from
    an http:// page the way a reader's browser does)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="docgen-try-it-"))
    subprocess.run([DOCGEN, "build", "--content", "content", "--output", str(folder / "site")], cwd=ROOT,
                   check=True, capture_output=True)
    yield from serve(folder / "site")
    shutil.rmtree(folder, ignore_errors=True)


def serve(folder):
    """Serves `folder` on loopback while the caller's `yield` lasts, giving its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")),
                              options=options)
    driver.set_window_size(1280, 900)
    yield driver
    driver.quit()


def hook(browser, name):
    from selenium.webdriver.common.by import By
    return browser.find_element(By.CSS_SELECTOR, f"[data-try-it-{name}]" if name else "[data-try-it]")


def open_console(browser, url, server):
    """Opens the page, points the console at `server` (another URL) and returns a helper to wait on."""
    from selenium.webdriver.support.ui import Select
    browser.get(url)
    browser.execute_script("sessionStorage.clear(); localStorage.clear();")
    browser.get(url)
    Select(hook(browser, "server")).select_by_visible_text("Another URL…")
    field = hook(browser, "url")
    field.clear()
    field.send_keys(server)


def wait_for(predicate, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def test_the_console_sends_a_real_request_to_the_mock_and_shows_the_answer_and_its_curl(site, browser, mock):  # noqa: F811
    server = mock()
    open_console(browser, f"{site}/agentscode/operations/getCreditHistory.html", server.base + "/v1")
    console = hook(browser, "")
    assert console.is_displayed()
    token = hook(browser, "token")
    token.send_keys("sk_test_mock")
    hook(browser, "send").click()
    status = wait_for(lambda: hook(browser, "status").text.startswith("200") and hook(browser, "status").text)
    assert status and status.startswith("200"), hook(browser, "status").text + hook(browser, "message").text
    assert '"runs": []' in hook(browser, "response").text and '"hasMore": false' in hook(browser, "response").text
    curl = hook(browser, "curl").text
    assert f"--url '{server.base}/v1/credits/history?limit=20'" in curl
    assert "--header 'Authorization: Bearer sk_test_mock'" in curl
    # The curl command is exactly the request: run as shown, the mock answers it the same way.
    result = subprocess.run(["bash", "-c", curl + " --silent --output /dev/null --write-out '%{http_code}'"],
                            capture_output=True, text=True, timeout=30)
    assert result.stdout == "200"
    # Kept for the session: the next page knows the key.
    browser.get(f"{site}/agentscode/operations/listAgents.html")
    assert hook(browser, "token").get_attribute("value") == "sk_test_mock"
    assert "Another URL" in hook(browser, "server").find_element("css selector", "option:checked").text


def test_inputs_are_checked_before_anything_is_sent(site, browser, mock):  # noqa: F811
    server = mock()
    open_console(browser, f"{site}/agentscode/operations/runAgent.html", server.base + "/v1")
    hook(browser, "token").send_keys("sk_test_mock")
    body = hook(browser, "body")
    body.clear()
    body.send_keys('{"input": ')
    hook(browser, "send").click()
    assert "The body is not valid JSON" in wait_for(lambda: hook(browser, "message").text)
    agent = hook(browser, 'param="agentId"')
    agent.clear()
    hook(browser, "send").click()
    assert "“agentId” is required." in wait_for(lambda: hook(browser, "message").text)
    time.sleep(0.3)
    assert "POST /v1/agents" not in server.text()
    # A number out of its bounds, on another page.
    open_console(browser, f"{site}/agentscode/operations/getCreditHistory.html", server.base + "/v1")
    limit = hook(browser, 'param="limit"')
    limit.clear()
    limit.send_keys("500")
    hook(browser, "send").click()
    assert "“limit” must be at most 100." in wait_for(lambda: hook(browser, "message").text)


def test_server_variables_are_inputs_and_are_checked(browser, tmp_path):
    """ReadMe's server-variables document (written elsewhere): each {variable} of the chosen server is an
    input (an enum a select), filled with its default; the URL, the curl command and the checks follow."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    document = shared_dir() / "testdata" / "real-openapi" / "readme30-server-variables.yaml"
    (tmp_path / "content").mkdir()
    subprocess.run([DOCGEN, "build", "--spec", str(document), "--content", str(tmp_path / "content"), "--output",
                    str(tmp_path / "site")], check=True, capture_output=True, timeout=120)
    page = next(p for p in sorted((tmp_path / "site").rglob("operations/*.html"))
                if "Global servers + variables" in p.read_text())
    served = serve(tmp_path / "site")
    base = next(served)
    try:
        url = f"{base}/{page.relative_to(tmp_path / 'site').as_posix()}"
        browser.get(url)
        browser.execute_script("sessionStorage.clear(); localStorage.clear();")
        browser.get(url)
        servers = Select(hook(browser, "server"))
        assert servers.first_selected_option.text == "https://demo.example.com:443/v2"
        assert "--url 'https://demo.example.com:443/v2/global'" in hook(browser, "curl").text
        servers.select_by_visible_text("https://demo.readme.io:3000/v1")
        inputs = {i.get_attribute("data-try-it-variable"): i
                  for i in browser.find_elements(By.CSS_SELECTOR, "[data-try-it-variable]")}
        assert sorted(inputs) == ["basePath", "name", "port"]
        assert inputs["port"].tag_name == "select"
        assert [o.text for o in Select(inputs["port"]).options] == ["3000", "5000"]
        assert inputs["basePath"].get_attribute("value") == "v1"
        inputs["name"].clear()
        inputs["name"].send_keys("acme")
        Select(inputs["port"]).select_by_visible_text("5000")
        assert wait_for(lambda: "--url 'https://acme.readme.io:5000/v1/global'" in hook(browser, "curl").text)
        # Kept for the session, per server.
        browser.get(url)
        assert Select(hook(browser, "server")).first_selected_option.text == "https://demo.readme.io:3000/v1"
        assert "--url 'https://acme.readme.io:5000/v1/global'" in hook(browser, "curl").text
        # An empty variable is refused before anything is sent.
        field = browser.find_element(By.CSS_SELECTOR, "[data-try-it-variable='name']")
        field.clear()
        hook(browser, "send").click()
        assert wait_for(lambda: "Server variable {name} is empty." in hook(browser, "message").text)
        assert hook(browser, "status").text == ""
    finally:
        next(served, None)


def test_a_server_that_is_down_is_a_clear_message(site, browser):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    open_console(browser, f"{site}/agentscode/operations/listAgents.html", f"http://127.0.0.1:{port}/v1")
    hook(browser, "send").click()
    message = wait_for(lambda: hook(browser, "message").text)
    assert message.startswith(f"Could not reach http://127.0.0.1:{port}/v1/agents") and "CORS" in message


def test_the_violations_a_validating_proxy_reports_are_listed(site, browser, mock, proxy):  # noqa: F811
    upstream = mock()
    front = proxy(AGENTSCODE, upstream.base)
    open_console(browser, f"{site}/agentscode/operations/listAgents.html", front.base + "/v1")
    hook(browser, "send").click()  # no credentials
    assert wait_for(lambda: hook(browser, "status").text.startswith("401"))
    items = wait_for(lambda: hook(browser, "violations").text)
    assert "request.security: listAgents needs credentials" in items and "[missing-credentials]" in items


def test_an_operation_page_shows_samples_beside_the_request_and_groups_the_error_answers(site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    browser.set_window_size(1280, 900)
    browser.get(f"{site}/agentscode/operations/runAgent.html")
    request = browser.find_element(By.CSS_SELECTOR, ".operation-request").rect
    aside = browser.find_element(By.CSS_SELECTOR, ".operation-aside").rect
    assert aside["x"] >= request["x"] + request["width"]  # beside it, not below
    curl = browser.find_element(By.CSS_SELECTOR, ".operation-aside pre.code")
    assert curl.is_displayed() and curl.rect["y"] < 900 * 1.5  # in the first screen and a half
    # The error answers that share one body are one group: each status listed (its anchor kept), the body once.
    group = browser.find_element(By.CSS_SELECTOR, ".response-group")
    statuses = [li.get_attribute("id") for li in group.find_elements(By.CSS_SELECTOR, ".response-members li")]
    assert {"response-400", "response-404", "response-500"} <= set(statuses)
    assert len(group.find_elements(By.CSS_SELECTOR, "details.response-body")) == 1
    assert len(browser.find_elements(By.CSS_SELECTOR, "details.response-body")) == 1
    # Response examples tabbed by status beside the samples.
    tabs = [tab.text for tab in browser.find_elements(By.CSS_SELECTOR, "#response-examples + .tabs [role=tab]")]
    assert tabs[0] == "200" and any("404" in tab for tab in tabs)
    # On a phone: one column, the samples right after the request, nothing scrolls sideways.
    browser.set_window_size(390, 844)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    request = browser.find_element(By.CSS_SELECTOR, ".operation-request").rect
    aside = browser.find_element(By.CSS_SELECTOR, ".operation-aside").rect
    responses = browser.find_element(By.CSS_SELECTOR, ".operation-responses").rect
    assert request["y"] < aside["y"] < responses["y"]
    browser.set_window_size(1280, 900)


def test_on_a_phone_the_menu_opens_at_the_top_and_closes_with_escape(site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    browser.set_window_size(390, 844)
    browser.get(f"{site}/agentscode/operations/runAgent.html")
    nav = browser.find_element(By.ID, "site-nav")
    menu = browser.find_element(By.CSS_SELECTOR, ".menu-link")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", nav)
    bar = browser.execute_script("return document.querySelector('.topbar').getBoundingClientRect().bottom")
    # Over the page, right under the header: not at the bottom of the page.
    assert abs(top - bar) <= 2 and top < 844 / 2 and nav.is_displayed()
    assert browser.execute_script("return window.scrollY") == 0
    current = nav.find_element(By.CSS_SELECTOR, "[aria-current=page]")
    assert current.text.endswith("Run an agent") and current.is_displayed()
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert menu.get_attribute("aria-expanded") == "false"
    browser.set_window_size(1280, 900)


def test_no_serious_accessibility_violation_on_the_pages_a_developer_uses(site, browser):  # noqa: F811
    """axe-core (the copy axe-selenium-python bundles) on each kind of page, with the console built and
    search results shown. Its `autocomplete-valid` rule is left out: this axe (3.1.1) refuses
    `autocomplete="off"`, which HTML allows on any input and newer axe accepts."""
    from axe_selenium_python import Axe
    browser.set_window_size(1280, 900)
    for page in ["index.html", "agentscode/operations/runAgent.html", "openagents/operations/addAgentFile.html",
                 "search.html?q=credits", "mock-server.html", "agentscode/schemas/index.html",
                 "agentscode/schemas/AgentRun.html"]:
        browser.get(f"{site}/{page}")
        axe = Axe(browser)
        axe.inject()
        result = axe.run(options='{"rules": {"autocomplete-valid": {"enabled": false}}}')
        serious = [(v["id"], [n["html"][:80] for n in v["nodes"][:2]]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{page}: {serious}"
