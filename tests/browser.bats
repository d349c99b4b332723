#!/usr/bin/env bats
# tests/tools/browser.c, the real browser the page tests render in: it
# catches what a page must not do (console errors, requests to the
# network), measures ink in chart areas and names the fonts text was set
# in, and a browser that cannot start fails the test instead of skipping.
bats_require_minimum_version 1.5.0
load helpers

BROWSER="$CS_BUILD/tools/browser"

page() {
	printf '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">
<style>@page { size: A4; margin: 15mm } body { font-family: "Noto Sans CJK SC", sans-serif }
.tall { height: 1500px }</style></head><body>%s</body></html>\n' "$1" >"$2"
}

@test "browser: a quiet page exits 0; its PNG, A4 PDF, text and fonts are as drawn" {
	page '<h1>信用报告</h1><p class="tall">第一页</p><p>第二页</p>
<svg id="bar" width="200" height="100"><rect x="0" y="0" width="50" height="100" fill="#000"/></svg>
<svg id="blank" width="200" height="100"></svg>' p.html
	run --separate-stderr "$BROWSER" --png=p.png --pdf=p.pdf --ink=svg \
	    --fonts=h1 p.html
	assert_success
	assert_output - <<'OUT'
ink 1 bar 200x100 5000
ink 2 blank 200x100 0
font Noto Sans CJK SC 4
OUT
	[ "$stderr" = "" ]
	[ "$(head -c 8 p.png | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]
	run pdfinfo p.pdf
	assert_line --regexp '^Pages: +2$'
	assert_line --regexp '^Page size: +594\.96 x 841\.92 pts \(A4\)$'
	run pdftotext -l 1 p.pdf -
	assert_line '信用报告'
	refute_line --partial '第二页'
	run pdftotext -f 2 -l 2 p.pdf -
	assert_line '第二页'
}

@test "browser: console errors, exceptions and network requests exit 1, each said" {
	page '<img src="https://example.com/logo.png">
<script>console.warn("careful"); console.error("boom", 2); undefined_fn();</script>' p.html
	run --separate-stderr "$BROWSER" p.html
	assert_failure 1
	assert_output - <<'OUT'
console error: the page asked the network for https://example.com/logo.png
console warning: careful
console error: boom 2
console error: ReferenceError: undefined_fn is not defined
OUT
}

@test "browser: no browser, no page, bad usage: exit 3 and 2, said on stderr" {
	page '<p>x</p>' p.html
	CS_CHROMIUM=/nonexistent/chromium run --separate-stderr "$BROWSER" p.html
	assert_failure 3
	assert_stderr "browser: cannot run /nonexistent/chromium (make deps installs Debian's chromium)"
	run --separate-stderr "$BROWSER" missing.html
	assert_failure 2
	assert_stderr 'browser: missing.html: No such file or directory'
	run --separate-stderr "$BROWSER" --bogus p.html
	assert_failure 2
	assert_stderr 'usage: browser [--png=FILE] [--pdf=FILE] [--ink=SELECTOR] [--fonts=SELECTOR] [--timeout=SEC] PAGE'
}

@test "browser: the README shows the pictures make screenshots renders, A4 wide" {
	local png
	for png in doc/report.png doc/summary.png; do
		grep -qF "]($png)" "$REPO/README.md" || fail "README does not show $png"
		[ "$(head -c 8 "$REPO/$png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] ||
		    fail "$png is not a PNG"
		# IHDR: the width, 4 bytes big-endian at offset 16.
		[ "$(od -An -tu1 -j16 -N4 "$REPO/$png" | tr -s ' ')" = ' 0 0 3 26' ] ||
		    fail "$png is not 794 px wide"
	done
	grep -q '^screenshots: deps$' "$REPO/Makefile"
}
