#!/bin/sh
# Generates the parser, runs the corpus tests (test/corpus/), then parses
# every file of examples/, std/ and tests/fixtures/ (the ```pacte blocks of
# literate files, and the TextMate test files) and fails on any ERROR or
# MISSING node — except the files that are syntax errors on purpose, listed
# in test/syntax-errors.txt (those `pacte check` reports E0001 on).
# Needs the tree-sitter CLI (`cargo install tree-sitter-cli`) and a C compiler.
# Run on demand: sh editors/tree-sitter-pacte/scripts/check.sh
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
ts="${TREE_SITTER:-tree-sitter}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$here"
# ABI 14: loaded by Neovim 0.9 to 0.11, Helix and Zed alike (ABI 15 needs Neovim 0.11+).
"$ts" generate --abi 14
"$ts" test
"$ts" build -o "$tmp/pacte.so" .
cd "$repo"
find examples std tests/fixtures editors/vscode/tests \( -name '*.pacte' -o -name '*.pacte.md' \) \
  | sort | grep -v -x -F -f "$here/test/syntax-errors.txt" > "$tmp/list"
while read -r f; do
  case "$f" in
    *.pacte.md)
      out="$tmp/$(echo "$f" | tr '/' '_').pacte"
      awk '/^```+ *pacte/{on=1; next} /^```/{on=0} on' "$f" > "$out"
      echo "$out" ;;
    *) echo "$repo/$f" ;;
  esac
done < "$tmp/list" > "$tmp/files"
"$ts" parse -l "$tmp/pacte.so" --lang-name pacte --paths "$tmp/files" -q --stat
# Each deliberate syntax error must still be one.
while read -r f; do
  if "$ts" parse -l "$tmp/pacte.so" --lang-name pacte -q "$repo/$f" >/dev/null 2>&1; then
    echo "devrait être une erreur de syntaxe : $f"; exit 1
  fi
done < "$here/test/syntax-errors.txt"
