#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<cible>) from the examples, the test
# fixtures, the std and slices of the Hospi Diag data. Idempotent: a seed is
# named by its hash. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
for t in parser check fmt figures hospidiag; do mkdir -p "fuzz/corpus/$t"; done
seed() { # seed TARGET FILE
  local h
  h=$(sha1sum "$2" | cut -c1-16)
  cp "$2" "fuzz/corpus/$1/$h"
}
while IFS= read -r -d '' f; do
  for t in parser check fmt; do seed "$t" "$f"; done
done < <(find examples tests/fixtures std \( -name '*.pacte' -o -name '*.pacte.md' \) -print0)
while IFS= read -r -d '' f; do
  seed figures "$f"
done < <(find examples tests/fixtures -name '*.csv' -print0)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in tests/data/hospidiag_*.csv; do
  head -c 20000 "$f" >"$tmp" && seed figures "$tmp"
done
# The hospidiag target prepends its own header (fuzz_targets/hospidiag.rs):
# its seeds are rows in that column order.
printf '2012,140000035,CH DE LISIEUX,CH,8.2,4.6,1.4,97430932,46.7,.z,12,3\n2013,140000035,CH DE LISIEUX,CH,7,4,1,97430932,40,.c,,\n' >"$tmp"
seed hospidiag "$tmp"
printf '2014,14000003,CH,CH,-1.5,1e3,,,x,.m,12 %%,3\n' >"$tmp"
seed hospidiag "$tmp"
