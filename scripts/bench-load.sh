#!/usr/bin/env bash
# The loading benchmark of BENCHMARKS.md: reading a document whole, release build, best of RUNS
# (default 5), wall time and peak memory of each, one process per run, side by side:
#   1. OpenAI's 3 MB single-file document: the document module (SpecDocument.load), the loader it
#      replaced (bench/LoadDocument/BaselineLoader.swift: Yams with its YAML 1.1 resolver), PyYAML's C
#      loader, and prance's file resolver;
#   2. DigitalOcean's description split over ~2,900 files: the document module loading it, bundling it
#      into one YAML file (what `specvalidate bundle` does), and prance resolving its file references.
#   bash scripts/bench-load.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
work=.build/bench-load
mkdir -p "$work"

bash scripts/bootstrap.sh
# The Python peers in their own environment, so that they change nothing the tests use.
[ -x .build/bench-venv/bin/python ] || python3 -m venv .build/bench-venv
.build/bench-venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-bench-load.txt
py=.build/bench-venv/bin/python
echo "==> building bench-load (release)"
swift build -c release --product bench-load
bin=$(swift build -c release --show-bin-path)/bench-load

# ../shared next to the checkout, $SHARED_DIR, or /work/shared (as the tests look for it).
shared=${SHARED_DIR:-../shared}
[ -d "$shared/testdata" ] || shared=/work/shared
openai=$shared/testdata/openai-openapi/openapi.yaml
digitalocean=$shared/testdata/real-openapi/digitalocean/specification/DigitalOcean-public.v2.yaml

source scripts/bench-common.sh
MEASURE_SHOW=1

echo "==> OpenAI's document ($(du -h "$openai" | cut -f1)), best of $runs"
measure "document module" "$bin" load "$openai"
measure "previous loader (baseline)" "$bin" baseline "$openai"
measure "PyYAML CSafeLoader" "$py" bench/load_python.py pyyaml "$openai"
measure "prance (file references)" "$py" bench/load_python.py prance "$openai"
echo "==> DigitalOcean's document ($(find "$(dirname "$digitalocean")" -type f | wc -l) files), best of $runs"
measure "document module: load" "$bin" load "$digitalocean"
measure "document module: load + bundle" "$bin" bundle "$digitalocean" "$work/digitalocean.bundled.yaml"
measure "prance (file references)" "$py" bench/load_python.py prance "$digitalocean"
