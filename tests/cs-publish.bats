#!/usr/bin/env bats
# cs-publish: releases (files, masking, delta, manifest, checkpoint,
# reproducibility, the empty release), verify, due, lateness, prove.
bats_require_minimum_version 1.5.0
load helpers

PUB="$FIXTURES/publish"
PEN_HDR='id,行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,法定代表人证件类型,法定代表人证件号码,证件类型,证件号码,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚有效期,公示截止期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码,备注,失信严重程度,seq'

# P1 general, P2 warning-only, P3 minor (2026 regime), L1 licence, P4 serious.
pub_store() {
	new_store
	cs-record -q add --as-of=2026-11-30 "$PUB/records.csv"
}

@test "cs-publish release: masked national columns, warning-only and minor left out, one release event" {
	pub_store
	run --separate-stderr cs-publish release --as-of=2026-11-30 -o rel
	assert_success
	assert_output rel/2026-11-30
	[ "$(readlink rel/latest)" = 2026-11-30 ]
	cat >expected <<-EOF
	$PEN_HDR
	P1,福州甲公司,,91350100M000100Y43,张三,,110101********0070,,,闽市监罚〔2026〕1号,,,,罚款,罚款1万元,1,2026-10-12,,2027-10-12,福州市市场监督管理局,11350000003591037R,,,,general,2
	P4,福州甲公司,,91350100M000100Y43,,,,,,闽环罚〔2026〕9号,,,,罚款,罚款20万元,20,2026-11-20,,2029-11-20,福建省生态环境厅,11350000003591037R,,,,serious,6
	EOF
	assert_same_file expected rel/latest/penalties.csv
	run cat rel/latest/delta.ndjson
	assert_output - <<-'EOF'
	{"file":"licences.csv","id":"L1","op":"ADD","why":"new in this release"}
	{"file":"penalties.csv","id":"P1","op":"ADD","why":"new in this release"}
	{"file":"penalties.csv","id":"P4","op":"ADD","why":"new in this release"}
	EOF
	run ls -A rel/2026-11-30
	assert_output - <<-'EOF'
	SHA256SUMS
	checkpoint
	delta.ndjson
	ended.csv
	inspections.csv
	licences.csv
	lists.csv
	manifest.json
	penalties.csv
	repairs.csv
	withdrawn.csv
	EOF
	(cd rel/latest && sha256sum -c --quiet SHA256SUMS)
	run sqlite3 "$CS_DB" "SELECT action, subject FROM ledger ORDER BY seq DESC LIMIT 1;
	    SELECT id, release_id FROM published ORDER BY id"
	assert_output - <<-'EOF'
	release|2026-11-30
	L1|2026-11-30
	P1|2026-11-30
	P4|2026-11-30
	EOF
	run cs-record verify -q
	assert_success
}

@test "cs-publish release: the same store and --as-of give the same bytes" {
	pub_store
	cs-record -q keygen >/dev/null
	mkdir a b
	cp credit.db credit.db.key a/
	cp credit.db credit.db.key b/
	CS_DB=a/credit.db cs-publish -q release --as-of=2026-11-30 -o a/rel >/dev/null
	CS_DB=b/credit.db cs-publish -q release --as-of=2026-11-30 -o b/rel >/dev/null
	diff -r a/rel/2026-11-30 b/rel/2026-11-30
}

@test "cs-publish release: an empty store gives an explicit empty release" {
	new_store
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	[ "$(cat rel/latest/penalties.csv)" = "$PEN_HDR" ]
	[ ! -s rel/latest/delta.ndjson ]
	run jq -c .counts rel/latest/manifest.json
	assert_output '{"delta_add":0,"delta_del":0,"delta_mod":0,"ended":0,"inspections":0,"licences":0,"lists":0,"penalties":0,"repairs":0,"withdrawn":0}'
}

@test "cs-publish release: a date not after the last release is refused" {
	pub_store
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	run -64 --separate-stderr cs-publish release --as-of=2026-11-30 -o rel
	assert_stderr - <<-'EOF'
	cs-publish release: --as-of 2026-11-30 is not after the last release, 2026-11-30
	Try `cs-publish release --help' or `cs-publish release --usage' for more information.
	EOF
	[ -z "$(find rel -name '.release-*')" ]
}

@test "cs-publish release: a second release withdraws nothing, ends the window and says why" {
	pub_store
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	cs-publish -q release --as-of=2027-10-20 -o rel >/dev/null
	run cat rel/latest/ended.csv
	assert_output - <<-'EOF'
	id,file,uscc,name,doc_no,authority,decided_on,publicity_until,rule
	P1,penalties.csv,91350100M000100Y43,福州甲公司,闽市监罚〔2026〕1号,福州市市场监督管理局,2026-10-12,2027-10-12,maximum P1Y of regime 2026-04
	EOF
	run cat rel/latest/delta.ndjson
	assert_output '{"file":"penalties.csv","id":"P1","op":"DEL","why":"ended: maximum P1Y of regime 2026-04"}'
	run jq -r '.previous.release_id' rel/latest/manifest.json
	assert_output 2026-11-30
	run --separate-stderr cs-publish verify rel/2027-10-20 --previous=rel/2026-11-30
	assert_success
	assert_stderr 'cs-publish: verified release 2027-10-20: 11 files, checkpoint of ledger seq 8, chained to 2026-11-30'
}

@test "cs-publish verify: a changed file is named, exit 1" {
	pub_store
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	run --separate-stderr cs-publish verify --store rel/latest
	assert_success
	assert_stderr 'cs-publish: verified release 2026-11-30: 10 files, checkpoint of ledger seq 6, equal to the store'"'"'s'
	chmod u+w rel/latest/penalties.csv
	sed -i 's/罚款1万元/罚款1元/' rel/latest/penalties.csv
	run -1 --separate-stderr cs-publish verify rel/latest
	assert_stderr --partial 'cs-publish: rel/latest: penalties.csv: sha256 '
	run -66 --separate-stderr cs-publish verify rel/none
	assert_stderr "cs-publish: cannot open 'rel/none/manifest.json': No such file or directory"
}

@test "cs-publish due: overdue decisions exit 1, published ones leave the list" {
	pub_store
	run -1 --separate-stderr cs-publish due --as-of=2026-11-30
	assert_output - <<-'EOF'
	kind,status,deadline,id,uscc,name,type,authority,decided_on,note
	publish,overdue,2026-10-21,P1,91350100M000100Y43,福州甲公司,penalty,福州市市场监督管理局,2026-10-12,not published yet
	publish,overdue,2026-11-11,L1,91350100M000100Y43,福州甲公司,license,福州市市场监督管理局,2026-11-02,not published yet
	publish,due,2026-12-01,P4,91350100M000100Y43,福州甲公司,penalty,福建省生态环境厅,2026-11-20,not published yet
	EOF
	assert_stderr 'cs-publish: 2 overdue on 2026-11-30'
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	run cs-publish -q due --as-of=2026-11-30
	assert_success
	assert_output 'kind,status,deadline,id,uscc,name,type,authority,decided_on,note'
}

@test "cs-publish lateness: on time and late per authority and month" {
	pub_store
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	run cs-publish lateness --since=2026-10-01
	assert_success
	assert_output - <<-'EOF'
	authority,month,decisions,on_time,late,unpublished,late_max_working_days,on_time_percent
	福州市市场监督管理局,2026-10,1,0,1,0,35,0
	福州市市场监督管理局,2026-11,1,0,1,0,20,0
	福建省生态环境厅,2026-11,1,1,0,0,,100
	EOF
}

@test "cs-publish prove: a published row's event is in the checkpoint's tree" {
	pub_store
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	cs-publish -q prove rel/latest P4 >p4.proof
	run --separate-stderr cs-publish verify --proof=p4.proof
	assert_success
	assert_stderr --partial "cs-publish: proof 'p4.proof': event seq 6 "
	run -1 --separate-stderr cs-publish prove rel/latest P2
	assert_stderr "cs-publish: rel/latest: no published row 'P2'"
}

@test "cs-publish release: --headers=codes and a bad style" {
	pub_store
	cs-publish -q release --as-of=2026-11-30 --headers=codes -o rel >/dev/null
	run head -c 40 rel/latest/penalties.csv
	assert_output 'id,CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_F'
	run -64 --separate-stderr cs-publish release --headers=xx -o rel
	assert_stderr --partial "invalid --headers 'xx': use cn, codes or canonical"
}

# Release 2026-11-30, then L1 revoked and P5 added, then release 2026-12-31.
two_releases() {
	pub_store
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	printf 'id,filed_on,reason\nL1,2026-12-01,x\n' | cs-record -q object --as-of=2026-12-01 >/dev/null
	printf 'objection_id,outcome,reason,resolved_on,revoke\n9,upheld,许可撤销,2026-12-03,true\n' |
	    cs-record -q resolve --as-of=2026-12-03
	printf 'id,uscc,name,type,severity,authority,doc_no,decided_on,penalty_category\nP5,91350100M000100Y43,福州甲公司,penalty,general,福州市市场监督管理局,闽市监罚〔2026〕15号,2026-12-10,罚款\n' |
	    cs-record -q add --as-of=2026-12-10
}

@test "cs-publish verify --store: a store that moved on is replayed to the cut, and the copy is removed" {
	two_releases
	mkdir tmp
	# The licence L1 was revoked since: the store today would not publish it.
	grep -q '^L1,' rel/2026-11-30/licences.csv
	TMPDIR=$PWD/tmp run -0 --separate-stderr cs-publish verify --store rel/2026-11-30
	assert_stderr "cs-publish: verified release 2026-11-30: 10 files, checkpoint of ledger seq 6, equal to the store's"
	cs-publish -q release --as-of=2026-12-31 -o rel >/dev/null
	TMPDIR=$PWD/tmp run -0 --separate-stderr cs-publish verify --store rel/2026-11-30
	TMPDIR=$PWD/tmp run -0 --separate-stderr cs-publish verify --store rel/2026-12-31 --previous=rel/2026-11-30
	assert_stderr "cs-publish: verified release 2026-12-31: 11 files, checkpoint of ledger seq 11, chained to 2026-11-30, equal to the store's"
	[ -z "$(ls -A tmp)" ]
	# The store itself is untouched: its ledger still verifies.
	run -0 cs-record verify -q
}

@test "cs-publish verify --store: a release another store made differs, and the first file and byte are named" {
	pub_store
	cs-record -q keygen >/dev/null
	cs-publish -q release --as-of=2026-11-30 --headers=codes -o rel >/dev/null
	# The same records but P4's fine: a release that holds together, but
	# not this store's; cmp says byte 515 too.
	mkdir b
	cp credit.db.key credit.db.key.pub b/
	sed 's/罚款20万元,20/罚款30万元,30/' "$PUB/records.csv" >b.csv
	CS_DB=b/credit.db cs-record -q init
	CS_DB=b/credit.db cs-record -q add --as-of=2026-11-30 b.csv
	CS_DB=b/credit.db cs-publish -q release --as-of=2026-11-30 --headers=codes -o b/rel >/dev/null
	run -0 cs-publish verify b/rel/latest
	CS_DB=b/credit.db run -0 cs-publish verify --store b/rel/latest
	run -1 --separate-stderr cs-publish verify --store b/rel/latest
	assert_stderr "cs-publish: b/rel/latest: penalties.csv: differs from the store's release at byte 515"
	# A release the store never made.
	run -1 --separate-stderr cs-publish -d b/credit.db verify --store rel/latest
	assert_stderr --partial "penalties.csv: differs from the store's release"
	cs-record -q -d empty.db init
	run -1 --separate-stderr cs-publish -d empty.db verify --store rel/latest
	assert_stderr "cs-publish: release '2026-11-30' is not in the store 'empty.db'"
	# The checkpoint is signed again with the store's key; verify makes none.
	rm b/credit.db.key
	run -66 --separate-stderr cs-publish -d b/credit.db verify --store b/rel/latest
	assert_stderr "cs-publish: cannot read key 'b/credit.db.key': No such file or directory"
	[ ! -e b/credit.db.key ]
}

@test "cs-publish release: a granted repair ends the penalty's window on the grant day, in ended.csv and repairs.csv; a revoke brings it back (issue 13)" {
	pub_store
	printf 'id,uscc,name,type,severity,authority,authority_uscc,doc_no,decided_on,penalty_category,content,fine_10k_yuan\nP5,91350100M000100Y43,福州甲公司,penalty,general,福州市市场监督管理局,11350000003591037R,闽市监罚〔2026〕5号,2026-05-04,罚款,罚款2万元,2\n' |
	    cs-record -q add --as-of=2026-11-30
	cs-publish release -q --as-of=2026-11-30 -o rel
	printf 'id,uscc,type,decided_on,ref,authority\nOP1,91350100M000100Y43,obligation_performed,2026-11-30,P5,福州市市场监督管理局\n' |
	    cs-record -q add --as-of=2026-12-01
	run -0 bash -c "printf 'uscc,target,commitment\n91350100M000100Y43,P5,yes\n' | cs-repair -q apply --as-of=2026-12-01 | cut -d, -f1,3"
	assert_output - <<-'EOF'
	application_id,target
	11,P5
	EOF
	printf 'application_id\n11\n' | cs-repair -q accept --as-of=2026-12-02 >/dev/null
	printf 'application_id,outcome\n11,granted\n' | cs-repair -q decide --as-of=2026-12-03 >/dev/null
	# Published through the grant day, not from the day after.
	cs-publish release -q --as-of=2026-12-03 -o rel
	run -0 cut -d, -f1 rel/latest/penalties.csv
	assert_output - <<-'EOF'
	id
	P1
	P4
	P5
	EOF
	cs-publish release -q --as-of=2026-12-04 -o rel
	run -0 cut -d, -f1 rel/latest/penalties.csv
	assert_output - <<-'EOF'
	id
	P1
	P4
	EOF
	run -0 cat rel/latest/ended.csv rel/latest/repairs.csv rel/latest/withdrawn.csv rel/latest/delta.ndjson
	assert_output - <<-'EOF'
	id,file,uscc,name,doc_no,authority,decided_on,publicity_until,rule
	P5,penalties.csv,91350100M000100Y43,福州甲公司,闽市监罚〔2026〕5号,福州市市场监督管理局,2026-05-04,2026-12-03,credit repair granted on 2026-12-03 (repair application 11)
	id,uscc,name,doc_no,authority,decided_on,repaired_on,publicity_until,basis
	P5,91350100M000100Y43,福州甲公司,闽市监罚〔2026〕5号,福州市市场监督管理局,2026-05-04,2026-12-03,2026-12-03,repair application 11
	id,file,uscc,name,doc_no,authority,decided_on,withdrawn_on,reason
	{"file":"penalties.csv","id":"P5","op":"DEL","why":"ended: credit repair granted on 2026-12-03 (repair application 11)"}
	{"file":"repairs.csv","id":"P5","op":"ADD","why":"new in this release"}
	EOF
	run -0 --separate-stderr cs-publish verify rel/latest --previous rel/2026-12-03 --store
	# Revoked: published again from the revocation day, no longer repaired.
	printf 'application_id,reason\n11,承诺未履行\n' | cs-repair -q revoke --as-of=2026-12-08 >/dev/null
	cs-publish release -q --as-of=2026-12-08 -o rel
	run -0 cat rel/latest/repairs.csv rel/latest/delta.ndjson
	assert_output - <<-'EOF'
	id,uscc,name,doc_no,authority,decided_on,repaired_on,publicity_until,basis
	{"file":"penalties.csv","id":"P5","op":"ADD","why":"new in this release"}
	{"file":"repairs.csv","id":"P5","op":"DEL","why":"no longer in force"}
	EOF
	run -0 grep -c '^P5,' rel/latest/penalties.csv
	assert_output 1
}

@test "cs-publish release: the ids go to release_ids events of at most 10000, the release event counts them and hashes them" {
	new_store
	awk 'BEGIN { print "id,uscc,name,type,authority,doc_no,decided_on,valid_from,valid_until"
	    for (i = 1; i <= 10001; i++)
		printf "L%05d,91350100M000100Y43,福州甲公司,license,福州市市场监督管理局,闽市监许〔2026〕%d号,2026-11-02,2026-11-02,2027-11-01\n", i, i }' >l.csv
	cs-record -q add --as-of=2026-11-30 l.csv
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	run -0 sqlite3 "$CS_DB" "SELECT seq, action, subject, json_extract(body, '\$.part'),
	    json_array_length(body, '\$.published'), json_array_length(body, '\$.withdrawn')
	    FROM ledger WHERE seq > 10002 ORDER BY seq"
	assert_output - <<-'EOF'
	10003|release_ids|2026-11-30|1|10000|0
	10004|release_ids|2026-11-30|2|1|0
	10005|release|2026-11-30|||
	EOF
	# Nothing but the manifest and the parts' count and hash: no ids.
	run -0 sqlite3 "$CS_DB" "SELECT body FROM ledger WHERE seq = 10005"
	assert_output '{"as_of":"2026-11-30","cut_seq":10002,"id_parts":2,"ids_sha256":"'"$(sqlite3 "$CS_DB" "SELECT body FROM ledger WHERE action = 'release_ids' ORDER BY seq" |
	    jq -j '(.published[] | "p\(.)\u0000"), (.withdrawn[] | "w\(.)\u0000")' | sha256sum | cut -c1-64)"'","manifest_sha256":"'"$(sha256sum rel/latest/manifest.json | cut -c1-64)"'","previous":null,"release_id":"2026-11-30"}'
	run -0 sqlite3 "$CS_DB" "SELECT count(*), min(id), max(id), min(seq), max(seq) FROM published"
	assert_output '10001|L00001|L10001|10003|10004'
	run -0 cs-record verify -q
	run -0 cs-publish verify -q --store rel/latest
	# A second release with nothing new has no part.
	cs-publish -q release --as-of=2026-12-31 -o rel >/dev/null
	run -0 sqlite3 "$CS_DB" "SELECT seq, action, json_extract(body, '\$.id_parts'), json_extract(body, '\$.ids_sha256') FROM ledger WHERE seq > 10005"
	assert_output "10006|release|0|$(printf '' | sha256sum | cut -c1-64)"
	run -0 cs-record verify -q
}

@test "cs-publish: a store whose release event lists its ids itself (older cs) still verifies and replays" {
	sqlite3 credit.db <"$PUB/old-release.sql" >/dev/null
	# Its schema (6) is older too: migrated, one event more.
	cs-record -q init
	run -0 --separate-stderr cs-record verify
	assert_stderr --partial 'cs-record: verified 8 events: the chain is intact and the tables match the ledger'
	run -0 sqlite3 "$CS_DB" "SELECT id, release_id, seq FROM published ORDER BY id"
	assert_output - <<-'EOF'
	L1|2026-11-30|7
	P1|2026-11-30|7
	P4|2026-11-30|7
	EOF
	run -0 cs-publish lateness --since=2026-10-01
	assert_output - <<-'EOF'
	authority,month,decisions,on_time,late,unpublished,late_max_working_days,on_time_percent
	福州市市场监督管理局,2026-10,1,0,1,0,35,0
	福州市市场监督管理局,2026-11,1,0,1,0,20,0
	福建省生态环境厅,2026-11,1,1,0,0,,100
	EOF
}

# M1: a resident ID (no type) of someone 17 on the decision day; M2: 18
# that day (居民身份证); M3: a passport number, which tells no age.
@test "cs-publish release: a record about a minor is never published, and withdrawn when a release before the rule had it" {
	new_store
	cs-record -q add --as-of=2026-11-30 "$PUB/minors.csv"
	# M1 (17, no document type) and M4 (decided on the party's 18th
	# birthday: a year of age is completed at its end, as the Civil Code
	# counts) are never published, so never due either; M2, the same
	# person the day after, is.
	run -1 --separate-stderr cs-publish due --as-of=2026-11-30
	assert_output - <<-'EOF'
	kind,status,deadline,id,uscc,name,type,authority,decided_on,note
	publish,overdue,2026-10-21,M3,91350100M000100Y43,福州甲公司,penalty,福州市市场监督管理局,2026-10-12,not published yet
	publish,overdue,2026-10-22,M2,91350100M000100Y43,福州甲公司,penalty,福州市市场监督管理局,2026-10-13,not published yet
	EOF
	cs-publish -q release --as-of=2026-11-30 -o fresh >/dev/null
	run -0 cut -d, -f1,8,9,17 fresh/latest/penalties.csv
	assert_output - <<-'EOF'
	id,证件类型,证件号码,处罚决定日期
	M2,居民身份证,350102********123X,2026-10-13
	M3,护照,*********,2026-10-12
	EOF
	[ "$(cat fresh/latest/withdrawn.csv)" = "id,file,uscc,name,doc_no,authority,decided_on,withdrawn_on,reason" ]

	# A release made under rules without the age (adult_age 0), then one
	# under the shipped rules: M1 and M4 go to withdrawn.csv with the
	# reason.
	rm -f credit.db credit.db-* credit.db.key credit.db.key.pub
	new_store
	cs-record -q add --as-of=2026-11-30 "$PUB/minors.csv"
	cp -R "$REPO/share/cs" rules
	sed -i 's/"adult_age": 18/"adult_age": 0/' rules/publish.json
	CS_RULES=$PWD/rules cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	run -0 cut -d, -f1 rel/latest/penalties.csv
	assert_output - <<-'EOF'
	id
	M1
	M2
	M3
	M4
	EOF
	cs-publish -q release --as-of=2026-12-01 -o rel >/dev/null
	run -0 cut -d, -f1 rel/latest/penalties.csv
	assert_output - <<-'EOF'
	id
	M2
	M3
	EOF
	run -0 cat rel/latest/withdrawn.csv rel/latest/delta.ndjson
	assert_output - <<-'EOF'
	id,file,uscc,name,doc_no,authority,decided_on,withdrawn_on,reason
	M1,penalties.csv,91350100M000100Y43,福州甲公司,闽市监罚〔2026〕11号,福州市市场监督管理局,2026-10-12,2026-12-01,the party is under 18 on the decision day: records about minors are never published
	M4,penalties.csv,91350100M000100Y43,福州甲公司,闽市监罚〔2026〕14号,福州市市场监督管理局,2026-10-12,2026-12-01,the party is under 18 on the decision day: records about minors are never published
	{"file":"penalties.csv","id":"M1","op":"DEL","why":"withdrawn: the party is under 18 on the decision day: records about minors are never published"}
	{"file":"penalties.csv","id":"M4","op":"DEL","why":"withdrawn: the party is under 18 on the decision day: records about minors are never published"}
	EOF
	# Withdrawn once: the next release neither carries nor withdraws it.
	cs-publish -q release --as-of=2026-12-02 -o rel >/dev/null
	[ "$(cat rel/latest/withdrawn.csv)" = "id,file,uscc,name,doc_no,authority,decided_on,withdrawn_on,reason" ]
	[ ! -s rel/latest/delta.ndjson ]
	run cs-record verify -q
	assert_success
}

@test "cs-publish: publish.json without the age of majority is refused" {
	new_store
	cp -R "$REPO/share/cs" rules
	jq 'del(.minors)' "$REPO/share/cs/publish.json" >rules/publish.json
	CS_RULES=$PWD/rules run --separate-stderr cs-publish release --as-of=2026-11-30 -o rel
	assert_failure 69
	assert_stderr --partial 'publish.json: minors: expected an array of {"from", "adult_age"}'
	[ ! -e rel/latest ]
}

@test "cs-publish release: the delta reads the previous file's quoted values (commas, quotes, line breaks): unchanged rows stay out, changed ones are MOD" {
	new_store
	printf '%s\n' 'id,uscc,name,type,severity,authority,authority_uscc,doc_no,decided_on,penalty_category,content,fine_10k_yuan' \
	    'Q1,91350100M000100Y43,福州甲公司,penalty,general,福州市市场监督管理局,11350000003591037R,闽市监罚〔2026〕21号,2026-10-12,罚款,"罚款1万元, ""责令改正""",1' \
	    'Q2,91350100M000100Y43,福州甲公司,penalty,general,福州市市场监督管理局,11350000003591037R,闽市监罚〔2026〕22号,2026-10-12,罚款,"罚款2万元,' \
	    '没收",2' \
	    'Q3,91350100M000100Y43,福州甲公司,penalty,general,福州市市场监督管理局,11350000003591037R,闽市监罚〔2026〕23号,2026-10-12,罚款,罚款3万元,3' >q.csv
	cs-record -q add --as-of=2026-11-30 q.csv
	cs-publish -q release --as-of=2026-11-30 -o rel >/dev/null
	printf 'id,content,reason\nQ2,"罚款2万元,\n没收违法所得",typo\nQ3,"罚款3万元, ""整改""",typo\n' |
	    cs-record -q correct --as-of=2026-12-01
	cs-publish -q release --as-of=2026-12-01 -o rel >/dev/null
	run -0 cat rel/latest/delta.ndjson
	assert_output - <<-'EOF'
	{"file":"penalties.csv","id":"Q2","op":"MOD","why":"the row changed"}
	{"file":"penalties.csv","id":"Q3","op":"MOD","why":"the row changed"}
	EOF
	cs-publish -q release --as-of=2026-12-02 -o rel >/dev/null
	[ ! -s rel/latest/delta.ndjson ]
}

@test "cs-publish release: a file that cannot be written in full is named, exit 74, and nothing looks published" {
	new_store
	"$CS_BUILD/bench/gen" records 6000 >in.csv
	cs-record -q add --as-of=2026-11-26 in.csv
	cs-record -q keygen >/dev/null
	local before
	before=$(sqlite3 credit.db "SELECT count(*) FROM ledger")
	# The files are written by a thread of their own: the failed write
	# still ends the run, with the file's name.
	run -74 --separate-stderr bash -c 'ulimit -f 64 && exec cs-publish -q release --as-of=2026-11-26 -o rel'
	assert_output ''
	[[ "$stderr" =~ ^"cs-publish: cannot write 'rel/.release-"[A-Za-z0-9]{6}"/licences.csv': File too large"$ ]]
	run ls -A rel
	assert_output ''
	run sqlite3 credit.db "SELECT count(*) FROM ledger"
	assert_output "$before"
	# Without the limit the same release is made.
	run cs-publish -q release --as-of=2026-11-26 -o rel
	assert_success
	run cs-publish -q verify rel/latest
	assert_success
}
