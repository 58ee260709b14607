"""The mock's load test with a large state (scripts/bench-mock-state.sh, issue 20): 50,000 runs in the
state file, then wrk starting runs over 64 connections in six 10-second windows (requests per second in
each: they should stay level), then the invariants: every request answered 200, and the balance equals
what the history charges. argv: BINARY [RUNS] [WINDOW_SECONDS]"""
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time

from mock_state import KEY, make_state

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
window = int(sys.argv[3]) if len(sys.argv) > 3 else 10
folder = tempfile.mkdtemp()
state = os.path.join(folder, "state.sqlite")
make_state(state, runs)
script = os.path.join(folder, "run.lua")
with open(script, "w") as f:
    f.write('wrk.method = "POST"\n'
            'wrk.body = \'{"input": "call Anna today at 3pm"}\'\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            f'wrk.headers["Authorization"] = "Bearer {KEY}"\n')
process = subprocess.Popen([binary, "mock", "--port", "0", "--quiet", "--api-key", KEY, "--state", state,
                            "--credits", str(10 ** 9), "--job-duration", "0.5"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
port = int(process.stdout.readline().split("http://127.0.0.1:")[1].split(" ")[0])
url = f"http://127.0.0.1:{port}/v1/agents/event-scheduler"
total = 0
for index in range(6):
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{window}s", "-s", script, url], capture_output=True,
                         text=True).stdout
    rps = next(line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec"))
    done = int(next(line.split()[0] for line in out.splitlines() if "requests in" in line))
    non2xx = next((line.split()[-1] for line in out.splitlines() if "Non-2xx" in line), "0")
    total += done
    print(f"window {index + 1}: {rps:>9} requests/s   non-2xx {non2xx}")
time.sleep(1)
connection = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Authorization": f"Bearer {KEY}"}
charged, cursor, count = 0, None, 0
while True:
    connection.request("GET", "/v1/credits/history?limit=100" + (f"&cursor={cursor}" if cursor else ""),
                       headers=headers)
    page = json.loads(connection.getresponse().read())
    for run in page["runs"]:
        charged += run["creditsUsed"]
        count += 1
    cursor = page.get("nextCursor")
    if not page.get("hasMore"):
        break
connection.request("GET", "/v1/credits/balance", headers=headers)
balance = json.loads(connection.getresponse().read())
print(f"{count} runs in the history ({runs} restored + {count - runs} started); balance used {balance['used']}, "
      f"history charges {charged}: {'equal' if balance['used'] == charged else 'DIFFERENT'}")
process.kill()
process.wait()
sys.exit(0 if balance["used"] == charged and count >= runs else 1)
