#!/usr/bin/env bash
# Passe courte de fuzzing (docs/fuzzing.md) : chaque cible tourne DUREE
# secondes (60 par défaut) avec nice -n 19. Échoue si une cible plante.
#
#   cargo install cargo-fuzz ; rustup toolchain install nightly
#   scripts/fuzz-court.sh            # DUREE=300 scripts/fuzz-court.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duree=${DUREE:-60}
# Pacte est du Rust sûr : sans AddressSanitizer (SANITIZER=none) une
# exécution est plusieurs fois plus rapide ; SANITIZER=address le remet.
san=${SANITIZER:-none}
cibles=(parser check fmt figures hospidiag)
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "erreur : cargo-fuzz ou la chaîne nightly manque (cargo install cargo-fuzz)" >&2
  exit 2
fi
scripts/fuzz-seed.sh
cd fuzz
nice -n 19 cargo +nightly fuzz build -s "$san"
echec=0
for t in "${cibles[@]}"; do
  mkdir -p "artifacts/$t"
  echo "== $t ($duree s)"
  if ! nice -n 19 cargo +nightly fuzz run -s "$san" "$t" -- -max_total_time="$duree" \
      -max_len=8192 -timeout=120 -rss_limit_mb=2048 -print_final_stats=1 \
      2>"/tmp/fuzz-court-$t.log"; then
    echec=1
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov:' "/tmp/fuzz-court-$t.log" | tail -3 || true
  if compgen -G "artifacts/$t/crash-*" >/dev/null || compgen -G "artifacts/$t/oom-*" >/dev/null; then
    echo "erreur : $t a trouvé un plantage (fuzz/artifacts/$t/)" >&2
    echec=1
  fi
done
exit "$echec"
