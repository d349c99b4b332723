#!/usr/bin/env bats
# cs-classify: credit-risk classes A-D from scores and direct
# determinations, --previous, --changes-only, --save and history (issue 3).
bats_require_minimum_version 1.5.0
load helpers

S="$FIXTURES/score"
A=91230103178750896B
F=91330106438440473M
J=9134010469813005X8
T=9131010458766442XW
U1=913601025489061073
U2=912101028085956841
U3=92360102068285268Y

@test "cs-classify: the class boundaries are exact" {
	new_store
	cat >in.csv <<CSV
uscc,score
$A,90.0
$F,89.9
$J,70.0
$T,40.0
$U1,39.9
$U2,100
$U3,0.0
CSV
	run -0 --separate-stderr cs-classify in.csv
	assert_output - <<OUT
uscc,score,class,class_reason
$A,90.0,A,score>=90.0
$F,89.9,B,70.0<=score<90.0
$J,70.0,B,70.0<=score<90.0
$T,40.0,C,40.0<=score<70.0
$U1,39.9,D,score<40.0
$U2,100,A,score>=90.0
$U3,0.0,D,score<40.0
OUT
	assert_stderr 'cs-classify: classified A 2, B 2, C 1, D 2; rejected 0'
}

@test "cs-classify: a dishonest judgment debtor in force is D whatever the score" {
	scored_store
	cs-score -q --all --as-of=2026-11-27 | cs-classify -q >out.csv
	run -0 grep "^$J," out.csv
	assert_output "$J,合肥蜀山诚峰酒店有限公司,60.0,public-credit,2026-11-27,DEBTOR:-40.0,,D,DEBTOR: dishonest judgment debtor in force (record JUD-J-1)"
	# After valid_until the judgment no longer fixes the class.
	cs-score -q --all --as-of=2027-01-01 | cs-classify -q >later.csv
	run -0 grep "^$J," later.csv
	assert_output "$J,合肥蜀山诚峰酒店有限公司,100.0,public-credit,2027-01-01,,,A,score>=90.0"
}

@test "cs-classify --help: class_reason names the ceiling of the key-attention list (issue 11)" {
	run -0 bash -c 'cs-classify --help | tr -s "\n " "  "'
	assert_output --partial 'or the ceiling that held it down: an entity on the key-attention list is at best C, e.g. "KEY_LIST: on the key-attention list: at best C (list entry 14); score>=90.0")'
}

@test "cs-classify: the as_of of the input decides, else --as-of" {
	scored_store
	printf 'uscc,score\n%s,60.0\n' "$J" >in.csv
	run -0 cs-classify -q --as-of=2027-01-01 in.csv
	assert_line -n 1 "$J,60.0,C,40.0<=score<70.0"
	run -0 cs-classify -q --as-of=2026-12-31 in.csv
	assert_line -n 1 "$J,60.0,D,DEBTOR: dishonest judgment debtor in force (record JUD-J-1)"
}

@test "cs-classify: --previous adds previous_class and change; --changes-only keeps the changes" {
	new_store
	printf 'uscc,class\n%s,A\n%s,C\n%s,B\n' "$A" "$F" "$J" >last.csv
	printf 'uscc,score\n%s,75.0\n%s,95.0\n%s,80.0\n%s,10.0\n' "$A" "$F" "$J" "$T" >in.csv
	run -0 --separate-stderr cs-classify --previous=last.csv in.csv
	assert_output - <<OUT
uscc,score,class,class_reason,previous_class,change
$A,75.0,B,70.0<=score<90.0,A,down
$F,95.0,A,score>=90.0,C,up
$J,80.0,B,70.0<=score<90.0,B,same
$T,10.0,D,score<40.0,,new
OUT
	run -0 --separate-stderr cs-classify --previous=last.csv --changes-only in.csv
	assert_output - <<OUT
uscc,score,class,class_reason,previous_class,change
$A,75.0,B,70.0<=score<90.0,A,down
$F,95.0,A,score>=90.0,C,up
$T,10.0,D,score<40.0,,new
OUT
	assert_stderr 'cs-classify: classified A 1, B 2, C 0, D 1; rejected 0'
}

@test "cs-classify: --changes-only needs --previous" {
	run -64 --separate-stderr cs-classify --changes-only
	assert_stderr - <<'ERR'
cs-classify: --changes-only needs --previous
Try `cs-classify --help' or `cs-classify --usage' for more information.
ERR
}

@test "cs-classify: --previous that is not a classes file is fatal" {
	new_store
	printf 'uscc,score\n%s,75.0\n' "$A" >in.csv
	run -65 --separate-stderr cs-classify --previous=in.csv in.csv
	assert_stderr 'cs-classify: in.csv:2: --previous needs the columns uscc and class (an output of cs-classify)'
}

@test "cs-classify: --save records the classes once; history lists them over time; verify stays clean" {
	scored_store
	cs-score -q --all --as-of=2026-10-31 | cs-classify -q --save >/dev/null
	run -0 --separate-stderr cs-classify --save <(cs-score -q --all --as-of=2026-11-27)
	assert_stderr - <<'ERR'
cs-classify: classified A 3, B 2, C 2, D 1; rejected 0
cs-classify: saved 8 classes, unchanged 0
ERR
	# The same run again saves nothing new.
	cs-score -q --all --as-of=2026-11-27 >s.csv
	run -0 --separate-stderr cs-classify --save s.csv
	assert_line -n 0 --partial "uscc,name,score"
	assert_stderr - <<'ERR'
cs-classify: classified A 3, B 2, C 2, D 1; rejected 0
cs-classify: saved 0 classes, unchanged 8
ERR
	run -0 --separate-stderr cs-classify history "$A"
	assert_output - <<OUT
uscc,as_of,class,score,model,class_reason,seq
$A,2026-10-31,C,52.5,public-credit,40.0<=score<70.0,68
$A,2026-11-27,C,52.5,public-credit,40.0<=score<70.0,76
OUT
	run -0 --separate-stderr cs-record verify
}

@test "cs-classify: history of an entity without saved classes is the header" {
	new_store
	run -0 --separate-stderr cs-classify history "$A"
	assert_output 'uscc,as_of,class,score,model,class_reason,seq'
}

@test "cs-classify: history needs one valid USCC" {
	run -64 --separate-stderr cs-classify history
	assert_stderr - <<'ERR'
cs-classify history: needs a USCC
Try `cs-classify history --help' or `cs-classify history --usage' for more
information.
ERR
	run -64 --separate-stderr cs-classify history 91110000600037341N
	assert_stderr - <<'ERR'
cs-classify history: invalid USCC '91110000600037341N' has a wrong check character (expected 'L')
Try `cs-classify history --help' or `cs-classify history --usage' for more
information.
ERR
	run -64 --separate-stderr cs-classify history "$A" "$F"
	assert_stderr - <<ERR
cs-classify history: takes one USCC (got '$F' too)
Try \`cs-classify history --help' or \`cs-classify history --usage' for more
information.
ERR
}

@test "cs-classify: rows with a bad score, uscc or model are rejected and kept" {
	new_store
	cat >in.csv <<CSV
uscc,score,model
$A,ninety,
91110000600037341N,50,
$J,50,no-such-model
$T,50.25,
$F,50,
CSV
	run -1 --separate-stderr cs-classify --rejects=bad.csv in.csv
	assert_output - <<OUT
uscc,score,model,class,class_reason
$F,50,,C,40.0<=score<70.0
OUT
	assert_stderr - <<'ERR'
cs-classify: in.csv:2: score 'ninety' is not a number with at most one decimal
cs-classify: in.csv:3: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-classify: in.csv:4: model 'no-such-model' is not one of share/cs/models: give its file with --model
cs-classify: in.csv:5: score '50.25' is not a number with at most one decimal
cs-classify: classified A 0, B 0, C 1, D 0; rejected 4
ERR
	run -0 wc -l <bad.csv
	assert_output 5
}

@test "cs-classify: pass-through columns stay in place; NDJSON in gives NDJSON out" {
	new_store
	printf '{"bid":"B-1","uscc":"%s","score":"88.5"}\n' "$A" >in.ndjson
	run -0 --separate-stderr cs-classify in.ndjson
	assert_output "{\"bid\":\"B-1\",\"uscc\":\"$A\",\"score\":88.5,\"class\":\"B\",\"class_reason\":\"70.0<=score<90.0\"}"
}

@test "cs-classify: determinations hold whatever the order of the input" {
	scored_store
	# Sorted input is read in step with the store; out of order, each
	# entity is looked up.
	printf 'uscc,score,as_of\n%s,90.0,2026-11-27\n%s,60.0,2026-11-27\n%s,60.0,2026-11-27\n%s,60.0,2027-01-01\n' \
	    916101139578196374 "$J" "$J" "$J" >in.csv
	run -0 cs-classify -q in.csv
	assert_output - <<OUT
uscc,score,as_of,class,class_reason
916101139578196374,90.0,2026-11-27,A,score>=90.0
$J,60.0,2026-11-27,D,DEBTOR: dishonest judgment debtor in force (record JUD-J-1)
$J,60.0,2026-11-27,D,DEBTOR: dishonest judgment debtor in force (record JUD-J-1)
$J,60.0,2027-01-01,C,40.0<=score<70.0
OUT
}

@test "cs-classify: an active entry on the serious list is D, read in step or looked up" {
	scored_store
	entry=$(list_serious "$A" PEN-A-3)
	# In uscc order, then out of order, then on another day.
	printf 'uscc,score,as_of\n%s,95.0,2026-11-27\n%s,95.0,2026-11-27\n%s,95.0,2026-11-27\n%s,95.0,2026-10-13\n' \
	    "$A" "$J" "$A" "$A" >in.csv
	run -0 cs-classify -q in.csv
	assert_output - <<OUT
uscc,score,as_of,class,class_reason
$A,95.0,2026-11-27,D,LISTED: on the list of seriously dishonest entities (list entry $entry)
$J,95.0,2026-11-27,D,DEBTOR: dishonest judgment debtor in force (record JUD-J-1)
$A,95.0,2026-11-27,D,LISTED: on the list of seriously dishonest entities (list entry $entry)
$A,95.0,2026-10-13,A,score>=90.0
OUT
}

@test "cs-classify: on the key-attention list an entity is at best C (issue 11)" {
	scored_store
	# T has a general penalty (PEN-T-1): noticed 2026-09-30, listed
	# 2026-10-14 on the key list.
	entry=$(printf 'uscc,list,basis\n%s,key,PEN-T-1\n' "$T" |
	    cs-blacklist -q add --as-of=2026-09-30 | sed -n 2p | cut -d, -f1)
	printf 'entry_id,reason\n%s,basis confirmed\n' "$entry" |
	    cs-blacklist -q decide --as-of=2026-10-14 >/dev/null
	printf 'uscc,score,as_of\n%s,95.0,2026-10-13\n%s,95.0,2026-10-14\n%s,70.0,2026-11-27\n%s,40.0,2026-11-27\n%s,39.9,2026-11-27\n%s,60.0,2026-11-27\n' \
	    "$T" "$T" "$T" "$T" "$T" "$J" >in.csv
	run -0 --separate-stderr cs-classify in.csv
	assert_output - <<OUT
uscc,score,as_of,class,class_reason
$T,95.0,2026-10-13,A,score>=90.0
$T,95.0,2026-10-14,C,KEY_LIST: on the key-attention list: at best C (list entry $entry); score>=90.0
$T,70.0,2026-11-27,C,KEY_LIST: on the key-attention list: at best C (list entry $entry); 70.0<=score<90.0
$T,40.0,2026-11-27,C,40.0<=score<70.0
$T,39.9,2026-11-27,D,score<40.0
$J,60.0,2026-11-27,D,DEBTOR: dishonest judgment debtor in force (record JUD-J-1)
OUT
	assert_stderr 'cs-classify: classified A 1, B 0, C 3, D 2; rejected 0'
	# Once the entry is removed the ceiling is gone.
	printf 'entry_id,removal,reason\n%s,error,wrong entity\n' "$entry" |
	    cs-blacklist -q remove --as-of=2026-11-30 >/dev/null
	printf 'uscc,score,as_of\n%s,95.0,2026-11-30\n' "$T" >later.csv
	run -0 cs-classify -q later.csv
	assert_line -n 1 "$T,95.0,2026-11-30,A,score>=90.0"
}

@test "cs-classify: a determination gives class or at_best, not both (issue 11)" {
	new_store
	jq '.determinations[2].class = "D"' "$REPO/share/cs/models/public-credit.json" >both.json
	printf 'uscc,score\n%s,95.0\n' "$A" >in.csv
	run -69 --separate-stderr cs-classify --model=both.json in.csv
	assert_stderr "cs-classify: ./both.json: determinations[2]: expected one of \"class\" (the class it fixes) and \"at_best\" (the best class it allows)"
	jq '.determinations[2].at_best = "E"' "$REPO/share/cs/models/public-credit.json" >e.json
	run -69 --separate-stderr cs-classify --model=e.json in.csv
	assert_stderr "cs-classify: ./e.json: determinations[2].at_best: expected A, B, C or D"
}

@test "cs-classify: a CSV without a score column is fatal; an empty score is rejected" {
	new_store
	printf 'uscc\n%s\n' "$A" >in.csv
	run -65 --separate-stderr cs-classify in.csv
	assert_stderr "cs-classify: in.csv:1: no column 'score' in the header"
	printf 'uscc,score\n%s,\n' "$A" >in.csv
	run -1 --separate-stderr cs-classify in.csv
	assert_stderr - <<'ERR'
cs-classify: in.csv:2: required column 'score' is empty
cs-classify: classified A 0, B 0, C 0, D 0; rejected 1
ERR
}

@test "cs-classify: history takes none of the options of classifying" {
	run -64 --separate-stderr cs-classify --save history "$A"
	assert_stderr - <<'ERR'
cs-classify history: option '--save' does not apply to history
Try `cs-classify history --help' or `cs-classify history --usage' for more
information.
ERR
	run -64 --separate-stderr cs-classify history --save "$A"
	assert_stderr - <<'ERR'
cs-classify history: option '--save' does not apply to history
Try `cs-classify history --help' or `cs-classify history --usage' for more
information.
ERR
	run -64 --separate-stderr cs-classify history --previous=x.csv "$A"
	assert_equal "${stderr%%$'\n'*}" "cs-classify history: option '--previous' does not apply to history"
	run -64 --separate-stderr cs-classify history --rejects=r.csv "$A"
	assert_equal "${stderr%%$'\n'*}" "cs-classify history: option '--rejects' does not apply to history"
	[ ! -e r.csv ]
}

@test "cs-classify: history --help describes history (issue 16)" {
	run -0 --separate-stderr cs-classify history --help
	assert_line --index 0 'Usage: cs-classify history [OPTION...] USCC'
	assert_line --index 1 'List the classes --save recorded for an entity, oldest first.'
	refute_output --partial -- '--previous'
	refute_output --partial -- '--rejects'
	assert_output --partial -- '--to=FORMAT'
	assert_output --partial 'Exit status: see cs(7).'
}

@test "cs-classify: --model gives the determinations of a model of one's own" {
	scored_store
	jq '.id = "strict-2027" | .determinations[1].class = "C"' \
	    "$REPO/share/cs/models/public-credit.json" >strict.json
	cs-score -q --model=strict.json --all --as-of=2026-11-27 >s.csv
	run -1 --separate-stderr cs-classify s.csv
	assert_equal "${stderr%%$'\n'*}" "cs-classify: s.csv:2: model 'strict-2027' is not one of share/cs/models: give its file with --model"
	run -0 --separate-stderr cs-classify --model=strict.json s.csv
	assert_line -n 4 "$J,合肥蜀山诚峰酒店有限公司,60.0,strict-2027,2026-11-27,DEBTOR:-40.0,,C,DEBTOR: dishonest judgment debtor in force (record JUD-J-1)"
}

@test "cs-classify: help history is history --help; help alone is --help" {
	run -0 --separate-stderr cs-classify history --help
	local history_help=$output
	run -0 --separate-stderr cs-classify help history
	assert_output "$history_help"
	assert_stderr ''
	run -0 --separate-stderr cs-classify -q help history
	assert_output "$history_help"
	run -0 --separate-stderr cs-classify --help
	local help=$output
	assert_line --index 0 'Usage: cs-classify [OPTION...] [FILE...]'
	run -0 --separate-stderr cs-classify help
	assert_output "$help"
	assert_stderr ''
}

@test "cs-classify: help of a command that is not there is a usage error" {
	run -64 --separate-stderr cs-classify help histroy
	assert_output ''
	assert_stderr - <<'ERR'
cs-classify: unknown command 'histroy'; did you mean 'history'?
Try `cs-classify --help' or `cs-classify --usage' for more information.
ERR
	run -64 --separate-stderr cs-classify help scores.csv
	assert_stderr - <<'ERR'
cs-classify: unknown command 'scores.csv' (the one command is history)
Try `cs-classify --help' or `cs-classify --usage' for more information.
ERR
}

@test "cs-classify: a full stdout is said once, with the error of the write that failed" {
	new_store
	run -74 --separate-stderr bash -c "printf 'uscc,score\n91350100M000100Y43,80\n' | cs-classify --as-of=2026-11-26 >/dev/full"
	assert_stderr - <<'ERR'
cs-classify: write error on stdout: No space left on device
cs-classify: classified A 0, B 1, C 0, D 0; rejected 0
ERR
}

@test "cs-classify --save: a stdout that cannot take the classes saves none (issue 12)" {
	scored_store
	cs-score -q --all --as-of=2026-11-27 >s.csv
	run -74 --separate-stderr bash -c 'cs-classify --save s.csv >/dev/full'
	assert_stderr - <<'ERR'
cs-classify: write error on stdout: No space left on device
cs-classify: nothing of this run was stored
ERR
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'class'"
	assert_output 0
	# A re-run prints them and saves them.
	run -0 --separate-stderr cs-classify --save s.csv
	assert_line -n 0 --partial "uscc,name,score"
	assert_stderr - <<'ERR'
cs-classify: classified A 3, B 2, C 2, D 1; rejected 0
cs-classify: saved 8 classes, unchanged 0
ERR
	run -0 --separate-stderr cs-record verify
}

@test "cs-classify: a score outside the model's range is rejected (issue 12)" {
	new_store
	printf 'uscc,score\n%s,150\n%s,-5\n%s,100.1\n%s,100.0\n%s,0\n' "$A" "$F" "$J" "$T" "$U1" >in.csv
	run -1 --separate-stderr cs-classify in.csv
	assert_output - <<OUT
uscc,score,class,class_reason
$T,100.0,A,score>=90.0
$U1,0,D,score<40.0
OUT
	assert_stderr - <<'ERR'
cs-classify: in.csv:2: score '150' is outside 0.0 to 100.0, the range of model 'public-credit'
cs-classify: in.csv:3: score '-5' is outside 0.0 to 100.0, the range of model 'public-credit'
cs-classify: in.csv:4: score '100.1' is outside 0.0 to 100.0, the range of model 'public-credit'
cs-classify: classified A 1, B 0, C 0, D 1; rejected 3
ERR
	# The range is the model's: floor and ceiling.
	jq '.id = "wide" | .ceiling = "150"' \
	    "$REPO/share/cs/models/public-credit.json" >wide.json
	run -1 --separate-stderr cs-classify --model=wide.json in.csv
	assert_line -n 1 "$A,150,A,score>=90.0"
	assert_equal "${stderr%%$'\n'*}" "cs-classify: in.csv:3: score '-5' is outside 0.0 to 150.0, the range of model 'wide'"
}

@test "cs-classify: --progress counts rows and ends its line (issue 16)" {
	new_store
	printf 'uscc,score\n%s,90.0\n%s,50\n' "$A" "$F" >in.csv
	CS_TEST_CLOCK=1 run -0 --separate-stderr cs-classify --progress in.csv
	assert_stderr - <<'ERR'
cs-classify: 2 rows in 0:01, 2 rows/s
cs-classify: classified A 1, B 0, C 1, D 0; rejected 0
ERR
}

@test "cs-classify: the tools of a pipeline keep each its own progress line (issue 16)" {
	new_store
	"$CS_BUILD/bench/gen" entities 3000 >e.csv
	cs-record -q add --entities e.csv
	# What stays on the screen: of each line, the text after its last
	# carriage return.
	run -0 on_terminal "CS_TEST_CLOCK=1 cs-score --all --progress \
	    --as-of=2026-11-26 | CS_TEST_CLOCK=1 cs-classify --progress \
	    --as-of=2026-11-26 >cl.csv"
	run -0 bash -c "sed 's/~\$//; s/.*~//; s/^\\\$//; s/\\\$\$//' term.out.txt | sort"
	assert_output - <<'OUT'
cs-classify: 600 rows in 0:03, 200 rows/s
cs-classify: classified A 600, B 0, C 0, D 0; rejected 0
cs-score: 600 entities in 0:03, 200 entities/s
cs-score: scored 600, rejected 0
OUT
}

@test "cs-classify: a header lacking uscc stops before any row, naming the column it may be (issue 16)" {
	new_store
	printf 'usc,score\n' >in.csv
	run -65 --separate-stderr cs-classify in.csv
	assert_output ''
	assert_stderr "cs-classify: in.csv:1: no column 'uscc' in the header ('usc' may be 'uscc')"
}
