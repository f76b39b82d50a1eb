#!/usr/bin/env bash
# Regenerates the README's screenshots from the real page: runs the web crate's browser test
# (headless Chromium against the test server over real pages from manpages/) and copies the three
# pictures it takes into docs/screenshots/. Needs what .ci/run installs (chromium, node, npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
EXPLAIN_REQUIRE_BROWSER=1 cargo test -p web --test browser --quiet
mkdir -p docs/screenshots
for shot in oneliner script dark; do
  cp "target/web-screenshots/readme-$shot.png" "docs/screenshots/$shot.png"
done
ls -l docs/screenshots
