"""The "Validating proxy" guide quotes the proxy as it is: its `sl-violations` header and its log lines are
what `specvalidate proxy` sends and prints for the page's request (test_proxy.py has the statuses).

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the executable.
"""
import json
import pathlib
import re

from test_mock import mock  # noqa: F401  (the fixture)
from test_proxy import AGENTSCODE, KEY, call, proxy  # noqa: F401  (the fixture)

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = (ROOT / "content" / "validating-proxy.md").read_text()


def block(language):
    return re.search(rf"```{language}\n(.*?)\n```", PAGE, re.S).group(1)


def test_the_quoted_header_and_log_lines_are_what_the_proxy_gives(mock, proxy):  # noqa: F811
    front = proxy(AGENTSCODE, mock().base)
    status, headers, _ = call(front.base, "GET", "/v1/credits/history?limit=abc", headers=KEY)
    quoted = dict(line.split(": ", 1) for line in block("http").splitlines()[1:])
    assert block("http").startswith(f"HTTP/1.1 {status} ")
    assert json.loads(headers["sl-violations"]) == json.loads(quoted["sl-violations"])
    _, log = front.stop()
    first, second = block("text").splitlines()
    # The time differs from run to run; the rest of each line is as quoted.
    assert re.sub(r"[\d.]+ ms", "N ms", first) in re.sub(r"[\d.]+ ms", "N ms", log)
    assert second in log


def test_the_site_has_the_page():
    page = (ROOT / "site" / "validating-proxy.html").read_text()
    assert "sl-violations" in page and 'href="mock-server.html"' in page
    assert "- [Validating proxy](" in (ROOT / "site" / "llms.txt").read_text()
