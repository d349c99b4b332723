#!/bin/sh
# make screenshots: the pictures of the README, made from the demo.  Runs
# the demo (demo/ anew), then renders the first credit report it wrote
# and its monthly summary in headless Chromium (tests/tools/browser) as
# full-page PNGs, 794 CSS px wide (A4 at 96 dpi): doc/report.png and
# doc/summary.png.  A page that logs an error or asks the network fails
# it, as in the tests.
set -eu
: "${CS_BUILD:?run it through make screenshots}"
browser=$CS_BUILD/tools/browser
[ -x "$browser" ] || { echo "screenshots: $browser is missing; run make test-tools" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT INT TERM
sh share/cs/demo/demo.sh >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
mkdir -p doc
report=demo/report-123101044849151189.html
[ -s "$report" ] || { echo "screenshots: the demo wrote no $report" >&2; exit 1; }
"$browser" --png=doc/report.png "$report"
"$browser" --png=doc/summary.png demo/summary.html
echo "screenshots: doc/report.png ($report), doc/summary.png (demo/summary.html)"
