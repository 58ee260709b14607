#!/usr/bin/env bash
# Issue 21's benchmark (BENCHMARKS.md, "Validation throughput per core"): two JSON Lines streams from
# bench/gen_jsonl.py, validated against the AgentsCode schemas with formats asserted, one verdict line per
# instance:
#   small  LINES lines of about 750 bytes (credit-history pages, agent lists, agent runs), as in issue 4;
#   large  LINES credit-history pages of about 3 KB (nested arrays of objects), about 300 MB at 100,000.
# Each stream: specvalidate and jsonschema-rs (Python binding, Python's `json` per line) each pinned to
# one core (taskset -c 0, `--jobs 1`), side by side, then specvalidate on both cores. Prints wall time,
# MB/s and peak RSS (best of RUNS, default 3) and checks that the two tools agree on the invalid lines.
#   bash scripts/bench-throughput.sh [LINES] [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lines=${1:-100000}
runs=${2:-3}
work=.build/bench-throughput
mkdir -p "$work"

bash scripts/bootstrap.sh
python3 -m pip install -q -r requirements-bench.txt
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
sv=$(swift build -c release --show-bin-path)/specvalidate
python3 bench/gen_jsonl.py "$work" "$lines" 1 >/dev/null
python3 bench/gen_jsonl.py "$work" "$lines" 2 --pages >/dev/null

measure() {  # name, file, command...: best wall time over $runs runs, with MB/s and that run's peak RSS
    local name=$1 file=$2
    shift 2
    local best="" rss=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$name.out" || true
        read -r t m < <(tail -1 "$work/time")
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
    done
    local bytes
    bytes=$(stat -c %s "$file")
    printf "%-28s %7.2f s  %7.1f MB/s  %7.1f MiB\n" "$name" "$best" \
        "$(awk "BEGIN{print ($best > 0) ? $bytes/1e6/$best : 0}")" "$(awk "BEGIN{print $rss/1024}")"
    echo "$best" >"$work/$name.best"
}

for stream in small large; do
    file=$work/instances.jsonl
    [ "$stream" = large ] && file=$work/large.jsonl
    mkdir -p "$work/$stream"
    echo "==> $stream: $lines lines, $(awk "BEGIN{printf \"%.0f\", $(stat -c %s "$file")/1e6}") MB, best of $runs"
    measure "$stream/specvalidate-1core" "$file" taskset -c 0 "$sv" instance --jobs 1 --schema "$work/schema.json" --jsonl "$file"
    measure "$stream/jsonschema-rs-1core" "$file" taskset -c 0 python3 bench/validate_python.py jsonschema-rs "$work/schema.json" "$file"
    measure "$stream/specvalidate-2cores" "$file" "$sv" instance --schema "$work/schema.json" --jsonl "$file"
    for peer in jsonschema-rs-1core specvalidate-2cores; do
        if ! diff <(grep -o '^[0-9]*: invalid' "$work/$stream/specvalidate-1core.out") \
            <(grep -o '^[0-9]*: invalid' "$work/$stream/$peer.out") >/dev/null; then
            echo "!! $stream: specvalidate and $peer disagree on which lines are invalid" >&2
            exit 1
        fi
    done
    echo "   all agree: $(grep -c ': invalid' "$work/$stream/specvalidate-1core.out") invalid lines;" \
        "one core: $(awk -v a="$(cat "$work/$stream/specvalidate-1core.best")" \
            -v b="$(cat "$work/$stream/jsonschema-rs-1core.best")" 'BEGIN{printf "%.2f", b/a}')x jsonschema-rs"
done
