#!/usr/bin/env bats
# cs-score: the public credit evaluation, explained (issue 3).  The store
# of tests/fixtures/score holds one entity per behaviour; the expected
# scores below are computed by hand from share/cs/models (see comments).
bats_require_minimum_version 1.5.0
load helpers

S="$FIXTURES/score"
A=91230103178750896B	# windows and decay steps
F=91330106438440473M	# food industry model
K=916101139578196374	# complaint cap, surge
K2=91440304847354007P	# complaints without a surge
J=9134010469813005X8	# dishonest judgment debtor
SG=91530102327974843A	# the other signals
T=9131010458766442XW	# reasons, ties, positive rules
M=92360102068285268Y	# minor penalty window, honour cap
HDR=uscc,name,score,model,as_of,reasons,signals

# score USCC DATE: the CSV line cs-score writes for one entity.
score_line() {
	printf 'uscc\n%s\n' "$1" | cs-score -q --as-of="$2" | sed -n 2p
}

# An objection to PEN-A-3 filed on 2026-11-01; prints its number.
object_a3() {
	printf 'id,filed_on,reason\nPEN-A-3,2026-11-01,not us\n' |
	    cs-record -q object --as-of=2026-11-26 | sed -n 2p | cut -d, -f1
}

# Objection $1 upheld on 2026-11-05: its record is revoked.
revoke() {
	printf 'objection_id,outcome,reason,revoke,resolved_on\n%s,upheld,wrong party,true,2026-11-05\n' "$1" |
	    cs-record -q resolve
}

@test "cs-score: --all scores every entity in uscc order with its model" {
	scored_store
	run -0 --separate-stderr cs-score --all --as-of=2026-11-27
	assert_stderr 'cs-score: scored 8, rejected 0'
	assert_output - <<OUT
$HDR
$A,哈尔滨南岗鼎运科技有限公司,52.5,public-credit,2026-11-27,PEN_SERIOUS:-37.5;PEN_GENERAL:-10.0,
$T,上海徐汇盛霖网络科技有限公司,84.0,public-credit,2026-11-27,INTERVIEW:-10.0;PEN_GENERAL:-10.0;COMPLAINT:-1.0;COMMIT_KEPT:+1.0,
$F,杭州西湖越润食品有限公司,40.0,food,2026-11-27,FOOD_SERIOUS:-60.0,
$J,合肥蜀山诚峰酒店有限公司,60.0,public-credit,2026-11-27,DEBTOR:-40.0,
$K2,,90.0,public-credit,2026-11-27,COMPLAINT:-10.0,
$SG,昆明五华德德酒店管理有限公司,75.0,public-credit,2026-11-27,PEN_GENERAL:-20.0;INTERVIEW:-5.0,multi_region;repeat_violation;overdue_commitment;overdue_interview
$K,西安雁塔睿宇软件有限公司,90.0,public-credit,2026-11-27,COMPLAINT:-10.0,complaint_surge
$M,南昌东湖区晟鸿理发店,94.0,public-credit,2026-11-27,PEN_GENERAL:-10.0;PEN_MINOR:-2.0;HONOR:+6.0,
OUT
}

@test "cs-score: a minor penalty counts three months; commendations stop at their cap" {
	scored_store
	# PEN-M-1 minor 2026-08-27 (P3M: through 2026-11-27, the decision
	# day not counted), PEN-M-2 general, three honours of +3 capped at +6.
	run -0 score_line "$M" 2026-11-27
	assert_output "$M,94.0,public-credit,2026-11-27,PEN_GENERAL:-10.0;PEN_MINOR:-2.0;HONOR:+6.0,"
	run -0 score_line "$M" 2026-11-28
	assert_output "$M,96.0,public-credit,2026-11-28,PEN_GENERAL:-10.0;HONOR:+6.0,"
}

@test "cs-score: a window ends on its last day; decay steps change on the anniversary" {
	scored_store
	# PEN-A-1 serious 2023-11-28 (P3Y, 3rd year: 25%), PEN-A-2 general
	# 2025-11-27 (P1Y), PEN-A-3 serious 2025-11-27 (1st year: 100%).
	# The decision day is not counted (Civil Code arts. 201-202): a year
	# from 2025-11-27 ends with 2026-11-27.  Its last day: -7.5 - 10 - 30.
	run -0 score_line "$A" 2026-11-27
	assert_output "$A,52.5,public-credit,2026-11-27,PEN_SERIOUS:-37.5;PEN_GENERAL:-10.0,"
	# The day after PEN-A-2's year it no longer counts; PEN-A-3 is in its
	# second year (50%); PEN-A-1 is on its last day (2026-11-28).
	run -0 score_line "$A" 2026-11-28
	assert_output "$A,77.5,public-credit,2026-11-28,PEN_SERIOUS:-22.5,"
	# The day after PEN-A-1's three years: only PEN-A-3.
	run -0 score_line "$A" 2026-11-29
	assert_output "$A,85.0,public-credit,2026-11-29,PEN_SERIOUS:-15.0,"
	# The last day of PEN-A-3's second year, then its third year (25%),
	# and after its window (through 2028-11-27) nothing.
	run -0 score_line "$A" 2027-11-27
	assert_output "$A,85.0,public-credit,2027-11-27,PEN_SERIOUS:-15.0,"
	run -0 score_line "$A" 2027-11-28
	assert_output "$A,92.5,public-credit,2027-11-28,PEN_SERIOUS:-7.5,"
	run -0 score_line "$A" 2028-11-27
	assert_output "$A,92.5,public-credit,2028-11-27,PEN_SERIOUS:-7.5,"
	run -0 score_line "$A" 2028-11-28
	assert_output "$A,100.0,public-credit,2028-11-28,,"
}

@test "cs-score: records decided after --as-of do not count" {
	scored_store
	# PEN-A-2 and PEN-A-3 are decided the day after; PEN-A-1 is in its
	# second year (50%).
	run -0 score_line "$A" 2025-11-26
	assert_output "$A,85.0,public-credit,2025-11-26,PEN_SERIOUS:-15.0,"
}

@test "cs-score: a cap stops a rule's total; the explanation says it was hit" {
	scored_store
	run -0 score_line "$K" 2026-11-27
	assert_output "$K,90.0,public-credit,2026-11-27,COMPLAINT:-10.0,complaint_surge"
	printf 'uscc\n%s\n' "$K" | cs-score -q --explain --as-of=2026-11-27 >k.ndjson
	run -0 jq -c '.rules[] | select(.code == "COMPLAINT") | [.total, .cap, .cap_hit, (.records | length)]' k.ndjson
	assert_output '["-10.0","-10.0",true,12]'
}

@test "cs-score: a dishonest judgment debtor counts while in force, to valid_until inclusive" {
	scored_store
	run -0 score_line "$J" 2026-12-31
	assert_output "$J,60.0,public-credit,2026-12-31,DEBTOR:-40.0,"
	run -0 score_line "$J" 2027-01-01
	assert_output "$J,100.0,public-credit,2027-01-01,,"
}

@test "cs-score: the industry of the register picks the industry model" {
	scored_store
	# C1431 is food: a serious food penalty weighs -60 instead of -30.
	run -0 score_line "$F" 2026-11-27
	assert_output "$F,40.0,food,2026-11-27,FOOD_SERIOUS:-60.0,"
}

@test "cs-score: --model forces one model for every entity" {
	scored_store
	cp "$REPO/share/cs/models/public-credit.json" flat.json
	printf 'uscc\n%s\n' "$F" >in.csv
	run -0 --separate-stderr cs-score --model=flat.json --as-of=2026-11-27 in.csv
	assert_line -n 1 "$F,70.0,public-credit,2026-11-27,PEN_SERIOUS:-30.0,"
}

@test "cs-score: reasons are the 4 largest, most negative first, ties by code" {
	scored_store
	# INTERVIEW -10 and PEN_GENERAL -10 tie; COMMIT_KEPT +1 and VOLUNTARY
	# +1 tie; HONOR +3 is the fifth and left out.  100-10-10-1+1+1+3.
	run -0 score_line "$T" 2026-11-27
	assert_output "$T,84.0,public-credit,2026-11-27,INTERVIEW:-10.0;PEN_GENERAL:-10.0;COMPLAINT:-1.0;COMMIT_KEPT:+1.0,"
}

@test "cs-score: each signal is raised, and not raised when it should not be" {
	scored_store
	# Penalties from prefectures 1100 and 1201, one violation type twice,
	# a commitment due 2026-10-31 and an interview due 2026-11-01 open.
	run -0 score_line "$SG" 2026-11-27
	assert_output "$SG,75.0,public-credit,2026-11-27,PEN_GENERAL:-20.0;INTERVIEW:-5.0,multi_region;repeat_violation;overdue_commitment;overdue_interview"
	# On the due dates nothing is overdue yet.
	run -0 score_line "$SG" 2026-10-31
	assert_output "$SG,75.0,public-credit,2026-10-31,PEN_GENERAL:-20.0;INTERVIEW:-5.0,multi_region;repeat_violation"
	# Before the second penalty: one region, one violation.
	run -0 score_line "$SG" 2026-04-30
	assert_output "$SG,90.0,public-credit,2026-04-30,PEN_GENERAL:-10.0,"
	# 12 complaints in 30 days after none: a surge.  5 in 30 days after
	# 24 in the year before: 5 x 12 = 60 is not more than 3 x 24.
	run -0 score_line "$K2" 2026-11-27
	assert_output "$K2,90.0,public-credit,2026-11-27,COMPLAINT:-10.0,"
}

@test "cs-score: a kept commitment settles it; a broken one too" {
	scored_store
	cat >more.csv <<CSV
uscc,type,ref,decided_on
$SG,commitment_broken,CM-S-1,2026-11-10
CSV
	cs-record -q add more.csv
	# COMMIT_BROKEN -15 and no more overdue_commitment after 2026-11-10.
	run -0 score_line "$SG" 2026-11-27
	assert_output "$SG,60.0,public-credit,2026-11-27,PEN_GENERAL:-20.0;COMMIT_BROKEN:-15.0;INTERVIEW:-5.0,multi_region;repeat_violation;overdue_interview"
}

@test "cs-score: a disputed record counts and its reason says so; a revoked one does not count" {
	scored_store
	oid=$(object_a3)
	run -0 score_line "$A" 2026-11-28
	assert_output "$A,77.5,public-credit,2026-11-28,PEN_SERIOUS(disputed):-22.5,"
	revoke "$oid"
	run -0 score_line "$A" 2026-11-28
	assert_output "$A,92.5,public-credit,2026-11-28,PEN_SERIOUS:-7.5,"
}

@test "cs-score: a correction that changes the severity moves the record to another rule" {
	scored_store
	printf 'id,severity,reason\nPEN-A-3,general,severity misread\n' >fix.csv
	cs-record -q correct fix.csv
	run -0 score_line "$A" 2026-11-26
	assert_output "$A,72.5,public-credit,2026-11-26,PEN_GENERAL:-20.0;PEN_SERIOUS:-7.5,"
}

@test "cs-score: input columns pass through, owned columns are replaced in place" {
	scored_store
	printf 'bid,uscc,score,note\nB-1,%s,99,x\n' "$J" >in.csv
	run -0 --separate-stderr cs-score --as-of=2026-11-27 in.csv
	assert_output - <<OUT
bid,uscc,score,note,model,as_of,reasons,signals
B-1,$J,60.0,x,public-credit,2026-11-27,DEBTOR:-40.0,
OUT
}

@test "cs-score: Chinese column names are read as aliases and kept on output" {
	scored_store
	printf '统一社会信用代码,行政相对人名称\n%s,合肥蜀山诚峰酒店有限公司\n' "$J" >in.csv
	run -0 --separate-stderr cs-score --as-of=2026-11-27 in.csv
	assert_output - <<OUT
统一社会信用代码,行政相对人名称,score,model,as_of,reasons,signals
$J,合肥蜀山诚峰酒店有限公司,60.0,public-credit,2026-11-27,DEBTOR:-40.0,
OUT
}

@test "cs-score: NDJSON in gives NDJSON out" {
	scored_store
	printf '{"uscc":"%s","bid":7}\n' "$J" >in.ndjson
	run -0 --separate-stderr cs-score --as-of=2026-11-27 in.ndjson
	assert_output "{\"uscc\":\"$J\",\"bid\":\"7\",\"score\":60.0,\"model\":\"public-credit\",\"as_of\":\"2026-11-27\",\"reasons\":\"DEBTOR:-40.0\"}"
}

@test "cs-score: an unknown but valid USCC scores 100 with unknown_entity; a bad one is rejected" {
	scored_store
	printf 'uscc\n91350100M000100Y43\n91110000600037341N\n\n' >in.csv
	run -1 --separate-stderr cs-score --as-of=2026-11-27 --rejects=bad.csv in.csv
	assert_output - <<OUT
uscc,score,model,as_of,reasons,signals
91350100M000100Y43,100.0,public-credit,2026-11-27,,unknown_entity
OUT
	assert_stderr - <<'ERR'
cs-score: in.csv:3: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-score: scored 1, rejected 1
ERR
	run -0 cat bad.csv
	assert_output - <<'OUT'
uscc,_line,_error
91110000600037341N,3,uscc '91110000600037341N' has a wrong check character (expected 'L')
OUT
}

@test "cs-score: --strict stops at the first bad row with exit 65" {
	scored_store
	printf 'uscc\n91110000600037341N\n%s\n' "$J" >in.csv
	run -65 --separate-stderr cs-score --strict --as-of=2026-11-27 in.csv
	assert_stderr - <<'ERR'
cs-score: in.csv:2: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-score: --strict: stopped at the first rejected row
ERR
}

@test "cs-score: a CSV without a uscc column is fatal with exit 65" {
	scored_store
	printf 'name\nx\n' >in.csv
	run -65 --separate-stderr cs-score in.csv
	assert_stderr "cs-score: in.csv:1: no column 'uscc' in the header"
}

@test "cs-score: an empty store gives the header only with --all" {
	new_store
	run -0 --separate-stderr cs-score --all
	assert_output "$HDR"
	assert_stderr 'cs-score: scored 0, rejected 0'
}

@test "cs-score: --all takes no FILE" {
	run -64 --separate-stderr cs-score --all x.csv
	assert_stderr - <<'ERR'
cs-score: --all scores the store: give no FILE
Try `cs-score --help' or `cs-score --usage' for more information.
ERR
}

@test "cs-score: --all reads no rows, so the options of reading rows are refused (64)" {
	new_store
	run -64 --separate-stderr cs-score --all --rejects=r.csv --as-of=2026-11-26
	assert_output ''
	assert_stderr - <<'ERR'
cs-score: option '--rejects' does not apply to --all (it reads no rows)
Try `cs-score --help' or `cs-score --usage' for more information.
ERR
	[ ! -e r.csv ]
	run -64 --separate-stderr cs-score --rejects=r.csv --all
	assert_equal "${stderr%%$'\n'*}" "cs-score: option '--rejects' does not apply to --all (it reads no rows)"
	[ ! -e r.csv ]
	for o in --strict --from=tsv --encoding=utf-8 --delimiter=';'; do
		run -64 --separate-stderr cs-score --all "$o"
		assert_equal "${stderr%%$'\n'*}" "cs-score: option '${o%%=*}' does not apply to --all (it reads no rows)"
	done
	# The options of writing rows apply; --rejects without --all too.
	run -0 --separate-stderr cs-score --all -H --to=csv --progress
	assert_output ''
	printf 'uscc\n91110000600037341N\n' >in.csv
	run -1 --separate-stderr cs-score -q --rejects=r.csv in.csv
	assert_equal "$(head -1 r.csv)" 'uscc,_line,_error'
}

@test "cs-score: --explain gives each rule, its records, decay, and what to fix" {
	scored_store
	printf 'uscc\n%s\n%s\n' "$J" "$A" >in.csv
	cs-score -q --explain --as-of=2026-11-27 in.csv >out.ndjson
	assert_same_file "$S/explain.out.ndjson" out.ndjson
}

@test "cs-score: --explain projects the score at each window end and after a repair" {
	scored_store
	printf 'uscc\n%s\n' "$A" | cs-score -q --explain --as-of=2026-11-28 >a.ndjson
	# PEN-A-1 (2023-11-28) stops counting on 2026-11-29 (then 85.0); it
	# could be repaired since 2024-02-29 (regime 2023-05: P3M through
	# 2024-02-28), giving 85.0 now.
	run -0 jq -c '.rules[] | select(.code == "PEN_SERIOUS") | .records[0] | [.id, .decay_step, .percent, .points, .counts_until, .score_after, .repair]' a.ndjson
	assert_output '["PEN-A-1",3,25,"-7.5","2026-11-29","85.0",{"from":"2024-02-29","regime":"2023-05","score_if_repaired":"85.0"}]'
	run -0 jq -c '[.model, .as_of, .score, .reasons, .signals, .determination, .base, .floor, .ceiling]' a.ndjson
	assert_output '["public-credit","2026-11-28","77.5","PEN_SERIOUS:-22.5",[],null,"100.0","0.0","100.0"]'
}

@test "cs-score: the same store, model and date give the same bytes" {
	scored_store
	cs-score -q --all --as-of=2026-11-27 >one.csv
	cs-score -q --all --as-of=2026-11-27 >two.csv
	assert_same_file one.csv two.csv
}

@test "cs-score: a model file with a bad key names the file and the key, exit 69" {
	scored_store
	jq '.rules[0].points = "-3.25"' "$REPO/share/cs/models/public-credit.json" >bad.json
	run -69 --separate-stderr cs-score --all --model=bad.json
	assert_stderr "cs-score: ./bad.json: rules[0].points: expected points such as \"-30\" or \"2.5\" (at most one decimal)"
	jq '.rules[1].match.colour = "red"' "$REPO/share/cs/models/public-credit.json" >bad.json
	run -69 --separate-stderr cs-score --all --model=bad.json
	assert_stderr "cs-score: ./bad.json: rules[1].match: unknown key 'colour' (known: type, severity, domain, certified, dishonest_debtor, list)"
}

@test "cs-score: --explain lists what to fix in its publicity window, also what no longer moves the score (issue 11)" {
	new_store
	printf 'id,uscc,name,type,severity,authority,doc_no,decided_on,domain,penalty_category\n%s\n%s\n' \
	    'G-1,91440300MA5F12342Q,深圳南山瑞丰食品股份有限公司,penalty,general,深圳市市场监督管理局,深市监罚〔2025〕1号,2025-01-10,,罚款' \
	    'S-1,91440300MA5F12342Q,,penalty,serious,深圳市市场监督管理局,深市监罚〔2022〕6号,2022-06-01,food,罚款；吊销许可证件' |
	    cs-record -q add --as-of=2026-01-10
	explain() {
		printf 'uscc\n91440300MA5F12342Q\n' |
		    cs-score -q --explain --as-of="$1" | jq -c "$2"
	}
	# G-1 is published through 2028-01-10 under Order 58 (regime 2023-05)
	# and repairable from 2025-04-11; it counts in the score through
	# 2026-01-10 (PEN_GENERAL, P1Y).
	run -0 explain 2026-01-10 '.to_fix[] | [.id, .counts, .rule, .points, .publicity_until, .repair_from, .regime, .never_repairable]'
	assert_output '["G-1",true,"PEN_GENERAL","-10.0","2028-01-10","2025-04-11","2023-05",null]'
	run -0 explain 2026-01-11 '[.score, (.to_fix[] | [.id, .counts, .rule, .points, .why])]'
	assert_output '["100.0",["G-1",false,null,null,"published from 2025-01-10 through 2028-01-10 (general penalty: maximum P3Y under regime 2023-05)"]]'
	run -0 explain 2028-01-10 '[.to_fix[].id]'
	assert_output '["G-1"]'
	run -0 explain 2028-01-11 '.to_fix'
	assert_output '[]'
	# Before 2023-05-01 a serious food penalty revoking a licence was never
	# repaired: published the full P3Y, through 2025-06-01.
	run -0 explain 2023-01-01 '[(.rules[].records[] | [.id, .repair]), (.to_fix[] | [.id, .counts, .publicity_until, .repair_from])]'
	assert_output '[["S-1",{"from":null,"never_repairable":"a specific serious violation (NDRC office document 527 of 2019): published for the full maximum, never repaired (domain '"'food'"', severity '"'serious'"', penalty category '"'吊销许可证件'"')","regime":"pre-2023-05","score_if_repaired":null}],["S-1",true,"2025-06-01",null]]'
}

@test "cs-score: --explain writes NDJSON, so --to=csv is a usage error" {
	run -64 --separate-stderr cs-score --explain --to=csv
	assert_stderr - <<'ERR'
cs-score: --explain writes NDJSON: leave out --to=csv
Try `cs-score --help' or `cs-score --usage' for more information.
ERR
}

@test "cs-score: an entity on the serious list has the reason LISTED while it is listed" {
	scored_store
	entry=$(list_serious "$A" PEN-A-3)
	# The day before the decision nothing is listed yet.
	run -0 score_line "$A" 2026-10-13
	assert_output "$A,52.5,public-credit,2026-10-13,PEN_SERIOUS:-37.5;PEN_GENERAL:-10.0,"
	run -0 score_line "$A" 2026-10-14
	assert_output "$A,32.5,public-credit,2026-10-14,PEN_SERIOUS:-37.5;LISTED:-20.0;PEN_GENERAL:-10.0,"
	# --all reads the entries in step with the entities.
	run -0 bash -c "cs-score -q --all --as-of=2026-10-14 | grep '^$A,'"
	assert_output "$A,哈尔滨南岗鼎运科技有限公司,32.5,public-credit,2026-10-14,PEN_SERIOUS:-37.5;LISTED:-20.0;PEN_GENERAL:-10.0,"
	printf 'uscc\n%s\n' "$A" | cs-score -q --explain --as-of=2026-10-14 >a.ndjson
	run -0 jq -c '.rules[] | select(.code == "LISTED") | [.total, [.records[] | [.id, .decided_on, .counts_until]]]' a.ndjson
	assert_output "[\"-20.0\",[[\"list-entry:$entry\",\"2026-10-14\",\"2029-10-15\"]]]"
}

@test "cs-score: when the basis of a listing is revoked, LISTED goes with it" {
	scored_store
	list_serious "$A" PEN-A-3 >/dev/null
	revoke "$(object_a3)"
	run -0 score_line "$A" 2026-11-28
	assert_output "$A,92.5,public-credit,2026-11-28,PEN_SERIOUS:-7.5,"
}

# The store of tests/fixtures/score/more.csv: industry models, the
# positive caps, a broken commitment and signals that stay off.
more_store() {
	fixture_store "$S/more-entities.csv" "$S/more.csv"
}

@test "cs-score: each industry model weighs its own domain's penalties" {
	more_store
	run -0 --separate-stderr cs-score --all --as-of=2026-11-27
	assert_line -n 1 '911301020101036018,石家庄长安恒毅化工有限公司,80.0,hazardous-chemicals,2026-11-27,CHEM_GENERAL:-20.0,'
	assert_line -n 2 '91130102545003762J,石家庄长安恒智起重机械有限公司,40.0,special-equipment,2026-11-27,EQUIP_SERIOUS:-60.0,'
	assert_line -n 3 '912101028085956841,沈阳和平创璟药业有限公司,40.0,drugs,2026-11-27,DRUG_SERIOUS:-60.0,'
	assert_line -n 4 '913601025489061073,南昌东湖凯诚建筑工程有限公司,55.0,construction,2026-11-27,BUILD_SERIOUS:-45.0,'
}

@test "cs-score: kept commitments and certified information stop at their caps; uncertified information does not count" {
	more_store
	# Six kept commitments (+1 each, cap +5), four certified and one
	# uncertified voluntary records (+1 each, cap +3), a general penalty.
	run -0 score_line 91420106308551503N 2026-11-27
	assert_output '91420106308551503N,98.0,public-credit,2026-11-27,PEN_GENERAL:-10.0;VOLUNTARY:+3.0;COMMIT_KEPT:+5.0,'
}

@test "cs-score: a broken commitment counts two years, half in the second" {
	more_store
	# Broken on 2025-01-14: window P2Y (through 2027-01-14), decay 100%
	# through 2026-01-14, then 50%.
	run -0 score_line 91420106295025853A 2026-01-14
	assert_output '91420106295025853A,85.0,public-credit,2026-01-14,COMMIT_BROKEN:-15.0,'
	run -0 score_line 91420106295025853A 2026-01-15
	assert_output '91420106295025853A,92.5,public-credit,2026-01-15,COMMIT_BROKEN:-7.5,'
	run -0 score_line 91420106295025853A 2027-01-14
	assert_output '91420106295025853A,92.5,public-credit,2027-01-14,COMMIT_BROKEN:-7.5,'
	run -0 score_line 91420106295025853A 2027-01-15
	assert_output '91420106295025853A,100.0,public-credit,2027-01-15,,'
}

@test "cs-score: signals stay off below their thresholds" {
	more_store
	# Two penalties from one prefecture (3101) for two violation types.
	run -0 score_line 914201066767997210 2026-11-27
	assert_output '914201066767997210,80.0,public-credit,2026-11-27,PEN_GENERAL:-20.0,'
	# Four complaints in 30 days: below the minimum of five.
	run -0 score_line 92410105333784173T 2026-11-27
	assert_output '92410105333784173T,96.0,public-credit,2026-11-27,COMPLAINT:-4.0,'
}

@test "cs-score: an empty store scores a stream as unknown entities; --explain says so" {
	new_store
	printf 'uscc\n91350100M000100Y43\n' >in.csv
	run -0 --separate-stderr cs-score --as-of=2026-11-27 in.csv
	assert_output - <<'OUT'
uscc,score,model,as_of,reasons,signals
91350100M000100Y43,100.0,public-credit,2026-11-27,,unknown_entity
OUT
	cs-score -q --explain --as-of=2026-11-27 in.csv >e.ndjson
	run -0 jq -c '[.uscc, .name, .score, .signals, ([.rules[].records[]] | length)]' e.ndjson
	assert_output '["91350100M000100Y43",null,"100.0",[{"code":"unknown_entity","why":"the store has no entity with this code"}],0]'
}

@test "cs-score: an NDJSON line without uscc is rejected, the others scored" {
	new_store
	printf '{"bid":"1"}\n{"uscc":"91350100M000100Y43"}\n' >in.ndjson
	run -1 --separate-stderr cs-score --as-of=2026-11-27 in.ndjson
	assert_output '{"uscc":"91350100M000100Y43","score":100.0,"model":"public-credit","as_of":"2026-11-27","signals":"unknown_entity"}'
	assert_stderr - <<'ERR'
cs-score: in.ndjson:1: required column 'uscc' is empty
cs-score: scored 1, rejected 1
ERR
}

@test "cs-score: a --model file that cannot be read exits 66" {
	new_store
	run -66 --separate-stderr cs-score --all --model=no-such.json
	assert_stderr "cs-score: cannot read model 'no-such.json': No such file or directory"
}
