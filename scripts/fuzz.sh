#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for SECONDS (default 600), one after the other.
#   bash scripts/fuzz.sh [SECONDS] [parser|schema|regex|yaml|markdown ...]
# Corpora live in .build/fuzz/corpus-<target> (seeded from the test suite); crashes are written to
# .build/fuzz/ as crash-* files, and the run fails when any target finds one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-600}
shift || true
targets=("${@:-parser schema regex yaml markdown}")
read -r -a targets <<<"${targets[*]}"

out=.build/fuzz
mkdir -p "$out"
echo "==> building fuzz targets (release, -sanitize=fuzzer,address)"
swift build --package-path Fuzz --scratch-path .build/fuzz-build -c release \
    -Xswiftc -sanitize=fuzzer,address
bin=$(swift build --package-path Fuzz --scratch-path .build/fuzz-build -c release --show-bin-path)

# ../shared next to the checkout, $SHARED_DIR, or /work/shared (as the tests look for it).
shared=${SHARED_DIR:-../shared}
[ -d "$shared/testdata" ] || shared=/work/shared
suite=$shared/testdata/JSON-Schema-Test-Suite/tests/draft2020-12
status=0
for target in "${targets[@]}"; do
    case $target in
        parser) exe=FuzzJSONParser ;;
        schema) exe=FuzzSchema ;;
        regex) exe=FuzzRegex ;;
        yaml) exe=FuzzYAML ;;
        markdown) exe=FuzzMarkdown ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    corpus=$out/corpus-$target
    mkdir -p "$corpus"
    if [ "$target" = regex ] && [ -z "$(ls -A "$corpus")" ]; then
        # Seeds: the patterns of the tests and of API documents, each with a string it should meet.
        python3 - "$corpus" <<'PY'
import pathlib, sys, hashlib
corpus = pathlib.Path(sys.argv[1])
seeds = [("^[a-z0-9]+(-[a-z0-9]+)*$", "web-research"), ("^[0-9]+\\.[0-9]+\\.[0-9]+$", "1.2.3"),
         ("^(?:x|yz){2,3}$", "xyzx"), ("[^a-c]\\d\\s\\w", "z1 _"), ("a{2,}b?|c*$", "aab"),
         ("^\\u00e9.$", "éx"), ("(a|ab)(c|bcd)(d*)", "abcd"), ("[\\]\\\\-]+", "]-"), ("^$", "")]
for pattern, text in seeds:
    data = pattern + "\n" + text
    (corpus / hashlib.sha1(data.encode()).hexdigest()).write_text(data)
PY
    elif [ "$target" = yaml ] && [ -z "$(ls -A "$corpus")" ]; then
        # Seeds: the project's and the public documents (the small ones), and a few hostile shapes.
        for f in site/openapi/*.yaml "$shared"/testdata/real-openapi/*.yaml; do
            [ "$(stat -c %s "$f")" -lt 200000 ] && cp "$f" "$corpus/$(basename "$f")"
        done
        printf '\xef\xbb\xbfopenapi: 3.1.0\na: &a [x, x]\nb: [*a, *a]\n' >"$corpus/bom-alias.yaml"
        printf 'a: 1\nb:\n  c: 2\n  "c": 3\n' >"$corpus/duplicate.yaml"
        printf '{"a": {"b": [1, {"c": null}]}, "a": 2}' >"$corpus/duplicate.json"
    elif [ "$target" = markdown ] && [ -z "$(ls -A "$corpus")" ]; then
        # Seeds: the site's pages, a table, brackets and raw HTML.
        find content -name '*.md' -exec cp {} "$corpus/" \;
        printf '| a | b |\n|---|:-:|\n| 1 |\n\n![[]()![[]()\n<script>x</script><details>d</details>\n' >"$corpus/edge.md"
    elif [ -z "$(ls -A "$corpus")" ] && [ -d "$suite" ]; then
        # Seeds: every schema of the official suite with one of its instances.
        python3 - "$suite" "$corpus" <<'PY'
import json, pathlib, sys, hashlib
suite, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(suite.glob("*.json")):
    for group in json.loads(f.read_text()):
        for test in group["tests"][:2]:
            text = json.dumps(group["schema"]) + "\n" + json.dumps(test["data"])
            (corpus / hashlib.sha1(text.encode()).hexdigest()).write_text(text)
PY
    fi
    log=$out/$target.log
    echo "==> fuzzing $target for ${seconds}s (log: $log)"
    if ! LSAN_OPTIONS=suppressions=Fuzz/lsan.supp "$bin/$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/" \
        "$corpus" >"$log" 2>&1; then
        status=1
        echo "!! $target found a problem; see $log and $out/crash-*"
    fi
    grep -E "^(#[0-9]+\s+DONE|Done [0-9]+ runs)" "$log" | tail -2 || true
done
exit $status
