"""`specvalidate proxy` (issue 18) as a process between real clients and real servers on loopback: in front
of the mock, of a deliberately wrong server, of nothing, of an HTTPS server with a local CA.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the specvalidate executable.
"""
import http.client
import http.server
import json
import os
import pathlib
import re
import signal
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from test_mock import Mock, mock  # noqa: F401  (the fixture)

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPECVALIDATE = os.path.abspath(
    os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate")))
AGENTSCODE = str(ROOT / "site" / "openapi" / "agentscode.openapi.yaml")
OPENAGENTS = str(ROOT / "site" / "openapi" / "openagents.openapi.yaml")


class Proxy:
    def __init__(self, tmp_path, spec, upstream, *args):
        self.log_path = tmp_path / f"proxy-{time.monotonic_ns()}.log"
        self.log = open(self.log_path, "w+")
        self.process = subprocess.Popen(
            [SPECVALIDATE, "proxy", "--spec", spec, "--upstream", upstream, "--port", "0", *args],
            stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.text())
            if match:
                self.base = match.group(1)
                return
            if self.process.poll() is not None:
                pytest.fail(f"the proxy exited {self.process.returncode}: {self.text()}")
            time.sleep(0.02)
        pytest.fail("the proxy did not start listening: " + self.text())

    def text(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        code = self.process.wait(timeout=20)
        text = self.text()
        self.log.close()
        return code, text


@pytest.fixture
def proxy(tmp_path):
    started = []

    def start(spec, upstream, *args):
        server = Proxy(tmp_path, spec, upstream, *args)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def call(base, method, path, body=None, headers=None, context=None, timeout=30):
    """(status, headers, body bytes) of one request."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    if data is not None and "Content-Type" not in (headers or {}):
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def violations(headers):
    value = headers.get("sl-violations")
    return json.loads(value) if value else []


KEY = {"Authorization": "Bearer sk_test_mock"}


# --- In front of the mock ----------------------------------------------------------------------------------

@pytest.mark.parametrize("spec,prefix", [(AGENTSCODE, "/v1"), (OPENAGENTS, "/api/v1")])
def test_a_whole_run_through_the_proxy_in_front_of_the_mock_has_no_violations(mock, proxy, tmp_path, spec, prefix):  # noqa: F811
    upstream = mock("--job-duration", "0.2")
    report = tmp_path / "report.json"
    front = proxy(spec, upstream.base, "--report", str(report), "--format", "json")
    result = subprocess.run([SPECVALIDATE, "run", "--spec", spec, "--base-url", front.base + prefix, "--token",
                             "sk_test_mock", "--poll-interval", "0.05"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    code, log = front.stop()
    assert code == 0, log
    summary = json.loads(report.read_text())
    operations = {operation["operationId"]: operation for operation in summary["operations"]}
    assert summary["notExercised"] == [], summary["notExercised"]
    assert len(operations) >= 4
    # The run's own negative requests (no credentials, wrong parameters) are violations of the request, which
    # the document allows to be answered; not one answer broke the document.
    answers = [v for operation in summary["operations"] for v in operation["violations"]
               if v["location"][0] == "response"]
    assert answers == [], answers
    assert all(sum(operation["statuses"].values()) == operation["exchanges"] for operation in operations.values())


def read_answers(raw, methods):
    """One answer per request method off a socket: (status line, lowercased header fields, body), framed
    by Content-Length (none for 204, nor for an answer to HEAD), and what was read past them."""
    data = b""
    answers = []
    for method in methods:
        while b"\r\n\r\n" not in data:
            data += raw.recv(65536)
        head, _, data = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            assert name.lower() not in fields, f"{name} twice: {head!r}"
            fields[name.lower()] = value.strip()
        length = 0 if method == "HEAD" else int(fields.get("content-length", "0"))
        while len(data) < length:
            data += raw.recv(65536)
        answers.append((lines[0], fields, data[:length]))
        data = data[length:]
    return answers, data


def test_pipelined_requests_are_answered_in_order_and_a_head_answer_has_no_body(mock, proxy):  # noqa: F811
    front = proxy(AGENTSCODE, mock().base)
    auth = b"Authorization: Bearer sk_test_mock\r\n"
    with socket.create_connection(("127.0.0.1", int(front.base.rsplit(":", 1)[1])), timeout=10) as raw:
        # Three requests in one write: the answers come back in order on the one connection.
        raw.sendall(b"GET /v1/agents HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n"
                    b"HEAD /v1/agents HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n"
                    b"GET /v1/credits/balance HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth + b"\r\n")
        answers, rest = read_answers(raw, ["GET", "HEAD", "GET"])
        assert raw.recv(65536) == b"" and rest == b""
    (first, _, agents), (second, head_fields, nothing), (third, last_fields, balance) = answers
    assert first == "HTTP/1.1 200 OK" and isinstance(json.loads(agents), list)
    # HEAD is routed to the GET operation; its empty body is not a violation.
    assert nothing == b"" and second == "HTTP/1.1 200 OK" and "sl-violations" not in head_fields
    # Its Content-Length is the GET answer's (the mock's, passed on), not its empty body's.
    assert head_fields["content-length"] == str(len(agents))
    assert third == "HTTP/1.1 200 OK" and isinstance(json.loads(balance), dict)
    assert last_fields["connection"] == "close"


class Echo(http.server.BaseHTTPRequestHandler):
    """Answers each request with its own target, kept alive (HTTP/1.1)."""
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = json.dumps({"target": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_long_pipeline_is_answered_whole_and_in_order(proxy):
    # Far more requests in one write than the proxy holds at once (16), and more bytes than it reads in
    # one go: it stops reading until it catches up, then reads on.
    server = start_http(Echo)
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{server.server_address[1]}")
        count = 100
        pad = b"X-Pad: " + b"p" * 8000 + b"\r\n"
        requests = b"".join(
            b"GET /v1/credits/history?limit=" + str(n).encode() + b" HTTP/1.1\r\nHost: x\r\n" + pad
            + b"Authorization: Bearer sk_test_mock\r\n" + (b"Connection: close\r\n" if n == count - 1 else b"")
            + b"\r\n"
            for n in range(count))
        with socket.create_connection(("127.0.0.1", int(front.base.rsplit(":", 1)[1])), timeout=20) as raw:
            sender = threading.Thread(target=raw.sendall, args=(requests,))
            sender.start()
            data = b""
            while chunk := raw.recv(65536):
                data += chunk
            sender.join()
    finally:
        server.shutdown()
    targets = []
    while data:
        head, _, data = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        assert lines[0].startswith("HTTP/1.1 200"), lines[0]
        length = int(next(line.split(":", 1)[1] for line in lines if line.lower().startswith("content-length:")))
        targets.append(json.loads(data[:length])["target"])
        data = data[length:]
    assert targets == [f"/v1/credits/history?limit={n}" for n in range(count)]


def test_expect_100_continue_is_answered_by_the_proxy(mock, proxy):  # noqa: F811
    front = proxy(AGENTSCODE, mock().base, "--max-body", "100000")
    body = json.dumps({"input": {"url": "https://www.youtube.com/watch?v=" + "x" * 3000}}).encode()
    head = (b"POST /v1/agents/youtube-transcript HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_mock\r\n"
            b"Content-Type: application/json\r\nExpect: 100-continue\r\n")
    port = int(front.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        # The client waits for `100 Continue` before it sends the body (curl gives up after a second).
        raw.sendall(head + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        raw.settimeout(0.5)
        interim = raw.recv(4096)
        assert interim.startswith(b"HTTP/1.1 100 Continue\r\n"), interim
        raw.settimeout(10)
        raw.sendall(body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += raw.recv(65536)
        assert answer.split(b"\r\n")[0].split()[1] != b"100"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        # Too large: refused at once, so the body is never sent.
        raw.sendall(head + b"Content-Length: 200000\r\n\r\n")
        raw.settimeout(0.5)
        refusal = raw.recv(4096)
        assert refusal.startswith(b"HTTP/1.1 413 "), refusal


# --- In front of a deliberately wrong server ---------------------------------------------------------------

class WrongServer(http.server.BaseHTTPRequestHandler):
    """AgentsCode done wrong: each route breaks the document in one known way."""

    def send(self, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/v1/agents":
            # `id` must be a string; the other required members are missing.
            self.send(200, [{"id": 7, "name": "writer"}])
        elif self.path == "/v1/credits/balance":
            self.send(200, b"12 credits", content_type="text/plain")
        elif self.path.startswith("/v1/credits/history"):
            self.send(418, {"teapot": True})
        elif self.path == "/v1/binary":
            # Hop-by-hop headers (named by Connection, and Keep-Alive) are the connection's, not the answer's.
            self.send(200, bytes(range(256)), content_type="application/octet-stream",
                      headers=[("Connection", "X-Hop"), ("X-Hop", "1"), ("Keep-Alive", "timeout=5"),
                               ("X-Kept", "yes")])
        elif self.path == "/old":
            self.send(200, {"ok": True})
        else:
            self.send(404, {"error": {"code": "not_found", "message": "no"}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.send(200, {"ok": True})

    def log_message(self, *args):
        pass


def start_http(handler, context=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if context:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_each_defect_of_a_wrong_server_is_in_the_header_the_log_and_the_report(proxy, tmp_path):
    server = start_http(WrongServer)
    report = tmp_path / "report.json"
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{server.server_address[1]}", "--report", str(report),
                      "--format", "json")
        status, headers, body = call(front.base, "GET", "/v1/agents", headers=KEY)
        # Forwarded unaltered, with what is wrong in the header.
        assert status == 200 and json.loads(body) == [{"id": 7, "name": "writer"}]
        found = violations(headers)
        locations = {tuple(v["location"]) for v in found}
        assert ("response", "body", "0", "id") in locations, found
        assert all(v["severity"] == "Error" and v["code"] == "response-body" for v in found)
        assert any(v["pointer"].startswith("/paths/~1agents/get/responses/200/content/application~1json/schema")
                   for v in found), found

        status, headers, body = call(front.base, "GET", "/v1/credits/balance", headers=KEY)
        assert status == 200 and body == b"12 credits"
        assert [v["code"] for v in violations(headers)] == ["response-content-type"]

        status, headers, _ = call(front.base, "GET", "/v1/credits/history", headers=KEY)
        assert status == 418
        [undocumented] = violations(headers)
        assert undocumented["code"] == "response-status" and "418" in undocumented["message"]
        assert undocumented["pointer"] == "/paths/~1credits~1history/get/responses"

        # Without credentials and with a bad parameter: forwarded anyway (no --errors), both reported.
        status, headers, _ = call(front.base, "GET", "/v1/credits/history?limit=abc")
        codes = {v["code"]: v for v in violations(headers)}
        assert status == 418 and {"missing-credentials", "request-parameter"} <= set(codes)
        assert codes["request-parameter"]["location"] == ["request", "query", "limit"]

        # A route the document does not have, and bytes that are not text, passed through as they are.
        status, headers, body = call(front.base, "GET", "/v1/binary", headers=KEY)
        assert status == 200 and body == bytes(range(256))
        assert headers["X-Kept"] == "yes" and "X-Hop" not in headers and "Keep-Alive" not in headers
        assert [v["code"] for v in violations(headers)] == ["no-route"]
        code, log = front.stop()
    finally:
        server.shutdown()
    assert code == 0
    assert "GET /v1/agents 200 listAgents" in log
    assert "response.body.0.id: Error: " in log and "[response-body]" in log
    assert "response.headers.content-type: Error: " in log
    summary = json.loads(report.read_text())
    by_rule = summary["violationsByRule"]
    assert by_rule["response-body"] >= 2 and by_rule["response-content-type"] == 1 and by_rule["response-status"] == 2
    assert summary["undocumented"] == [{"route": "GET /v1/binary", "count": 1}]
    history = next(o for o in summary["operations"] if o["operationId"] == "getCreditHistory")
    assert history["statuses"] == {"418": 2}
    assert {"getAgentRun", "runAgent"} <= {o["operationId"] for o in summary["notExercised"]}


def test_with_errors_invalid_exchanges_are_refused_as_problems(proxy):
    server = start_http(WrongServer)
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{server.server_address[1]}", "--errors")

        def problem(method, path, body=None, headers=None):
            status, answer_headers, answer = call(front.base, method, path, body, headers)
            assert answer_headers["Content-Type"] == "application/problem+json"
            document = json.loads(answer)
            assert document["status"] == status
            return status, document

        status, document = problem("GET", "/v1/credits/history?limit=abc", headers=KEY)
        assert status == 422 and document["validation"][0]["location"] == ["request", "query", "limit"]
        status, document = problem("POST", "/v1/agents/agent_1", {"unknown": 1}, headers=KEY)
        assert status == 422 and any(v["location"][:2] == ["request", "body"] for v in document["validation"])
        status, _ = problem("GET", "/v1/credits/balance")
        assert status == 401
        status, document = problem("GET", "/v1/agents", headers=KEY)
        assert status == 500 and any(v["location"] == ["response", "body", "0", "id"] for v in document["validation"])
        status, _ = problem("GET", "/v1/nowhere", headers=KEY)
        assert status == 404
    finally:
        server.shutdown()


def test_an_unreachable_upstream_is_502_and_the_proxy_keeps_serving(proxy):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    front = proxy(AGENTSCODE, f"http://127.0.0.1:{port}")
    for _ in range(2):
        # At once, not after the connect timeout (10 s) spent trying again: the client's wait is 5 s.
        status, headers, body = call(front.base, "GET", "/v1/agents", headers=KEY, timeout=5)
        assert status == 502 and headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["title"] == "The upstream cannot be reached"


def test_a_port_in_use_is_said_plainly(proxy):
    front = proxy(AGENTSCODE, "http://127.0.0.1:9")
    result = subprocess.run([SPECVALIDATE, "proxy", "--spec", AGENTSCODE, "--upstream", "http://127.0.0.1:9",
                             "--port", front.base.rsplit(":", 1)[1]], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2, result.stderr
    assert "cannot listen on 127.0.0.1:" in result.stderr and "the port is in use" in result.stderr, result.stderr


class Garbage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/v1/agents":
            self.wfile.write(b"this is not HTTP\r\n\r\n")
        else:
            time.sleep(5)

    def log_message(self, *args):
        pass


def test_malformed_and_slow_upstreams_and_large_bodies_get_problems(proxy, tmp_path):
    server = start_http(Garbage)
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{server.server_address[1]}", "--timeout", "1",
                      "--max-body", "1000")
        status, headers, _ = call(front.base, "GET", "/v1/agents", headers=KEY)
        assert status == 502 and headers["Content-Type"] == "application/problem+json"
        status, headers, body = call(front.base, "GET", "/v1/credits/balance", headers=KEY)
        assert status == 504 and "within 1 s" in json.loads(body)["detail"]
        status, headers, body = call(front.base, "POST", "/v1/agents/agent_1", b"x" * 5000, KEY)
        assert status == 413 and headers["Content-Type"] == "application/problem+json"
        # Content-Length and Transfer-Encoding together: refused, and the proxy serves the next request.
        with socket.create_connection(("127.0.0.1", int(front.base.rsplit(":", 1)[1])), timeout=10) as raw:
            raw.sendall(b"POST /v1/agents/agent_1 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            answer = raw.recv(4096)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400") and b"application/problem+json" in head.lower(), answer
        assert "both Content-Length and Transfer-Encoding" in json.loads(body)["detail"]
        # The mock answers it the same way.
        mock_server = Mock(tmp_path)
        try:
            with socket.create_connection(("127.0.0.1", int(mock_server.base.rsplit(":", 1)[1])), timeout=10) as raw:
                raw.sendall(b"GET /v1/agents HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                mock_answer = raw.recv(4096)
            assert mock_answer.startswith(b"HTTP/1.1 400") and b"application/problem+json" in mock_answer
        finally:
            mock_server.process.kill()
            mock_server.process.wait()
        status, _, _ = call(front.base, "GET", "/v1/agents", headers=KEY)
        assert status == 502
        code, log = front.stop()
    finally:
        server.shutdown()
    assert "malformed request: " in log and "both Content-Length and Transfer-Encoding" in log
    assert len(re.findall(r"GET /v1/agents 502 listAgents [\d.]+ ms: http://127\.0\.0\.1:\d+: ", log)) == 2, log
    assert "POST /v1/agents/agent_1 413 runAgent" in log and "larger than --max-body (1000 bytes)" in log
    assert "GET /v1/credits/balance 504 getCreditBalance" in log and "within 1 s" in log


class RawUpstream:
    """A raw HTTP/1.1 upstream on a free port: each connection is served by `answer` on its own thread."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection):
        raise NotImplementedError

    def close(self):
        self.listener.close()


class KeepAliveThenClose(RawUpstream):
    """A raw HTTP/1.1 upstream that answers the first request of each connection, keeps it open (no
    `Connection: close`), then closes it without answering when the next request arrives, as a server
    whose idle timeout ran out as the request came (or, with `stall`, holds it unanswered that long first).
    Answers past `big` bytes are for the --max-body check.
    Records the request heads it answered and those it dropped."""

    def __init__(self, big=0, stall=None):
        self.big = big
        self.stall = stall  # seconds to wait, holding the next request unanswered, before closing
        self.heads = []
        self.dropped = []
        super().__init__()

    @staticmethod
    def head(connection):
        data = b""
        while b"\r\n\r\n" not in data:
            try:
                chunk = connection.recv(65536)
            except OSError:  # the proxy dropped a connection whose answer was too large
                return None
            if not chunk:
                return None
            data += chunk
        return data.split(b"\r\n\r\n")[0].decode()

    def answer(self, connection):
        with connection:
            head = self.head(connection)
            if head is None:
                return
            self.heads.append(head)
            body = b'{"balance": 5, "blob": "' + b"x" * self.big + b'"}'
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            head = self.head(connection)
            if head is not None:
                self.dropped.append(head)
                if self.stall:
                    time.sleep(self.stall)



class Framings(RawUpstream):
    """A raw HTTP/1.1 upstream that frames each answer another way: the balance after an interim
    `100 Continue`, chunked (with a chunk extension); the agents list without a length, ended by the
    close; a run answered with a length. Records each request's head and body as it came."""

    BALANCE = b'{"available": 100, "used": 0}'

    def __init__(self):
        self.requests = []
        super().__init__()

    def answer(self, connection):
        data = b""
        with connection:
            while True:
                while b"\r\n\r\n" not in data:
                    chunk = connection.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, data = data.partition(b"\r\n\r\n")
                lines = head.decode().split("\r\n")
                length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), 0)
                while len(data) < length:
                    data += connection.recv(65536)
                body, data = data[:length], data[length:]
                self.requests.append((lines, body))
                target = lines[0].split(" ")[1]
                if target == "/v1/credits/balance":
                    half = len(self.BALANCE) // 2
                    connection.sendall(
                        b"HTTP/1.1 100 Continue\r\n\r\n"
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + b"%x;part=1\r\n" % half + self.BALANCE[:half] + b"\r\n"
                        + b"%x\r\n" % (len(self.BALANCE) - half) + self.BALANCE[half:] + b"\r\n0\r\nX-Trailer: t\r\n\r\n")
                elif target == "/v1/agents":
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[]")
                    return  # the close ends the body
                else:
                    answer = b'{"jobId": "job_1", "status": "queued"}'
                    connection.sendall(b"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: "
                                       + str(len(answer)).encode() + b"\r\n\r\n" + answer)



def test_chunked_close_delimited_and_interim_answers_and_chunked_requests_are_framed_again(proxy):
    upstream = Framings()
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{upstream.port}")
        port = int(front.base.rsplit(":", 1)[1])
        # The interim answer is not passed on; the chunked body is joined, validated and sent with a length.
        status, headers, body = call(front.base, "GET", "/v1/credits/balance", headers=KEY)
        assert status == 200 and body == Framings.BALANCE and headers["Content-Length"] == str(len(body))
        assert "Transfer-Encoding" not in headers and "X-Trailer" not in headers
        assert violations(headers) == []
        # A body ended by the upstream's close comes back whole, with a length.
        status, headers, body = call(front.base, "GET", "/v1/agents", headers=KEY)
        assert status == 200 and body == b"[]" and headers["Content-Length"] == "2"
        assert violations(headers) == []
        # A chunked request body goes upstream joined, with a length and no Transfer-Encoding; the client's
        # connection serves the next request after it.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"POST /v1/agents/agent_123456 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_mock\r\n"
                        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"6\r\n{\"inpu\r\n9;ext\r\nt\": \"hi\"}\r\n0\r\n\r\n"
                        b"GET /v1/credits/balance HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_mock\r\n\r\n")
            answers, _ = read_answers(raw, ["POST", "GET"])
        assert [answer[0].split(" ")[1] for answer in answers] == ["202", "200"], answers
        lines, body = next((lines, body) for lines, body in upstream.requests if lines[0].startswith("POST"))
        assert body == b'{"input": "hi"}'
        assert "Content-Length: 15" in lines and not any(line.lower().startswith("transfer-encoding") for line in lines)
        # An absolute-form target (what a client sends to a proxy it was told is one) goes upstream as a path.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"GET http://api.example.com/v1/credits/balance HTTP/1.1\r\nHost: api.example.com\r\n"
                        b"Authorization: Bearer sk_test_mock\r\n\r\n")
            answers, _ = read_answers(raw, ["GET"])
        assert answers[0][0].startswith("HTTP/1.1 200") and answers[0][2] == Framings.BALANCE
        assert upstream.requests[-1][0][0] == "GET /v1/credits/balance HTTP/1.1"
    finally:
        upstream.close()


def test_idle_connections_the_upstream_closed_are_replaced_and_large_answers_refused(proxy):
    upstream = KeepAliveThenClose()
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{upstream.port}/base", "--max-body", "1000")
        # One client connection, so one event loop of the proxy and its kept upstream connections.
        client = http.client.HTTPConnection("127.0.0.1", int(front.base.rsplit(":", 1)[1]), timeout=30)
        for _ in range(3):
            client.request("GET", "/v1/credits/balance", headers=KEY)
            answer = client.getresponse()
            assert answer.status == 200 and json.loads(answer.read())["balance"] == 5
        client.close()
        # The second and third requests went first down the kept connection, which the upstream closed
        # without answering, then again on a new one.
        assert len(upstream.heads) == 3 and len(upstream.dropped) == 2
        for head in upstream.heads:
            lines = head.split("\r\n")
            assert lines[0] == "GET /base/v1/credits/balance HTTP/1.1"
            assert f"Host: 127.0.0.1:{upstream.port}" in lines and "Authorization: Bearer sk_test_mock" in lines
        upstream.big = 5000
        status, headers, body = call(front.base, "GET", "/v1/credits/balance", headers=KEY)
        assert status == 502 and "larger than --max-body (1000 bytes)" in json.loads(body)["detail"]
        upstream.big = 0
        status, _, _ = call(front.base, "GET", "/v1/credits/balance", headers=KEY)
        assert status == 200
    finally:
        upstream.close()


def test_an_exchange_on_a_kept_connection_gets_its_whole_timeout(proxy):
    # The upstream connection has one timer, armed by its first exchange; the second exchange starts
    # 0.6 s later and must still get its whole second before the 504, not what the first one left.
    upstream = KeepAliveThenClose(stall=6)
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{upstream.port}", "--timeout", "1")
        client = http.client.HTTPConnection("127.0.0.1", int(front.base.rsplit(":", 1)[1]), timeout=30)
        client.request("GET", "/v1/credits/balance", headers=KEY)
        assert client.getresponse().read() and len(upstream.heads) == 1
        time.sleep(0.6)
        started = time.monotonic()
        client.request("GET", "/v1/credits/balance", headers=KEY)
        answer = client.getresponse()
        waited = time.monotonic() - started
        assert answer.status == 504 and "within 1 s" in json.loads(answer.read())["detail"]
        assert waited >= 0.9, waited
        assert len(upstream.dropped) == 1  # it went down the kept connection
        client.close()
    finally:
        upstream.close()


NO_CONTENT_API = """openapi: 3.1.0
info: {title: things, version: "1"}
paths:
  /things/{id}:
    delete:
      operationId: deleteThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "204": {description: deleted}
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, required: [id], properties: {id: {type: string}}}
"""


class Things(http.server.BaseHTTPRequestHandler):
    """`GET /things/ID` is {"id": ID} (`HEAD` its head); `DELETE` is 204, with a `Content-Length: 0` the proxy
    must not pass on."""
    protocol_version = "HTTP/1.1"

    def do_GET(self, head=False):
        body = json.dumps({"id": self.path.rsplit("/", 1)[-1]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_DELETE(self):
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_http_1_0_clients_and_answers_without_a_body_are_framed_right(proxy, tmp_path):
    spec = tmp_path / "things.yaml"
    spec.write_text(NO_CONTENT_API)
    server = start_http(Things)
    try:
        front = proxy(str(spec), f"http://127.0.0.1:{server.server_address[1]}")
        port = int(front.base.rsplit(":", 1)[1])
        # An HTTP/1.0 client is answered in HTTP/1.0, and the connection closes after the answer.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"GET /things/a HTTP/1.0\r\n\r\n")
            (answer,), rest = read_answers(raw, ["GET"])
            assert raw.recv(65536) == b"" and rest == b""
        status, fields, body = answer
        assert status == "HTTP/1.0 200 OK" and fields["connection"] == "close", answer
        assert json.loads(body) == {"id": "a"} and fields["content-length"] == str(len(body))
        # One that asks to keep the connection is told it is kept, and can send another request on it.
        # A 204 carries no Content-Length (RFC 9110 section 8.6), whatever the upstream sent.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"DELETE /things/b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            (deleted,), rest = read_answers(raw, ["DELETE"])
            raw.sendall(b"HEAD /things/c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            (head,), _ = read_answers(raw, ["HEAD"])
            raw.sendall(b"GET /things/d HTTP/1.0\r\n\r\n")
            (last,), rest = read_answers(raw, ["GET"])
            assert raw.recv(65536) == b"" and rest == b""
        assert deleted[0] == "HTTP/1.0 204 No Content" and deleted[1]["connection"] == "keep-alive", deleted
        assert "content-length" not in deleted[1] and deleted[2] == b""
        # A HEAD answer keeps the GET's length and has no body.
        assert head[0] == "HTTP/1.0 200 OK" and head[1]["content-length"] == str(len(b'{"id": "c"}')), head
        assert last[0] == "HTTP/1.0 200 OK" and json.loads(last[2]) == {"id": "d"}
        assert last[1]["connection"] == "close"
        # HTTP/1.1: kept open without saying so.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"DELETE /things/e HTTP/1.1\r\nHost: x\r\n\r\nGET /things/f HTTP/1.1\r\nHost: x\r\n\r\n")
            (deleted, got), rest = read_answers(raw, ["DELETE", "GET"])
        assert deleted[0] == "HTTP/1.1 204 No Content" and "content-length" not in deleted[1], deleted
        assert "connection" not in deleted[1] and got[0] == "HTTP/1.1 200 OK" and rest == b""
        assert json.loads(got[2]) == {"id": "f"} and "sl-violations" not in got[1]
        code, log = front.stop()
    finally:
        server.shutdown()
    assert "DELETE /things/b 204 deleteThing" in log and ", 1 violation" not in log, log


DEPRECATED_API = """openapi: 3.1.0
info: {title: old, version: "1"}
paths:
  /old:
    get:
      operationId: oldThing
      deprecated: true
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, required: [ok], properties: {ok: {type: boolean}}}
"""


def test_a_deprecated_operations_answer_says_so_and_reports_come_in_ci_formats(proxy, tmp_path):
    import junitparser
    from sarif_pydantic import Sarif
    spec = tmp_path / "old.yaml"
    spec.write_text(DEPRECATED_API)
    server = start_http(WrongServer)
    try:
        for format in ("junit", "sarif", "text"):
            report = tmp_path / f"report.{format}"
            front = proxy(str(spec), f"http://127.0.0.1:{server.server_address[1]}", "--report", str(report),
                          "--format", format)
            status, headers, body = call(front.base, "GET", "/old")
            assert status == 200 and headers["Deprecation"] == "true" and "sl-violations" not in headers
            call(front.base, "GET", "/new")
            assert front.stop()[0] == 0
            if format == "junit":
                suites = junitparser.JUnitXml.fromfile(str(report))
                names = [case.name for suite in suites for case in suite]
                assert any(name.startswith("oldThing GET /old (200 ×1)") for name in names), names
                assert "undocumented routes" in names
            elif format == "sarif":
                log = Sarif.model_validate_json(report.read_text())
                results = log.runs[0].results
                assert [r.rule_id for r in results] == ["undocumented-route"]
            else:
                text = report.read_text()
                assert "operations exercised: 1 of 1" in text and "undocumented route: GET /new ×1" in text
    finally:
        server.shutdown()


# --- Recording ---------------------------------------------------------------------------------------------

def test_sigterm_during_traffic_leaves_a_complete_har_that_specvalidate_har_reads(proxy, tmp_path):
    server = start_http(WrongServer)
    har = tmp_path / "traffic.har"
    report = tmp_path / "report.json"
    try:
        front = proxy(AGENTSCODE, f"http://127.0.0.1:{server.server_address[1]}", "--har", str(har),
                      "--report", str(report), "--format", "json")
        statuses = []

        def client():
            for _ in range(40):
                try:
                    statuses.append(call(front.base, "GET", "/v1/agents", headers=KEY)[0])
                except OSError:
                    return

        threads = [threading.Thread(target=client) for _ in range(4)]
        for thread in threads:
            thread.start()
        while len(statuses) < 20:
            time.sleep(0.01)
        code, _ = front.stop(signal.SIGTERM)
        for thread in threads:
            thread.join()
    finally:
        server.shutdown()
    assert code == 0
    archive = json.loads(har.read_text())
    entries = archive["log"]["entries"]
    assert len(entries) >= 20 and len(entries) >= statuses.count(200)
    assert all(entry["request"]["headers"] == [h for h in entry["request"]["headers"] if h["value"] != "Bearer sk_test_mock"]
               for entry in entries)
    assert any(h == {"name": "Authorization", "value": "REDACTED"} for h in entries[0]["request"]["headers"])
    summary = json.loads(report.read_text())
    [agents] = summary["operations"]
    assert agents["exchanges"] == len(entries)
    # The HAR says what the proxy said: every answer breaks the document the same way.
    result = subprocess.run([SPECVALIDATE, "har", "--spec", AGENTSCODE, str(har), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    checked = json.loads(result.stdout)
    failing = [case for case in checked["cases"] if not case["passed"]]
    assert len(failing) == len(entries)
    proxy_messages = sorted(v["message"] for v in agents["violations"])
    har_messages = sorted({f["message"] for case in failing for f in case["findings"]})
    assert har_messages == proxy_messages


# --- CORS --------------------------------------------------------------------------------------------------

def test_preflights_are_answered_and_answers_carry_cors_headers(mock, proxy):  # noqa: F811
    upstream = mock()
    front = proxy(AGENTSCODE, upstream.base)
    for base in (upstream.base, front.base):
        status, headers, _ = call(base, "OPTIONS", "/v1/agents", headers={
            "Origin": "http://docs.example", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization"})
        assert status == 204, base
        assert headers["Access-Control-Allow-Origin"] == "http://docs.example"
        assert headers["Access-Control-Allow-Headers"] == "authorization"
        status, headers, _ = call(base, "GET", "/v1/agents", headers={"Origin": "http://docs.example", **KEY})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://docs.example"
    status, headers, _ = call(front.base, "GET", "/v1/agents", headers={"Origin": "http://docs.example"})
    assert "sl-violations" in headers["Access-Control-Expose-Headers"]
    closed = mock("--no-cors")
    status, headers, _ = call(closed.base, "GET", "/v1/agents", headers={"Origin": "http://docs.example", **KEY})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers


# --- TLS ---------------------------------------------------------------------------------------------------

def make_certificates(folder):
    """A local CA and a certificate for 127.0.0.1 it signed, with openssl."""
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=specvalidate test CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


def test_an_https_upstream_with_a_local_ca(proxy, tmp_path):
    ca, certificate, key = make_certificates(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server = start_http(WrongServer, context)
    upstream = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        trusted = proxy(AGENTSCODE, upstream, "--ca-cert", str(ca))
        status, headers, body = call(trusted.base, "GET", "/v1/agents", headers=KEY)
        assert status == 200 and json.loads(body) == [{"id": 7, "name": "writer"}]
        assert any(v["location"] == ["response", "body", "0", "id"] for v in violations(headers))
        untrusted = proxy(AGENTSCODE, upstream)
        status, _, body = call(untrusted.base, "GET", "/v1/agents", headers=KEY)
        assert status == 502 and "upstream" in json.loads(body)["title"]
        insecure = proxy(AGENTSCODE, upstream, "--insecure")
        assert call(insecure.base, "GET", "/v1/agents", headers=KEY)[0] == 200
    finally:
        server.shutdown()
