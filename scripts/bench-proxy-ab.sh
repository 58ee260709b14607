#!/usr/bin/env bash
# Alternating comparison of proxy builds (BENCHMARKS.md, issue 18): one `specvalidate mock` (release build
# of this checkout), one `specvalidate proxy` per BIN in front of it, then ROUNDS rounds of wrk (64
# connections, SECONDS each) directly on the mock and through each proxy in turn, with each proxy's CPU
# per request. On a machine whose speed drifts within minutes, builds measured in turn like this compare
# where runs minutes apart do not. A BIN may be a wrapper script that sets an environment variable.
#   bash scripts/bench-proxy-ab.sh ROUNDS SECONDS BIN...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=$1
secs=$2
shift 2
command -v wrk >/dev/null || { echo "wrk is needed: run scripts/bench-proxy.sh once (it installs it)" >&2; exit 1; }
swift build -c release --product specvalidate >/dev/null
mock_bin=$(swift build -c release --show-bin-path)/specvalidate
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$mock_bin" mock --port 4530 --seed 1 --quiet 2>/dev/null &
pids+=($!)
proxies=()
ports=()
port=4531
for bin in "$@"; do
    "$bin" proxy --spec site/openapi/agentscode.openapi.yaml --upstream http://127.0.0.1:4530 --port "$port" \
        --quiet 2>/dev/null &
    pids+=($!)
    proxies+=($!)
    ports+=("$port")
    port=$((port + 1))
done
sleep 2
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
load() { wrk -t2 -c64 -d"${secs}s" -H "Authorization: Bearer sk_test_mock" "$1"; }
for _ in $(seq "$rounds"); do
    direct=$(load http://127.0.0.1:4530/v1/agents | awk '/^Requests\/sec/ {print $2}')
    echo "direct $direct req/s"
    for i in "${!proxies[@]}"; do
        t0=$(ticks "${proxies[$i]}")
        out=$(load "http://127.0.0.1:${ports[$i]}/v1/agents")
        t1=$(ticks "${proxies[$i]}")
        echo "$out" | awk -v name="$(basename "${@:$((i + 1)):1}")" -v d="$direct" -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" '
            /requests in/ {n = $1} /^Requests\/sec/ {rps = $2}
            END {printf "  %-24s %7.0f req/s (%2.0f%% of direct) %5.1f us a request\n", name, rps, 100 * rps / d, t / hz / n * 1e6}'
    done
done
