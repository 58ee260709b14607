"""`specvalidate mock` as a process: it starts fast, logs one line per request, keeps acknowledged
state in SQLite across a kill -9, closes idle connections, refuses bad flags with exit 2 and stops
cleanly on SIGINT and SIGTERM.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the specvalidate executable.
"""
import base64
import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPECVALIDATE = os.path.abspath(
    os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate")))
KEY = "sk_test_mock"


def request(base, method, path, body=None, key=KEY, content_type="application/json"):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    if data is not None:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class Mock:
    def __init__(self, tmp_path, *args):
        self.log_path = tmp_path / f"mock-{time.monotonic_ns()}.log"
        self.log = open(self.log_path, "w+")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [SPECVALIDATE, "mock", "--port", "0", "--seed", "1", *args], stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.text())
            if match:
                self.base = match.group(1)
                self.ready_after = time.monotonic() - self.started
                return
            if self.process.poll() is not None:
                pytest.fail(f"the mock exited {self.process.returncode}: {self.text()}")
            time.sleep(0.02)
        pytest.fail("the mock did not start listening: " + self.text())

    def text(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self, sig=signal.SIGINT):
        self.process.send_signal(sig)
        code = self.process.wait(timeout=10)
        self.log.close()
        return code


@pytest.fixture
def mock(tmp_path):
    started = []

    def start(*args):
        server = Mock(tmp_path, *args)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def test_starts_logs_each_request_and_stops_on_sigint(mock):
    server = mock("--job-duration", "0.2")
    status, agents = request(server.base, "GET", "/v1/agents")
    assert status == 200 and any(a["name"] == "event-scheduler" for a in agents)
    status, _ = request(server.base, "GET", "/v1/agents", key=None)
    assert status == 401
    assert request(server.base, "GET", "/api/v1/agents/7")[0] == 404
    # Lines are written in batches, every 50 ms.
    expected = ["GET /v1/agents 200 ", "GET /v1/agents 401 ", "GET /api/v1/agents/7 404 "]
    deadline = time.monotonic() + 5
    while not all(line in server.text() for line in expected) and time.monotonic() < deadline:
        time.sleep(0.05)
    log = server.text()
    assert all(line in log for line in expected), log
    assert re.search(r"GET /v1/agents 200 \d+\.\d{3} ms\n", log)
    assert server.stop(signal.SIGINT) == 0


def test_stops_on_sigterm(mock):
    server = mock()
    assert request(server.base, "GET", "/v1/credits/balance")[0] == 200
    assert server.stop(signal.SIGTERM) == 0


def test_state_survives_a_kill(mock, tmp_path):
    state = str(tmp_path / "state.sqlite")
    first = mock("--state", state, "--job-duration", "0.2", "--api-key", "k1", "--api-key", "k2")
    status, run = request(first.base, "POST", "/v1/agents/event-scheduler",
                          {"input": "Book an appointment for tomorrow with Jeff at 10am"}, key="k1")
    assert status == 200 and run["status"] == "queued"
    status, created = request(first.base, "POST", "/api/v1/agents",
                              {"name": "N", "description": "D", "instructions": "I", "welcome_message": "W"}, key="k2")
    assert status == 200 and created["data"]["agent_id"] == 1
    # While it runs, a second mock on the same state file is refused (the states would drift apart).
    twin = subprocess.run([SPECVALIDATE, "mock", "--port", "0", "--state", state], capture_output=True, text=True, timeout=30)
    assert twin.returncode == 2
    assert f"another process is using the state file '{state}'" in twin.stderr
    first.process.kill()  # SIGKILL: no chance to flush anything that was not already committed
    first.process.wait()

    second = mock("--state", state, "--job-duration", "0.2", "--api-key", "k1", "--api-key", "k2")
    time.sleep(0.3)
    status, polled = request(second.base, "GET", f"/v1/agents/event-scheduler/{run['jobId']}", key="k1")
    assert status == 200 and polled["status"] == "completed"
    assert request(second.base, "GET", "/v1/credits/balance", key="k1")[1] == {"available": 98, "used": 2}
    assert request(second.base, "GET", "/api/v1/agents/1", key="k2")[1]["data"]["name"] == "N"
    status, again = request(second.base, "POST", "/api/v1/agents",
                            {"name": "M", "description": "D", "instructions": "I", "welcome_message": "W"}, key="k2")
    assert again["data"]["agent_id"] == 2
    assert second.stop() == 0


def test_idle_connections_are_closed(mock):
    server = mock("--idle-timeout", "1")
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        started = time.monotonic()
        assert connection.recv(1) == b""  # the server closed it
        assert 0.5 < time.monotonic() - started < 4.5
    # and it still serves
    assert request(server.base, "GET", "/v1/credits/balance")[0] == 200


def test_bad_input_gets_an_answer_and_the_server_keeps_serving(mock):
    server = mock()
    host, port = server.base.removeprefix("http://").split(":")
    # A broken request line: Hummingbird answers 400 and closes that connection.
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(b"NOT HTTP\r\n\r\n")
        assert connection.recv(100).startswith(b"HTTP/1.1 400")
    status, body = request(server.base, "POST", "/v1/agents/event-scheduler", None)
    assert status == 400 and body["error"]["pointer"] == ""
    req = urllib.request.Request(server.base + "/v1/agents/event-scheduler", data=b'{"input": ', method="POST",
                                 headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(req, timeout=10)
    assert error.value.code == 400
    assert request(server.base, "GET", "/v1/credits/balance")[1] == {"available": 100, "used": 0}


@pytest.mark.parametrize("args, message", [
    (["--port", "70000"], "--port must be 0...65535"),
    (["--rate-limit", "fast"], "--rate-limit wants N/SECONDS"),
    (["--api", "other"], "--api"),
    (["--spec", "/nonexistent.yaml"], "/nonexistent.yaml"),
    (["--state", "/nonexistent-dir/x.sqlite"], "cannot open the state database"),
])
def test_bad_flags_exit_2(args, message):
    result = subprocess.run([SPECVALIDATE, "mock", *args], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr


def test_generic_mode_serves_another_document(mock):
    server = mock("--spec", str(ROOT / "Tests" / "DocSiteTests" / "Fixtures" / "bookshop" / "bookshop.yaml"))
    status, books = request(server.base, "GET", "/api/books", key=None)
    assert status == 200 and isinstance(books, list)
    req = urllib.request.Request(server.base + "/api/books/9780141439518", headers={"Prefer": "code=404"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(req, timeout=10)
    assert error.value.code == 404


def shared_openai_document():
    candidates = [os.environ.get("SHARED_DIR"), str(ROOT.parent / "shared"), "/work/shared"]
    for c in candidates:
        if c and (pathlib.Path(c) / "testdata/openai-openapi/openapi.yaml").exists():
            return pathlib.Path(c) / "testdata/openai-openapi/openapi.yaml"
    pytest.fail("the OpenAI document is part of the shared test data")


def test_generic_mode_mocks_the_openai_document_and_its_answers_conform(mock, tmp_path):
    spec = shared_openai_document()
    server = mock("--spec", str(spec))
    # The document's real defect (3.0's boolean exclusiveMinimum in a 3.1 schema, which lint reports) is read
    # as 3.0 reads it: the schemas that reach it compile, and the answers that contain it are checked.
    assert "does not compile" not in server.text()
    calls = [
        ("retrieveFineTuningJob", "GET", "/v1/fine_tuning/jobs/ftjob-abc123", None),
        ("listModels", "GET", "/v1/models", None),
        ("listFiles", "GET", "/v1/files", None),
        ("createEmbedding", "POST", "/v1/embeddings", {"input": "hello", "model": "text-embedding-3-small"}),
        ("createChatCompletion", "POST", "/v1/chat/completions",
         {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}]}),
        ("createChatCompletion", "POST", "/v1/chat/completions", {"messages": []}),
    ]
    for operation, method, path, body in calls:
        status, answer = request(server.base, method, path, body, key="sk-anything")
        if body == {"messages": []}:
            assert status == 400 and answer["pointer"] == "/model", answer
            continue
        assert status == 200, (operation, answer)
        (tmp_path / "body.json").write_text(json.dumps(answer))
        check = subprocess.run(
            [SPECVALIDATE, "response", "--spec", str(spec), "--operation", operation, "--status", "200",
             str(tmp_path / "body.json")], capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, (operation, check.stdout, check.stderr)
    assert request(server.base, "GET", "/v1/models", key=None)[0] == 401


def _start_generic(spec):
    import re as _re
    process = subprocess.Popen([SPECVALIDATE, "mock", "--spec", str(spec), "--port", "0", "--quiet"],
                               stderr=subprocess.PIPE, text=True)
    # Warnings (schemas that do not compile) come first, then the address.
    for _ in range(1000):
        line = process.stderr.readline()
        match = _re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if match:
            return process, match.group(1)
        assert line, "the mock stopped before listening"
    raise AssertionError("no address")


def test_generic_mock_types_form_fields_by_their_schemas():
    # OpenAI's multipart `temperature=0` is the number 0, not the string "0"; Twilio's urlencoded bodies
    # are checked at all (its Messages endpoint requires `To`).
    shared = pathlib.Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
    if not (shared / "testdata").is_dir():
        shared = pathlib.Path("/work/shared")
    openai = shared / "testdata" / "openai-openapi" / "openapi.yaml"
    twilio = shared / "testdata" / "real-openapi" / "twilio-api-v2010.yaml"
    process, base = _start_generic(openai)
    try:
        boundary = "b0undary"
        parts = [("model", "gpt-4o-transcribe", None), ("temperature", "0", None)]
        body = b""
        for name, value, filename in parts:
            body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode()
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
                 "Content-Type: audio/mpeg\r\n\r\nID3\r\n").encode()
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(base + "/v1/audio/transcriptions", data=body, method="POST", headers={
            "Authorization": "Bearer x", "Content-Type": f"multipart/form-data; boundary={boundary}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    process, base = _start_generic(twilio)
    try:
        url = base + "/2010-04-01/Accounts/AC" + "a" * 32 + "/Messages.json"
        auth = "Basic " + base64.b64encode(b"AC:token").decode()
        headers = {"Authorization": auth, "Content-Type": "application/x-www-form-urlencoded"}
        missing = urllib.request.Request(url, data=b"Body=Hello", method="POST", headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(missing, timeout=10)
        assert refused.value.code == 400
        assert "'To' is required" in refused.value.read().decode()
        sent = urllib.request.Request(url, data=b"To=%2B15005550006&Body=Hello", method="POST", headers=headers)
        with urllib.request.urlopen(sent, timeout=10) as response:
            assert response.status == 201
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_generic_mock_reads_long_targets_and_routes_concrete_paths_first(mock):
    # Schemathesis sends path parameters of 150 KB to 2 MB: the mock reads request targets up to 16 MiB and
    # answers them as the document says (NIO's default 80 KB limit gave a bare 400 without a body). Past the
    # limit, the connection is refused with a 431 problem that says why (RFC 6585), not a crash.
    from testdata import shared_dir
    server = mock("--spec", str(shared_dir() / "testdata" / "real-openapi" / "discord.json"))
    base = server.base + "/api/v10"
    long = urllib.request.Request(base + "/channels/0/messages/0/reactions/" + "a" * 150_000 + "/@me",
                                  method="PUT", headers={"Authorization": "Bot x"})
    with urllib.request.urlopen(long, timeout=10) as response:
        assert response.status == 204
    encoded = urllib.request.Request(base + "/invites/" + "%F3%B7%A5%AD" * 160_000 + "/target-users",
                                     headers={"Authorization": "Bot x"})
    with pytest.raises(urllib.error.HTTPError) as documented:
        urllib.request.urlopen(encoded, timeout=30)
    assert documented.value.code == 400 and documented.value.headers["Content-Type"] == "application/json"
    assert "code" in json.loads(documented.value.read())
    past = urllib.request.Request(base + "/channels/0/messages/0/reactions/" + "a" * 17_000_000 + "/@me",
                                  method="PUT", headers={"Authorization": "Bot x"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(past, timeout=10)
    assert refused.value.code == 431 and refused.value.headers["Content-Type"] == "application/problem+json"
    problem = json.loads(refused.value.read())
    assert "head is too large" in problem["detail"] and problem["status"] == 431
    # `/guilds/{guild_id}/members/@me` has PATCH only: PUT is a 405 with that in Allow, though the templated
    # `/guilds/{guild_id}/members/{user_id}` has a PUT (the specification matches concrete paths first).
    put = urllib.request.Request(base + "/guilds/0/members/@me", method="PUT", data=b"{}",
                                 headers={"Authorization": "Bot x", "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(put, timeout=10)
    assert refused.value.code == 405 and refused.value.headers["Allow"] == "PATCH"
    assert request(base, "GET", "/applications/@me", key=None)[0] == 401
    # A query parameter's text read another way when the first type of its schema refuses it: `tag` is a
    # string or an array of snowflakes, so `00` is the string; `sku_ids` items may be null.
    for query in ("tag=00", "tag=1&tag=2"):
        assert request(base, "GET", "/channels/0/threads/search?" + query, key=None)[0] == 401
        search = urllib.request.Request(base + "/channels/0/threads/search?" + query, headers={"Authorization": "Bot x"})
        with urllib.request.urlopen(search, timeout=10) as response:
            assert response.status == 200, query
    entitlements = urllib.request.Request(base + "/applications/0/entitlements?sku_ids=1&sku_ids=null",
                                          headers={"Authorization": "Bot x"})
    with urllib.request.urlopen(entitlements, timeout=10) as response:
        assert response.status == 200
    # `tag=1&tag=x` stays refused: neither reading meets the schema.
    bad = urllib.request.Request(base + "/channels/0/threads/search?tag=1&tag=x", headers={"Authorization": "Bot x"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bad, timeout=10)
    assert refused.value.code == 400


def test_expect_100_continue_is_answered_before_the_body(mock):
    server = mock()
    body = json.dumps({"input": {"url": "https://www.youtube.com/watch?v=abc"}}).encode()
    with socket.create_connection(("127.0.0.1", int(server.base.rsplit(":", 1)[1])), timeout=10) as raw:
        raw.sendall(b"POST /v1/agents/youtube-transcript HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_mock\r\n"
                    b"Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\n\r\n")
        # Without it a client waits (curl, a second) before sending the body.
        raw.settimeout(0.5)
        assert raw.recv(4096).startswith(b"HTTP/1.1 100 Continue\r\n")
        raw.settimeout(10)
        raw.sendall(body)
        answer = b""
        while b"No agent named" not in answer:
            chunk = raw.recv(65536)
            assert chunk, answer
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 404 ")


def test_a_port_in_use_or_an_address_not_here_is_said_plainly(mock):
    server = mock()
    port = server.base.rsplit(":", 1)[1]
    for args, why in [(["--port", port], "the port is in use"),
                      (["--port", "0", "--host", "nosuch.invalid"], "'nosuch.invalid' is not an address of this machine")]:
        result = subprocess.run([SPECVALIDATE, "mock", *args], capture_output=True, text=True, timeout=30)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("specvalidate: error: cannot listen on ") and why in result.stderr, result.stderr
