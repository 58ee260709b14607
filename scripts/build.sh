#!/usr/bin/env bash
# The main job: install what is missing, build docgen, then build the documentation site into site/
# (reference pages, guides from content/, search index, sitemap, and the OpenAPI documents in
# site/openapi/). Extra arguments go to `docgen build` (for example --base-url https://docs.example.com/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
echo "==> building docgen (swift build)"
swift build --product docgen
echo "==> building the documentation site into site/"
"$(swift build --show-bin-path)/docgen" build --content content --output site "$@"
