#!/usr/bin/env bash
# Runs every test: install what is missing (Debian packages, the Python test tools), build, then the
# Python checks with third-party tools and the Swift test suite. Fails when anything fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh --test
echo "==> building (swift build --build-tests)"
swift build --build-tests
bin=$(swift build --show-bin-path)

echo "==> Python checks: openapi-spec-validator, jsonschema examples, docgen output, specvalidate CLI (pytest)"
DOCGEN_BIN="$bin/docgen" SPECVALIDATE_BIN="$bin/specvalidate" python3 -m pytest -q Tests/python

echo "==> Swift tests (swift test)"
swift test --skip-build
