#!/usr/bin/env bash
# The real-documents benchmark of BENCHMARKS.md (release builds, best of RUNS, default 5):
#   1. `specvalidate lint` of Discord's 1.2 MB OpenAPI 3.1 document, beside openapi-spec-validator (the
#      reference validator, structure and defaults only) on the same file;
#   2. one `docgen build` of every public document in ../shared/testdata: the 37 of real-openapi/
#      (DigitalOcean's split over 2,900 files among them) and OpenAI's, 38 APIs in one site.
#   bash scripts/bench-real.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
work=.build/bench-real
rm -rf "$work"
mkdir -p "$work/content"

bash scripts/bootstrap.sh --test
echo "==> building specvalidate and docgen (release)"
swift build -c release --product specvalidate
swift build -c release --product docgen
bin=$(swift build -c release --show-bin-path)
source scripts/bench-common.sh

shared=${SHARED_DIR:-../shared}
[ -d "$shared/testdata" ] || shared=/work/shared
real=$shared/testdata/real-openapi
discord=$real/discord.json
specs=()
for f in "$real"/*.json "$real"/*.yaml "$real/digitalocean/specification/DigitalOcean-public.v2.yaml" \
    "$shared/testdata/openai-openapi/openapi.yaml"; do
    specs+=(--spec "$f")
done

echo "==> lint of Discord's document ($(du -h "$discord" | cut -f1)), best of $runs"
# lint exits 1 when it finds errors; Discord's document has none.
measure "specvalidate lint" "$bin/specvalidate" lint --spec "$discord"
measure "openapi-spec-validator" openapi-spec-validator "$discord"
echo "==> docgen build of $((${#specs[@]} / 2)) documents in one site, best of $runs"
measure "docgen build (38 APIs)" "$bin/docgen" build "${specs[@]}" --content "$work/content" --output "$work/site"
tail -1 "$work/docgen build (38 APIs).out"
