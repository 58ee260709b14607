#!/usr/bin/env bash
# The main job: install what is missing, build, and write the OpenAPI documents into site/openapi/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
echo "==> building docgen (swift build)"
swift build --product docgen
echo "==> writing the OpenAPI documents"
"$(swift build --show-bin-path)/docgen" spec --output site/openapi
