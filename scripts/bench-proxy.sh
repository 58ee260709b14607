#!/usr/bin/env bash
# The proxy benchmark of BENCHMARKS.md: wrk against GET /v1/agents directly on `specvalidate mock`, then
# through `specvalidate proxy` in front of that mock (every answer validated against the AgentsCode
# document), side by side in one run. Release builds; 64 connections, 2 wrk threads, DURATION seconds
# each (default 30); neither logs (--quiet). wrk, the mock and the proxy share the machine's cores.
# nginx, a reverse proxy that validates nothing, is measured in front of the same mock in the same run (port
# 4513; one worker, upstream connections kept alive, no logs, no buffering): what forwarding alone costs on
# this machine. So is nio-relay (bench/NIORelay, port 4514): a byte relay on SwiftNIO's channels, one
# upstream connection per client connection, no HTTP parsed: the floor under any proxy built on NIO. With
# BASELINE=path/to/another/specvalidate (an earlier build), that build's proxy is measured in the same run
# too (port 4512), for a before-and-after on one machine. Last, the same three measured pinned (taskset): the
# mock and wrk on CPU 0, the proxy (then nginx) alone on CPU 1, so that the proxy's cost no longer comes out
# of the mock's share of the cores: what the proxy keeps on a machine where it has a core of its own.
#   bash scripts/bench-proxy.sh [DURATION]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-30}
work=.build/bench-proxy
rm -rf "$work"
mkdir -p "$work"

bash scripts/bootstrap.sh
if ! command -v wrk >/dev/null || [ ! -x /usr/bin/time ] || [ ! -x /usr/sbin/nginx ]; then
    echo "==> installing Debian packages: wrk time nginx"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk time nginx >/dev/null
fi
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
bin=$(swift build -c release --show-bin-path)
echo "==> building nio-relay (release; bench/NIORelay)"
swift build -c release --product nio-relay
relay_bin=$bin/nio-relay
key=sk_test_mock
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

wait_for() {  # url: until it answers (any status)
    for _ in $(seq 1000); do
        curl -s -o /dev/null "$1" && return 0
        sleep 0.01
    done
    echo "no answer from $1" >&2
    exit 1
}

"$bin/specvalidate" mock --port 4510 --seed 1 --quiet 2>"$work/mock.log" &
mock=$!
pids+=($mock)
wait_for http://127.0.0.1:4510/v1/agents
"$bin/specvalidate" proxy --spec site/openapi/agentscode.openapi.yaml --upstream http://127.0.0.1:4510 \
    --port 4511 --quiet --report "$work/report.json" --format json 2>"$work/proxy.log" &
proxy=$!
pids+=($proxy)
wait_for http://127.0.0.1:4511/v1/agents
ngx=$PWD/$work/nginx
mkdir -p "$ngx"
cat >"$ngx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $ngx/body;
    proxy_temp_path $ngx/proxy;
    upstream mock { server 127.0.0.1:4510; keepalive 64; }
    server {
        listen 127.0.0.1:4513;
        location / {
            proxy_pass http://mock;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
EOF
/usr/sbin/nginx -p "$ngx" -c "$ngx/nginx.conf" &
pids+=($!)
wait_for http://127.0.0.1:4513/v1/agents

ticks() {  # pid (or "nginx", for its worker): CPU time used so far (user + system), in clock ticks
    local pid=$1
    [ "$pid" = nginx ] && pid=$(pgrep -f 'nginx: worker process' | head -1)
    awk '{print $14 + $15}' "/proc/$pid/stat"
}
run() {  # name, url, connections, threads[, proxy pid]; also the CPU each process spent (mock, proxy, wrk)
    echo "==> wrk: $1 (${duration} s, $3 connections)"
    local m0 p0 measured=${5:-$proxy}
    m0=$(ticks "$mock")
    p0=$(ticks "$measured")
    /usr/bin/time -f "%U %S" -o "$work/$1.wrk-cpu" \
        "${wrk_prefix[@]}" wrk -t"$4" -c"$3" -d"${duration}s" --latency -H "Authorization: Bearer $key" "$2" | tee "$work/$1.txt"
    echo "$(($(ticks "$mock") - m0)) $(($(ticks "$measured") - p0))" >"$work/$1.cpu"
}
wrk_prefix=()
run direct http://127.0.0.1:4510/v1/agents 64 2
run proxy http://127.0.0.1:4511/v1/agents 64 2
# One connection: the latency the proxy adds to a request when nothing queues.
run direct-1 http://127.0.0.1:4510/v1/agents 1 1
run proxy-1 http://127.0.0.1:4511/v1/agents 1 1
kill -TERM "$proxy"
wait "$proxy" || true
run nginx http://127.0.0.1:4513/v1/agents 64 2 nginx
run nginx-1 http://127.0.0.1:4513/v1/agents 1 1 nginx
"$relay_bin" 4510 4514 >"$work/relay.log" 2>&1 &
relay=$!
pids+=($relay)
wait_for http://127.0.0.1:4514/v1/agents
run relay http://127.0.0.1:4514/v1/agents 64 2 "$relay"
run relay-1 http://127.0.0.1:4514/v1/agents 1 1 "$relay"
kill -TERM "$relay"
names=(direct proxy direct-1 proxy-1 nginx nginx-1 relay relay-1)
if [ -n "${BASELINE:-}" ]; then
    "$BASELINE" proxy --spec site/openapi/agentscode.openapi.yaml --upstream http://127.0.0.1:4510 \
        --port 4512 --quiet 2>"$work/baseline.log" &
    proxy=$!
    pids+=($proxy)
    wait_for http://127.0.0.1:4512/v1/agents
    run baseline http://127.0.0.1:4512/v1/agents 64 2
    run baseline-1 http://127.0.0.1:4512/v1/agents 1 1
    kill -TERM "$proxy"
    names+=(baseline baseline-1)
fi
wait "$proxy" || true

# Pinned: the mock and wrk share CPU 0; the proxy, then nginx, has CPU 1 to itself.
kill -TERM "$mock"
wait "$mock" || true
taskset -c 0 "$bin/specvalidate" mock --port 4510 --seed 1 --quiet 2>"$work/mock-pinned.log" &
mock=$!
pids+=($mock)
wait_for http://127.0.0.1:4510/v1/agents
taskset -c 1 "$bin/specvalidate" proxy --spec site/openapi/agentscode.openapi.yaml --upstream http://127.0.0.1:4510 \
    --port 4511 --quiet 2>"$work/proxy-pinned.log" &
proxy=$!
pids+=($proxy)
wait_for http://127.0.0.1:4511/v1/agents
taskset -pc 1 "$(pgrep -f 'nginx: worker process' | head -1)" >/dev/null
wrk_prefix=(taskset -c 0)
run direct-pinned http://127.0.0.1:4510/v1/agents 64 2
run proxy-pinned http://127.0.0.1:4511/v1/agents 64 2
run nginx-pinned http://127.0.0.1:4513/v1/agents 64 2 nginx
kill -TERM "$proxy"
wait "$proxy" || true
names+=(direct-pinned proxy-pinned nginx-pinned)

summary() {  # name: requests/s, p50, p99, errors, non-2xx
    local file=$work/$1.txt
    local rps p50 p99 errors non2xx
    rps=$(awk '/^Requests\/sec/ {print $2}' "$file")
    p50=$(awk '$1 == "50%" {print $2}' "$file")
    p99=$(awk '$1 == "99%" {print $2}' "$file")
    errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$file")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$file")
    printf "%-10s %10s req/s   p50 %-8s p99 %-8s socket errors %-4s non-2xx %s\n" "$1" "$rps" "$p50" "$p99" "${errors:-0}" "${non2xx:-0}"
    # CPU per request: what each process spent over the requests wrk completed.
    local requests
    requests=$(awk '/requests in/ {print $1}' "$file")
    read -r mock_ticks proxy_ticks <"$work/$1.cpu"
    awk -v n="$requests" -v m="$mock_ticks" -v p="$proxy_ticks" -v hz="$(getconf CLK_TCK)" \
        '{printf "          CPU per request: mock %.0f us, proxy %.0f us, wrk %.0f us\n", m / hz / n * 1e6, p / hz / n * 1e6, ($1 + $2) / n * 1e6}' \
        "$work/$1.wrk-cpu"
    echo "$rps" >"$work/$1.rps"
}
echo
echo "Summary ($(nproc) cores, wrk -t2 -c64 and -t1 -c1, -d${duration}s):"
for name in "${names[@]}"; do summary "$name"; done
awk "BEGIN{printf \"proxy keeps %.0f%% of the direct requests per second (nginx, validating nothing: %.0f%%; the NIO relay, parsing nothing: %.0f%%)\\n\", 100 * $(cat "$work/proxy.rps") / $(cat "$work/direct.rps"), 100 * $(cat "$work/nginx.rps") / $(cat "$work/direct.rps"), 100 * $(cat "$work/relay.rps") / $(cat "$work/direct.rps")}"
awk "BEGIN{printf \"pinned (mock and wrk on CPU 0, the proxy alone on CPU 1): proxy keeps %.0f%%, nginx %.0f%%\\n\", 100 * $(cat "$work/proxy-pinned.rps") / $(cat "$work/direct-pinned.rps"), 100 * $(cat "$work/nginx-pinned.rps") / $(cat "$work/direct-pinned.rps")}"
if [ -n "${BASELINE:-}" ]; then
    awk "BEGIN{printf \"baseline keeps %.0f%%\\n\", 100 * $(cat "$work/baseline.rps") / $(cat "$work/direct.rps")}"
fi
python3 - "$work/report.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
[agents] = summary["operations"]
print(f"proxy report: {agents['exchanges']} exchanges validated, statuses {agents['statuses']}, "
      f"violations by rule {summary['violationsByRule'] or 'none'}")
PY
