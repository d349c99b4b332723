#!/usr/bin/env bats
# cs-repair: eligibility (regimes, minimum, never repaired, conditions,
# list early removal), notices, the procedure (apply, accept, return,
# decide, revoke, withdraw, ls --overdue), and the effects of a grant and
# of its revocation on score, publicity, lists and screening; verify.
bats_require_minimum_version 1.5.0
load helpers

RP="$FIXTURES/repair"
APP=application_id,uscc,target,kind,state,filed_on,accept_by,accepted_on,decide_by,extended,decided_on,effective_on,revoked_on,bar_until,last_on,overdue,reason,missing
ELIG=uscc,target,kind,regime,eligible,repair_from,required,missing,why
E1=913601025489061073
E2=91230103178750896B

# PS1 and RV1 (seq 5, 6); E2 listed (entry 7) on 2025-03-25 on PS1;
# GD1, OP1 (obligations of GD1) and PS2 (seq 9-11).
repair_store() {
	fixture_store "$RP/entities.csv" "$RP/records.csv" --as-of=2025-03-10
	cs-blacklist propose --list=serious --as-of=2025-03-10 |
	    cs-blacklist -q add --as-of=2025-03-10 >/dev/null
	printf 'entry_id,reason\n7,basis confirmed\n' |
	    cs-blacklist -q decide --as-of=2025-03-25 >/dev/null
	cs-record -q add --as-of=2026-07-01 "$RP/later.csv"
}

# Application 12 for GD1, filed 2026-07-22, accepted 2026-07-23.
accepted() {
	repair_store
	printf 'uscc,target,commitment\n%s,GD1,yes\n' $E1 |
	    cs-repair -q apply --as-of=2026-07-22 >/dev/null
	printf 'application_id\n12\n' |
	    cs-repair -q accept --as-of=2026-07-23 >/dev/null
}

score() {
	printf 'uscc\n%s\n' "$1" | cs-score -q --as-of="$2" | cut -d, -f2,5 | tail -1
}

@test "cs-repair: --help lists every command" {
	run -0 cs-repair --help
	assert_line --partial "  eligible  whether each penalty or listing can be repaired now"
	assert_line --partial "  decide    grant, refuse or extend"
}

@test "cs-repair eligible: minimum, regime, conditions, never repaired, list early removal" {
	repair_store
	run -0 --separate-stderr cs-repair eligible --all --as-of=2026-03-02
	assert_output "$ELIG
912101028085956841,RV1,record,pre-2023-05,no,,obligations;commitment,,\"never repairable: a specific serious violation (NDRC office document 527 of 2019): published for the full maximum, never repaired (domain 'food', severity 'serious', penalty category '吊销许可证件')\"
$E2,PS1,record,2023-05,no,2025-06-04,obligations;commitment;no_new_penalty;not_listed,obligations;commitment;no_new_penalty;not_listed,missing obligations;commitment;no_new_penalty;not_listed
$E2,PS2,record,2023-05,no,2025-12-02,obligations;commitment;no_new_penalty;not_listed,obligations;commitment;not_listed,missing obligations;commitment;not_listed
$E2,7,entry,list:serious,no,2026-03-26,commitment;list_early,commitment;list_early,repair is possible from 2026-03-26"
}

@test "cs-repair eligible --all: by uscc, then decision date; a later penalty of the same violation type only" {
	new_store
	cs-record -q add "$RP/order.csv"
	run -0 --separate-stderr cs-repair eligible --all --as-of=2026-01-05
	assert_output "$ELIG
912101028085956841,B1,record,2023-05,no,2025-09-03,obligations;commitment;no_new_penalty;not_listed,obligations;commitment,missing obligations;commitment
912101028085956841,B2,record,2023-05,no,2025-11-02,obligations;commitment;no_new_penalty;not_listed,obligations;commitment,missing obligations;commitment
913601025489061073,A1,record,2023-05,no,2025-05-11,obligations;commitment;no_new_penalty;not_listed,obligations;commitment;no_new_penalty,missing obligations;commitment;no_new_penalty
913601025489061073,A2,record,2023-05,no,2025-10-02,obligations;commitment;no_new_penalty;not_listed,obligations;commitment,missing obligations;commitment"
	assert_stderr ""
}

# The record rows of eligible --all on day $1 (one scan of the store),
# and the same of eligible for each of their entities (one look-up each).
all_as_each() {
	local all each
	all=$(cs-repair eligible --all --as-of="$1" | grep ',record,')
	each=$( (echo uscc; cut -d, -f1 <<<"$all" | uniq) |
	    cs-repair eligible --as-of="$1" | grep ',record,')
	if [ "$all" != "$each" ]; then
		printf 'eligible --all on %s:\n%s\neach:\n%s\n' "$1" "$all" "$each" >&2
		return 1
	fi
	printf '%s\n' "$all"
}

@test "cs-repair eligible --all: each entity's rows as eligible gives them, with an application, a grant and a revocation" {
	repair_store
	# No repair of a record yet; an obligation_performed record.
	run -0 --separate-stderr all_as_each 2026-07-22
	assert_line "$E1,GD1,record,2026-04,no,2026-07-21,obligations;commitment,commitment,missing commitment"
	printf 'uscc,target,commitment\n%s,GD1,yes\n' $E1 |
	    cs-repair -q apply --as-of=2026-07-22 >/dev/null
	printf 'application_id\n12\n' |
	    cs-repair -q accept --as-of=2026-07-23 >/dev/null
	run -0 --separate-stderr all_as_each 2026-07-23
	assert_line "$E1,GD1,record,2026-04,yes,2026-07-21,obligations;commitment,,"
	printf 'application_id,outcome\n12,granted\n' |
	    cs-repair -q decide --as-of=2026-07-24 >/dev/null
	run -0 --separate-stderr all_as_each 2026-07-25
	assert_line "$E1,GD1,record,2026-04,no,2026-07-21,obligations;commitment,,repaired on 2026-07-24: not published from 2026-07-25"
	printf 'application_id,reason\n12,false statements\n' |
	    cs-repair -q revoke --as-of=2026-08-03 >/dev/null
	run -0 --separate-stderr all_as_each 2026-08-04
	assert_line "$E1,GD1,record,2026-04,no,2027-08-04,obligations;commitment,,a repair was revoked: no new application through 2027-08-03"
}

# A minor penalty M1 of E1 decided 2026-06-08 (regime 2026-04), its
# obligations performed 2026-06-15; application 7 filed and accepted.
minor_store() {
	new_store
	cs-record -q add --entities --as-of=2026-06-01 "$RP/entities.csv"
	printf '%s\n' 'id,uscc,type,severity,authority,doc_no,decided_on,ref,domain,violation_type,penalty_category' \
	    "M1,$E1,penalty,minor,南昌市住房和城乡建设局,洪建罚〔2026〕9号,2026-06-08,,construction,未按规定设置安全标志,罚款" \
	    "OM1,$E1,obligation_performed,,南昌市住房和城乡建设局,,2026-06-15,M1,,," >minor.csv
	cs-record -q add --as-of=2026-06-20 minor.csv
	printf 'uscc,target,commitment\n%s,M1,yes\n' $E1 |
	    cs-repair -q apply --as-of=2026-06-22 >/dev/null
	printf 'application_id\n7\n' | cs-repair -q accept --as-of=2026-06-23 >/dev/null
}

@test "cs-repair eligible, decide: a minor penalty the 2026 regime does not publish has nothing to repair" {
	minor_store
	run -0 --separate-stderr cs-repair eligible --all --as-of=2026-06-20
	assert_output "$ELIG
$E1,M1,record,2026-04,no,,,,not published: nothing to repair"
	# Listed while its maximum (P3M) would run, then no more.
	run -0 --separate-stderr cs-repair eligible --all --as-of=2026-09-09
	assert_output "$ELIG"
	run -1 --separate-stderr cs-repair decide --as-of=2026-06-24 <<<'application_id,outcome
7,granted'
	assert_stderr "cs-repair: <stdin>:2: application 7: 'M1' is not eligible on 2026-06-24: not published: nothing to repair
cs-repair: decided 0, unchanged 0, rejected 1"
}

@test "cs-repair eligible, decide: a minor penalty a department publishes is repairable once its obligations are performed" {
	minor_store
	cp -r "$REPO/share/cs" rules
	jq '(.regimes[] | select(.id == "2026-04") | .severities.minor.published) = true' \
	    "$REPO/share/cs/publicity.json" >rules/publicity.json
	run -0 --separate-stderr cs-repair --rules=rules eligible --all --as-of=2026-06-10
	assert_output "$ELIG
$E1,M1,record,2026-04,no,2026-06-08,obligations;commitment,obligations,missing obligations"
	run -0 --separate-stderr cs-repair --rules=rules eligible --all --as-of=2026-06-20
	assert_output "$ELIG
$E1,M1,record,2026-04,yes,2026-06-15,obligations;commitment,,"
	run -0 --separate-stderr cs-repair --rules=rules decide --as-of=2026-06-24 <<<'application_id,outcome
7,granted'
	assert_output --partial "7,$E1,M1,record,granted,2026-06-22,2026-06-25,2026-06-23,"
	assert_stderr "cs-repair: decided 1, unchanged 0, rejected 0"
}

@test "cs-repair eligible: the entities of a uscc column; obligations from an obligation_performed record" {
	repair_store
	run -0 --separate-stderr cs-repair eligible --as-of=2026-07-20 <<<"uscc
$E1"
	assert_output "$ELIG
$E1,GD1,record,2026-04,no,2026-07-21,obligations;commitment,commitment,repair is possible from 2026-07-21"
	run -1 --separate-stderr cs-repair eligible --as-of=2026-07-21 <<<"uscc
123"
	assert_output "$ELIG"
	assert_stderr --partial "cs-repair: <stdin>:2: uscc '123'"
}

@test "cs-repair notice: one row per penalty or listing decision since a ledger event" {
	repair_store
	run -0 --separate-stderr cs-repair notice --since-seq=8 --as-of=2026-07-01
	assert_output "uscc,name,target,kind,decided_on,authority,regime,repair_from,publicity_until,required,never_repairable,how,seq
$E1,南昌东湖凯诚建筑工程有限公司,GD1,record,2026-04-20,南昌市住房和城乡建设局,2026-04,2026-07-21,2027-04-20,obligations;commitment,,\"apply to the authority that decided it (whoever decided it repairs it) with: the decision's obligations performed (proof), a public credit commitment, and the application form; acceptance is decided within 3 working days, the repair within 10 working days of acceptance\",9
$E2,哈尔滨南岗鼎运科技有限公司,PS2,record,2025-09-01,哈尔滨市市场监督管理局,2023-05,2025-12-02,2028-09-01,obligations;commitment;no_new_penalty;not_listed,,\"apply to the authority that decided it (whoever decided it repairs it) with: the decision's obligations performed (proof), a public credit commitment, and the application form; acceptance is decided within 3 working days, the repair within 10 working days of acceptance\",11"
	run -0 --separate-stderr cs-repair notice --since-seq=6 --as-of=2026-07-01
	assert_line --partial "$E2,哈尔滨南岗鼎运科技有限公司,7,entry,2025-03-25,哈尔滨市市场监督管理局,serious,2026-03-26,2028-03-25,commitment;list_early,"
}

@test "cs-repair notice: a list entry row is worded for a listing, names the deciding authority, and keeps its decision's seq after a repair and its revocation" {
	repair_store
	printf 'uscc,target,commitment,evidence\n%s,7,yes,fine paid\n' $E2 |
	    cs-repair -q apply --as-of=2026-07-22 >/dev/null
	printf 'application_id\n12\n' | cs-repair -q accept --as-of=2026-07-23 >/dev/null
	printf 'application_id,outcome\n12,granted\n' | cs-repair -q decide --as-of=2026-07-24 >/dev/null
	printf 'application_id,reason\n12,commitment broken\n' | cs-repair -q revoke --as-of=2026-08-03 >/dev/null
	run -0 --separate-stderr cs-repair notice --since-seq=7 --as-of=2026-08-04
	assert_line "$E2,哈尔滨南岗鼎运科技有限公司,7,entry,2025-03-25,哈尔滨市市场监督管理局,serious,2026-03-26,2028-03-25,commitment;list_early,,\"apply to the authority that decided the listing (whoever decided it repairs it) with: a public credit commitment, proof that the list's early-removal conditions are met (the time listed, and what the list requires besides, e.g. obligations performed), and the application form; acceptance is decided within 3 working days, the repair within 10 working days of acceptance\",8"
	run -1 --separate-stderr bash -c "cs-repair notice --since-seq=8 --as-of=2026-08-04 | grep -c ',entry,'"
	assert_output "0"
}

@test "cs-repair apply: deadline in working days, extra columns kept, re-run unchanged, refusals" {
	repair_store
	run -0 --separate-stderr cs-repair apply --as-of=2026-07-22 <<<"uscc,target,commitment,channel
$E1,GD1,yes,online"
	assert_output "$APP
12,$E1,GD1,record,filed,2026-07-22,2026-07-27,,,no,,,,,2026-07-22,no,,"
	assert_stderr "cs-repair: filed 1, unchanged 0, rejected 0"
	run -0 sqlite3 "$CS_DB" "select body from ledger where seq = 12"
	assert_output '{"accept_by":"2026-07-27","commitment":"yes","extra":{"channel":"online"},"filed_on":"2026-07-22","kind":"record","target":"GD1","uscc":"913601025489061073"}'
	run -0 --separate-stderr cs-repair apply --as-of=2026-07-22 <<<"uscc,target,commitment
$E1,GD1,yes"
	assert_stderr "cs-repair: filed 0, unchanged 1, rejected 0"
	run -1 --separate-stderr cs-repair apply --as-of=2026-07-23 <<<"uscc,target
$E1,GD1
$E1,PS1
$E2,99"
	assert_output "$APP"
	assert_stderr "cs-repair: <stdin>:2: target 'GD1' has an open application 12 (filed, filed on 2026-07-22)
cs-repair: <stdin>:3: target 'PS1' is no record and no list entry of '$E1'
cs-repair: <stdin>:4: target '99' is no record and no list entry of '$E2'
cs-repair: filed 0, unchanged 0, rejected 3"
	run -65 --separate-stderr cs-repair apply <<<"uscc
$E1"
	assert_stderr --partial "target"
}

@test "cs-repair return, accept, decide: returned once, refusal needs a reason, grant needs eligibility" {
	repair_store
	printf 'uscc,target\n%s,GD1\n' $E1 | cs-repair -q apply --as-of=2026-07-22 >/dev/null
	run -0 --separate-stderr cs-repair return --as-of=2026-07-23 <<<'application_id,missing,reason
12,a public credit commitment,incomplete'
	assert_output "$APP
12,$E1,GD1,record,returned,2026-07-22,2026-07-27,,,no,,,,,2026-07-23,no,incomplete,a public credit commitment"
	run -1 --separate-stderr cs-repair return --as-of=2026-07-24 <<<'application_id,missing,reason
12,a form,incomplete'
	assert_stderr --partial "cs-repair: <stdin>:2: application 12 is returned: it cannot be returned"
	run -0 --separate-stderr cs-repair accept --as-of=2026-07-24 <<<'application_id
12'
	assert_output "$APP
12,$E1,GD1,record,accepted,2026-07-22,2026-07-27,2026-07-24,2026-08-07,no,,,,,2026-07-24,no,,a public credit commitment"
	run -1 --separate-stderr cs-repair decide --as-of=2026-07-27 <<<'application_id,outcome
12,granted
12,refused
12,maybe'
	assert_stderr "cs-repair: <stdin>:2: application 12: 'GD1' is not eligible on 2026-07-27: missing commitment
cs-repair: <stdin>:3: required column 'reason' is empty: a refuse must say why
cs-repair: <stdin>:4: outcome 'maybe' is not granted, refused or extended
cs-repair: decided 0, unchanged 0, rejected 3"
	run -0 --separate-stderr cs-repair decide --as-of=2026-07-27 <<<'application_id,outcome,reason
12,extended,site visit needed'
	assert_output --partial ",accepted,2026-07-22,2026-07-27,2026-07-24,2026-08-21,yes,"
	run -1 --separate-stderr cs-repair decide --as-of=2026-07-28 <<<'application_id,outcome,reason
12,extended,again'
	assert_stderr --partial "application 12: the decision deadline was extended once already"
	run -0 --separate-stderr cs-repair decide --as-of=2026-07-28 <<<'application_id,outcome,reason
12,refused,no commitment'
	assert_output --partial ",refused,2026-07-22,2026-07-27,2026-07-24,2026-08-21,yes,2026-07-28,,,,2026-07-28,no,no commitment"
}

@test "cs-repair return: not overdue while with the applicant; accept completes it and decide sees the completion" {
	repair_store
	printf 'uscc,target,evidence\n%s,GD1,fine paid\n' $E1 |
	    cs-repair -q apply --as-of=2026-07-22 >/dev/null
	printf 'application_id,missing,reason\n12,commitment;form,incomplete\n' |
	    cs-repair -q return --as-of=2026-07-23 >/dev/null
	run -0 --separate-stderr cs-repair ls --overdue --as-of=2026-08-31
	assert_output "$APP"
	run -0 --separate-stderr cs-repair ls --state=returned --as-of=2026-08-31
	assert_output "$APP
12,$E1,GD1,record,returned,2026-07-22,2026-07-27,,,no,,,,,2026-07-23,no,incomplete,commitment;form"
	# Before the return the application shows nothing missing.
	run -0 --separate-stderr cs-repair ls --as-of=2026-07-22
	assert_output "$APP
12,$E1,GD1,record,filed,2026-07-22,2026-07-27,,,no,,,,,2026-07-22,no,,"
	run -0 --separate-stderr cs-repair eligible --as-of=2026-08-31 <<<"uscc
$E1"
	assert_line "$E1,GD1,record,2026-04,no,2026-07-21,obligations;commitment,commitment,missing commitment"
	run -0 --separate-stderr cs-repair accept --as-of=2026-08-31 <<<'application_id,commitment,evidence,reason
12,yes,fine paid 2026-08-30,completed by the applicant'
	assert_output "$APP
12,$E1,GD1,record,accepted,2026-07-22,2026-07-27,2026-08-31,2026-09-14,no,,,,,2026-08-31,no,completed by the applicant,commitment;form"
	assert_stderr "cs-repair: accepted 1, unchanged 0, rejected 0"
	run -0 sqlite3 "$CS_DB" "select action, body from ledger where seq = 14"
	assert_output 'repair_accept|{"application_id":12,"commitment":"yes","decide_by":"2026-09-14","evidence":"fine paid 2026-08-30","on":"2026-08-31","reason":"completed by the applicant"}'
	run -0 --separate-stderr cs-repair eligible --as-of=2026-08-31 <<<"uscc
$E1"
	assert_line "$E1,GD1,record,2026-04,yes,2026-07-21,obligations;commitment,,"
	run -0 --separate-stderr cs-repair decide --as-of=2026-09-01 <<<'application_id,outcome
12,granted'
	assert_output --partial ",granted,2026-07-22,2026-07-27,2026-08-31,2026-09-14,no,2026-09-01,2026-09-02,"
	run -0 cs-record verify
}

@test "cs-repair decide: a granted record leaves the score and publicity the next day; revoke brings them back" {
	accepted
	run -0 score $E1 2026-07-24
	assert_output "90.0,PEN_GENERAL:-10.0"
	run -0 --separate-stderr cs-repair decide --as-of=2026-07-24 <<<'application_id,outcome
12,granted'
	assert_output "$APP
12,$E1,GD1,record,granted,2026-07-22,2026-07-27,2026-07-23,2026-08-06,no,2026-07-24,2026-07-25,,,2026-07-24,no,,"
	run -0 score $E1 2026-07-24
	assert_output "90.0,PEN_GENERAL:-10.0"
	run -0 score $E1 2026-07-25
	assert_output "100.0,"
	run -0 bash -c "printf 'uscc\n%s\n' $E1 | cs-score -q --explain --as-of=2026-07-25 | jq -c '.to_fix[0] | {id, publicity_until, repaired_on, why}'"
	assert_output '{"id":"GD1","publicity_until":"2026-07-24","repaired_on":"2026-07-24","why":"repaired on 2026-07-24: not published from 2026-07-25"}'
	run -0 cs-record verify
	run -0 --separate-stderr cs-repair revoke --as-of=2026-08-03 <<<'application_id,reason
12,false statements'
	assert_output "$APP
12,$E1,GD1,record,revoked,2026-07-22,2026-07-27,2026-07-23,2026-08-06,no,2026-07-24,2026-07-25,2026-08-03,2027-08-03,2026-08-03,no,false statements,"
	run -0 score $E1 2026-08-02
	assert_output "100.0,"
	run -0 score $E1 2026-08-03
	assert_output "90.0,PEN_GENERAL:-10.0"
	run -1 --separate-stderr cs-repair apply --as-of=2026-08-04 <<<"uscc,target
$E1,GD1"
	assert_stderr --partial "<stdin>:2: a repair of 'GD1' was revoked: no new application through 2027-08-03"
	run -0 cs-record verify
}

@test "cs-repair decide: a granted record decides no direct class from the next day; revoke restores it" {
	accepted
	jq '.id = "repair-d" | .determinations += [{"code": "PENALTY", "class": "D",
	    "match": {"type": "penalty", "domain": "construction"}, "window": "P1Y",
	    "why": "a construction penalty within a year"}]' \
	    "$REPO/share/cs/models/public-credit.json" >m.json
	classify() {
		printf 'uscc\n%s\n' $E1 | cs-score -q --model=m.json --as-of="$1" |
		    cs-classify -q --model=m.json | cut -d, -f2,5,7,8 | tail -1
	}
	printf 'application_id,outcome\n12,granted\n' | cs-repair -q decide --as-of=2026-07-24 >/dev/null
	run -0 classify 2026-07-24
	assert_output "90.0,PEN_GENERAL:-10.0,D,PENALTY: a construction penalty within a year (record GD1)"
	run -0 classify 2026-07-25
	assert_output "100.0,,A,score>=90.0"
	printf 'application_id,reason\n12,false statements\n' | cs-repair -q revoke --as-of=2026-08-03 >/dev/null
	run -0 classify 2026-08-02
	assert_output "100.0,,A,score>=90.0"
	run -0 classify 2026-08-03
	assert_output "90.0,PEN_GENERAL:-10.0,D,PENALTY: a construction penalty within a year (record GD1)"
}

@test "cs-record show and export: a repaired record is not published from the day after the grant" {
	accepted
	printf 'application_id,outcome\n12,granted\n' | cs-repair -q decide --as-of=2026-07-24 >/dev/null
	pub() {
		cs-record show --as-of="$1" $E1 | jq -c '.records[] | select(.id == "GD1") |
		    [.published, .publicity_until, .publicity.state, .publicity.why]'
	}
	run -0 pub 2026-07-24
	assert_output '[true,"2026-07-24","in_window","published from 2026-04-20 through 2027-04-20 (general penalty: maximum P1Y under regime 2026-04)"]'
	run -0 pub 2026-07-25
	assert_output '[false,"2026-07-24","repaired","repaired on 2026-07-24 (application 12): not published from 2026-07-25"]'
	run -0 bash -c "cs-record export --as-of=2026-07-25 | grep '^GD1,' | awk -F, '{ print \$(NF-4) \",\" \$(NF-3) \",\" \$(NF-2) \",\" \$(NF-1) }'"
	assert_output "false,false,2026-07-24,2026-07-21"
	run -0 bash -c "cs-record export --as-of=2026-07-24 | grep '^GD1,' | awk -F, '{ print \$(NF-4) \",\" \$(NF-3) \",\" \$(NF-2) \",\" \$(NF-1) }'"
	assert_output "false,true,2026-07-24,2026-07-21"
	run -0 bash -c "cs-record export --to=ndjson --as-of=2026-07-25 | jq -c 'select(.id == \"GD1\") | [.published, .publicity_until]'"
	assert_output '[false,"2026-07-24"]'
}

@test "cs-repair decide: a granted list entry is removed as repaired, the measures end; revoke reinstates it" {
	repair_store
	printf 'uscc,target,commitment,evidence\n%s,7,yes,fine paid 2025-04-01\n' $E2 |
	    cs-repair -q apply --as-of=2026-07-22 >/dev/null
	printf 'application_id\n12\n' | cs-repair -q accept --as-of=2026-07-23 >/dev/null
	printf 'uscc\n%s\n' $E2 >b.csv
	run -1 cs-blacklist check -q --dept=procurement --as-of=2026-07-25 b.csv
	run -0 --separate-stderr cs-repair decide --as-of=2026-07-24 <<<'application_id,outcome
12,granted'
	assert_output --partial ",granted,"
	run -0 cs-blacklist check -q --dept=procurement --as-of=2026-07-25 b.csv
	assert_output "uscc,listed,lists,measures,listed_until,match
$E2,no,,,,"
	run -0 bash -c "cs-blacklist ls -q --as-of=2026-07-25 | cut -d, -f1,5,11,12"
	assert_output "entry_id,state,ended_on,end_reason
7,removed,2026-07-25,repaired"
	run -0 cs-record verify
	printf 'application_id,reason\n12,commitment broken\n' | cs-repair -q revoke --as-of=2026-08-03 >/dev/null
	run -1 cs-blacklist check -q --dept=procurement --as-of=2026-08-03 b.csv
	run -0 bash -c "cs-blacklist ls -q --as-of=2026-08-03 | cut -d, -f1,5,11,12"
	assert_output "entry_id,state,ended_on,end_reason
7,listed,,"
	run -0 cs-record verify
}

@test "cs-repair decide: a list entry's grant is refused by the list's early-removal rules, naming the condition; the entry stays listed" {
	repair_store
	printf 'uscc,target,commitment\n%s,7,yes\n' $E2 |
	    cs-repair -q apply --as-of=2026-07-22 >/dev/null
	printf 'application_id\n12\n' | cs-repair -q accept --as-of=2026-07-23 >/dev/null
	run -1 --separate-stderr cs-repair decide --as-of=2026-07-24 <<<'application_id,outcome
12,granted'
	assert_output "$APP"
	assert_stderr "cs-repair: <stdin>:2: application 12: '7' is not eligible on 2026-07-24: missing list_early (entry 7: early removal needs the obligations of the basis performed: no obligation_performed record refers to basis record 'PS1' (record one, or name the evidence in column 'evidence'))
cs-repair: decided 0, unchanged 0, rejected 1"
	run -0 bash -c "cs-blacklist ls -q --as-of=2026-07-25 | cut -d, -f1,5,11,12"
	assert_output "entry_id,state,ended_on,end_reason
7,listed,,"
	run -0 bash -c "cs-repair ls --as-of=2026-07-24 | cut -d, -f1,5"
	assert_output "application_id,state
12,accepted"
}

@test "cs-repair ls: --state and --overdue by the deadlines" {
	repair_store
	printf 'uscc,target,commitment\n%s,GD1,yes\n%s,7,yes\n' $E1 $E2 |
	    cs-repair -q apply --as-of=2026-07-22 >/dev/null
	printf 'application_id\n12\n' | cs-repair -q accept --as-of=2026-07-23 >/dev/null
	run -0 bash -c "cs-repair ls --overdue --as-of=2026-07-28 | cut -d, -f1,5,7,9,16"
	assert_output "application_id,state,accept_by,decide_by,overdue
13,filed,2026-07-27,,yes"
	run -0 bash -c "cs-repair ls --state=accepted --as-of=2026-08-07 | cut -d, -f1,5,9,16"
	assert_output "application_id,state,decide_by,overdue
12,accepted,2026-08-06,yes"
	run -64 cs-repair ls --state=open
	assert_output --partial "invalid --state 'open'"
	printf 'application_id,reason\n13,by the applicant\n' | cs-repair -q withdraw --as-of=2026-07-24 >/dev/null
	run -0 bash -c "cs-repair ls --state=withdrawn --as-of=2026-07-24 | cut -d, -f1,5"
	assert_output "application_id,state
13,withdrawn"
}

@test "cs-repair ls --state: the state on --as-of, from the steps; later steps' dates left out" {
	accepted
	printf 'application_id,outcome\n12,granted\n' | cs-repair -q decide --as-of=2026-07-24 >/dev/null
	run -0 cs-repair ls --state=filed --as-of=2026-07-22
	assert_output "$APP
12,$E1,GD1,record,filed,2026-07-22,2026-07-27,,,no,,,,,2026-07-22,no,,"
	run -0 cs-repair ls --state=accepted --as-of=2026-07-22
	assert_output "$APP"
	run -0 cs-repair ls --state=accepted --as-of=2026-07-23
	assert_output "$APP
12,$E1,GD1,record,accepted,2026-07-22,2026-07-27,2026-07-23,2026-08-06,no,,,,,2026-07-23,no,,"
	run -0 cs-repair ls --state=granted --as-of=2026-07-23
	assert_output "$APP"
	run -0 cs-repair ls --state=granted --as-of=2026-07-24
	assert_output "$APP
12,$E1,GD1,record,granted,2026-07-22,2026-07-27,2026-07-23,2026-08-06,no,2026-07-24,2026-07-25,,,2026-07-24,no,,"
	run -0 cs-repair ls --state=accepted --as-of=2026-07-24
	assert_output "$APP"
	run -0 cs-repair ls --state=filed --as-of=2026-07-21
	assert_output "$APP"
}
