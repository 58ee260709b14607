#!/usr/bin/env bash
# The mock-state benchmark of BENCHMARKS.md (issue 20): restart time and one write's latency with 1,000,
# 10,000 and 100,000 runs in the state file (release build; bench/mock_state.py does the work).
#   bash scripts/bench-mock-state.sh [SIZES...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
bin=$(swift build -c release --show-bin-path)
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)
python3 bench/mock_state.py "$bin/specvalidate" "${sizes[@]}"
