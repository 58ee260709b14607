#!/usr/bin/env bash
# Runs every test: install what is missing (Debian packages, the Python test tools), build, then the
# Python checks with third-party tools and the Swift test suite. Fails when anything fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh --test
echo "==> building (swift build --build-tests)"
swift build --build-tests
bin=$(swift build --show-bin-path)

echo "==> checking the committed OpenAPI documents are up to date"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
"$bin/docgen" spec --output "$fresh" >/dev/null
if ! diff -r "$fresh" site/openapi >/dev/null; then
    diff -r "$fresh" site/openapi | head -40
    echo "site/openapi is out of date with the model: run 'bash scripts/build.sh' and commit the result" >&2
    exit 1
fi

echo "==> Python checks: openapi-spec-validator, jsonschema examples, docgen command line (pytest)"
DOCGEN_BIN="$bin/docgen" python3 -m pytest -q Tests/python

echo "==> Swift tests (swift test)"
swift test --skip-build
