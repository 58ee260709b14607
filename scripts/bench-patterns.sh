#!/usr/bin/env bash
# The pattern benchmark of BENCHMARKS.md (release build, best of RUNS, default 3): patterns the linear
# automaton does not take (lookaround, \b, backreferences), which ran on ICU until issue 20, on
# `specvalidate instance`, beside jsonschema-rs (Rust's fancy-regex) and Python's jsonschema (Python's re)
# on the same schema and values. Each run is bounded by `timeout 60`; the verdict each tool gave is shown,
# since a fast wrong answer is the failure these cases are about.
#   bash scripts/bench-patterns.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
work=.build/bench-patterns
rm -rf "$work"
mkdir -p "$work"

bash scripts/bootstrap.sh --test
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
bin=$(swift build -c release --show-bin-path)
source scripts/bench-common.sh
MEASURE_SHOW=1

# name, pattern, value (a Python expression of the line number i), lines: tab-separated
cases=(
    $'ICU wrong: a*30+!Y\t^(?:(a|a)*\\bX|a*!Y)\t"a" * 30 + "!Y"\t1'
    $'ICU 22 s: a*41\t(a|a)*\\bX\t"a" * 41\t1'
    $'long: a*10000\t(a|a)*\\bX\t"a" * 10000 + " X"\t1'
    $'backreference: a*61\t^(a|a)*\\1X\t"a" * 61\t1'
    $'lookahead x 100000 lines\t^(?=.*\\d)(?=.*[A-Z])(?!.*\\s).{8,}$\t"abcdefghijklmnopqrstuvwxyz0123456789" + ("Q" if i % 2 else "q")\t100000'
)
for entry in "${cases[@]}"; do
    IFS=$'\t' read -r name pattern value lines <<<"$entry"
    slug=$(echo "$name" | tr -c 'a-zA-Z0-9' '-')
    python3 - "$work/$slug" "$pattern" "$value" "$lines" <<'PY'
import json, sys
path, pattern, value, lines = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
json.dump({"pattern": pattern}, open(path + ".schema.json", "w"))
with open(path + ".jsonl", "w") as out:
    for i in range(lines):
        out.write(json.dumps(eval(value, {"i": i})) + "\n")
PY
    echo "==> $name: /$pattern/, best of $runs"
    summary="python3 -c 'import sys; t=sys.stdin.read().split(); print(sum(w == \"valid\" for w in t), \"of\", sum(w in (\"valid\", \"invalid:\") for w in t), \"valid\")'"
    measure "specvalidate" sh -c "timeout 60 '$bin/specvalidate' instance --jobs 1 --jsonl --schema '$work/$slug.schema.json' '$work/$slug.jsonl' | $summary"
    for peer in jsonschema-rs jsonschema; do
        measure "$peer" sh -c "timeout 60 python3 bench/patterns.py $peer '$work/$slug.schema.json' '$work/$slug.jsonl'; rc=\$?; [ \$rc = 124 ] && echo 'killed after 60 s'; exit 0"
    done
done
