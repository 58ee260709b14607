"""Hostile input and slow peers (issue 20): each case ends in a clear outcome (an error with its place, a
refusal, the process alive), never a hang.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the executable.
"""
import http.server
import os
import pathlib
import subprocess
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPECVALIDATE = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))

SLOW_API = """openapi: 3.1.0
info: {title: slow, version: "1"}
paths:
  /slow:
    get:
      operationId: slow
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: string}
"""


class Trickle(http.server.BaseHTTPRequestHandler):
    """Answers with a head at once, then a body of 400 bytes, one byte every 0.25 s (100 s in all)."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "400")
        self.end_headers()
        body = b'"' + b"x" * 398 + b'"'
        try:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.25)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def test_a_request_timeout_bounds_the_whole_answer(tmp_path):
    spec = tmp_path / "slow.yaml"
    spec.write_text(SLOW_API)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        # Without a bound on the whole answer this takes the trickle's 100 s, past the subprocess limit.
        result = subprocess.run([SPECVALIDATE, "run", "--spec", str(spec), "--base-url",
                                 f"http://127.0.0.1:{server.server_address[1]}", "--request-timeout", "2",
                                 "--positive-only"], capture_output=True, text=True, timeout=40)
    finally:
        server.shutdown()
    # The first request is how the run learns the server answers: without an answer it stops (exit 2).
    assert result.returncode == 2, result.stdout + result.stderr
    assert "GET http://127.0.0.1" in result.stderr and "/slow failed: no complete answer within 2 s" in result.stderr
