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
# On every core (pytest-xdist), a test file per worker at a time, so that a file's shared fixtures (a built
# site, a browser) are made once.
DOCGEN_BIN="$bin/docgen" SPECVALIDATE_BIN="$bin/specvalidate" python3 -m pytest -q -n "$(nproc)" --dist loadfile \
    Tests/python

echo "==> Swift tests (swift test)"
swift test --skip-build

echo "==> Swift clients generated from site/openapi/ (Clients/Swift: swift-openapi-generator, tested against the mock)"
SPECVALIDATE_BIN="$bin/specvalidate" swift test --package-path Clients/Swift
