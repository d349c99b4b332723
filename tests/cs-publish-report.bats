#!/usr/bin/env bats
# cs-publish report and verify-report: the credit report of an entity as
# canonical JSON and as an HTML page (sections, masking, several
# entities, a uscc stream, the -o rules), checked against the store
# (genuine and current, outdated, forged) and rendered in a real browser
# (no console error, A4 pages, the Chinese text and its CJK font).
bats_require_minimum_version 1.5.0
load helpers

REP="$FIXTURES/report"
BROWSER="$CS_BUILD/tools/browser"
E1=913601025489061073
E2=91230103178750896B

# Two entities, E1 with a record for every section but the lists, and an
# objection to its penalty P1.
rep_store() {
	fixture_store "$REP/entities.csv" "$REP/records.csv" --as-of=2026-11-30
	printf 'id,filed_on,reason\nP1,2026-11-20,罚款已缴清\n' |
	    cs-record -q object >/dev/null
}

@test "cs-publish report: the JSON report of an entity, canonical, byte for byte" {
	rep_store
	run --separate-stderr cs-publish report --as-of=2026-11-30 --format=json $E1
	assert_success
	[ "$stderr" = "" ]
	printf '%s\n' "$output" >actual.json
	assert_same_file "$REP/$E1.json" actual.json
}

@test "cs-publish report: the hash is the SHA-256 of the canonical JSON without sha256; the number comes from uscc, as-of and ledger head" {
	rep_store
	cs-publish report --as-of=2026-11-30 --format=json $E1 >r.json
	hash=$(jq -r .sha256 r.json)
	# jq -S -c is the canonical form here: sorted keys, no blanks.
	[ "$(jq -S -c 'del(.sha256)' r.json | tr -d '\n' | sha256sum | cut -c1-64)" = "$hash" ]
	key=$(jq -S -c '{as_of, ledger_head, ledger_seq, uscc}' r.json | tr -d '\n' |
	    sha256sum | cut -c1-12 | tr a-f A-F)
	[ "$(jq -r .report_no r.json)" = "CSR-20261130-${key:0:4}-${key:4:4}-${key:8:4}" ]
	run jq -r '[.sections[] | "\(.no) \(.key) \(.items | length)"] | .[]' r.json
	assert_output - <<-'EOF'
	1 register 1
	2 licences 1
	3 penalties 2
	4 commitments 1
	5 honours 1
	6 lists 0
	7 judgments 1
	8 evaluation 1
	9 suggestions 3
	EOF
}

@test "cs-publish report: the HTML page, its title block, numbered sections, none, footer and hidden data" {
	rep_store
	run --separate-stderr cs-publish report --as-of=2026-11-30 $E1
	assert_success
	printf '%s\n' "$output" >r.html
	no=$(cs-publish report --as-of=2026-11-30 --format=json $E1 | jq -r .report_no)
	hash=$(cs-publish report --as-of=2026-11-30 --format=json $E1 | jq -r .sha256)
	grep -qx '<!DOCTYPE html>' r.html
	grep -qx '<html lang="zh-CN">' r.html
	grep -qx '<h1>公共信用信息报告</h1>' r.html
	grep -qx "<tr><th>报告编号 Report No.</th><td class=\"report-no\">$no</td></tr>" r.html
	grep -qx '<tr><th>账本序号 Ledger seq</th><td class="seq">13</td></tr>' r.html
	grep -qx '<h2><span class="no">一、</span>基本信息 <span class="en">Basic register information</span></h2>' r.html
	grep -qx '<h2><span class="no">九、</span>信用提升建议 <span class="en">Suggestions for improvement</span></h2>' r.html
	grep -qx '<tr><th>法定代表人证件号码</th><td>120101\*\*\*\*\*\*\*\*5049</td></tr>' r.html
	grep -qx '<tr><td class="n">1</td><td>赣建罚〔2026〕7号</td><td>未按规定办理施工许可，罚款2万元</td><td>南昌市住房和城乡建设局</td><td class="d">2026-02-02</td><td class="d">2029-02-02</td><td class="d">2026-05-03</td><td>可申请修复</td><td>异议处理中</td></tr>' r.html
	grep -qx '<p class="none">无</p>' r.html
	grep -qx "<p><span class=\"label\">报告摘要 SHA-256</span> <code class=\"sha256\">$hash</code></p>" r.html
	grep -q '^<pre hidden id="cs-report">{&quot;as_of&quot;:&quot;2026-11-30&quot;' r.html
	grep -q '@page { size: A4;' r.html
	run grep -ci -e '<script' -e 'http://' -e 'https://' -e '<link' r.html
	assert_output 0
}

@test "cs-publish report: ID numbers of persons are masked as releases mask them, in JSON and HTML" {
	rep_store
	cs-publish report --as-of=2026-11-30 --format=json $E1 $E2 >r.json
	cs-publish report --as-of=2026-11-30 -o pages $E1 $E2 2>/dev/null
	run bash -c 'grep -rc -e 120101198411295049 -e 440604197210107394 r.json pages | LC_ALL=C sort'
	assert_output - <<-'EOF'
	pages/report-91230103178750896B.html:0
	pages/report-913601025489061073.html:0
	r.json:0
	EOF
	run jq -r '.sections[0].items[0].legal_rep_id' r.json
	assert_output - <<-'EOF'
	120101********5049
	440604********7394
	EOF
}

@test "cs-publish report: several entities as NDJSON, in operand order; a uscc stream on stdin" {
	rep_store
	run --separate-stderr cs-publish report --as-of=2026-11-30 --format=json $E2 $E1
	assert_success
	assert_stderr 'cs-publish: 2 reports as of 2026-11-30, ledger seq 13'
	[ "$(printf '%s\n' "$output" | jq -r .uscc | tr '\n' ' ')" = "$E2 $E1 " ]
	printf '%s\n' "$output" >ops.ndjson
	printf 'bidder,uscc\nA,%s\nB,%s\n' $E2 $E1 |
	    cs-publish report -q --as-of=2026-11-30 --format=json >stream.ndjson
	assert_same_file ops.ndjson stream.ndjson
	printf '{"uscc":"%s"}\n' $E2 $E1 |
	    cs-publish report -q --as-of=2026-11-30 --format=json >nd.ndjson
	assert_same_file ops.ndjson nd.ndjson
}

@test "cs-publish report: an unknown or invalid USCC is named, exit 1, the others still written" {
	rep_store
	run --separate-stderr cs-publish report --as-of=2026-11-30 --format=json \
	    91350100M000100Y43 $E1 91110000600037341N
	assert_failure 1
	assert_stderr - <<-'EOF'
	cs-publish: no entity '91350100M000100Y43' in the store
	cs-publish: uscc '91110000600037341N' has a wrong check character (expected 'L')
	cs-publish: 1 report as of 2026-11-30, ledger seq 13
	EOF
	[ "$(printf '%s\n' "$output" | jq -r .uscc)" = $E1 ]
	printf 'uscc\n91110000600037341N\n%s\n' $E1 >in.csv
	run --separate-stderr cs-publish report -q --as-of=2026-11-30 --format=json <in.csv
	assert_failure 1
	assert_stderr "cs-publish: <stdin>:2: uscc '91110000600037341N' has a wrong check character (expected 'L')"
	[ "$(printf '%s\n' "$output" | jq -r .uscc)" = $E1 ]
}

@test "cs-publish report: -o rules: one page to a file or stdout, several into a directory made when missing" {
	rep_store
	run --separate-stderr cs-publish report --as-of=2026-11-30 $E1 $E2
	assert_failure 64
	assert_stderr - <<-'EOF'
	cs-publish report: several reports as HTML need a directory: give -o DIR
	Try `cs-publish report --help' or `cs-publish report --usage' for more information.
	EOF
	cs-publish report --as-of=2026-11-30 -o one.html $E1
	cs-publish report --as-of=2026-11-30 $E1 >stdout.html
	assert_same_file one.html stdout.html
	run --separate-stderr cs-publish report --as-of=2026-11-30 -o out/pages $E1 $E2
	assert_success
	assert_stderr 'cs-publish: 2 reports as of 2026-11-30, ledger seq 13 in out/pages'
	run ls out/pages
	assert_output - <<-EOF
	report-$E2.html
	report-$E1.html
	EOF
	assert_same_file one.html out/pages/report-$E1.html
	mkdir dir
	cs-publish report -q --as-of=2026-11-30 -o dir $E1
	assert_same_file one.html dir/report-$E1.html
	cs-publish report --as-of=2026-11-30 --format=json -o r.json $E1 $E2 2>/dev/null
	[ "$(wc -l <r.json)" -eq 2 ]
	run --separate-stderr cs-publish report --format=pdf $E1
	assert_failure 64
	assert_stderr --partial "cs-publish report: invalid --format 'pdf': use html or json"
}

@test "cs-publish verify-report: a page and a JSON line are genuine and current" {
	rep_store
	cs-publish report --as-of=2026-11-30 -o r.html $E1
	cs-publish report --as-of=2026-11-30 --format=json -o r.json $E1
	no=$(jq -r .report_no r.json)
	run --separate-stderr cs-publish verify-report r.html
	assert_success
	assert_stderr "cs-publish: r.html: genuine and current: report $no of $E1 as of 2026-11-30, ledger seq 13"
	run --separate-stderr cs-publish verify-report r.json
	assert_success
	assert_stderr "cs-publish: r.json: genuine and current: report $no of $E1 as of 2026-11-30, ledger seq 13"
	# Another entity's record: the store moved on, this report did not.
	printf 'uscc,type,authority,doc_no,decided_on,content\n%s,honor,哈尔滨市人民政府,哈府荣〔2026〕1号,2026-10-01,守信企业\n' $E2 |
	    cs-record -q add --as-of=2026-11-30
	run --separate-stderr cs-publish verify-report -q r.html
	assert_success
	assert_stderr ''
	run --separate-stderr cs-publish verify-report r.html
	assert_stderr "cs-publish: r.html: genuine and current: report $no of $E1 as of 2026-11-30, ledger seq 13 (the store has moved on; this entity's report is the same)"
}

@test "cs-publish verify-report: genuine for its seq but outdated after a new record: exit 65, said" {
	rep_store
	cs-publish report --as-of=2026-11-30 -o r.html $E1
	printf 'uscc,type,severity,authority,doc_no,decided_on,content\n%s,penalty,general,南昌市市场监督管理局,赣市监罚〔2026〕40号,2026-11-02,罚款1万元\n' $E1 |
	    cs-record -q add --as-of=2026-11-30
	run --separate-stderr cs-publish verify-report r.html
	assert_failure 65
	assert_stderr "cs-publish: r.html: genuine for ledger seq 13, but not current: the store, now at ledger seq 14, gives another report as of 2026-11-30 (sections[2].items[2] differs); ask for a new report"
	# Its own seq still proves it: a report made now is current.
	cs-publish report --as-of=2026-11-30 -o now.html $E1
	run cs-publish verify-report -q now.html
	assert_success
}

@test "cs-publish verify-report: one character changed is caught, naming the field or the page line" {
	rep_store
	cs-publish report --as-of=2026-11-30 -o r.html $E1
	cs-publish report --as-of=2026-11-30 --format=json -o r.json $E1
	sed 's/罚款2万元/罚款1万元/' r.json >f.json
	run --separate-stderr cs-publish verify-report f.json
	assert_failure 1
	assert_stderr 'cs-publish: f.json: not genuine: sections[2].items[0].content differs (the report says "未按规定办理施工许可，罚款1万元", the store at ledger seq 13 "未按规定办理施工许可，罚款2万元")'
	# The visible page edited, its data left alone.
	sed 's/<td>赣建罚〔2026〕7号</<td>赣建罚〔2026〕8号</' r.html >f.html
	run --separate-stderr cs-publish verify-report f.html
	assert_failure 1
	assert_stderr "cs-publish: f.html: not genuine: the page differs from the report it carries, from line $(grep -n '<td>赣建罚〔2026〕7号<' r.html | cut -d: -f1)"
	# The data edited, and its hash recomputed to match.
	jq -S -c '.sections[7].items[0].score = "99.0" | del(.sha256)' r.json >g0.json
	jq -c --arg h "$(tr -d '\n' <g0.json | sha256sum | cut -c1-64)" '.sha256 = $h' g0.json >g.json
	run --separate-stderr cs-publish verify-report g.json
	assert_failure 1
	assert_stderr 'cs-publish: g.json: not genuine: sections[7].items[0].score differs (the report says "99.0", the store at ledger seq 13 "24.0")'
	# A report of the earlier form (version 1, counts_until) is not
	# recomputed: ask for a new one.
	jq -c '.version = 1' r.json >v1.json
	run --separate-stderr cs-publish verify-report v1.json
	assert_failure 65
	assert_stderr "cs-publish: v1.json: a report of form version 1, made by another cs (this one makes version 2): it cannot be recomputed here; ask for a new report"
	printf 'not a report\n' >x.html
	run --separate-stderr cs-publish verify-report x.html
	assert_failure 1
	assert_stderr 'cs-publish: x.html: is not a credit report: no JSON line and no <pre hidden id="cs-report"> ... </pre> (a page cut short lacks it); give a whole page or JSON line that '"'cs-publish report'"' wrote'
	run --separate-stderr cs-publish verify-report missing.html
	assert_failure 66
	assert_stderr "cs-publish: cannot open 'missing.html': No such file or directory"
	jq -c '.ledger_seq = 99' r.json >h.json
	run --separate-stderr cs-publish verify-report h.json
	assert_failure 1
	assert_stderr 'cs-publish: h.json: not genuine: its uscc, as_of or ledger_seq (99) is not one of this store (ledger seq 1 to 13); verify it with -d the store that made it'
}

@test "cs-publish report: a listed entity's list entry with its notice, listing and end dates, and when it can be repaired" {
	rep_store
	entry=$(list_serious $E1 P2)
	run cs-publish report --as-of=2026-11-30 --format=json $E1
	assert_success
	printf '%s\n' "$output" >r.json
	run jq -c '.sections[5].items, .sections[8].items[0]' r.json
	assert_output - <<-EOF
	[{"entry_id":"$entry","list_title":"严重失信主体名单","listed_on":"2026-10-14","noticed_on":"2026-09-30","state":"列入","until":"2029-10-14"}]
	{"counts_through":"2029-10-14","item":"严重失信主体名单（名单编号 $entry）","needs":"作出信用承诺、满足名单提前移出条件","points":"-20.0","repair_from":"2027-10-15","score_if_repaired":null}
	EOF
	cs-publish report --as-of=2026-11-30 $E1 >r.html
	grep -qx "<tr><td class=\"n\">1</td><td>严重失信主体名单</td><td>列入</td><td class=\"d\">2026-09-30</td><td class=\"d\">2026-10-14</td><td class=\"d\">2029-10-14</td><td>$entry</td></tr>" r.html
}

@test "cs-publish report: a penalty's repair status follows its application: under review, refused, by the report's date" {
	rep_store
	printf 'uscc,target,commitment,evidence\n%s,P1,yes,fine paid\n' $E1 |
	    cs-repair -q apply --as-of=2026-11-23 >/dev/null
	status() {
		cs-publish report --as-of=$1 --format=json $E1 |
		    jq -r '.sections[2].items[] | "\(.doc_no) \(.repair_status)"'
	}
	run status 2026-11-22
	assert_output - <<-'EOF'
	赣建罚〔2026〕7号 可申请修复
	赣应急罚〔2026〕3号 未到可修复日期
	EOF
	run status 2026-11-23
	assert_line '赣建罚〔2026〕7号 修复申请办理中'
	id=$(cs-repair ls 2>/dev/null | awk -F, '$3 == "P1" { print $1 }')
	printf 'application_id\n%s\n' "$id" | cs-repair -q accept --as-of=2026-11-24 >/dev/null
	printf 'application_id,outcome,reason\n%s,refused,evidence not credible\n' "$id" |
	    cs-repair -q decide --as-of=2026-11-25 >/dev/null
	run status 2026-11-24
	assert_line '赣建罚〔2026〕7号 修复申请办理中'
	run status 2026-11-30
	assert_line '赣建罚〔2026〕7号 修复申请未予通过'
	cs-publish report --as-of=2026-11-30 -o r.html $E1
	grep -q '<td>修复申请未予通过</td><td>异议处理中</td></tr>$' r.html
	run cs-publish verify-report -q r.html
	assert_success
}

@test "cs-publish report: a name and a content with < > & \" ' are escaped on the page, in its title and hidden data, and verify" {
	new_store
	name='凯诚<b>建筑&"工程"'"'"'公司'
	sed 's/^\(913601025489061073\),[^,]*,/\1,"凯诚<b>建筑\&""工程""'"'"'公司",/' \
	    "$REP/entities.csv" >ent.csv
	sed 's/未按规定办理施工许可，罚款2万元/未按规定<i>\&amp;罚款2万元/' \
	    "$REP/records.csv" >rec.csv
	cs-record -q add --entities --as-of=2026-11-30 ent.csv
	cs-record -q add --as-of=2026-11-30 rec.csv
	cs-publish report --as-of=2026-11-30 --format=json $E1 >r.json
	[ "$(jq -r .name r.json)" = "$name" ]
	cs-publish report --as-of=2026-11-30 -o r.html $E1
	grep -qx '<tr><th>主体名称 Name</th><td class="name">凯诚&lt;b&gt;建筑&amp;&quot;工程&quot;&#39;公司</td></tr>' r.html
	grep -q '^<tr><td class="n">1</td><td>赣建罚〔2026〕7号</td><td>未按规定&lt;i&gt;&amp;amp;罚款2万元</td>' r.html
	grep -q '&quot;name&quot;:&quot;凯诚&lt;b&gt;建筑&amp;\\&quot;工程\\&quot;&#39;公司&quot;' r.html
	run grep -c -e '<b>' -e '<i>' r.html
	assert_output 0
	run --separate-stderr cs-publish verify-report r.html
	assert_success
	run --separate-stderr cs-publish verify-report r.json
	assert_success
}

@test "cs-publish verify-report: a page cut short, an empty file, a summary, a report of another store: exit 1, each named, with what to do" {
	rep_store
	cs-publish report --as-of=2026-11-30 -o r.html $E1
	cs-publish report --as-of=2026-11-30 --format=json -o r.json $E1
	head -c 2000 r.html >cut.html
	: >empty.json
	cs-publish summary -q --month=2026-11 --format=json >summary.json
	head -c 300 r.json >cut.json
	run --separate-stderr cs-publish verify-report cut.html
	assert_failure 1
	assert_stderr 'cs-publish: cut.html: is not a credit report: no JSON line and no <pre hidden id="cs-report"> ... </pre> (a page cut short lacks it); give a whole page or JSON line that '"'cs-publish report'"' wrote'
	run --separate-stderr cs-publish verify-report empty.json
	assert_failure 1
	assert_stderr 'cs-publish: empty.json: is not a credit report: no JSON line and no <pre hidden id="cs-report"> ... </pre> (a page cut short lacks it); give a whole page or JSON line that '"'cs-publish report'"' wrote'
	run --separate-stderr cs-publish verify-report summary.json
	assert_failure 1
	assert_stderr "cs-publish: summary.json: is not a credit report: it lacks uscc, as_of, ledger_seq or sha256; give a page or JSON line that 'cs-publish report' wrote"
	run --separate-stderr cs-publish verify-report cut.json
	assert_failure 1
	assert_stderr "cs-publish: cut.json: its report data is not JSON (premature end of input near '\"ind'): give the whole file 'cs-publish report' wrote"
	# Another store, with fewer events: its ledger cannot hold seq 13.
	CS_DB=other.db cs-record -q init
	run --separate-stderr cs-publish -d other.db verify-report r.html
	assert_failure 1
	assert_stderr 'cs-publish: r.html: not genuine: its uscc, as_of or ledger_seq (13) is not one of this store (ledger seq 1 to 1); verify it with -d the store that made it'
}

@test "cs-publish report: -o: a file for several pages is refused untouched (64); -o into a missing directory: exit 73, one message, no file" {
	rep_store
	printf 'keep\n' >f.html
	run --separate-stderr cs-publish report --as-of=2026-11-30 -o f.html $E1 $E2
	assert_failure 64
	assert_stderr - <<-EOF
	cs-publish report: several reports as HTML need a directory, and 'f.html' is a file: give -o DIR
	Try \`cs-publish report --help' or \`cs-publish report --usage' for more information.
	EOF
	[ "$(cat f.html)" = keep ]
	printf 'uscc\n%s\n' $E1 >in.csv
	run --separate-stderr cs-publish report --as-of=2026-11-30 -o f.html <in.csv
	assert_failure 64
	[ "$(cat f.html)" = keep ]
	run --separate-stderr cs-publish report --as-of=2026-11-30 --format=json -o nodir/r.json $E1
	assert_failure 73
	assert_stderr "cs-publish: cannot create 'nodir/r.json': No such file or directory"
	run --separate-stderr cs-publish report --as-of=2026-11-30 -o nodir/r.html $E1
	assert_failure 73
	assert_stderr "cs-publish: cannot create 'nodir/r.html': No such file or directory"
	[ ! -e nodir ]
	# JSON to a file: the same lines as stdout, no temporary file left.
	cs-publish report -q --as-of=2026-11-30 --format=json $E1 $E2 >out.json
	cs-publish report -q --as-of=2026-11-30 --format=json -o o.json $E1 $E2
	assert_same_file out.json o.json
	run ls -A
	refute_output --partial '.o.json'
}

@test "cs-publish report: the page renders in Chromium: no console error, A4 pages, Chinese text in a CJK font" {
	rep_store
	cs-publish report --as-of=2026-11-30 -o r.html $E1
	run --separate-stderr "$BROWSER" --png=r.png --pdf=r.pdf --fonts=h1,h2,td r.html
	assert_success
	refute_line --partial 'console error'
	assert_line --regexp '^font Noto (Sans|Serif) CJK SC [0-9]+$'
	[ -s r.png ]
	run pdfinfo r.pdf
	assert_line --regexp '^Pages: +3$'
	assert_line --regexp '^Page size: +594\.96 x 841\.92 pts \(A4\)$'
	run pdftotext r.pdf -
	assert_line '公共信用信息报告'
	assert_line --partial '南昌东湖凯诚建筑工程有限公司'
	assert_line --partial '120101********5049'
	refute_line --partial '120101198411295049'
	# Chromium (Skia) embeds the CFF outlines of Noto CJK as Type 3 fonts,
	# which carry no name: that the text was set in Noto CJK is the
	# browser's --fonts line above; here, that every font is embedded.
	run bash -c "pdffonts r.pdf | awk 'NR > 2 { print \$(NF - 4) }' | sort -u"
	assert_output yes
}
