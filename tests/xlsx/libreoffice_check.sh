#!/usr/bin/env bash
# roster.xlsx in LibreOffice: solves the August roster into target/ci-xlsx, has
# headless LibreOffice Calc convert roster.xlsx to PDF and every sheet to CSV, then
# checks with check_libreoffice_output.py that the cells hold roster.csv and
# summary.csv and that each site sheet prints on one page; renders the PDF's first
# page to target/ci-xlsx/workbook.png for a look.
#
# Usage: tests/xlsx/libreoffice_check.sh [OUT_DIR]   (default target/ci-xlsx)
# Installs Debian's libreoffice-calc and poppler-utils (pdfinfo, pdftoppm) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

out="${1:-target/ci-xlsx}"
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

cargo build --quiet
target/debug/duty-roster solve rosters/aubm-2022-08.toml --out "$out/roster" \
  --format csv,xlsx --quiet

# A fresh profile under target/ (the first start is slow), nothing shared with a
# desktop session.
profile="file://$out/lo-profile"
calc() {
  timeout 300 soffice -env:UserInstallation="$profile" --headless --norestore \
    --nolockcheck --convert-to "$@" >>"$out/soffice.log" 2>&1
}
calc pdf --outdir "$out" "$out/roster/roster.xlsx"
# CSV of every sheet (sheet -1), UTF-8, comma-separated, cells as shown: one
# roster-<Sheet>.csv per sheet.
calc 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
  --outdir "$out" "$out/roster/roster.xlsx"
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$out/roster.pdf" "$out/workbook"

python3 tests/xlsx/check_libreoffice_output.py "$out"
