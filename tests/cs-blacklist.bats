#!/usr/bin/env bats
# cs-blacklist: the procedure of DESIGN.md 5.4 (notice, objection, review,
# decision, removal, expiry), basis_revoked from cs-record, past-date ls,
# screening and measures, masking.
bats_require_minimum_version 1.5.0
load helpers

BL="$FIXTURES/blacklist"
HDR=entry_id,uscc,name,list,state,noticed_on,objection_deadline,objected_on,listed_on,until,ended_on,end_reason,basis,legal_rep,legal_rep_id,principal,principal_id
NOTICE_HDR=entry_id,uscc,name,list,reasons,basis,rights,objection_deadline,legal_rep,legal_rep_id,principal,principal_id
# decide adds what the decision states: reasons, measures, early removal, remedies.
DEC_HDR=$HDR,reasons,measures,early_removal_from,remedies
REMEDIES='"administrative reconsideration within 60 days of receiving this decision, or an administrative lawsuit within 6 months"'
SERIOUS_MEASURES='PROC;FUND;TAX;SEC;HONOR;APPROVAL;FIN;INSP'
RIGHTS='"you may object in writing within 5 working days of this notice, until 2026-10-13; after a decision: administrative reconsideration within 60 days, or a lawsuit within 6 months"'

# The fixture store: 5 entities (seq 2-6), 7 records (seq 7-13).
lists_store() {
	fixture_store "$BL/entities.csv" "$BL/records.csv" --as-of=2026-09-30
}

# Entries 14-17 on the serious list, noticed on 2026-09-30.
noticed() {
	lists_store
	cs-blacklist propose --list=serious --as-of=2026-09-30 >p.csv
	cs-blacklist -q add --as-of=2026-09-30 p.csv >/dev/null
}

# Entries 14, 15, 17 listed on 2026-10-14 (16 objected on 2026-10-12).
listed() {
	noticed
	printf 'entry_id,reason\n16,we paid\n' |
	    cs-blacklist -q object --as-of=2026-10-12 >/dev/null
	printf 'entry_id,reason\n14,basis confirmed\n15,basis confirmed\n17,basis confirmed\n' |
	    cs-blacklist -q decide --as-of=2026-10-14 >/dev/null
}

@test "cs-blacklist: --help lists every command" {
	local top c
	run -0 --separate-stderr cs-blacklist --help
	assert_line --index 0 "Usage: cs-blacklist [OPTION...] COMMAND [ARG...]"
	top=$output
	for c in propose add object review decide remove withdraw expire ls check measures; do
		[[ $top == *"  $c "* ]]
		run -0 --separate-stderr cs-blacklist "$c" --help
		assert_line --index 0 --regexp "^Usage: cs-blacklist $c "
	done
}

@test "cs-blacklist: no command, or an unknown one, exits 64" {
	run -64 --separate-stderr cs-blacklist
	[ "$stderr" = "cs-blacklist: no command given
Try \`cs-blacklist --help' or \`cs-blacklist --usage' for more information." ]
	run -64 --separate-stderr cs-blacklist blacklist
	[ "$stderr" = "cs-blacklist: unknown command 'blacklist'
Try \`cs-blacklist --help' or \`cs-blacklist --usage' for more information." ]
}

@test "cs-blacklist: help COMMAND is COMMAND --help; help alone is --help" {
	run -0 --separate-stderr cs-blacklist check --help
	local check_help=$output
	assert_line --index 0 'Usage: cs-blacklist check [OPTION...] [FILE...]'
	run -0 --separate-stderr cs-blacklist help check
	assert_output "$check_help"
	assert_stderr ''
	run -0 --separate-stderr cs-blacklist --help
	local help=$output
	run -0 --separate-stderr cs-blacklist help
	assert_output "$help"
	run -64 --separate-stderr cs-blacklist help chek
	assert_output ''
	assert_stderr - <<'ERR'
cs-blacklist: unknown command 'chek'; did you mean 'check'?
Try `cs-blacklist --help' or `cs-blacklist --usage' for more information.
ERR
}

@test "cs-blacklist: an option that does not apply to the command exits 64" {
	run -64 --separate-stderr cs-blacklist expire --rejects=r.csv
	assert_output ''
	assert_stderr - <<'ERR'
cs-blacklist expire: option '--rejects' does not apply to expire
Try `cs-blacklist expire --help' or `cs-blacklist expire --usage' for more
information.
ERR
	[ ! -e r.csv ]
	# An option of another command, before the command or after it.
	run -64 --separate-stderr cs-blacklist --state=listed check </dev/null
	assert_stderr - <<'ERR'
cs-blacklist check: option '--state' does not apply to check
Try `cs-blacklist check --help' or `cs-blacklist check --usage' for more
information.
ERR
	run -64 --separate-stderr cs-blacklist ls --from=csv
	assert_equal "${stderr%%$'\n'*}" "cs-blacklist ls: option '--from' does not apply to ls"
}

@test "cs-blacklist: bad --list, --state and --dept exit 64" {
	lists_store
	run -64 --separate-stderr cs-blacklist propose --list=grey
	[ "$stderr" = "cs-blacklist propose: invalid --list 'grey': not a list type of lists.json
Try \`cs-blacklist propose --help' or \`cs-blacklist propose --usage' for more information." ]
	run -64 --separate-stderr cs-blacklist ls --state=gone
	assert_equal "${stderr%%$'\n'*}" "cs-blacklist ls: invalid --state 'gone': use noticed, objected, dismissed, listed, removed or withdrawn"
	run -64 --separate-stderr cs-blacklist check --dept=zoo </dev/null
	assert_equal "${stderr%%$'\n'*}" "cs-blacklist check: invalid --dept 'zoo': no measure of measures.json names it"
}

@test "cs-blacklist propose: candidates by list, in USCC order, with reasons" {
	lists_store
	run -0 --separate-stderr cs-blacklist propose --as-of=2026-09-30
	assert_output "uscc,name,list,basis,reason,qualifies
912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,PC1,serious administrative penalty,\"PC1: decided on 2026-06-01, within P1Y (through 2027-06-01)\"
91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,PB1;JB1,serious administrative penalty; dishonest judgment debtor,\"PB1: decided on 2026-04-10, within P1Y (through 2027-04-10); JB1: in force (no end date)\"
9134010469813005X8,合肥蜀山诚峰酒店有限公司,serious,PE2,serious administrative penalty,\"PE2: decided on 2026-08-03, within P1Y (through 2027-08-03)\"
913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,PA1,serious administrative penalty,\"PA1: decided on 2026-03-02, within P1Y (through 2027-03-02)\"
91330106438440473M,杭州西湖越润建筑工程有限公司,key,GD1,general administrative penalty,\"GD1: decided on 2026-07-15, within P1Y (through 2027-07-15)\"
9134010469813005X8,合肥蜀山诚峰酒店有限公司,ban,PE2,penalty barring the entity from its market or trade,\"PE2: decided on 2026-08-03, within P1Y (through 2027-08-03)\""
	# Records decided after --as-of are not a basis yet.
	run -0 --separate-stderr cs-blacklist propose --list=serious --as-of=2026-05-31
	assert_output "uscc,name,list,basis,reason,qualifies
91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,PB1;JB1,serious administrative penalty; dishonest judgment debtor,\"PB1: decided on 2026-04-10, within P1Y (through 2027-04-10); JB1: in force (no end date)\"
913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,PA1,serious administrative penalty,\"PA1: decided on 2026-03-02, within P1Y (through 2027-03-02)\""
}

# Bases out of their window: a 2019 serious penalty of 南昌 (P19), a
# dishonest-debtor judgment of 沈阳 in force to 2026-09-30 (JV), and one
# of 杭州 whose valid_until passed in 2026-06 (JX).
old_bases() {
	lists_store
	cat >old.csv <<'EOF'
id,uscc,type,severity,authority,doc_no,decided_on,dishonest_debtor,valid_until
P19,913601025489061073,penalty,serious,南昌市市场监督管理局,洪市监罚〔2019〕8号,2019-05-10,,
JV,912101028085956841,judgment,,沈阳市中级人民法院,（2024）辽01执3号,2024-01-10,true,2026-09-30
JX,91330106438440473M,judgment,,杭州市中级人民法院,（2023）浙01执9号,2023-03-01,true,2026-06-30
EOF
	cs-record -q add --as-of=2026-09-30 old.csv
}

@test "cs-blacklist propose: a basis counts only in force and within its window (issue 11)" {
	old_bases
	run -0 --separate-stderr cs-blacklist propose --list=serious --as-of=2026-09-30
	assert_output "uscc,name,list,basis,reason,qualifies
912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,JV;PC1,dishonest judgment debtor; serious administrative penalty,\"JV: in force (valid until 2026-09-30); PC1: decided on 2026-06-01, within P1Y (through 2027-06-01)\"
91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,PB1;JB1,serious administrative penalty; dishonest judgment debtor,\"PB1: decided on 2026-04-10, within P1Y (through 2027-04-10); JB1: in force (no end date)\"
9134010469813005X8,合肥蜀山诚峰酒店有限公司,serious,PE2,serious administrative penalty,\"PE2: decided on 2026-08-03, within P1Y (through 2027-08-03)\"
913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,PA1,serious administrative penalty,\"PA1: decided on 2026-03-02, within P1Y (through 2027-03-02)\""
	# The day after valid_until the judgment is no basis; P19 never was.
	run -0 --separate-stderr cs-blacklist propose --list=serious --as-of=2026-10-01
	assert_line --index 1 "912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,PC1,serious administrative penalty,\"PC1: decided on 2026-06-01, within P1Y (through 2027-06-01)\""
	run -0 --separate-stderr cs-blacklist propose --list=serious --as-of=2019-06-01
	assert_output "uscc,name,list,basis,reason,qualifies
913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,P19,serious administrative penalty,\"P19: decided on 2019-05-10, within P1Y (through 2020-05-10)\""
	# Past their windows, none of the three bases is proposed in 2027.
	run -0 --separate-stderr cs-blacklist propose --list=serious --as-of=2027-09-30
	assert_output "uscc,name,list,basis,reason,qualifies
91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,JB1,dishonest judgment debtor,JB1: in force (no end date)"
}

@test "cs-blacklist add: a basis out of force or out of its window is refused, naming the rule (issue 11)" {
	old_bases
	printf 'uscc,list,basis\n913601025489061073,serious,P19\n912101028085956841,serious,JV\n91330106438440473M,serious,JX\n913601025489061073,serious,PA1;P19\n' >a.csv
	run -1 --separate-stderr cs-blacklist add --as-of=2026-10-01 a.csv
	assert_output "$NOTICE_HDR"
	assert_stderr - <<'EOF'
cs-blacklist: a.csv:2: basis record 'P19' (penalty, serious) was decided on 2019-05-10: the serious list takes a serious administrative penalty within P1Y of its decision (through 2020-05-10), not on 2026-10-01
cs-blacklist: a.csv:3: basis record 'JV' (judgment) is no longer in force (valid until 2026-09-30): the serious list takes a dishonest judgment debtor only while in force, not on 2026-10-01
cs-blacklist: a.csv:4: basis record 'JX' (judgment) is no longer in force (valid until 2026-06-30): the serious list takes a dishonest judgment debtor only while in force, not on 2026-10-01
cs-blacklist: a.csv:5: basis record 'P19' (penalty, serious) was decided on 2019-05-10: the serious list takes a serious administrative penalty within P1Y of its decision (through 2020-05-10), not on 2026-10-01
cs-blacklist: noticed 0, unchanged 0, rejected 4
EOF
	# The notice day decides, not --as-of: noticed on valid_until, JV holds.
	printf 'uscc,list,basis,noticed_on\n912101028085956841,serious,JV,2026-09-30\n' >b.csv
	run -0 --separate-stderr cs-blacklist add --as-of=2026-10-01 b.csv
	assert_line --index 1 --partial "912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,dishonest judgment debtor,JV,"
}

@test "cs-blacklist add: proposals become noticed entries; the notice data is printed" {
	lists_store
	cs-blacklist propose --list=serious --as-of=2026-09-30 >p.csv
	run -0 --separate-stderr cs-blacklist add --as-of=2026-09-30 p.csv
	assert_output "$NOTICE_HDR
14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,serious administrative penalty,PC1,$RIGHTS,2026-10-13,,,,
15,91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,serious administrative penalty; dishonest judgment debtor,JB1;PB1,$RIGHTS,2026-10-13,,,,
16,9134010469813005X8,合肥蜀山诚峰酒店有限公司,serious,serious administrative penalty,PE2,$RIGHTS,2026-10-13,,,,
17,913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,serious administrative penalty,PA1,$RIGHTS,2026-10-13,,,,"
	assert_stderr "cs-blacklist: noticed 4, unchanged 0, rejected 0"
	run -0 sqlite3 "$CS_DB" "SELECT operator, tool, action, subject, body FROM ledger WHERE seq = 15"
	assert_output 'tester|cs-blacklist|list_notice|91230103178750896B|{"basis":["JB1","PB1"],"deadline":"2026-10-13","list":"serious","name":"哈尔滨南岗鼎运科技有限公司","noticed_on":"2026-09-30","reasons":"serious administrative penalty; dishonest judgment debtor","uscc":"91230103178750896B"}'
	# Again: nothing changes.
	run -0 --separate-stderr cs-blacklist add --as-of=2026-09-30 p.csv
	assert_stderr "cs-blacklist: noticed 0, unchanged 4, rejected 0"
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output 17
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist add: every refusal names what is wrong" {
	lists_store
	cat >bad.csv <<'EOF'
uscc,list,basis,noticed_on,legal_rep,legal_rep_id
913601025489061073,grey,PA1,,,
913601025489061074,serious,PA1,,,
913601025489061073,serious,,,,
913601025489061073,serious,NOPE,,,
913601025489061073,serious,PB1,,,
9134010469813005X8,serious,ME1,,,
913601025489061073,serious,PA1,2026-03-01,,
913601025489061073,serious,PA1,2026-12-01,,
913601025489061073,serious,PA1,,张三,110105194912310022
913601025489061073,serious,PA1,,,110105194912310021
EOF
	run -1 --separate-stderr cs-blacklist add --as-of=2026-09-30 --rejects=rej.csv bad.csv
	assert_output "$NOTICE_HDR"
	assert_stderr - <<'EOF'
cs-blacklist: bad.csv:2: list 'grey' is not a list type of lists.json
cs-blacklist: bad.csv:3: uscc '913601025489061074' has a wrong check character (expected '3')
cs-blacklist: bad.csv:4: required column 'basis' is empty: a listing needs the records it rests on
cs-blacklist: bad.csv:5: basis record 'NOPE' is not in the store
cs-blacklist: bad.csv:6: basis record 'PB1' is about '91230103178750896B', not '913601025489061073'
cs-blacklist: bad.csv:7: basis record 'ME1' (penalty, minor) meets no criterion of the serious list
cs-blacklist: bad.csv:8: basis record 'PA1' was decided on 2026-03-02, after the notice (2026-03-01)
cs-blacklist: bad.csv:9: noticed_on '2026-12-01' is after the --as-of date 2026-09-30
cs-blacklist: bad.csv:10: legal_rep_id '110105********0022' has a wrong check character (expected 'X')
cs-blacklist: bad.csv:11: legal_rep_id is given without legal_rep
cs-blacklist: noticed 0, unchanged 0, rejected 10
EOF
	run -0 cut -d, -f7- rej.csv
	assert_line --index 0 "_line,_error"
	assert_line --index 1 "2,list 'grey' is not a list type of lists.json"
	# The rejected row is the user's own input, copied as given; the
	# message masks the ID number (issue 5).
	run -0 grep -F '张三' rej.csv
	assert_output "913601025489061073,serious,PA1,,张三,110105194912310022,10,legal_rep_id '110105********0022' has a wrong check character (expected 'X')"
}

@test "cs-blacklist add: a second notice of a listed entity is refused; no calendar, no deadline" {
	noticed
	printf 'uscc,list,basis\n913601025489061073,serious,PA1;PA1\n' >again.csv
	run -0 --separate-stderr cs-blacklist add --as-of=2026-09-30 again.csv
	assert_stderr "cs-blacklist: noticed 0, unchanged 1, rejected 0"
	printf 'id,uscc,type,severity,authority,doc_no,decided_on\nPA2,913601025489061073,penalty,serious,南昌市市场监督管理局,洪市监罚〔2026〕40号,2026-09-01\n' |
	    cs-record -q add --as-of=2026-09-30
	printf 'uscc,list,basis\n913601025489061073,serious,PA2\n' >new.csv
	run -1 --separate-stderr cs-blacklist add --as-of=2026-09-30 new.csv
	assert_stderr "cs-blacklist: new.csv:2: '913601025489061073' already has entry 17 on the serious list (noticed): end it before a new notice
cs-blacklist: noticed 0, unchanged 0, rejected 1"
	printf 'uscc,list,basis\n91330106438440473M,key,GD1\n' >late.csv
	run -1 --separate-stderr cs-blacklist add --as-of=2026-12-28 late.csv
	assert_stderr "cs-blacklist: late.csv:2: cannot count the objection period from 2026-12-28: no calendar for 2027: add the official days off and adjusted working days of 2027 to '$REPO/share/cs/calendar/cn.csv' as date,kind,note rows (kind 'off' or 'work'; see cs(7))
cs-blacklist: noticed 0, unchanged 0, rejected 1"
}

@test "cs-blacklist object: up to the deadline across the National Day holidays, not after" {
	noticed
	printf 'entry_id,reason,filed_on\n14,we paid,2026-10-13\n15,too late,2026-10-14\n99,no such,2026-10-13\nx,bad,2026-10-13\n' >obj.csv
	run -1 --separate-stderr cs-blacklist object --as-of=2026-10-20 obj.csv
	assert_output "$HDR
14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,objected,2026-09-30,2026-10-13,2026-10-13,,,,,PC1,,,,"
	assert_stderr - <<'EOF'
cs-blacklist: obj.csv:3: entry 15: the objection period ended on 2026-10-13; an objection filed on 2026-10-14 is too late
cs-blacklist: obj.csv:4: no list entry 99 in the store
cs-blacklist: obj.csv:5: entry_id 'x' is not an entry number
cs-blacklist: objected 1, unchanged 0, rejected 3
EOF
	run -1 --separate-stderr cs-blacklist object --as-of=2026-10-20 obj.csv
	assert_stderr --partial "obj.csv:3: entry 15: the objection period ended on 2026-10-13; an objection filed on 2026-10-14 is too late"
	assert_stderr --partial "objected 0, unchanged 1, rejected 3"
	printf 'entry_id,reason\n16,\n' >noreason.csv
	run -1 --separate-stderr cs-blacklist object --as-of=2026-10-12 noreason.csv
	assert_stderr --partial "cs-blacklist: noreason.csv:2: required column 'reason' is empty: say why"
	# A header without the column stops at once (issue 16).
	printf 'entry_id\n16\n17\n' >noreason.csv
	run -65 --separate-stderr cs-blacklist object --as-of=2026-10-12 noreason.csv
	assert_output ''
	assert_stderr "cs-blacklist: noreason.csv:1: no column 'reason' in the header: add it, or give --set reason=VALUE"
}

@test "cs-blacklist decide: refused before the deadline has passed and while an objection is open" {
	noticed
	printf 'entry_id,reason\n16,we paid\n' | cs-blacklist -q object --as-of=2026-10-12 >/dev/null
	printf 'entry_id,reason\n14,basis confirmed\n16,basis confirmed\n' >dec.csv
	run -1 --separate-stderr cs-blacklist decide --as-of=2026-10-13 dec.csv
	assert_output "$DEC_HDR"
	assert_stderr "cs-blacklist: dec.csv:2: entry 14: objections are accepted until 2026-10-13; decide on 2026-10-14 or later
cs-blacklist: dec.csv:3: entry 16 has an open objection (filed on 2026-10-12): review it before deciding
cs-blacklist: listed 0, unchanged 0, rejected 2"
	# The decision states reasons, basis, measures, removal and remedies.
	run -1 --separate-stderr cs-blacklist decide --as-of=2026-10-14 dec.csv
	assert_output "$DEC_HDR
14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,listed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,,,PC1,,,,,serious administrative penalty,$SERIOUS_MEASURES,2027-10-15,$REMEDIES"
	printf 'entry_id,outcome,reason,reviewed_on\n16,dismissed,not paid,2026-10-15\n' >rev.csv
	run -0 --separate-stderr cs-blacklist review --as-of=2026-10-20 rev.csv
	assert_output "$HDR
16,9134010469813005X8,合肥蜀山诚峰酒店有限公司,serious,dismissed,2026-09-30,2026-10-13,2026-10-12,,,,,PE2,,,,"
	# The same decision again changes nothing; another day is refused.
	printf 'entry_id,reason\n14,basis confirmed\n' >dec1.csv
	run -0 --separate-stderr cs-blacklist decide --as-of=2026-10-14 dec1.csv
	assert_stderr "cs-blacklist: listed 0, unchanged 1, rejected 0"
	printf 'entry_id\n14\n16\n' >dec2.csv
	run -1 --separate-stderr cs-blacklist decide --as-of=2026-10-20 --set reason='basis confirmed' dec2.csv
	assert_stderr "cs-blacklist: dec2.csv:2: entry 14 is listed: a decision needs a noticed entry or one whose objection was dismissed
cs-blacklist: listed 1, unchanged 0, rejected 1"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist review: an upheld objection withdraws the entry; illegal steps name the state" {
	noticed
	printf 'entry_id,reason\n15,we paid\n' | cs-blacklist -q object --as-of=2026-10-09 >/dev/null
	printf 'entry_id,outcome,reason\n15,upheld,paid before the notice\n14,dismissed,no objection\n15,maybe,x\n' >rev.csv
	run -1 --separate-stderr cs-blacklist review --as-of=2026-10-10 rev.csv
	assert_output "$HDR
15,91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,withdrawn,2026-09-30,2026-10-13,2026-10-09,,,2026-10-10,upheld,JB1;PB1,,,,"
	assert_stderr "cs-blacklist: rev.csv:3: entry 14 is noticed: a review needs an objected entry
cs-blacklist: rev.csv:4: outcome 'maybe' is not upheld or dismissed
cs-blacklist: reviewed 1, unchanged 0, rejected 2"
	printf 'entry_id,reason\n15,x\n' >d.csv
	run -1 --separate-stderr cs-blacklist decide --as-of=2026-10-20 d.csv
	assert_stderr "cs-blacklist: d.csv:2: entry 15 is withdrawn: a decision needs a noticed entry or one whose objection was dismissed
cs-blacklist: listed 0, unchanged 0, rejected 1"
	printf 'entry_id,removal,reason\n14,error,x\n' >r.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2026-10-20 r.csv
	assert_stderr "cs-blacklist: r.csv:2: entry 14 is noticed: a removal needs a listed entry
cs-blacklist: removed 0, unchanged 0, rejected 1"
	printf 'entry_id,reason\n14,wrong entity\n' >w.csv
	run -0 --separate-stderr cs-blacklist withdraw --as-of=2026-10-20 w.csv
	assert_output --partial "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,withdrawn,2026-09-30,2026-10-13,,,,2026-10-20,error,PC1"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist: only the same step on the same day is unchanged; another is refused (issue 5)" {
	listed
	printf 'entry_id,removal,reason\n14,error,wrong entity\n' >err.csv
	run -0 --separate-stderr cs-blacklist remove --as-of=2026-10-20 err.csv
	assert_stderr "cs-blacklist: removed 1, unchanged 0, rejected 0"
	run -0 --separate-stderr cs-blacklist remove --as-of=2026-10-20 err.csv
	assert_stderr "cs-blacklist: removed 0, unchanged 1, rejected 0"
	printf 'entry_id,removal,reason\n14,early,rectified\n' >early.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2026-10-20 early.csv
	assert_output "$HDR"
	assert_stderr "cs-blacklist: early.csv:2: entry 14 is removed: a removal needs a listed entry
cs-blacklist: removed 0, unchanged 0, rejected 1"
	# A review of an entry withdrawn that day is refused too.
	printf 'entry_id,reason\n16,wrong entity\n' | cs-blacklist -q withdraw --as-of=2026-10-20 >/dev/null
	printf 'entry_id,outcome,reason\n16,upheld,paid\n' >rev.csv
	run -1 --separate-stderr cs-blacklist review --as-of=2026-10-20 rev.csv
	assert_stderr "cs-blacklist: rev.csv:2: entry 16 is withdrawn: a review needs an objected entry
cs-blacklist: reviewed 0, unchanged 0, rejected 1"
	printf 'entry_id,reason\n16,wrong entity\n' >w.csv
	run -0 --separate-stderr cs-blacklist withdraw --as-of=2026-10-20 w.csv
	assert_stderr "cs-blacklist: withdrawn 0, unchanged 1, rejected 0"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist ls: the state on any past date, answered from the ledger" {
	listed
	printf 'entry_id,outcome,reason\n16,dismissed,not paid\n' | cs-blacklist -q review --as-of=2026-10-16 >/dev/null
	printf 'entry_id,reason\n16,basis confirmed\n' | cs-blacklist -q decide --as-of=2026-10-20 >/dev/null
	run -0 --separate-stderr cs-blacklist ls --as-of=2026-09-29
	assert_output "$HDR"
	run -0 --separate-stderr cs-blacklist ls --as-of=2026-10-12
	assert_output "$HDR
14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,noticed,2026-09-30,2026-10-13,,,,,,PC1,,,,
15,91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,noticed,2026-09-30,2026-10-13,,,,,,JB1;PB1,,,,
16,9134010469813005X8,合肥蜀山诚峰酒店有限公司,serious,objected,2026-09-30,2026-10-13,2026-10-12,,,,,PE2,,,,
17,913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,noticed,2026-09-30,2026-10-13,,,,,,PA1,,,,"
	run -0 --separate-stderr cs-blacklist ls --as-of=2026-10-17 --state=dismissed
	assert_output "$HDR
16,9134010469813005X8,合肥蜀山诚峰酒店有限公司,serious,dismissed,2026-09-30,2026-10-13,2026-10-12,,,,,PE2,,,,"
	run -0 --separate-stderr cs-blacklist ls --as-of=2026-10-20 --state=listed --to=ndjson
	assert_line --index 3 '{"entry_id":17,"uscc":"913601025489061073","name":"南昌东湖凯诚建筑工程有限公司","list":"serious","state":"listed","noticed_on":"2026-09-30","objection_deadline":"2026-10-13","listed_on":"2026-10-14","until":"2029-10-14","basis":"PA1"}'
	run -0 --separate-stderr cs-blacklist ls --list=key
	assert_output "$HDR"
}

@test "cs-blacklist object: an entry takes one objection only (issue 5)" {
	listed
	printf 'entry_id,reason\n16,again\n' >o.csv
	run -1 --separate-stderr cs-blacklist object --as-of=2026-10-13 o.csv
	assert_stderr "cs-blacklist: o.csv:2: entry 16 is objected: an objection needs a noticed entry
cs-blacklist: objected 0, unchanged 0, rejected 1"
	printf 'entry_id,outcome,reason\n16,dismissed,not paid\n' | cs-blacklist -q review --as-of=2026-10-13 >/dev/null
	run -1 --separate-stderr cs-blacklist object --as-of=2026-10-13 o.csv
	assert_stderr "cs-blacklist: o.csv:2: entry 16 is dismissed: an objection needs a noticed entry
cs-blacklist: objected 0, unchanged 0, rejected 1"
}

@test "cs-blacklist ls: past dates come from list_steps, which cs-record verify checks against the ledger (issue 5)" {
	listed
	run -0 --separate-stderr cs-blacklist ls --as-of=2026-10-11 --state=objected
	assert_output "$HDR"
	cp "$CS_DB" tampered.db
	sqlite3 tampered.db "UPDATE list_steps SET on_date = '2026-10-11' WHERE entry_id = 16 AND step = 'object'"
	run -0 --separate-stderr cs-blacklist -d tampered.db ls --as-of=2026-10-11 --state=objected
	assert_line --index 1 --partial "16,9134010469813005X8,"
	run -1 --separate-stderr cs-record -d tampered.db verify
	assert_stderr "cs-record: list_steps row '16:18' (ledger seq 18): column 'on_date' is '2026-10-11' in the table, the ledger gives '2026-10-12'
cs-record: verify failed at ledger seq 18"
}

@test "cs-blacklist expire: exactly at the end of the term, once" {
	listed
	run -0 --separate-stderr cs-blacklist expire --as-of=2029-10-14
	assert_output "$HDR"
	assert_stderr "cs-blacklist: expired 0"
	run -0 --separate-stderr cs-blacklist ls --as-of=2029-10-14 --state=listed
	assert_line --index 1 --partial "14,912101028085956841,"
	run -0 --separate-stderr cs-blacklist expire --as-of=2029-10-15
	assert_output "$HDR
14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,PC1,,,,
15,91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,JB1;PB1,,,,
17,913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,PA1,,,,"
	assert_stderr "cs-blacklist: expired 3"
	run -0 sqlite3 "$CS_DB" "SELECT action, body FROM ledger WHERE action = 'list_remove' LIMIT 1"
	assert_output 'list_remove|{"end":"expired","entry_id":14,"on":"2029-10-15","reason":"the term ended on 2029-10-14"}'
	run -0 --separate-stderr cs-blacklist expire --as-of=2029-12-01
	assert_stderr "cs-blacklist: expired 0"
	# Past dates still show the listing.
	run -0 --separate-stderr cs-blacklist ls --as-of=2027-01-01 --state=listed
	assert_line --index 3 --partial "17,913601025489061073,"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist ls: a term that ended shows as expired even before expire runs" {
	listed
	run -0 --separate-stderr cs-blacklist ls --as-of=2029-10-15 --state=removed
	assert_line --index 1 "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,PC1,,,,"
}

@test "cs-blacklist: after its term a listing is expired, whether or not expire ran (issue 5)" {
	listed
	printf 'entry_id,removal,reason\n14,early,rectified\n15,error,wrong entity\n' >r.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2029-11-01 r.csv
	assert_output "$HDR"
	assert_stderr "cs-blacklist: r.csv:2: entry 14 expired on 2029-10-15 (its term ended on 2029-10-14): no early removal on 2029-11-01; run 'cs-blacklist expire'
cs-blacklist: r.csv:3: entry 15 expired on 2029-10-15 (its term ended on 2029-10-14): no error removal on 2029-11-01; run 'cs-blacklist expire'
cs-blacklist: removed 0, unchanged 0, rejected 2"
	# A basis that falls after the term changes nothing: 14 rests on PC1.
	printf 'id,severity,reason\nPC1,general,misfiled severity\n' | cs-record -q correct --as-of=2029-11-01
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'list_remove'"
	assert_output 0
	# ls says the same before and after the day asked.
	run -0 --separate-stderr cs-blacklist ls --as-of=2029-10-14 --state=listed
	assert_line --index 1 "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,listed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,,,PC1,,,,"
	run -0 --separate-stderr cs-blacklist ls --as-of=2029-11-01 --state=removed
	assert_line --index 1 "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,PC1,,,,"
	run -0 --separate-stderr cs-blacklist expire --as-of=2029-11-01
	assert_stderr "cs-blacklist: expired 3"
	run -0 --separate-stderr cs-blacklist ls --as-of=2029-11-01 --state=removed
	assert_line --index 1 "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,PC1,,,,"
	run -0 --separate-stderr cs-blacklist ls --as-of=2029-10-14 --state=listed
	assert_line --index 1 --partial "14,912101028085956841,"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist: listed on 2025-10-13 for P3Y, through 2028-10-13 and off on 2028-10-14 (issue 11)" {
	new_store
	cs-record -q add --entities "$BL/entities.csv"
	printf 'id,uscc,type,severity,authority,doc_no,decided_on\nPZ1,913601025489061073,penalty,serious,南昌市市场监督管理局,洪市监罚〔2025〕8号,2025-09-01\n' |
	    cs-record -q add --as-of=2025-09-26
	# Noticed on Friday 2025-09-26: 5 working days (Sunday 2025-09-28
	# is one) run over the October holidays to 2025-10-10.
	printf 'uscc,list,basis,reason\n913601025489061073,serious,PZ1,serious administrative penalty\n' |
	    cs-blacklist -q add --as-of=2025-09-26 --to=ndjson >n.ndjson
	run -0 jq -r '.objection_deadline' n.ndjson
	assert_output 2025-10-10
	entry=$(jq -r .entry_id n.ndjson)
	printf 'entry_id,reason\n%s,basis confirmed\n' "$entry" |
	    cs-blacklist -q decide --as-of=2025-10-13 >d.csv
	# The listing day is not counted: P3Y ends with 2028-10-13; the P1Y
	# wait before an early removal ends with 2026-10-13.
	run -0 cut -d, -f5,9,10,20 d.csv
	assert_output "state,listed_on,until,early_removal_from
listed,2025-10-13,2028-10-13,2026-10-14"
	run -0 --separate-stderr cs-blacklist ls --as-of=2028-10-13 --state=listed
	run -0 cut -d, -f5,9,10,11,12 <<<"$output"
	assert_output "state,listed_on,until,ended_on,end_reason
listed,2025-10-13,2028-10-13,,"
	run -0 --separate-stderr cs-blacklist ls --as-of=2028-10-14
	run -0 cut -d, -f5,9,10,11,12 <<<"$output"
	assert_output "state,listed_on,until,ended_on,end_reason
removed,2025-10-13,2028-10-13,2028-10-14,expired"
	printf 'uscc\n913601025489061073\n' >b.csv
	run -1 --separate-stderr cs-blacklist check -q --as-of=2028-10-13 b.csv
	assert_output "uscc,listed,lists,measures,listed_until,match
913601025489061073,yes,serious,PROC;FUND;TAX;SEC;HONOR;APPROVAL;FIN;INSP,2028-10-13,uscc"
	run -0 --separate-stderr cs-blacklist check -q --as-of=2028-10-14 b.csv
	assert_output "uscc,listed,lists,measures,listed_until,match
913601025489061073,no,,,,"
	printf 'entry_id,removal,reason\n%s,early,rectified\n' "$entry" >r.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2026-10-13 r.csv
	assert_stderr --partial "early removal is possible from 2026-10-14 (listed on 2025-10-13); not on 2026-10-13"
}

@test "cs-blacklist remove: early removal refused before P1Y, allowed from then" {
	listed
	printf 'entry_id,removal,reason\n14,early,rectified and trained\n15,later,x\n15,,x\n' >r.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2027-10-14 r.csv
	assert_output "$HDR"
	assert_stderr - <<'EOF'
cs-blacklist: r.csv:2: entry 14: early removal is possible from 2027-10-15 (listed on 2026-10-14); not on 2027-10-14
cs-blacklist: r.csv:3: removal 'later' is not early or error
cs-blacklist: r.csv:4: required column 'removal' is empty: early or error
cs-blacklist: removed 0, unchanged 0, rejected 3
EOF
	# From the first day the other conditions are judged: the
	# obligations of the basis (a column naming the evidence here).
	run -1 --separate-stderr cs-blacklist remove --as-of=2027-10-15 r.csv
	assert_output "$HDR"
	assert_stderr --partial "cs-blacklist: r.csv:2: entry 14: early removal needs the obligations of the basis performed: no obligation_performed record refers to basis record 'PC1' (record one, or name the evidence in column 'evidence')"
	printf 'entry_id,removal,reason,evidence\n14,early,rectified and trained,fine paid: receipt 2027-0042\n' >r2.csv
	run -0 --separate-stderr cs-blacklist remove --as-of=2027-10-15 r2.csv
	assert_output "$HDR
14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2027-10-15,early,PC1,,,,"
	run -0 sqlite3 "$CS_DB" "SELECT body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output '{"end":"early","entry_id":14,"evidence":"fine paid: receipt 2027-0042","on":"2027-10-15","reason":"rectified and trained"}'
	printf 'entry_id,removal,reason\n17,error,wrong entity\n' >e.csv
	run -0 --separate-stderr cs-blacklist remove --as-of=2026-10-15 e.csv
	assert_output --partial ",2026-10-15,error,PA1,"
}

@test "cs-blacklist remove: early removal needs no new penalty as heavy as the basis and the obligations performed (issue 11)" {
	listed
	cat >later.csv <<'EOF'
id,uscc,type,severity,authority,doc_no,decided_on,ref
PC0,912101028085956841,penalty,serious,沈阳市市场监督管理局,沈市监罚〔2026〕2号,2026-10-13,
PC2,912101028085956841,penalty,serious,沈阳市市场监督管理局,沈市监罚〔2027〕7号,2027-03-01,
OC1,912101028085956841,obligation_performed,,,,2027-03-02,PC1
GA2,913601025489061073,penalty,general,南昌市市场监督管理局,洪市监罚〔2027〕2号,2027-02-01,
OA1,913601025489061073,obligation_performed,,,,2027-01-15,PA1
OB1,91230103178750896B,obligation_performed,,,,2027-01-20,PB1
EOF
	cs-record -q add --as-of=2027-10-14 later.csv
	printf 'entry_id,removal,reason\n14,early,rectified\n15,early,rectified\n17,early,rectified\n' >r.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2027-10-15 r.csv
	# A general penalty (GA2) is lighter than 17's serious basis, and
	# PC0 came before the listing: neither stands in the way.
	assert_output "$HDR
17,913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2027-10-15,early,PA1,,,,"
	assert_stderr - <<'EOF'
cs-blacklist: r.csv:2: entry 14: early removal needs no new penalty of the basis's severity (serious) or heavier since the listing on 2026-10-14: record 'PC2' (serious) was decided on 2027-03-01
cs-blacklist: r.csv:3: entry 15: early removal needs the obligations of the basis performed: no obligation_performed record refers to basis record 'JB1' (record one, or name the evidence in column 'evidence')
cs-blacklist: removed 1, unchanged 0, rejected 2
EOF
	# Evidence in the row stands for the obligations, not for the penalty.
	printf 'entry_id,removal,reason,evidence\n14,early,rectified,all paid\n15,early,rectified,court certificate of performance\n' >r2.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2027-10-15 r2.csv
	assert_stderr - <<'EOF'
cs-blacklist: r2.csv:2: entry 14: early removal needs no new penalty of the basis's severity (serious) or heavier since the listing on 2026-10-14: record 'PC2' (serious) was decided on 2027-03-01
cs-blacklist: removed 1, unchanged 0, rejected 1
EOF
	# Corrected to a general penalty, PC2 no longer counts; OC1 is the
	# performed obligation of PC1.
	printf 'id,severity,reason\nPC2,general,misfiled severity\n' | cs-record -q correct --as-of=2027-10-15
	printf 'entry_id,removal,reason\n14,early,rectified\n' >r3.csv
	run -0 --separate-stderr cs-blacklist remove --as-of=2027-10-15 r3.csv
	assert_line --index 1 --partial "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist remove: a list without early removal refuses it (issue 11)" {
	lists_store
	printf 'uscc,list,basis\n91330106438440473M,key,GD1\n' | cs-blacklist -q add --as-of=2026-09-30 >/dev/null
	printf 'entry_id,reason\n14,basis confirmed\n' | cs-blacklist -q decide --as-of=2026-10-14 >/dev/null
	printf 'entry_id,removal,reason,evidence\n14,early,rectified,paid\n' >r.csv
	run -1 --separate-stderr cs-blacklist remove --as-of=2027-01-04 r.csv
	assert_stderr "cs-blacklist: r.csv:2: entry 14: the key list allows no early removal
cs-blacklist: removed 0, unchanged 0, rejected 1"
}

@test "cs-blacklist: a revoked or corrected basis removes the entry (basis_revoked), via cs-record" {
	listed
	# 17 rests on PA1 only: an upheld objection revokes it.
	printf 'id,filed_on,reason\nPA1,2026-10-20,not ours\n' | cs-record -q object --as-of=2026-10-20 >/dev/null
	oid=$(sqlite3 "$CS_DB" "SELECT objection_id FROM objections WHERE id = 'PA1'")
	printf 'objection_id,outcome,reason,revoke\n%s,upheld,wrong entity,true\n' "$oid" |
	    cs-record -q resolve --as-of=2026-10-22
	run -0 --separate-stderr cs-blacklist ls --list=serious --state=removed --as-of=2026-10-22
	assert_output "$HDR
17,913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2026-10-22,basis_revoked,PA1,,,,"
	run -0 sqlite3 "$CS_DB" "SELECT tool, action, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output "cs-record|list_remove|{\"end\":\"basis_revoked\",\"entry_id\":17,\"on\":\"2026-10-22\",\"reason\":\"basis record 'PA1' was revoked or corrected\"}"
	# 14 rests on PC1: a correction to a general penalty takes it away.
	printf 'id,severity,reason\nPC1,general,misfiled severity\n' | cs-record -q correct --as-of=2026-10-23
	run -0 --separate-stderr cs-blacklist ls --state=removed --as-of=2026-10-23
	assert_line --index 1 --partial "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2026-10-23,basis_revoked,PC1"
	# 15 rests on PB1 and JB1: one correction leaves it standing.
	printf 'id,severity,reason\nPB1,general,misfiled severity\n' | cs-record -q correct --as-of=2026-10-23
	run -0 --separate-stderr cs-blacklist ls --state=listed --as-of=2026-10-23
	assert_output "$HDR
15,91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,listed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,,,JB1;PB1,,,,"
	# A noticed entry is withdrawn instead.
	printf 'uscc,list,basis\n91330106438440473M,key,GD1\n' | cs-blacklist -q add --as-of=2026-10-23 >/dev/null
	printf 'id,type,reason\nGD1,inspection,not a penalty\n' | cs-record -q correct --as-of=2026-10-26
	run -0 --separate-stderr cs-blacklist ls --list=key --as-of=2026-10-26
	assert_line --index 1 --partial ",key,withdrawn,2026-10-23,2026-10-30,,,,2026-10-26,basis_revoked,GD1,"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist check: uscc input, measures per department, exit 1 when listed" {
	listed
	cat >bidders.csv <<'EOF'
bid,uscc,name,amount
1,912101028085956841,沈阳和平创璟药业（集团）有限公司,120000
2,9134010469813005X8,合肥蜀山诚峰酒店有限公司,98000
3,9133 0106 4384 4047 3m,杭州西湖越润建筑工程有限公司,99000
EOF
	run -1 --separate-stderr cs-blacklist check --as-of=2026-11-01 --dept=procurement bidders.csv
	assert_output "bid,uscc,name,amount,listed,lists,measures,listed_until,match
1,912101028085956841,沈阳和平创璟药业（集团）有限公司,120000,yes,serious,PROC,2029-10-14,uscc
2,9134010469813005X8,合肥蜀山诚峰酒店有限公司,98000,no,,,,
3,9133 0106 4384 4047 3m,杭州西湖越润建筑工程有限公司,99000,no,,,,"
	assert_stderr "cs-blacklist: checked 3, listed 1, rejected 0"
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 bidders.csv
	assert_line --index 1 "1,912101028085956841,沈阳和平创璟药业（集团）有限公司,120000,yes,serious,PROC;FUND;TAX;SEC;HONOR;APPROVAL;FIN;INSP,2029-10-14,uscc"
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 --dept=market bidders.csv
	assert_line --index 1 --partial ",yes,serious,INSP,2029-10-14,uscc"
	# Before the decision, and after the term, nobody is listed.
	run -0 --separate-stderr cs-blacklist check -q --as-of=2026-10-13 bidders.csv
	assert_line --index 1 --partial ",120000,no,,,,"
	run -0 --separate-stderr cs-blacklist check -q --as-of=2029-10-15 bidders.csv
}

@test "cs-blacklist check --dept: lists and listed_until are those of the department's measures (issue 5)" {
	lists_store
	printf 'uscc,list,basis\n9134010469813005X8,serious,PE2\n9134010469813005X8,ban,PE2\n' |
	    cs-blacklist -q add --as-of=2026-09-30 >/dev/null
	printf 'entry_id,reason,term\n14,basis confirmed,\n15,banned,permanent\n' |
	    cs-blacklist -q decide --as-of=2026-10-14 >/dev/null
	printf 'uscc\n9134010469813005X8\n' >c.csv
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 c.csv
	assert_line --index 1 "9134010469813005X8,yes,serious;ban,PROC;FUND;TAX;SEC;HONOR;APPROVAL;FIN;INSP,permanent,uscc"
	# tax applies a measure of serious only: the ban's permanent term is not its.
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 --dept=tax c.csv
	assert_line --index 1 "9134010469813005X8,yes,serious,TAX,2029-10-14,uscc"
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 --dept=procurement c.csv
	assert_line --index 1 "9134010469813005X8,yes,serious;ban,PROC,permanent,uscc"
	# Listed, but on no list with a measure of tax: listed=yes, the rest
	# empty, exit 1; the same on the lines path and the stream path.
	run -1 --separate-stderr cs-blacklist check --as-of=2029-11-01 --dept=tax c.csv
	assert_output "uscc,listed,lists,measures,listed_until,match
9134010469813005X8,yes,,,,uscc"
	assert_stderr "cs-blacklist: checked 1, listed 1, rejected 0"
	run -1 --separate-stderr cs-blacklist check -q --as-of=2029-11-01 --dept=tax <c.csv
	assert_output "uscc,listed,lists,measures,listed_until,match
9134010469813005X8,yes,,,,uscc"
}

@test "cs-blacklist check: name-only input matches after normalisation" {
	listed
	cat >applicants.csv <<'EOF'
行政相对人名称,project
沈阳和平创璟药业(集团)有限公司,subsidy A
 南昌东湖凯诚建筑工程 有限公司,subsidy B
哈尔滨南岗鼎运科技有限公司分公司,subsidy C
EOF
	run -1 --separate-stderr cs-blacklist check --as-of=2026-11-01 --dept=finance applicants.csv
	assert_output "行政相对人名称,project,listed,lists,measures,listed_until,match
沈阳和平创璟药业(集团)有限公司,subsidy A,yes,serious,FUND,2029-10-14,name
 南昌东湖凯诚建筑工程 有限公司,subsidy B,yes,serious,FUND,2029-10-14,name
哈尔滨南岗鼎运科技有限公司分公司,subsidy C,no,,,,"
}

@test "cs-blacklist check: a bad USCC is rejected; empty input; existing columns are filled" {
	listed
	printf 'uscc\n912101028085956842\n' >bad.csv
	run -1 --separate-stderr cs-blacklist check --as-of=2026-11-01 bad.csv
	assert_output "uscc,listed,lists,measures,listed_until,match"
	assert_stderr "cs-blacklist: bad.csv:2: uscc '912101028085956842' has a wrong check character (expected '1')
cs-blacklist: checked 0, listed 0, rejected 1"
	run -0 --separate-stderr cs-blacklist check </dev/null
	assert_output "listed,lists,measures,listed_until,match"
	printf 'uscc,listed,note\n912101028085956841,,x\n' >again.csv
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 --dept=tax again.csv
	assert_output "uscc,listed,note,lists,measures,listed_until,match
912101028085956841,yes,x,serious,TAX,2029-10-14,uscc"
	printf '{"uscc":"912101028085956841","n":1}\n{"name":"nobody"}\n' >in.ndjson
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 --dept=tax in.ndjson
	assert_output '{"uscc":"912101028085956841","n":"1","listed":true,"lists":"serious","measures":"TAX","listed_until":"2029-10-14","match":"uscc"}
{"name":"nobody","listed":false}'
}

@test "cs-blacklist ban: the term comes from the decision, or is permanent" {
	lists_store
	cs-blacklist propose --list=ban --as-of=2026-09-30 | cs-blacklist -q add --as-of=2026-09-30 >/dev/null
	printf 'entry_id,reason\n14,banned\n' >d.csv
	run -1 --separate-stderr cs-blacklist decide --as-of=2026-10-14 d.csv
	assert_stderr "cs-blacklist: d.csv:2: entry 14: the ban list takes its term from the decision: give term (a period such as P5Y, or permanent)
cs-blacklist: listed 0, unchanged 0, rejected 1"
	printf 'entry_id,reason,term\n14,banned,for ever\n' >d.csv
	run -1 --separate-stderr cs-blacklist decide --as-of=2026-10-14 d.csv
	assert_stderr --partial "d.csv:2: term 'for ever' is not a period such as P5Y, nor permanent"
	printf 'entry_id,reason,term\n14,banned,permanent\n' >d.csv
	run -0 --separate-stderr cs-blacklist decide --as-of=2026-10-14 d.csv
	assert_line --index 1 "14,9134010469813005X8,合肥蜀山诚峰酒店有限公司,ban,listed,2026-09-30,2026-10-13,,2026-10-14,permanent,,,PE2,,,,,penalty barring the entity from its market or trade,PROC;APPROVAL;INSP,,$REMEDIES"
	printf 'uscc\n9134010469813005X8\n' >c.csv
	run -1 --separate-stderr cs-blacklist check -q --as-of=2040-01-01 c.csv
	assert_output "uscc,listed,lists,measures,listed_until,match
9134010469813005X8,yes,ban,PROC;APPROVAL;INSP,permanent,uscc"
	run -0 --separate-stderr cs-blacklist expire --as-of=2040-01-01
	assert_stderr "cs-blacklist: expired 0"
}

@test "cs-blacklist: ID numbers are masked unless --unmasked, which the ledger records" {
	lists_store
	printf 'uscc,list,basis,legal_rep,legal_rep_id,principal,principal_id\n91330106438440473M,key,GD1,丁然静,330106198812312445,王五,11010519491231002x\n' >k.csv
	run -0 --separate-stderr cs-blacklist add --as-of=2026-09-30 k.csv
	assert_line --index 1 "14,91330106438440473M,杭州西湖越润建筑工程有限公司,key,general administrative penalty,GD1,$RIGHTS,2026-10-13,丁然静,330106********2445,王五,110105********002X"
	run -0 --separate-stderr cs-blacklist ls
	assert_line --index 1 "14,91330106438440473M,杭州西湖越润建筑工程有限公司,key,noticed,2026-09-30,2026-10-13,,,,,,GD1,丁然静,330106********2445,王五,110105********002X"
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'unmask'"
	assert_output 0
	run -0 --separate-stderr cs-blacklist ls --unmasked --operator=auditor --as-of=2026-10-01
	assert_line --index 1 "14,91330106438440473M,杭州西湖越润建筑工程有限公司,key,noticed,2026-09-30,2026-10-13,,,,,,GD1,丁然静,330106198812312445,王五,11010519491231002X"
	run -0 sqlite3 "$CS_DB" "SELECT operator, tool, action, subject, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output 'auditor|cs-blacklist|unmask|lists|{"as_of":"2026-10-01","command":"ls","entries":[14]}'
	run -0 --separate-stderr cs-record verify
}

# Run "$@" with standard output a pipe whose reader has already gone.
closed_pipe() {
	rm -f sync
	mkfifo sync
	set -o pipefail
	{ read -r _ <sync; "$@"; } | { exec 0<&-; echo >sync; }
}

@test "cs-blacklist ls --unmasked: recorded before the output, even when the pipe closes early (issue 5)" {
	local long
	lists_store
	# A row longer than the stdio buffer: written before the loop ends.
	long=$(printf '%*s' 5000 '' | tr ' ' x)
	printf 'uscc,name,list,basis,legal_rep,legal_rep_id\n91330106438440473M,%s,key,GD1,丁然静,330106198812312445\n' "$long" |
	    cs-blacklist -q add --as-of=2026-09-30 >/dev/null
	run -141 --separate-stderr closed_pipe cs-blacklist ls --unmasked --operator=auditor --as-of=2026-10-01
	run -0 sqlite3 "$CS_DB" "SELECT operator, action, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output 'auditor|unmask|{"as_of":"2026-10-01","command":"ls","entries":[14]}'
	# The same for the steps and for add.
	printf 'entry_id,reason\n14,we paid\n' >o.csv
	run -141 --separate-stderr closed_pipe cs-blacklist object --unmasked --as-of=2026-10-09 o.csv
	run -0 sqlite3 "$CS_DB" "SELECT action, body FROM ledger ORDER BY seq DESC LIMIT 2"
	assert_output 'unmask|{"as_of":"2026-10-09","command":"object","entries":[14]}
list_object|{"entry_id":14,"on":"2026-10-09","reason":"we paid"}'
	printf 'uscc,name,list,basis,legal_rep,legal_rep_id\n913601025489061073,%s,serious,PA1,李四,11010519491231002X\n' "$long" >a.csv
	run -141 --separate-stderr closed_pipe cs-blacklist add --unmasked --as-of=2026-09-30 a.csv
	run -0 sqlite3 "$CS_DB" "SELECT action, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output 'unmask|{"as_of":"2026-09-30","command":"add","entries":[18]}'
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist measures: the catalogue, by department and by list" {
	run -0 --separate-stderr cs-blacklist measures --dept=tax
	assert_output "code,title,en,dept,basis,lists
TAX,依法限制享受税收优惠,restricted from tax incentives,tax,《中华人民共和国税收征收管理法》；《重大税收违法失信主体信息公布管理办法》,serious"
	run -0 --separate-stderr cs-blacklist measures --list=ban
	assert_output --partial "PROC,"
	run -0 cut -d, -f1,4,6 <<<"$output"
	assert_output "code,dept,lists
PROC,procurement,serious;ban
APPROVAL,approval,serious;ban
INSP,market,serious;key;ban"
}

@test "cs-blacklist: list rules with a bad key exit 69 naming file and key" {
	lists_store
	mkdir rules
	cp -r "$REPO/share/cs/." rules/
	sed -i 's/"term": "P3Y"/"term": "three years"/' rules/lists.json
	run -69 --separate-stderr cs-blacklist --rules=rules ls
	assert_stderr "cs-blacklist: rules/lists.json: lists.serious.term: 'three years' is not a period such as P3Y, nor \"decision\""
	cp "$REPO/share/cs/lists.json" rules/
	sed -i 's/"PROC", "FUND"/"PROC", "NOPE"/' rules/lists.json
	run -69 --separate-stderr cs-blacklist --rules=rules measures
	assert_stderr "cs-blacklist: rules/lists.json: lists.serious.measures[1]: not a code of measures.json"
	cp "$REPO/share/cs/lists.json" rules/
	sed -i 's/"window": "in_force"/"window": "while valid"/' rules/lists.json
	run -69 --separate-stderr cs-blacklist --rules=rules measures
	assert_stderr "cs-blacklist: rules/lists.json: lists.serious.criteria[1].window: expected a period such as \"P1Y\" or \"in_force\""
	cp "$REPO/share/cs/lists.json" rules/
	sed -i 's/"obligations_performed"\]/"repentance"]/' rules/lists.json
	run -69 --separate-stderr cs-blacklist --rules=rules measures
	assert_stderr "cs-blacklist: rules/lists.json: lists.serious.early_removal_requires[1]: expected \"no_new_penalty\" or \"obligations_performed\""
	cp "$REPO/share/cs/lists.json" rules/
	sed -i 's/"early_removal_after": "P1Y"/"early_removal_after": null/' rules/lists.json
	run -69 --separate-stderr cs-blacklist --rules=rules measures
	assert_stderr "cs-blacklist: rules/lists.json: lists.serious.early_removal_requires: the list allows no early removal (early_removal_after is null)"
	cp "$REPO/share/cs/lists.json" rules/
	rm rules/measures.json
	run -69 --separate-stderr cs-blacklist --rules=rules measures
	assert_stderr "cs-blacklist: rules/measures.json: cannot read the rules file (is --rules or \$CS_RULES right?)"
}

@test "cs-blacklist: a missing store exits 69; a missing input 66" {
	run -69 --separate-stderr cs-blacklist ls
	assert_stderr "cs-blacklist: store '$CS_DB' does not exist; create it with 'cs-record init'"
	lists_store
	run -66 --separate-stderr cs-blacklist check nope.csv
	assert_stderr "cs-blacklist: nope.csv: No such file or directory
cs-blacklist: checked 0, listed 0, rejected 0"
}

@test "cs-blacklist check: files read line by line give what the stream reader gives" {
	listed
	# BOM, CRLF, blank lines, quotes, a quoted line break, an alias, a
	# short row and a bad USCC.
	printf '\xef\xbb\xbf统一社会信用代码,name,note\r\n912101028085956841,"沈阳和平创璟药业（集团）有限公司","a, b"\r\n\r\n9134010469813005X8,合肥,"two\r\nlines"\r\n913601025489061073,南昌,"say ""hi"""\r\n91330106438440473M,杭州\r\n912101028085956842,x,y\r\n,沈阳和平创璟药业(集团)有限公司,z\r\n' >in.csv
	run -1 --separate-stderr cs-blacklist check --as-of=2026-11-01 --rejects=r1.csv in.csv
	printf '%s\n' "$output" >out1
	err1=${stderr//in.csv/<stdin>}
	run -1 --separate-stderr cs-blacklist check --as-of=2026-11-01 --rejects=r2.csv <in.csv
	printf '%s\n' "$output" >out2
	assert_same_file out1 out2
	assert_equal "$stderr" "$err1"
	assert_same_file r1.csv r2.csv
	# Standard input with --from=csv takes the lines path too.
	run -1 --separate-stderr cs-blacklist check --as-of=2026-11-01 --from=csv <in.csv
	printf '%s\n' "$output" >out3
	assert_same_file out1 out3
	assert_equal "$stderr" "$err1"
	# The quoted CRLF stays in the value, as the reader gives it.
	printf '%s\n' '统一社会信用代码,name,note,listed,lists,measures,listed_until,match' \
	    '912101028085956841,沈阳和平创璟药业（集团）有限公司,"a, b",yes,serious,PROC;FUND;TAX;SEC;HONOR;APPROVAL;FIN;INSP,2029-10-14,uscc' \
	    "9134010469813005X8,合肥,\"two"$'\r' 'lines",no,,,,' \
	    '913601025489061073,南昌,"say ""hi""",yes,serious,PROC;FUND;TAX;SEC;HONOR;APPROVAL;FIN;INSP,2029-10-14,uscc' \
	    ',沈阳和平创璟药业(集团)有限公司,z,yes,serious,PROC;FUND;TAX;SEC;HONOR;APPROVAL;FIN;INSP,2029-10-14,name' >expected
	assert_same_file expected out1
	assert_equal "$err1" "cs-blacklist: <stdin>:7: row has 2 fields, the header has 3
cs-blacklist: <stdin>:8: uscc '912101028085956842' has a wrong check character (expected '1')
cs-blacklist: checked 4, listed 3, rejected 2"
	# NDJSON out of CSV files.
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 --dept=tax --to=ndjson in.csv
	assert_line --index 0 '{"统一社会信用代码":"912101028085956841","name":"沈阳和平创璟药业（集团）有限公司","note":"a, b","listed":true,"lists":"serious","measures":"TAX","listed_until":"2029-10-14","match":"uscc"}'
	assert_line --index 2 '{"统一社会信用代码":"913601025489061073","name":"南昌","note":"say \"hi\"","listed":true,"lists":"serious","measures":"TAX","listed_until":"2029-10-14","match":"uscc"}'
	# Two files with one header; a different header is fatal.
	run -1 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 in.csv in.csv
	assert_equal "${#lines[@]}" 11
	printf 'uscc\n912101028085956841\n' >other.csv
	run -65 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 in.csv other.csv
	assert_stderr --partial "cs-blacklist: other.csv:1: the header differs from the header of 'in.csv': give files with one header, or run once per file"
	printf 'uscc\n"91210102808595684\n' >open.csv
	run -65 --separate-stderr cs-blacklist check -q --as-of=2026-11-01 open.csv
	assert_stderr "cs-blacklist: open.csv:2: quote never closed in the record that starts here"
}

@test "cs-blacklist add: the register gives the name and the legal representative, masked" {
	lists_store
	printf 'uscc,list,basis\n91330106438440473M,key,GD1\n' >k.csv
	run -0 --separate-stderr cs-blacklist add --as-of=2026-09-30 k.csv
	assert_line --index 1 "14,91330106438440473M,杭州西湖越润建筑工程有限公司,key,general administrative penalty,GD1,$RIGHTS,2026-10-13,丁然静,330106********2445,,"
	run -0 sqlite3 "$CS_DB" "SELECT body FROM ledger WHERE seq = 14"
	assert_output '{"basis":["GD1"],"deadline":"2026-10-13","list":"key","name":"杭州西湖越润建筑工程有限公司","noticed_on":"2026-09-30","persons":[{"id":"330106198812312445","name":"丁然静","role":"legal_rep"}],"reasons":"general administrative penalty","uscc":"91330106438440473M"}'
}

@test "cs-blacklist add: a full stdout after the commit: 74, and a re-run prints the same notices (issue 12)" {
	lists_store
	cs-blacklist propose --list=serious --as-of=2026-09-30 >p.csv
	run -74 --separate-stderr bash -c 'cs-blacklist add --as-of=2026-09-30 p.csv >/dev/full'
	assert_stderr - <<'EOF'
cs-blacklist: write error on stdout: No space left on device
cs-blacklist: the rows were stored: the same command run again prints them again
cs-blacklist: noticed 4, unchanged 0, rejected 0
EOF
	run -0 --separate-stderr cs-blacklist ls --state=noticed --as-of=2026-09-30
	assert_equal "${#lines[@]}" 5
	run -0 --separate-stderr cs-blacklist add --as-of=2026-09-30 p.csv
	assert_stderr "cs-blacklist: noticed 0, unchanged 4, rejected 0"
	printf '%s\n' "$output" >again.csv
	# What a run that could write gives.
	mv "$CS_DB" first.db
	rm -f "$CS_DB-wal" "$CS_DB-shm"
	lists_store
	cs-blacklist -q add --as-of=2026-09-30 p.csv >want.csv
	assert_same_file want.csv again.csv
}

@test "cs-blacklist decide, object: a full stdout after the commit: 74, and a re-run prints the same rows (issue 12)" {
	noticed
	printf 'entry_id,reason\n16,we paid\n' >o.csv
	run -74 --separate-stderr bash -c 'cs-blacklist object --as-of=2026-10-12 o.csv >/dev/full'
	assert_stderr - <<'EOF'
cs-blacklist: write error on stdout: No space left on device
cs-blacklist: the rows were stored: the same command run again prints them again
cs-blacklist: objected 1, unchanged 0, rejected 0
EOF
	run -0 --separate-stderr cs-blacklist object --as-of=2026-10-12 o.csv
	assert_output "$HDR
16,9134010469813005X8,合肥蜀山诚峰酒店有限公司,serious,objected,2026-09-30,2026-10-13,2026-10-12,,,,,PE2,,,,"
	assert_stderr "cs-blacklist: objected 0, unchanged 1, rejected 0"
	printf 'entry_id,reason\n14,basis confirmed\n' >d.csv
	run -74 --separate-stderr bash -c 'cs-blacklist decide --as-of=2026-10-14 d.csv >/dev/full'
	assert_equal "${stderr%%$'\n'*}" "cs-blacklist: write error on stdout: No space left on device"
	run -0 --separate-stderr cs-blacklist decide --as-of=2026-10-14 d.csv
	assert_line -n 1 "14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,listed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,,,PC1,,,,,serious administrative penalty,$SERIOUS_MEASURES,2027-10-15,$REMEDIES"
	assert_stderr "cs-blacklist: listed 0, unchanged 1, rejected 0"
}

@test "cs-blacklist expire: a stdout that cannot take what expired expires nothing (issue 12)" {
	listed
	run -74 --separate-stderr bash -c 'cs-blacklist expire --as-of=2029-10-15 >/dev/full'
	assert_stderr - <<'EOF'
cs-blacklist: write error on stdout: No space left on device
cs-blacklist: nothing of this run was stored
EOF
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'list_remove'"
	assert_output 0
	# So the run that expires them still prints them.
	run -0 --separate-stderr cs-blacklist expire --as-of=2029-10-15
	assert_equal "${#lines[@]}" 4
	assert_line -n 1 --partial "14,912101028085956841,"
	assert_stderr "cs-blacklist: expired 3"
	run -0 --separate-stderr cs-record verify
}

@test "cs-blacklist ls --unmasked: a full stdout records the unmask and a re-run shows the rows (issue 12)" {
	lists_store
	printf 'uscc,list,basis,legal_rep,legal_rep_id\n91330106438440473M,key,GD1,丁然静,330106198812312445\n' |
	    cs-blacklist -q add --as-of=2026-09-30 >/dev/null
	run -74 --separate-stderr bash -c 'cs-blacklist ls --unmasked --as-of=2026-10-01 >/dev/full'
	assert_stderr "cs-blacklist: write error on stdout: No space left on device"
	# Recorded before anything was shown: the ledger may say more, never less.
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'unmask'"
	assert_output 1
	run -0 --separate-stderr cs-blacklist ls --unmasked --as-of=2026-10-01
	assert_line -n 1 --partial ",丁然静,330106198812312445,"
}

@test "cs-blacklist propose: a list without candidates gives the header alone (issue 12)" {
	lists_store
	run -0 --separate-stderr cs-blacklist propose --list=key --as-of=2026-01-01
	assert_output "uscc,name,list,basis,reason,qualifies"
	CS_DB=$PWD/empty.db new_store
	run -0 --separate-stderr cs-blacklist -d empty.db propose
	assert_output "uscc,name,list,basis,reason,qualifies"
}

@test "cs-blacklist: a header without the columns a step needs stops at once (issue 16)" {
	new_store
	cs-record -q add --entities "$FIXTURES/score/entities.csv"
	cs-record -q add --as-of=2026-11-26 "$FIXTURES/score/records.csv"
	cs-record export >records.csv
	run -65 --separate-stderr cs-blacklist add records.csv
	assert_output ''
	assert_stderr "cs-blacklist: records.csv:1: no column 'list' in the header: add it, or give --set list=VALUE"
	printf 'id,reason\n1,x\n' >d.csv
	run -65 --separate-stderr cs-blacklist decide d.csv
	assert_stderr "cs-blacklist: d.csv:1: no column 'entry_id' in the header ('id' may be 'entry_id'): add it, or give --set entry_id=VALUE"
	printf 'entry_id,result\n1,dismissed\n' >r.csv
	run -65 --separate-stderr cs-blacklist review r.csv
	assert_stderr "cs-blacklist: r.csv:1: no columns 'outcome' and 'reason' in the header: add them, or give --set COLUMN=VALUE"
	# --set gives a column the header lacks.
	printf 'entry_id\n99\n' >w.csv
	run -1 --separate-stderr cs-blacklist withdraw --set reason=x w.csv
	assert_stderr - <<'ERR'
cs-blacklist: w.csv:2: no list entry 99 in the store
cs-blacklist: withdrawn 0, unchanged 0, rejected 1
ERR
}

@test "cs-blacklist expire: -H appends to a file without repeating the header, as the man page's nightly example (issue 16)" {
	listed
	# The example of cs-blacklist(1), run on three nights.
	for night in 2029-10-14 2029-10-15 2029-12-01; do
		cs-blacklist expire -q --as-of=$night $(test -s expired.csv && echo -H) >>expired.csv
	done
	run -0 cat expired.csv
	assert_output "$HDR
14,912101028085956841,沈阳和平创璟药业（集团）有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,PC1,,,,
15,91230103178750896B,哈尔滨南岗鼎运科技有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,JB1;PB1,,,,
17,913601025489061073,南昌东湖凯诚建筑工程有限公司,serious,removed,2026-09-30,2026-10-13,,2026-10-14,2029-10-14,2029-10-15,expired,PA1,,,,"
	grep -q -- '-H) >>expired.csv' "$REPO/share/man/man1/cs-blacklist.1"
}
