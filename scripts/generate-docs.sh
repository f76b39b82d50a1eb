#!/usr/bin/env bash
# Regenerates explain's own man page and shell completions from its clap definition.
# The test `generated_docs_are_current` fails when these files are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p explain
exe=./target/debug/explain
$exe man-page > docs/man/explain.1
$exe completions bash > completions/explain.bash
$exe completions zsh > completions/_explain
$exe completions fish > completions/explain.fish
echo "wrote docs/man/explain.1 and completions/"
