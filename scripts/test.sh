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

echo "==> Python checks: openapi-spec-validator, jsonschema examples, docgen output, specvalidate CLI (pytest)"
# One process: the slow tests (the mock under Schemathesis, the large documents) already keep both cores
# busy, and pytest-xdist on two workers took as long (12 min) as running them in turn.
DOCGEN_BIN="$bin/docgen" SPECVALIDATE_BIN="$bin/specvalidate" python3 -m pytest -q Tests/python

echo "==> Swift tests (swift test)"
swift test --skip-build

echo "==> Swift clients generated from site/openapi/ (Clients/Swift: swift-openapi-generator, tested against the mock)"
SPECVALIDATE_BIN="$bin/specvalidate" swift test --package-path Clients/Swift
