#!/usr/bin/env bash
# The conformance-run benchmark of BENCHMARKS.md: `specvalidate run` over both APIs against a fresh
# `specvalidate mock` (release builds, --job-duration 0.2, --poll-interval 0.05), RUNS times (default 5);
# prints each run's wall time for both APIs together, and the best and the median.
#   bash scripts/bench-run.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
bash scripts/bootstrap.sh
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
bin=$(swift build -c release --show-bin-path)/specvalidate
times=()
for i in $(seq "$runs"); do
    "$bin" mock --port 4470 --job-duration 0.2 --quiet 2>/dev/null &
    pid=$!
    for _ in $(seq 500); do curl -s -o /dev/null http://127.0.0.1:4470/v1/agents && break; sleep 0.01; done
    start=$(date +%s.%N)
    "$bin" run --spec site/openapi/agentscode.openapi.yaml --base-url http://127.0.0.1:4470/v1 --token sk_test_mock \
        --poll-interval 0.05 >/tmp/bench-run-agentscode.txt
    "$bin" run --spec site/openapi/openagents.openapi.yaml --base-url http://127.0.0.1:4470/api/v1 \
        --token sk_test_mock --poll-interval 0.05 >/tmp/bench-run-openagents.txt
    end=$(date +%s.%N)
    kill -INT "$pid"
    wait "$pid" || true
    t=$(awk "BEGIN{printf \"%.3f\", $end - $start}")
    times+=("$t")
    echo "run $i: ${t} s ($(tail -1 /tmp/bench-run-agentscode.txt); $(tail -1 /tmp/bench-run-openagents.txt))"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "best %.3f s, median %.3f s over %d runs (target: under 2 s)\n", a[1], a[int((NR+1)/2)], NR}'
