#!/usr/bin/env bash
# roster.html in a real browser: solves the August roster, has headless Chromium print
# the page to PDF, take a screenshot and dump the DOM it built, then checks with
# check_browser_output.py that every row of roster.csv sits in its site's day cell and
# that each site fills exactly one A4 landscape page.
#
# Usage: tests/html/browser_check.sh [OUT_DIR]
#   OUT_DIR keeps roster.html, roster.pdf, roster.png, dom.html and the page images
#   (pages-N.png); without it a temporary folder is used and removed.
# Installs Debian's chromium and poppler-utils (pdfinfo, pdftotext, pdftoppm) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "$#" -ge 1 ]; then
  out="$1"
  mkdir -p "$out"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
else
  out="$(mktemp -d)"
  work="$out"
  trap 'rm -rf "$out"' EXIT
fi
out="$(cd "$out" && pwd)"

cargo build --quiet
target/debug/duty-roster solve rosters/aubm-2022-08.toml --out "$out" --format csv,html --quiet

# One fresh profile per run; no network, no first-run or background activity.
chrome() {
  local profile
  profile="$(mktemp -d "$work/profile.XXXXXX")"
  if ! chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>"$profile.log"; then
    cat "$profile.log" >&2
    echo "chromium failed: $*" >&2
    return 1
  fi
}
page="file://$out/roster.html"
chrome --no-pdf-header-footer --print-to-pdf="$out/roster.pdf" "$page" >/dev/null
chrome --screenshot="$out/roster.png" --window-size=1600,1200 "$page" >/dev/null
chrome --dump-dom "$page" >"$out/dom.html"
pdftoppm -r 60 -png "$out/roster.pdf" "$out/pages"

python3 tests/html/check_browser_output.py "$out"
