#!/usr/bin/env bash
# Renders the example documents with headless Chromium, to PDF (A4, as
# printed) and to PNG (one image per printed page, and the screen view),
# and checks that each PDF has pages. Not part of `cargo test`: it needs
# the Debian packages `chromium` and `poppler-utils`.
#
#   apt-get install -y chromium poppler-utils
#   scripts/capture.sh [DOSSIER]          # default: target/captures
#
# PACTE=chemin/vers/pacte uses that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/captures}
mkdir -p "$out"
for tool in chromium pdftoppm pdfinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "erreur : $tool introuvable (apt-get install -y chromium poppler-utils)" >&2
    exit 2
  fi
done
if [ -z "${PACTE:-}" ]; then
  cargo build --release --quiet
  PACTE=target/release/pacte
fi

chrome() {
  local profile
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" >/dev/null 2>&1
  rm -rf "$profile"
}

# One HTML document → PDF, page images, screen capture; fails without pages.
capture() {
  local html=$1 name=$2
  local url="file://$(realpath "$html")"
  chrome --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "$url"
  chrome --hide-scrollbars --window-size=1240,1754 --screenshot="$out/$name-ecran.png" "$url"
  local pages
  pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')
  if [ "${pages:-0}" -lt 1 ]; then
    echo "erreur : $out/$name.pdf n'a aucune page" >&2
    exit 1
  fi
  rm -f "$out/$name"-page-*.png
  pdftoppm -png -r 80 "$out/$name.pdf" "$out/$name-page"
  echo "$name : $pages page(s) — $out/$name.pdf"
}

for contract in examples/ch_valmont.pacte examples/chu_exemple.pacte \
  examples/litteraire/ch_rivebelle.pacte.md examples/region-exemple/ch_montrivage_cref.pacte; do
  name=$(basename "$contract")
  name=${name%%.*}
  "$PACTE" render "$contract" --format html --out "$out/$name.html"
  capture "$out/$name.html" "$name"
done

# The annual review and the regional dashboard, once `evaluate` writes HTML.
if "$PACTE" evaluate --help 2>/dev/null | grep -q -- '--out'; then
  rm -rf "$out/rapports"
  if "$PACTE" evaluate examples/ --figures examples/chiffres-2026.csv --exercice 2026 \
    --format html --out "$out/rapports" >/dev/null; then
    for report in "$out"/rapports/*.html; do
      capture "$report" "rapport-$(basename "$report" .html)"
    done
  fi
fi
