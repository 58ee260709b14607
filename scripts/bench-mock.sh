#!/usr/bin/env bash
# The mock server benchmark of BENCHMARKS.md: wrk against GET /v1/agents on `specvalidate mock` and on
# a bare Hummingbird route (bench/BareRoute) answering the same bytes, started the same way, one after
# the other on this machine. Release builds; 64 connections, 2 wrk threads, DURATION seconds each
# (default 60). Also times the mock from exec to its first answer.
#   bash scripts/bench-mock.sh [DURATION]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-60}
work=.build/bench-mock
rm -rf "$work"
mkdir -p "$work"

bash scripts/bootstrap.sh
if ! command -v wrk >/dev/null; then
    echo "==> installing Debian package: wrk"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
echo "==> building specvalidate and bare-route (release)"
swift build -c release --product specvalidate
swift build -c release --product bare-route
bin=$(swift build -c release --show-bin-path)
key=sk_test_mock
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

wait_for() {  # url: until it answers (any status)
    for _ in $(seq 500); do
        curl -s -o /dev/null "$1" && return 0
        sleep 0.01
    done
    echo "no answer from $1" >&2
    exit 1
}

# Start-up: from exec to the first answer, best of 5.
best=""
for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    "$bin/specvalidate" mock --port 4411 --quiet 2>/dev/null &
    pid=$!
    wait_for http://127.0.0.1:4411/v1/agents
    end=$(date +%s.%N)
    kill -INT "$pid"
    wait "$pid" || true
    t=$(awk "BEGIN{print ($end - $start) * 1000}")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
done
printf "mock start-up to first answer: %.0f ms (best of 5)\n" "$best"

# The mock logs one line per request, as it does by default; the log goes to /dev/null.
"$bin/specvalidate" mock --port 4410 --seed 1 2>/dev/null &
pids+=($!)
wait_for http://127.0.0.1:4410/v1/agents
curl -s -H "Authorization: Bearer $key" http://127.0.0.1:4410/v1/agents >"$work/agents.json"
"$bin/bare-route" 4420 "$work/agents.json" >/dev/null &
pids+=($!)
wait_for http://127.0.0.1:4420/v1/agents

run() {  # name, url
    echo "==> wrk: $1 (${duration} s, 64 connections)"
    wrk -t2 -c64 -d"${duration}s" --latency -H "Authorization: Bearer $key" "$2" | tee "$work/$1.txt"
}
run bare http://127.0.0.1:4420/v1/agents
run mock http://127.0.0.1:4410/v1/agents

summary() {  # name: requests/s, p99, errors, non-2xx
    local file=$work/$1.txt
    local rps p99 errors non2xx
    rps=$(awk '/^Requests\/sec/ {print $2}' "$file")
    p99=$(awk '$1 == "99%" {print $2}' "$file")
    errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$file")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$file")
    printf "%-6s %10s req/s   p99 %-8s socket errors %-4s non-2xx %s\n" "$1" "$rps" "$p99" "${errors:-0}" "${non2xx:-0}"
}
echo
echo "Summary ($(nproc) cores, wrk -t2 -c64 -d${duration}s):"
summary bare
summary mock
awk -v m="$(awk '/^Requests\/sec/ {print $2}' "$work/mock.txt")" -v b="$(awk '/^Requests\/sec/ {print $2}' "$work/bare.txt")" \
    'BEGIN{printf "mock / bare: %.2f (target at least 0.80)\n", m / b}'
