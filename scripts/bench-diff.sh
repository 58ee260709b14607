#!/usr/bin/env bash
# The diff benchmark of BENCHMARKS.md (release build, best of RUNS, default 5): `specvalidate diff` of
# OpenAI's 3 MB document against a copy with 20 changes (bench/openai_changed.py, the same changes as the
# Swift test), and against itself; beside a generic structural diff of the same two files (PyYAML's C
# loader + DeepDiff, in .build/bench-venv), since oasdiff cannot be installed on this machine.
#   bash scripts/bench-diff.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
work=.build/bench-diff
rm -rf "$work"
mkdir -p "$work"

bash scripts/bootstrap.sh --test
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
bin=$(swift build -c release --show-bin-path)
[ -x .build/bench-venv/bin/python ] || python3 -m venv .build/bench-venv
.build/bench-venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-bench-diff.txt
py=.build/bench-venv/bin/python
source scripts/bench-common.sh

shared=${SHARED_DIR:-../shared}
[ -d "$shared/testdata" ] || shared=/work/shared
openai=$shared/testdata/openai-openapi/openapi.yaml
"$py" bench/openai_changed.py "$openai" "$work/openai-changed.yaml"

echo "==> OpenAI's document ($(du -h "$openai" | cut -f1)) against a copy with 20 changes, best of $runs"
MEASURE_SHOW=1
measure "specvalidate diff (20 changes)" sh -c "'$bin/specvalidate' diff '$openai' '$work/openai-changed.yaml' --format json > '$work/report.json' && python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"summary\"][\"changes\"], \"changes\")' '$work/report.json'"
measure "specvalidate diff (itself)" "$bin/specvalidate" diff "$openai" "$openai"
measure "PyYAML + DeepDiff (20 changes)" "$py" bench/deepdiff_documents.py "$openai" "$work/openai-changed.yaml"
