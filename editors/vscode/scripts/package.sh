#!/bin/sh
# Builds editors/vscode/pacte.vsix: installs the npm packages, regenerates
# the TextMate grammar from ../words.json, runs the grammar tests
# (vscode-tmgrammar-test), then packages with @vscode/vsce.
# Run on demand (not part of `cargo test`): sh editors/vscode/scripts/package.sh
set -eu
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund
node scripts/build-grammar.js
npm run --silent test:grammar
npx vsce package --allow-missing-repository -o pacte.vsix
echo "paquet : $(pwd)/pacte.vsix"
echo "installation : code --install-extension $(pwd)/pacte.vsix"
