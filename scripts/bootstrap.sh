#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine, and nothing when it is
# already there. Sourced by scripts/build.sh and scripts/test.sh; safe to run on its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '==> %s\n' "$*"; }

apt_packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev pkg-config)
# The tests also load pages in a headless browser (by its command line, and driven through chromedriver).
[ "${1:-}" = "--test" ] && apt_packages+=(chromium chromium-driver fonts-dejavu-core)
missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    say "Debian packages present: ${apt_packages[*]}"
fi

# The changelog pages and the breaking-change check read earlier versions of the published documents
# from git: a shallow clone gets its whole history first.
if [ "$(git rev-parse --is-shallow-repository 2>/dev/null || echo false)" = "true" ]; then
    say "fetching the repository's history (the changelogs read earlier versions)"
    git fetch --quiet --unshallow || say "warning: could not fetch the history; changelog pages will fail to build"
fi

if [ "${1:-}" = "--test" ]; then
    stamp=.build/.pip-requirements-test.stamp
    if [ ! -f "$stamp" ] || ! cmp -s requirements-test.txt "$stamp"; then
        say "installing Python test tools from requirements-test.txt"
        python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
        mkdir -p .build && cp requirements-test.txt "$stamp"
    else
        say "Python test tools present (requirements-test.txt unchanged)"
    fi
fi
