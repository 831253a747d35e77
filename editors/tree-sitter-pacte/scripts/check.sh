#!/bin/sh
# Generates the parser, runs the corpus tests (test/corpus/), then parses
# every file of examples/, std/ and tests/fixtures/ and fails on any ERROR
# or MISSING node — except the files that are syntax errors on purpose
# (listed in test/syntax-errors.txt, the files `pacte check` reports E0001 on).
# Needs the tree-sitter CLI (`cargo install tree-sitter-cli`) and a C compiler.
# Run on demand: sh editors/tree-sitter-pacte/scripts/check.sh
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
ts="${TREE_SITTER:-tree-sitter}"
cd "$here"
"$ts" generate
"$ts" test
cd "$repo"
list="$(mktemp)"
find examples std tests/fixtures \( -name '*.pacte' -o -name '*.pacte.md' \) | sort \
  | grep -v -x -F -f "$here/test/syntax-errors.txt" > "$list"
# Literate files: only their ```pacte blocks are code.
tmp="$(mktemp -d)"
n=0
while read -r f; do
  case "$f" in
    *.pacte.md)
      out="$tmp/$(echo "$f" | tr '/' '_').pacte"
      awk '/^```+ *pacte/{on=1; next} /^```/{on=0} on' "$f" > "$out"
      echo "$out" ;;
    *) echo "$f" ;;
  esac
  n=$((n + 1))
done < "$list" > "$tmp/files"
bad=0
while read -r f; do
  if "$ts" parse --quiet -p "$here" "$f" >/dev/null 2>&1; then :; else
    echo "erreur d'analyse : $f"; "$ts" parse -p "$here" "$f" | grep -n -E 'ERROR|MISSING' | head -3
    bad=$((bad + 1))
  fi
done < "$tmp/files"
rm -rf "$tmp" "$list"
echo "$n fichiers analysés, $bad avec un nœud d'erreur"
[ "$bad" -eq 0 ]
