"""The mock-state benchmark's driver (scripts/bench-mock-state.sh): for each size, a state file with that
many runs for one account (written straight into SQLite in the mock's own schema), then the mock started
on it (time from exec to its first answer) and 200 runs started through HTTP (median and 99th percentile
of one POST's latency, sequential, keep-alive). argv: BINARY SIZE..."""
import http.client
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

KEY = "k"


def make_state(path, runs):
    db = sqlite3.connect(path)
    db.executescript("""
    CREATE TABLE accounts (key TEXT PRIMARY KEY, user_id INTEGER NOT NULL);
    CREATE TABLE runs (account TEXT NOT NULL, seq INTEGER NOT NULL, history_id TEXT NOT NULL,
        job_id TEXT NOT NULL, agent TEXT NOT NULL, price INTEGER NOT NULL, started_at REAL NOT NULL,
        duration REAL NOT NULL, input TEXT NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (account, seq));
    CREATE TABLE agents (id INTEGER PRIMARY KEY, account TEXT NOT NULL, name TEXT NOT NULL,
        description TEXT NOT NULL, instructions TEXT NOT NULL, welcome_message TEXT NOT NULL,
        created_at REAL NOT NULL, user_id INTEGER NOT NULL);
    CREATE TABLE files (id INTEGER PRIMARY KEY, account TEXT NOT NULL, agent_id INTEGER NOT NULL,
        filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, description TEXT NOT NULL,
        created_at REAL NOT NULL);
    """)
    db.execute("INSERT INTO accounts VALUES (?, 1)", (KEY,))
    outcome = json.dumps({"result": {"ok": True}})
    start = time.time() - runs - 1000
    db.executemany("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
        (KEY, n + 1, f"h{n:012d}", f"00000000-0000-4000-8000-{n:012d}", "event-scheduler", 1, start + n, 0.5,
         '"call Anna today at 3pm"', outcome) for n in range(runs)))
    db.commit()
    db.close()


def measure(binary, sizes):
    for size in sizes:
        folder = tempfile.mkdtemp()
        state = os.path.join(folder, "state.sqlite")
        make_state(state, size)
        started = time.monotonic()
        process = subprocess.Popen([binary, "mock", "--port", "0", "--quiet", "--api-key", KEY, "--state", state,
                                    "--credits", str(10 ** 9), "--job-duration", "0.5"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = process.stdout.readline()
        port = int(line.split("http://127.0.0.1:")[1].split(" ")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", "/v1/credits/balance", headers={"Authorization": f"Bearer {KEY}"})
        first = connection.getresponse()
        first.read()
        restart = time.monotonic() - started
        latencies = []
        body = json.dumps({"input": "call Anna today at 3pm"})
        for _ in range(200):
            t = time.perf_counter()
            connection.request("POST", "/v1/agents/event-scheduler", body=body,
                               headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            latencies.append((time.perf_counter() - t) * 1000)
        latencies.sort()
        print(f"{size:>7} runs   restart {restart:6.2f} s   POST median {statistics.median(latencies):5.2f} ms   "
              f"p99 {latencies[int(len(latencies) * 0.99) - 1]:5.2f} ms")
        process.kill()
        process.wait()


if __name__ == "__main__":
    measure(sys.argv[1], [int(n) for n in sys.argv[2:]])
