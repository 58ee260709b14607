#!/usr/bin/env bash
# The validation benchmark of BENCHMARKS.md: 100,000 JSON lines (credit-history pages, agent lists,
# agent runs; about 5% invalid) validated against the AgentsCode schemas by `specvalidate instance
# --jsonl` (release build; on every core, then on one), jsonschema-rs and python jsonschema (one process
# each, formats asserted, one verdict line per instance). Prints wall time and peak memory of each, best
# of RUNS (default 3), and checks that all of them agree on which lines are invalid.
#   bash scripts/bench-validate.sh [LINES] [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lines=${1:-100000}
runs=${2:-3}
work=.build/bench-validate
mkdir -p "$work"

bash scripts/bootstrap.sh
python3 -m pip install -q -r requirements-bench.txt
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
sv=$(swift build -c release --show-bin-path)/specvalidate
python3 bench/gen_jsonl.py "$work" "$lines"

measure() {  # name, command...: best wall time and its peak RSS over $runs runs
    local name=$1
    shift
    local best=""
    local rss=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$name.out" || true
        read -r t m < <(tail -1 "$work/time")
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
    done
    printf "%-15s %8.2f s  %9.0f lines/s  %7.1f MiB\n" "$name" "$best" "$(awk "BEGIN{print ($best > 0) ? $lines/$best : 0}")" "$(awk "BEGIN{print $rss/1024}")"
    echo "$best" >"$work/$name.best"
}

echo "==> $lines lines, best of $runs"
measure specvalidate "$sv" instance --schema "$work/schema.json" --jsonl "$work/instances.jsonl"
# The same on one core, as the peers run: one worker, the process pinned to one CPU.
measure specvalidate-1 taskset -c 0 "$sv" instance --jobs 1 --schema "$work/schema.json" --jsonl "$work/instances.jsonl"
measure jsonschema-rs python3 bench/validate_python.py jsonschema-rs "$work/schema.json" "$work/instances.jsonl"
measure jsonschema python3 bench/validate_python.py jsonschema "$work/schema.json" "$work/instances.jsonl"

for peer in specvalidate-1 jsonschema-rs jsonschema; do
    if ! diff <(grep -o '^[0-9]*: invalid' "$work/specvalidate.out") <(grep -o '^[0-9]*: invalid' "$work/$peer.out") >/dev/null; then
        echo "!! specvalidate and $peer disagree on which lines are invalid" >&2
        exit 1
    fi
done
echo "all agree: $(grep -c ': invalid' "$work/specvalidate.out") invalid lines"
for sv_run in specvalidate specvalidate-1; do
    awk -v name="$sv_run" -v a="$(cat "$work/$sv_run.best")" -v b="$(cat "$work/jsonschema-rs.best")" \
        -v c="$(cat "$work/jsonschema.best")" \
        'BEGIN{printf "%s: throughput vs jsonschema-rs: %.2fx; vs python jsonschema: %.1fx\n", name, b/a, c/a}'
done
