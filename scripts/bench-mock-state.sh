#!/usr/bin/env bash
# The mock-state benchmark of BENCHMARKS.md (issue 20): restart time and one write's latency with 1,000,
# 10,000 and 100,000 runs in the state file, for this checkout's mock and, side by side, for the same
# checkout with the state store before issue 20's fix (Sources/MockServer/State/MockStore.swift from
# BEFORE, default 0743a09~1), built in a worktree of its own. Release builds; bench/mock_state.py does the
# work. The store before the fix restarts in quadratic time, so it is measured up to 10,000 runs only.
#   bash scripts/bench-mock-state.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
before_rev=${BEFORE:-0743a09~1}
work=.build/bench-mock-state
mkdir -p "$work"
bash scripts/bootstrap.sh
echo "==> building specvalidate (release)"
swift build -c release --product specvalidate
bin=$(swift build -c release --show-bin-path)
echo "==> building the store before the fix ($before_rev) in $work/before (release)"
rm -rf "$work/before"
git worktree add --force --detach "$work/before" HEAD >/dev/null
trap 'git worktree remove --force "$work/before" >/dev/null 2>&1 || true' EXIT
git show "$before_rev:Sources/MockServer/State/MockStore.swift" >"$work/before/Sources/MockServer/State/MockStore.swift"
swift build --package-path "$work/before" --scratch-path "$work/before-build" -c release --product specvalidate
before=$(swift build --package-path "$work/before" --scratch-path "$work/before-build" -c release --show-bin-path)
echo "==> this checkout"
(cd bench && python3 mock_state.py "$bin/specvalidate" 1000 10000 100000)
echo "==> the store before the fix"
(cd bench && python3 mock_state.py "$before/specvalidate" 1000 10000)
if ! command -v wrk >/dev/null; then
    echo "==> installing Debian package: wrk"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
echo "==> load: 50,000 runs in state, runs started over 64 connections in six 10-second windows"
(cd bench && python3 mock_load.py "$bin/specvalidate" 50000 10)
