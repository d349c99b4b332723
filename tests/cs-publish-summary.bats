#!/usr/bin/env bats
# cs-publish summary: the monthly supervision report, its JSON figures,
# the page drawn from them, bad months, and the page in a real browser.
bats_require_minimum_version 1.5.0
load helpers

BROWSER="$CS_BUILD/tools/browser"

# November 2026: the records of tests/fixtures/publish ingested on
# 2026-11-26, a release (L1 late, P4 on time), classes saved for the end
# of October and of November, one list notice and one repair filed.
month_store() {
	export SOURCE_DATE_EPOCH=1795683600
	new_store
	cs-record -q add --as-of=2026-11-30 "$FIXTURES/publish/records.csv"
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	cs-score -q --all --as-of=2026-10-31 | cs-classify -q --save >/dev/null
	cs-score -q --all --as-of=2026-11-30 | cs-classify -q --save >/dev/null
	printf 'uscc,list,basis,reason\n91350100M000100Y43,serious,P4,serious administrative penalty\n' |
	    cs-blacklist -q add --as-of=2026-11-23 >/dev/null
	printf 'uscc,target,commitment,evidence\n91350100M000100Y43,P1,yes,fine paid\n' |
	    cs-repair -q apply --as-of=2026-11-23 >/dev/null
}

@test "cs-publish summary: the figures of the month as canonical JSON" {
	month_store
	run -0 --separate-stderr cs-publish summary --month=2026-11 --format=json
	assert_output "$(cat "$FIXTURES/summary/2026-11.json")"
	# The same as lateness for the month.
	run -0 cs-publish lateness --since=2026-11-01 --until=2026-11-30
	assert_output - <<-'EOF2'
	authority,month,decisions,on_time,late,unpublished,late_max_working_days,on_time_percent
	福州市市场监督管理局,2026-11,1,0,1,0,20,0
	福建省生态环境厅,2026-11,1,1,0,0,,100
	EOF2
}

@test "cs-publish summary: each chart's table rows on the page" {
	month_store
	run -0 cs-publish summary --month=2026-11
	assert_line '<!DOCTYPE html>'
	assert_line '<h1>信用监管月报 2026年11月</h1>'
	assert_line '<tr><th scope="row">行政处罚 penalty</th><td class="n">4</td></tr>'
	assert_line '<tr><th scope="row">福建省生态环境厅</th><td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">1</td><td class="n">0</td><td class="n">100</td></tr>'
	assert_line '<tr><th scope="row">福州市市场监督管理局</th><td class="n">0</td><td class="n">1</td><td class="n">0</td><td class="n">1</td><td class="n">20</td><td class="n">0</td></tr>'
	assert_line '<tr><th scope="row">B</th><td>C</td><td class="n">1</td></tr>'
	assert_line '<tr><th scope="row">serious</th><td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">0</td></tr>'
	assert_line '<tr><th scope="row">申请 Filed</th><td class="n">1</td></tr>'
	assert_line '<tr><th scope="row">超期 Overdue</th><td class="n">1</td></tr>'
	# Self-contained: no script, no link, no URL but the SVG namespace.
	refute_output --partial '<script'
	refute_output --partial '<link'
	[ "$(grep -o 'https\?://[^"]*' <<<"$output" | sort -u)" = http://www.w3.org/2000/svg ]
	[ "$(grep -c '<svg ' <<<"$output")" -eq "$(grep -c 'role="img"' <<<"$output")" ]
}

@test "cs-publish summary: an authority named with < & \" ' is escaped in the charts, their text equivalents and the tables" {
	export SOURCE_DATE_EPOCH=1795683600
	new_store
	sed 's/,福州市市场监督管理局,/,"福州<市>\&""局""'"'"'",/' \
	    "$FIXTURES/publish/records.csv" >rec.csv
	cs-record -q add --as-of=2026-11-30 rec.csv
	run -0 cs-publish summary --month=2026-11 --format=json
	[ "$(jq -r '.records.by_authority[0].authority' <<<"$output")" = '福州<市>&"局"'"'" ]
	run -0 cs-publish summary --month=2026-11
	assert_line '<tr><th scope="row">福州&lt;市&gt;&amp;&quot;局&quot;&#39;</th><td class="n">4</td></tr>'
	assert_line --partial '<text x="184" y="41" class="label" text-anchor="end">福州&lt;市&gt;&amp;&quot;局&quot;&#39;</text>'
	refute_output --partial '<市>'
	refute_output --partial '&"'
}

@test "cs-publish summary: a month with nothing says no data in every chart" {
	month_store
	run -0 cs-publish summary --month=2025-02
	[ "$(grep -c '<svg ' <<<"$output")" -eq 10 ]
	[ "$(grep -c 'class="nodata"' <<<"$output")" -eq 10 ]
	run -0 cs-publish summary --month=2025-02 --format=json
	assert_output --partial '"inspections":{"draws":[],"results":[],"total":{"done":0,"drawn":0,"open":0}}'
}

@test "cs-publish summary: a bad or missing --month is a usage error" {
	new_store
	for m in 2026-13 26-11 2026-1 2026-00 2026-11x; do
		run -64 --separate-stderr cs-publish summary --month="$m"
		assert_stderr "cs-publish summary: invalid --month '$m': expected YYYY-MM with a month from 01 to 12
Try \`cs-publish summary --help' or \`cs-publish summary --usage' for more information."
	done
	run -64 --separate-stderr cs-publish summary
	assert_stderr --partial "give the month with --month=YYYY-MM"
	run -64 --separate-stderr cs-publish summary --month=2026-11 --format=pdf
	assert_stderr --partial "invalid --format 'pdf': use html or json"
}

@test "cs-publish summary: -o writes the same bytes as stdout, and twice the same" {
	month_store
	cs-publish -q summary --month=2026-11 >a.html
	run -0 --separate-stderr cs-publish summary --month=2026-11 -o b.html
	assert_output ''
	assert_stderr "cs-publish: wrote the summary of 2026-11 to 'b.html'"
	cmp a.html b.html
	cs-publish -q summary --month=2026-11 -o c.html
	cmp a.html c.html
	run -73 --separate-stderr cs-publish -q summary --month=2026-11 -o nodir/x.html
	[ ! -e nodir ]
}

@test "cs-publish summary: renders in Chromium, every chart inked, A4 pages, Chinese in the PDF" {
	month_store
	cs-publish -q summary --month=2026-11 -o s.html
	run -0 "$BROWSER" --ink=svg --pdf=s.pdf s.html
	refute_output --partial 'console error'
	# Ten charts; an empty one still draws its frame and "no data"
	# (about 1900 px); a drawn one far more.  1000 is above a frame
	# without its text and below any chart.
	[ "$(grep -c '^ink ' <<<"$output")" -eq 10 ]
	run awk '/^ink / && $5 <= 1000' <<<"$output"
	assert_output ''
	[ "$(pdfinfo s.pdf | awk '/^Pages:/{print $2}')" -eq 4 ]
	pdfinfo s.pdf | grep -q '^Page size: *594.96 x 841.92 pts (A4)'
	run -0 pdftotext s.pdf -
	assert_output --partial '信用监管月报'
	assert_output --partial '双公示及时性'
	assert_output --partial '福州市市场监督管理局'
}
