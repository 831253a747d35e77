#!/usr/bin/env bash
# Contrôles d'impression des documents (hors `cargo test`) : chaque modèle de
# contrat (2025, CPOM, CREF, contrat performance), un avenant, le contrat
# littéraire, le diagnostic régional en HTML, la revue annuelle et la synthèse
# régionale sont imprimés en PDF A4 par Chromium sans interface, puis
# scripts/impression.py vérifie : aucun titre seul en bas de page, aucune page
# presque vide, « Il est convenu ce qui suit » gardé avec la suite, aucun
# graphique coupé, aucun libellé long tronqué.
#
#   apt-get install -y chromium poppler-utils
#   scripts/verifier-impression.sh [DOSSIER]     # défaut : target/impression
#
# PACTE=chemin/vers/pacte utilise ce binaire. HOSPIDIAG=fichier.csv ajoute le
# diagnostic sur des chiffres Hospi Diag réels (défaut : ../shared/data/…).
# Code de sortie : 0 sans défaut, 1 s'il y en a, 2 si un outil manque.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/impression}
mkdir -p "$out"
for tool in chromium pdftotext pdfinfo python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "erreur : $tool introuvable (apt-get install -y chromium poppler-utils)" >&2
    exit 2
  fi
done
if [ -z "${PACTE:-}" ]; then
  cargo build --quiet || exit 2
  PACTE=target/debug/pacte
fi
hospidiag=${HOSPIDIAG:-../shared/data/hospidiag/hospidiag_exdg_2008_2015.csv}

pdf() {
  local html=$1 profile
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer \
    --print-to-pdf="${html%.html}.pdf" "file://$(realpath "$html")" >/dev/null 2>&1
  rm -rf "$profile"
}

defauts=0
# check HTML [LIBELLÉ…]: prints the HTML, then checks its PDF.
check() {
  local html=$1
  shift
  pdf "$html"
  if ! python3 scripts/impression.py "$html" "${html%.html}.pdf" "$@"; then
    defauts=$((defauts + 1))
  fi
}

for contract in examples/ch_valmont.pacte examples/modeles/ch_layon_cpom.pacte \
  examples/region-exemple/ch_montrivage_cref.pacte examples/region-exemple/ch_pays_ouche_perf.pacte \
  tests/fixtures/render/performance_anap.pacte examples/litteraire/ch_rivebelle.pacte.md; do
  name=$(basename "$contract")
  name=${name%%.*}
  "$PACTE" render "$contract" --format html --out "$out/$name.html" 2>/dev/null
  check "$out/$name.html"
done

"$PACTE" avenant examples/avenants/ch_valmont_v1.pacte examples/avenants/ch_valmont_v2.pacte \
  --numéro 1 --format html >"$out/avenant.html" 2>/dev/null && check "$out/avenant.html"

# Hospi Diag 2014 (the last edition with finance): Île-de-France when the
# command knows --ars, else the whole country.
if [ -f "$hospidiag" ]; then
  if "$PACTE" diagnose --help | grep -q -- '--ars\|--region'; then
    filtre=(--ars "ARS Île-de-France")
  else
    filtre=()
  fi
  "$PACTE" diagnose --figures "$hospidiag" --exercice 2014 "${filtre[@]}" \
    --format html >"$out/diagnostic-hospidiag.html" 2>/dev/null &&
    check "$out/diagnostic-hospidiag.html" "HÔPITAL EUROPEEN G. POMPIDOU/BROUSSAIS"
fi
"$PACTE" diagnose --figures examples/chiffres-2026.csv --exercice 2026 \
  --contrats examples/region-exemple --format html >"$out/diagnostic.html" 2>/dev/null &&
  check "$out/diagnostic.html"

rm -rf "$out/rapports"
if "$PACTE" evaluate examples/region-exemple --figures examples/chiffres-2026.csv --exercice 2026 \
  --format html --out "$out/rapports" >/dev/null 2>&1; then
  for report in "$out"/rapports/*.html; do
    check "$report"
  done
fi

# Forty contracts (scripts/region40.py): the bar charts fit one page, long
# labels are whole.
rm -rf "$out/region40"
python3 scripts/region40.py "$out/region40"
if "$PACTE" evaluate "$out/region40/contrats" --figures "$out/region40/chiffres.csv" \
  --exercice 2026 --format html --out "$out/region40/rapports" >/dev/null 2>&1; then
  check "$out/region40/rapports/synthese.html" "HÔPITAL EUROPEEN G. POMPIDOU/BROUSSAIS" \
    "Centre hospitalier universitaire de Normanville-sur-Mer et du Pays d'Auge"
fi

if [ "$defauts" -gt 0 ]; then
  echo "bilan : $defauts document(s) avec des défauts d'impression"
  exit 1
fi
echo "bilan : aucun défaut d'impression"
