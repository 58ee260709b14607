#!/usr/bin/env bash
# Runs every test: install what is missing (Debian packages, the Python test tools), build, then the
# Python checks with third-party tools, the Swift test suite, and the generated Swift clients' package
# (Clients/Swift). Fails when anything fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh --test
echo "==> building (swift build --build-tests)"
swift build --build-tests
bin=$(swift build --show-bin-path)

# The clients' package compiles while pytest runs, at the lowest priority: pytest keeps 1.1 cores of two
# busy on average (16 CPU minutes in 14.5; it waits on servers and subprocesses), and a niced compile takes
# mostly what is left. Its own process group, stopped if anything before it fails.
echo "==> building the Swift clients' package (Clients/Swift) in the background, niced"
client_log=$(mktemp)
setsid nice -n 19 swift build --build-tests --package-path Clients/Swift >"$client_log" 2>&1 &
client_build=$!
trap 'kill -- -$client_build 2>/dev/null || true' EXIT

echo "==> Python checks: openapi-spec-validator, jsonschema examples, docgen output, specvalidate CLI (pytest)"
# One process: pytest-xdist on two workers took as long (12 min) as running the tests in turn. The slowest
# are listed at the end, for whoever trims the run next.
DOCGEN_BIN="$bin/docgen" SPECVALIDATE_BIN="$bin/specvalidate" python3 -m pytest -q --durations=15 Tests/python

echo "==> Swift tests (swift test)"
swift test --skip-build

echo "==> Swift clients generated from site/openapi/ (Clients/Swift: swift-openapi-generator, tested against the mock)"
if ! wait "$client_build"; then
    cat "$client_log"
    echo "the clients' package did not build" >&2
    exit 1
fi
trap - EXIT
tail -n 1 "$client_log"
SPECVALIDATE_BIN="$bin/specvalidate" swift test --skip-build --package-path Clients/Swift
