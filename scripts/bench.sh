#!/usr/bin/env bash
# Speed benchmarks for BENCHMARKS.md, each against its anchor tool in the same hyperfine run.
# Needs: hyperfine, mandoc (for makewhatis), man-db; a release build (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")/.."
exe=./target/release/explain
out=${BENCH_OUT:-target/bench}
mkdir -p "$out"
median() { python3 scripts/hyperfine-medians.py "$1"; }

# 1. One explain as a whole process (warm default index) beside `man tar > /dev/null`.
$exe 'ls' > /dev/null
hyperfine -N -w 5 -r 50 --output=null --export-json "$out/explain-vs-man.json" \
  "$exe --color never 'tar -xzvf x.tgz'" 'man tar'
median "$out/explain-vs-man.json"

# 2. Indexing a copy of /usr/share/man beside mandoc's makewhatis on the same copy.
copy=$(mktemp -d)/man
cp -a /usr/share/man "$copy"
hyperfine -w 1 -r 5 --export-json "$out/index-vs-makewhatis.json" \
  -p "rm -rf $copy.idx $copy/mandoc.db" \
  "$exe index --output $copy.idx $copy" "makewhatis $copy"
median "$out/index-vs-makewhatis.json"
rm -rf "$copy" "$copy.idx"
