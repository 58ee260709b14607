#!/usr/bin/env bash
# The site benchmarks of BENCHMARKS.md (release build, best of RUNS, default 3):
#   1. the full site of both APIs (content/ and the built-in documents);
#   2. a 5,000-page synthetic corpus (bench/gen_corpus.py) built by docgen, by Hugo on the same
#      markdown, and by the cmark-gfm CLI alone (one process over all files, and one process per file);
#   3. a generated OpenAPI document of 2,000 operations (bench/gen_spec.py);
#   4. the third-party OpenAI document (../shared/testdata/openai-openapi), when it is there.
# Prints wall time and peak RSS of each, and the ratios the issue sets targets for.
#   bash scripts/bench-site.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
work=.build/bench-site
rm -rf "$work"
mkdir -p "$work/empty"

bash scripts/bootstrap.sh
missing=()
for p in hugo cmark-gfm; do command -v "$p" >/dev/null || missing+=("$p"); done
if ((${#missing[@]})); then
    echo "==> installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "==> building docgen (release)"
swift build -c release --product docgen
docgen=$(swift build -c release --show-bin-path)/docgen

source scripts/bench-common.sh
ratio() { awk -v a="$(cat "$work/$1.best")" -v b="$(cat "$work/$2.best")" 'BEGIN{printf "%.2f", a/b}'; }

echo "==> 1. the site of both APIs"
measure site "$docgen" build --output "$work/site"
grep -o 'wrote [0-9]* pages' "$work/site.out"

echo "==> 2. 5,000-page corpus"
python3 bench/gen_corpus.py "$work/corpus" 5000
extensions=(-e table -e strikethrough -e autolink -e tagfilter -e tasklist)
measure docgen-corpus "$docgen" build --no-api --content "$work/corpus/content" --output "$work/corpus-docgen"
measure hugo-corpus hugo --quiet --source "$work/corpus/hugo" --destination "$PWD/$work/corpus-hugo"
find "$work/corpus/content" -name '*.md' | sort >"$work/corpus-files"
measure cmark-one-process sh -c "xargs cat <'$work/corpus-files' | cmark-gfm ${extensions[*]} >'$work/cmark-all.html'"
mkdir -p "$work/corpus-cmark"
measure cmark-per-file sh -c "xargs -P 2 -n 100 sh -c 'for f; do cmark-gfm ${extensions[*]} \"\$f\" >\"$work/corpus-cmark/\$(basename \"\$(dirname \"\$f\")\")-\$(basename \"\$f\" .md).html\"; done' _ <'$work/corpus-files'"
echo "pages: docgen $(find "$work/corpus-docgen" -name '*.html' | wc -l), hugo $(find "$work/corpus-hugo" -name '*.html' | wc -l), cmark-gfm per file $(ls "$work/corpus-cmark" | wc -l)"
echo "docgen / hugo: $(ratio docgen-corpus hugo-corpus) (target <= 0.5)"
echo "docgen / cmark-gfm per file: $(ratio docgen-corpus cmark-per-file) (target <= 2)"
echo "docgen / cmark-gfm one process: $(ratio docgen-corpus cmark-one-process)"

echo "==> 3. generated document, 2,000 operations"
python3 bench/gen_spec.py "$work/large.json" 2000
ls -l "$work/large.json" | awk '{printf "document: %.1f MB\n", $5/1e6}'
measure large-spec "$docgen" build --content "$work/empty" --spec "$work/large.json" --output "$work/large-site"
grep -o 'wrote [0-9]* pages' "$work/large-spec.out"
awk -v t="$(cat "$work/large-spec.best")" -v m="$(cat "$work/large-spec.rss")" \
    'BEGIN{printf "target: under 5 s and 1 GiB: %s\n", (t < 5 && m < 1048576) ? "met" : "NOT met"}'

openai=../shared/testdata/openai-openapi
if [ -d "$openai" ]; then
    echo "==> 4. the OpenAI document"
    spec=$(find "$openai" -maxdepth 1 -name '*.yaml' -o -maxdepth 1 -name '*.yml' | head -1)
    measure openai "$docgen" build --content "$work/empty" --spec "$spec" --output "$work/openai-site"
    grep -o 'wrote [0-9]* pages' "$work/openai.out"
fi

# Page weight of the heaviest reference page ("Run an agent"): its HTML and the CSS, scripts and icon it
# loads, without the search index (loaded only when search is used). Issue 19's budget: under 100 KB.
python3 - "$work" <<'PY'
import gzip, pathlib, re, subprocess, sys, tempfile
out = pathlib.Path(tempfile.mkdtemp(dir=sys.argv[1]))
subprocess.run(["bash", "-c", f"\"$(swift build -c release --show-bin-path)/docgen\" build --content content --output {out}/site"],
               check=True, capture_output=True)
page = out / "site" / "agentscode" / "operations" / "runAgent.html"
html = page.read_text()
assets = re.findall(r'(?:href|src)="\.\./\.\./(assets/[^"]+)"', html)
files = [page] + [out / "site" / a for a in sorted(set(assets))]
raw = sum(f.stat().st_size for f in files)
packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
print(f"Run an agent: {raw / 1024:.1f} KB ({packed / 1024:.1f} KB gzipped) in {len(files)} files: "
      + ", ".join(f.name for f in files))
PY
