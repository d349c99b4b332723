#!/usr/bin/env bats
# cs-sample: frames and their hashes, draws pinned to their bytes, order
# independence and stability, rates, seeds, inspectors, recording and
# escalation, verify, and the listing of draws with their results.
bats_require_minimum_version 1.5.0
load helpers

F="$FIXTURES/sample"
SEED=20261127-dice-4-6-1-3
HASH=c51b3c6f01696f581c176d23ee26eb3d3ec9c9c81b626f5e66d2ec03c46fc48a

# A plan file in the test directory: plan NAME CLASSES-JSON [EXTRA-JSON]
plan() {
	printf '{"id":"%s","period":"P1Y","classes":%s%s}\n' "$1" "$2" \
	    "${3:+,$3}" >"$1.json"
}

# The first 200 entities of bench/gen, a line "USCC,A" each.
class_a_200() {
	"$CS_BUILD/bench/gen" entities 1000 |
	    awk -F, 'NR > 1 && NR <= 201 { print $1 ",A" }'
}

@test "cs-sample frame: the canonical frame and its hash" {
	new_store
	run -0 --separate-stderr cs-sample frame --plan=general \
	    --as-of=2026-11-27 "$F/classes.csv"
	printf '%s\n' "$output" >frame.csv
	assert_same_file "$F/frame.out.csv" frame.csv
	[ "$stderr" = "cs-sample: frame_hash $HASH
cs-sample: frame of 40 entities (A 10, B 15, C 10, D 5); left out: 0 drawn after 2025-11-26, 0 deregistered, 0 rejected" ]
	[ "$(sha256sum <frame.csv)" = "$HASH  -" ]
}

@test "cs-sample frame: -o writes FRAME and FRAME.sha256 for sha256sum -c" {
	new_store
	run -0 --separate-stderr cs-sample frame -q --plan=general \
	    -o frame.csv "$F/classes.csv"
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: frame_hash $HASH" ]
	assert_same_file "$F/frame.out.csv" frame.csv
	[ "$(cat frame.csv.sha256)" = "$HASH  frame.csv" ]
	sha256sum -c --quiet frame.csv.sha256
	[ ! -e frame.csv.tmp ]
	run -73 --separate-stderr cs-sample frame -q --plan=general \
	    -o no-such-dir/frame.csv "$F/classes.csv"
	[ "$stderr" = "cs-sample: cannot create 'no-such-dir/frame.csv': No such file or directory" ]
}

@test "cs-sample frame: an input that cannot be read writes no frame and no hash (66)" {
	new_store
	run -66 --separate-stderr cs-sample frame --plan=general \
	    --as-of=2026-11-27 -o frame.csv "$F/classes.csv" no-such.csv
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: no-such.csv: No such file or directory
cs-sample: no frame written: an input could not be read" ]
	[ ! -e frame.csv ] && [ ! -e frame.csv.sha256 ] && [ ! -e frame.csv.tmp ]
	run -66 --separate-stderr cs-sample frame --plan=general \
	    --as-of=2026-11-27 no-such.csv "$F/classes.csv"
	[ -z "$output" ]
}

@test "cs-sample frame: no hash is told of a frame that did not reach stdout whole" {
	new_store
	printf 'uscc,class,name\n91110000600037341N,A,x\n' >bad.csv
	run -74 --separate-stderr bash -c "cs-sample frame --plan=general \
	    --rejects=rj.csv '$F/classes.csv' bad.csv >/dev/full"
	[ "$stderr" = "cs-sample: bad.csv:2: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-sample: write error on stdout: No space left on device" ]
	# The rejected row is kept all the same.
	[ "$(sed -n 2p rj.csv)" = "91110000600037341N,A,x,2,uscc '91110000600037341N' has a wrong check character (expected 'L')" ]
}

@test "cs-sample frame: input order and aliases do not change the bytes" {
	new_store
	{ echo '统一社会信用代码,class,name'; tail -n +2 "$F/classes.csv" | sort -r; } >rev.csv
	cs-sample frame -q --plan=general -o frame.csv rev.csv 2>/dev/null
	assert_same_file "$F/frame.out.csv" frame.csv
}

@test "cs-sample frame: bad rows are rejected with file:line, the rest framed" {
	new_store
	{ head -3 "$F/classes.csv"; echo '913601025489061074,B,x'; echo '911201015934737507,E,y'; echo '91350100M000100Y44,B,z'; } >in.csv
	run -1 --separate-stderr cs-sample frame --plan=general \
	    --as-of=2026-11-27 --rejects=bad.csv in.csv
	assert_output "uscc,class
91230103178750896B,A
913601025489061073,A"
	[ "$stderr" = "cs-sample: in.csv:4: uscc '913601025489061074' has a wrong check character (expected '3')
cs-sample: in.csv:5: class 'E' is not a class of plan 'general' (A, B, C, D)
cs-sample: in.csv:6: uscc '91350100M000100Y44' is an early pilot code that fails the check character rule (expected '3')
cs-sample: frame_hash $(printf 'uscc,class\n91230103178750896B,A\n913601025489061073,A\n' | sha256sum | cut -c1-64)
cs-sample: frame of 2 entities (A 2, B 0, C 0, D 0); left out: 0 drawn after 2025-11-26, 0 deregistered, 3 rejected" ]
	[ "$(cut -d, -f1,4 bad.csv)" = "uscc,_line
913601025489061074,4
911201015934737507,5
91350100M000100Y44,6" ]
}

@test "cs-sample frame: an entity twice stops the run (65)" {
	new_store
	{ cat "$F/classes.csv"; sed -n 3p "$F/classes.csv"; } >dup.csv
	run -65 --separate-stderr cs-sample frame --plan=general dup.csv
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: dup.csv:42: uscc '91230103178750896B' is also at dup.csv:3; a frame holds an entity once" ]
}

@test "cs-sample frame: a header without class stops the run (65)" {
	new_store
	printf 'uscc,name\n913601025489061073,x\n' >in.csv
	run -65 --separate-stderr cs-sample frame --plan=general in.csv
	[ "$stderr" = "cs-sample: in.csv:1: no column 'class' in the header" ]
}

@test "cs-sample frame: deregistered entities are left out" {
	new_store
	printf 'uscc,name,status\n913601025489061073,a,deregistered\n91230103178750896B,b,active\n' >ent.csv
	cs-record -q add --entities ent.csv
	run -0 --separate-stderr cs-sample frame --plan=general \
	    --as-of=2026-11-27 "$F/classes.csv"
	refute_line --partial 913601025489061073
	assert_line '91230103178750896B,A'
	[ "${stderr##*$'\n'}" = "cs-sample: frame of 39 entities (A 9, B 15, C 10, D 5); left out: 0 drawn after 2025-11-26, 1 deregistered, 0 rejected" ]
}

@test "cs-sample frame: skip_recent leaves out recent draws, except class D" {
	new_store
	cs-sample frame -q --plan=general -o frame.csv "$F/classes.csv" 2>/dev/null
	cs-sample draw -q --plan=general --seed="$SEED" --as-of=2026-03-01 \
	    --record frame.csv >/dev/null
	# P1Y from 2026-03-01 runs through 2027-03-01 (the day of the draw
	# is not counted); from 2027-03-02 the draw no longer counts.
	run -0 --separate-stderr cs-sample frame --plan=general \
	    --as-of=2027-03-02 "$F/classes.csv"
	[ "${stderr##*$'\n'}" = "cs-sample: frame of 40 entities (A 10, B 15, C 10, D 5); left out: 0 drawn after 2026-03-01, 0 deregistered, 0 rejected" ]
	run -0 --separate-stderr cs-sample frame --plan=general \
	    --as-of=2027-03-01 "$F/classes.csv"
	[ "${stderr##*$'\n'}" = "cs-sample: frame of 37 entities (A 9, B 14, C 9, D 5); left out: 3 drawn after 2026-02-28, 0 deregistered, 0 rejected" ]
	refute_line --partial 913601025489061073
	assert_line '914501032233185421,D'
	assert_line '911201015934737507,D'
}

@test "cs-sample frame --saved: the classes cs-classify saved" {
	command -v cs-classify >/dev/null || skip "needs cs-classify"
	new_store
	printf 'uscc,score\n913601025489061073,95\n91230103178750896B,20\n' >scores.csv
	cs-classify -q --save --as-of=2026-11-27 scores.csv >/dev/null
	run -0 --separate-stderr cs-sample frame -q --plan=general --saved \
	    --as-of=2026-11-27
	assert_output "uscc,class
91230103178750896B,D
913601025489061073,A"
}

@test "cs-sample draw: the lowest tickets per class, pinned" {
	run -0 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    "$F/frame.out.csv"
	printf '%s\n' "$output" >sample.csv
	assert_same_file "$F/draw.out.csv" sample.csv
	[ "$stderr" = "cs-sample: drew 5 targets (A 1 of 10, B 1 of 15, C 1 of 10, D 2 of 5); frame_hash $HASH" ]
}

@test "cs-sample draw: an independent implementation gives the same bytes" {
	command -v python3 >/dev/null || skip "needs python3"
	python3 "$F/reference.py" "$SEED" "$F/frame.out.csv" >ref.csv
	assert_same_file "$F/draw.out.csv" ref.csv
}

@test "cs-sample draw: shuffled input gives the same bytes; stdin is spooled" {
	{ head -1 "$F/frame.out.csv"; tail -n +2 "$F/frame.out.csv" | sort -r; } >rev.csv
	cs-sample draw -q --plan=general --seed="$SEED" rev.csv >a.csv
	assert_same_file "$F/draw.out.csv" a.csv
	cat rev.csv | cs-sample draw -q --plan=general --seed="$SEED" >b.csv
	assert_same_file "$F/draw.out.csv" b.csv
	cs-sample draw -q --plan=general --seed="$SEED" - <rev.csv >c.csv
	assert_same_file "$F/draw.out.csv" c.csv
}

@test "cs-sample draw: CRLF and NDJSON frames draw the same targets" {
	sed 's/$/\r/' "$F/frame.out.csv" >crlf.csv
	cs-sample draw -q --plan=general --seed="$SEED" crlf.csv >a.csv
	assert_same_file "$F/draw.out.csv" a.csv
	tail -n +2 "$F/frame.out.csv" |
	    awk -F, '{ printf "{\"uscc\":\"%s\",\"class\":\"%s\"}\n", $1, $2 }' >f.ndjson
	cs-sample draw -q --plan=general --seed="$SEED" --to=csv f.ndjson >b.csv
	assert_same_file "$F/draw.out.csv" b.csv
	run -0 cs-sample draw -q --plan=general --seed="$SEED" f.ndjson
	assert_line --index 0 '{"uscc":"913601025489061073","class":"A","ticket":"0.09205388532091926684809701879473416397565951632142797023509728673573048203455","rank":1}'
}

@test "cs-sample draw: removing a pick leaves the others; the next ticket fills in" {
	plan fixed '{"A":{"count":3},"B":{"count":3},"C":{"count":3},"D":{"count":3}}'
	cs-sample draw -q --plan=./fixed.json --seed="$SEED" "$F/frame.out.csv" >all.csv
	gone=$(sed -n 3p all.csv | cut -d, -f1)
	grep -v "^$gone," "$F/frame.out.csv" >less.csv
	cs-sample draw -q --plan=./fixed.json --seed="$SEED" less.csv >after.csv
	plan fixed4 '{"A":{"count":4},"B":{"count":3},"C":{"count":3},"D":{"count":3}}'
	cs-sample draw -q --plan=./fixed4.json --seed="$SEED" "$F/frame.out.csv" |
	    grep -v "^$gone," | cut -d, -f1-3 >want.csv
	cut -d, -f1-3 after.csv >got.csv
	assert_same_file want.csv got.csv
}

@test "cs-sample draw: counts from decimal rates in integers" {
	# 200 and 199 entities of class A, none of B.
	class_a_200 >a200
	{ echo uscc,class; cat a200; } >f200.csv
	{ echo uscc,class; head -199 a200; } >f199.csv
	plan r '{"A":{"rate":"0.015"},"B":{"rate":"0.015","min":1},"C":{"rate":"1"}}'
	run -0 --separate-stderr cs-sample draw --plan=./r.json --seed=s f200.csv
	[ "$stderr" = "cs-sample: drew 3 targets (A 3 of 200, B 0 of 0, C 0 of 0); frame_hash $(sha256sum <f200.csv | cut -c1-64)" ]
	run -0 --separate-stderr cs-sample draw -q --plan=./r.json --seed=s f199.csv
	[ "${#lines[@]}" -eq 4 ]
	sed 's/,A$/,C/' f199.csv >c199.csv
	run -0 --separate-stderr cs-sample draw --plan=./r.json --seed=s c199.csv
	[ "$stderr" = "cs-sample: drew 199 targets (A 0 of 0, B 0 of 0, C 199 of 199); frame_hash $(sha256sum <c199.csv | cut -c1-64)" ]
}

@test "cs-sample: summaries say 1 target, 1 entity" {
	new_store
	printf 'uscc,class\n913601025489061073,A\n' >one.csv
	run -0 --separate-stderr cs-sample frame --plan=general --as-of=2026-11-27 \
	    -o f.csv one.csv
	[ "${stderr##*$'\n'}" = "cs-sample: frame of 1 entity (A 1, B 0, C 0, D 0); left out: 0 drawn after 2025-11-26, 0 deregistered, 0 rejected" ]
	H=$(sha256sum <f.csv | cut -c1-64)
	run -0 --separate-stderr cs-sample draw --plan=general --seed=s f.csv
	printf '%s\n' "$output" >s.csv
	[ "$stderr" = "cs-sample: drew 1 target (A 1 of 1, B 0 of 0, C 0 of 0, D 0 of 0); frame_hash $H" ]
	run -0 --separate-stderr cs-sample verify --plan=general --seed=s f.csv s.csv
	[ "$stderr" = "cs-sample: verified: s.csv is the draw of f.csv (frame_hash $H, 1 target)" ]
	run -0 --separate-stderr cs-sample draw --plan=general --seed=s --record f.csv
	run -0 --separate-stderr cs-sample draws --targets
	[ "$stderr" = "cs-sample: 1 target open" ]
}

@test "cs-sample draw: min raises the count above ceil(N x rate)" {
	class_a_200 >a200
	{ echo uscc,class; cat a200; } >f200.csv
	plan m '{"A":{"rate":"0.015","min":5}}'
	run -0 --separate-stderr cs-sample draw --plan=./m.json --seed=s f200.csv
	[ "$stderr" = "cs-sample: drew 5 targets (A 5 of 200); frame_hash $(sha256sum <f200.csv | cut -c1-64)" ]
	# The 3 of ceil(200 x 0.015) come first, in the same order.
	plan r '{"A":{"rate":"0.015"}}'
	cs-sample draw -q --plan=./r.json --seed=s f200.csv >r.csv
	[ "$(head -4 <<<"$output")" = "$(cat r.csv)" ]
}

@test "cs-sample draw: distinct_units false takes the first eligible inspectors" {
	printf 'inspector_id,name,unit,region,capacity\na,A,u1,1,\nb,B,u1,1,\nc,C,u1,1,\nd,D,u1,1,\ne,E,u2,1,\n' >ins.csv
	q='{"A":{"count":2},"B":{"count":2},"C":{"count":2},"D":{"count":2}}'
	plan same "$q" '"distinct_units":false'
	plan dist "$q" '"distinct_units":true'
	run -0 cs-sample draw -q --plan=./same.json --seed="$SEED" \
	    --inspectors=ins.csv "$F/frame.out.csv"
	[ "$(cut -d, -f1,5,6 <<<"$output")" = "uscc,inspector_1,inspector_2
913601025489061073,b,a
9131010458766442XW,e,b
9135010262642274XR,a,c
91440304847354007P,b,e
91440106814405015F,b,d
91110108074094599J,c,d
914501032233185421,c,d
911201015934737507,b,c" ]
	printf '%s\n' "$output" >s.csv
	run -0 cs-sample verify -q --plan=./same.json --seed="$SEED" \
	    --inspectors=ins.csv "$F/frame.out.csv" s.csv
	# With distinct units, every pair has the one inspector of u2.
	run -0 cs-sample draw -q --plan=./dist.json --seed="$SEED" \
	    --inspectors=ins.csv "$F/frame.out.csv"
	[ "$(cut -d, -f1,5,6 <<<"$output")" = "uscc,inspector_1,inspector_2
913601025489061073,b,e
9131010458766442XW,e,b
9135010262642274XR,a,e
91440304847354007P,b,e
91440106814405015F,b,e
91110108074094599J,c,e
914501032233185421,c,e
911201015934737507,b,e" ]
}

@test "cs-sample draw: the seed is required and used byte for byte" {
	run -64 --separate-stderr cs-sample draw --plan=general "$F/frame.out.csv"
	[ "${stderr%%$'\n'*}" = "cs-sample draw: needs --seed or --seed-file: there is no draw without a published seed" ]
	run -64 --separate-stderr cs-sample draw --plan=general --seed= "$F/frame.out.csv"
	[ "${stderr%%$'\n'*}" = "cs-sample draw: the seed is empty" ]
	printf '%s\n' "$SEED" >seed.txt
	run -64 --separate-stderr cs-sample draw --plan=general --seed=x --seed-file=seed.txt "$F/frame.out.csv"
	[ "${stderr%%$'\n'*}" = "cs-sample draw: --seed and --seed-file exclude each other" ]
	# A seed file's final newline is dropped; any other byte counts.
	cs-sample draw -q --plan=general --seed-file=seed.txt "$F/frame.out.csv" >a.csv
	assert_same_file "$F/draw.out.csv" a.csv
	printf '%s\n\n' "$SEED" >seed2.txt
	cs-sample draw -q --plan=general --seed-file=seed2.txt "$F/frame.out.csv" >b.csv
	run ! cmp -s a.csv b.csv
	cs-sample draw -q --plan=general --seed="$SEED " "$F/frame.out.csv" >c.csv
	run ! cmp -s a.csv c.csv
}

@test "cs-sample draw: a seed that is not UTF-8 text is refused up front" {
	new_store
	run -64 --separate-stderr cs-sample draw --plan=general \
	    --seed="$(printf 'ab\377c')" --record "$F/frame.out.csv"
	[ -z "$output" ]
	[ "${stderr%%$'\n'*}" = "cs-sample draw: invalid --seed: not UTF-8 at byte 3 (a seed is published text)" ]
	printf 'ab\377c\n' >bad.txt
	run -65 --separate-stderr cs-sample draw --plan=general \
	    --seed-file=bad.txt --record "$F/frame.out.csv"
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: bad.txt: the seed is not UTF-8 at byte 3 (a seed is published text)" ]
	printf 'ab\0c' >nul.txt
	run -65 --separate-stderr cs-sample draw --plan=general \
	    --seed-file=nul.txt "$F/frame.out.csv"
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: nul.txt: the seed holds a NUL byte at byte 3 (a seed is published text)" ]
	run -65 --separate-stderr cs-sample verify --plan=general \
	    --seed-file=nul.txt "$F/frame.out.csv" "$F/draw.out.csv"
	[ "$stderr" = "cs-sample: nul.txt: the seed holds a NUL byte at byte 3 (a seed is published text)" ]
	run -0 cs-sample draws
	assert_output "draw_id,plan,period,drawn_on,targets,done,open,escalations,seed,frame_hash,seq"
}

@test "cs-sample draw --record: a store that is busy prints no sample (75)" {
	new_store
	run -0 while_busy "cs-sample draw --plan=general --seed=$SEED --record $F/frame.out.csv"
	[ "$(cat rc)" = 75 ]
	[ ! -s out ]
	[ "$(cat err)" = "cs-sample: store '$CS_DB' is busy: another process holds it; retry later" ]
	run -0 cs-sample draws
	[ "${#lines[@]}" -eq 1 ]
}

@test "cs-sample draw: a frame that is not clean stops the draw (65)" {
	{ cat "$F/frame.out.csv"; echo '913601025489061074,B'; } >bad.csv
	run -65 --separate-stderr cs-sample draw --plan=general --seed=s bad.csv
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: bad.csv:42: uscc '913601025489061074' has a wrong check character (expected '3'): a frame must be clean (see cs-sample frame)" ]
	{ cat "$F/frame.out.csv"; echo '9135010262642274xr,B'; } >low.csv
	run -65 --separate-stderr cs-sample draw --plan=general --seed=s low.csv
	[ "$stderr" = "cs-sample: low.csv:42: uscc '9135010262642274xr' is not written as '9135010262642274XR': a frame holds canonical USCCs (see cs-sample frame)" ]
}

@test "cs-sample draw: an entity listed twice stops the draw (65)" {
	class_a_200 | sort >a200
	{ echo uscc,class; head -100 a200; sed -n 100p a200; tail -n +101 a200; } >dup.csv
	plan r '{"A":{"rate":"0.015"}}'
	run -65 --separate-stderr cs-sample draw --plan=./r.json --seed=s dup.csv
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: dup.csv:102: uscc '$(sed -n 100p a200 | cut -d, -f1)' is also at line 101; a frame lists each entity once" ]
	# Unsorted, an entity twice among the picks: in two classes, or one.
	printf 'uscc,class
91440106814405015F,C
913601025489061073,C
91440106814405015F,A
' >x.csv
	plan all '{"A":{"rate":"1"},"C":{"rate":"1"}}'
	run -65 --separate-stderr cs-sample draw --plan=./all.json --seed=s x.csv
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: x.csv: uscc '91440106814405015F' is in the frame twice; a frame lists each entity once" ]
	printf 'uscc,class
91440106814405015F,C
913601025489061073,C
91440106814405015F,C
' >y.csv
	run -65 --separate-stderr cs-sample draw --plan=./all.json --seed=s y.csv
	[ "$stderr" = "cs-sample: y.csv: uscc '91440106814405015F' is in the frame twice; a frame lists each entity once" ]
}

@test "cs-sample draw: plans are checked; fewer than 2 inspectors are refused" {
	plan one '{"A":{"rate":"0.1"}}' '"inspectors_per_target":1'
	run -69 --separate-stderr cs-sample draw --plan=./one.json --seed=s "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: ./one.json: inspectors_per_target: 1 is fewer than the 2 inspectors per target the rules require" ]
	plan bad '{"A":{"rate":"1.5"}}'
	run -69 --separate-stderr cs-sample draw --plan=./bad.json --seed=s "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: ./bad.json: classes.A.rate: expected a decimal from \"0\" to \"1\" as a string, like \"0.015\"" ]
	run -69 --separate-stderr cs-sample draw --plan=nosuch --seed=s "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: $REPO/share/cs/sampling/nosuch.json: cannot read the plan (is --plan right?)" ]
	plan many "{$(seq -f '"c%03g":{"rate":"0.1"}' 0 255 | paste -sd,)}"
	run -69 --separate-stderr cs-sample draw --plan=./many.json --seed=s "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: ./many.json: classes: 256 classes; a plan has at most 255" ]
	plan most "{$(seq -f '"c%03g":{"rate":"0.1"}' 0 254 | paste -sd,)}"
	printf 'uscc,class\n913601025489061073,c254\n' >f.csv
	run -0 cs-sample draw -q --plan=./most.json --seed=s f.csv
	assert_line --index 1 --partial '913601025489061073,c254,0.'
}

@test "cs-sample draw: inspectors ranked per target, capacity and distinct units" {
	run -0 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --inspectors="$F/inspectors.csv" "$F/classes.csv"
	printf '%s\n' "$output" >a.csv
	assert_same_file "$F/assign.out.csv" a.csv
	# ins-01 has capacity 3 and is used 3 times; each pair spans two units.
	[ "$(grep -c ins-01 a.csv)" -eq 3 ]
}

@test "cs-sample draw: an inspector with a conflict is never assigned" {
	cs-sample draw -q --plan=general --seed="$SEED" --inspectors="$F/inspectors.csv" \
	    "$F/frame.out.csv" >a.csv
	line=$(sed -n 2p a.csv)
	uscc=${line%%,*}
	first=$(echo "$line" | cut -d, -f5)
	printf 'inspector_id,uscc,reason\n%s,%s,former employee\n' "$first" "$uscc" >conf.csv
	cs-sample draw -q --plan=general --seed="$SEED" --inspectors="$F/inspectors.csv" \
	    --conflicts=conf.csv "$F/frame.out.csv" >b.csv
	run grep "^$uscc," b.csv
	refute_output --partial "$first"
	printf 'inspector_id,uscc,reason\nins-99,%s,x\n' "$uscc" >conf2.csv
	run -65 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --inspectors="$F/inspectors.csv" --conflicts=conf2.csv "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: conf2.csv:2: no inspector 'ins-99' in $F/inspectors.csv" ]
}

@test "cs-sample draw: a target without enough inspectors is unassigned (exit 1)" {
	printf 'inspector_id,name,unit,region,capacity\na,A,u1,1,1\nb,B,u2,1,1\nc,C,u1,1,1\nd,D,u2,1,1\n' >ins.csv
	run -1 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --inspectors=ins.csv "$F/frame.out.csv"
	# In ticket order: C (b, c from two units), D rank 1 (d, a), then
	# every inspector is at capacity.
	assert_output "uscc,class,ticket,rank,inspector_1,inspector_2,unassigned
913601025489061073,A,0.09205388532091926684809701879473416397565951632142797023509728673573048203455,1,,,\"only 0 eligible inspectors (2 needed): 0 with a conflict, 4 at capacity\"
9135010262642274XR,B,0.36109027513407843257801504159126126690329111463193708476364072194590610530868,1,,,\"only 0 eligible inspectors (2 needed): 0 with a conflict, 4 at capacity\"
91440106814405015F,C,0.00483270311103107788535015620092059674196846831047870509316173350110034978507,1,b,c,
914501032233185421,D,0.05235433366065975536323244425540786782745124114094868692043324142933904290295,1,d,a,
911201015934737507,D,0.37350196255276376148504473112362770584002532620848108418738552519567850401106,2,,,\"only 0 eligible inspectors (2 needed): 0 with a conflict, 4 at capacity\""
	[ "$stderr" = "cs-sample: target '913601025489061073' (class A, rank 1) is unassigned: only 0 eligible inspectors (2 needed): 0 with a conflict, 4 at capacity
cs-sample: target '9135010262642274XR' (class B, rank 1) is unassigned: only 0 eligible inspectors (2 needed): 0 with a conflict, 4 at capacity
cs-sample: target '911201015934737507' (class D, rank 2) is unassigned: only 0 eligible inspectors (2 needed): 0 with a conflict, 4 at capacity
cs-sample: drew 5 targets (A 1 of 10, B 1 of 15, C 1 of 10, D 2 of 5); frame_hash $HASH" ]
}

@test "cs-sample draw: distinct units are a rule: with no second unit free the target is unassigned (issue 11)" {
	# u2 has one inspector, of capacity 1: after C takes b, only u1 is left.
	printf 'inspector_id,name,unit,region,capacity\na,A,u1,1,1\nb,B,u2,1,1\nc,C,u1,1,2\nd,D,u1,1,1\n' >ins.csv
	run -1 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --inspectors=ins.csv "$F/frame.out.csv"
	why='the eligible inspectors are of only 1 unit (2 of distinct units needed): 2 eligible, 0 with a conflict, 2 at capacity'
	assert_output "uscc,class,ticket,rank,inspector_1,inspector_2,unassigned
913601025489061073,A,0.09205388532091926684809701879473416397565951632142797023509728673573048203455,1,,,\"$why\"
9135010262642274XR,B,0.36109027513407843257801504159126126690329111463193708476364072194590610530868,1,,,\"$why\"
91440106814405015F,C,0.00483270311103107788535015620092059674196846831047870509316173350110034978507,1,b,d,
914501032233185421,D,0.05235433366065975536323244425540786782745124114094868692043324142933904290295,1,,,\"$why\"
911201015934737507,D,0.37350196255276376148504473112362770584002532620848108418738552519567850401106,2,,,\"$why\""
	[ "$stderr" = "cs-sample: target '913601025489061073' (class A, rank 1) is unassigned: $why
cs-sample: target '9135010262642274XR' (class B, rank 1) is unassigned: $why
cs-sample: target '914501032233185421' (class D, rank 1) is unassigned: $why
cs-sample: target '911201015934737507' (class D, rank 2) is unassigned: $why
cs-sample: drew 5 targets (A 1 of 10, B 1 of 15, C 1 of 10, D 2 of 5); frame_hash $HASH" ]
}

@test "cs-sample draw --record: once per plan and period; escalation keeps the picks" {
	new_store
	cs-sample draw -q --plan=general --seed="$SEED" --as-of=2026-11-27 \
	    --record "$F/frame.out.csv" >r1.csv
	assert_same_file "$F/draw.out.csv" r1.csv
	run -65 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --as-of=2026-12-01 --record "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: draw 'general:2026' is recorded already (ledger seq 2); --escalate=N adds tickets to it" ]
	run -65 --separate-stderr cs-sample draw --plan=general --seed=other \
	    --as-of=2026-12-01 --record --escalate=1 "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: the seed differs from the one of recorded draw 'general:2026': an escalation continues the same draw" ]
	run -0 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --as-of=2026-12-01 --record --escalate=1 "$F/frame.out.csv"
	[ "${stderr##*$'\n'}" = "cs-sample: recorded draw 'general:2026' round 2 (ledger seq 3)" ]
	assert_line --index 0 "uscc,class,ticket,rank,round"
	[ "${#lines[@]}" -eq 10 ]
	# Every earlier pick is still there with its rank, in round 1.
	cut -d, -f1-4 "$F/draw.out.csv" | tail -n +2 | while IFS= read -r p; do
		grep -q "^$p,1$" <<<"$output"
	done
	run -0 cs-sample draws
	assert_line --index 1 "general:2026,general,2026,2026-11-27,9,0,9,1,$SEED,$HASH,3"
	run -0 cs-record verify -q
	run -65 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --as-of=2027-01-02 --record --escalate=1 "$F/frame.out.csv"
	[ "$stderr" = "cs-sample: no recorded draw 'general:2027' to escalate" ]
}

@test "cs-sample draw --record --escalate --inspectors: earlier picks keep their inspectors" {
	new_store
	cs-sample draw -q --plan=general --seed="$SEED" --as-of=2026-11-27 \
	    --inspectors="$F/inspectors.csv" --record "$F/frame.out.csv" >r1.csv
	cs-sample draws --targets >t1.csv 2>/dev/null
	run -0 --separate-stderr cs-sample draw -q --plan=general --seed="$SEED" \
	    --as-of=2026-12-01 --inspectors="$F/inspectors.csv" --record \
	    --escalate=1 "$F/frame.out.csv"
	printf '%s\n' "$output" >r2.csv
	[ "$(wc -l <r2.csv)" -eq 10 ]
	# Each round-1 pick has the same rank and inspectors in round 2's output.
	tail -n +2 r1.csv | cut -d, -f1,4,5,6 | while IFS=, read -r u r a b; do
		grep -qx "$u,[A-D],[0-9.]*,$r,1,$a,$b," r2.csv
	done
	# ins-01 (capacity 3) was used up in round 1.
	[ "$(grep -c ins-01 r2.csv)" -eq 3 ]
	run -0 cs-sample draws --targets -q
	[ "$(grep ',1,2026-11-27,' <<<"$output")" = "$(tail -n +2 t1.csv)" ]
	[ "$(grep -c ',2,2026-12-01,' <<<"$output")" -eq 4 ]
	head -6 "$F/inspectors.csv" >fewer.csv
	run -65 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --as-of=2026-12-02 --inspectors=fewer.csv --record --escalate=1 \
	    "$F/frame.out.csv"
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: the inspectors file differs from the one of recorded draw 'general:2026': an escalation continues the same draw" ]
}

@test "cs-sample draw --record --escalate: a changed plan is refused (65)" {
	new_store
	plan p '{"A":{"count":1},"B":{"count":1},"C":{"count":1},"D":{"count":1}}'
	cs-sample draw -q --plan=./p.json --seed="$SEED" --as-of=2026-11-27 \
	    --record "$F/frame.out.csv" >r1.csv
	[ "$(sqlite3 "$CS_DB" "SELECT json_extract(body, '$.plan_hash') FROM ledger WHERE seq = 2")" = "$(sha256sum <p.json | cut -c1-64)" ]
	plan p '{"A":{"count":2},"B":{"count":1},"C":{"count":1},"D":{"count":1}}'
	run -65 --separate-stderr cs-sample draw --plan=./p.json --seed="$SEED" \
	    --as-of=2026-12-01 --record --escalate=1 "$F/frame.out.csv"
	[ -z "$output" ]
	[ "$stderr" = "cs-sample: ./p.json: the plan differs from the one of recorded draw 'p:2026' (plan_hash): an escalation continues the same draw" ]
	plan p '{"A":{"count":1},"B":{"count":1},"C":{"count":1},"D":{"count":1}}'
	run -0 --separate-stderr cs-sample draw -q --plan=./p.json --seed="$SEED" \
	    --as-of=2026-12-01 --record --escalate=1 "$F/frame.out.csv"
	[ "${#lines[@]}" -eq 9 ]
}

@test "cs-sample verify: identical, then a changed row is named" {
	run -0 --separate-stderr cs-sample verify --plan=general --seed="$SEED" \
	    "$F/frame.out.csv" "$F/draw.out.csv"
	[ "$stderr" = "cs-sample: verified: $F/draw.out.csv is the draw of $F/frame.out.csv (frame_hash $HASH, 5 targets)" ]
	sed '4s/,C,/,B,/' "$F/draw.out.csv" >changed.csv
	run -1 --separate-stderr cs-sample verify --plan=general --seed="$SEED" \
	    "$F/frame.out.csv" changed.csv
	[ "$stderr" = "cs-sample: changed.csv:4: column 'class' is 'B', the draw gives 'C'
cs-sample: the sample does not verify against frame_hash $HASH" ]
	{ cat "$F/draw.out.csv"; tail -1 "$F/draw.out.csv"; } >more.csv
	run -1 --separate-stderr cs-sample verify -q --plan=general --seed="$SEED" \
	    "$F/frame.out.csv" more.csv
	[ "${stderr%%$'\n'*}" = "cs-sample: more.csv:7: a row the draw does not have" ]
	head -4 "$F/draw.out.csv" >less.csv
	run -1 --separate-stderr cs-sample verify -q --plan=general --seed="$SEED" \
	    "$F/frame.out.csv" less.csv
	[ "${stderr%%$'\n'*}" = "cs-sample: less.csv: ends after 3 rows; the draw has more, next '914501032233185421'" ]
	run -1 --separate-stderr cs-sample verify -q --plan=general --seed=other \
	    "$F/frame.out.csv" "$F/draw.out.csv"
	[[ "${stderr%%$'\n'*}" == "cs-sample: $F/draw.out.csv:2: column 'uscc' is '913601025489061073', the draw gives '"* ]]
}

@test "cs-sample verify: inspectors and escalation rounds are recomputed" {
	run -1 --separate-stderr cs-sample draw -q --plan=general --seed="$SEED" \
	    --inspectors="$F/inspectors.csv" --escalate=2 "$F/classes.csv"
	printf '%s\n' "$output" >s.csv
	assert_line --index 0 "uscc,class,ticket,rank,round,name,inspector_1,inspector_2,unassigned"
	run -0 cs-sample verify -q --plan=general --seed="$SEED" \
	    --inspectors="$F/inspectors.csv" --escalate=2 "$F/classes.csv" s.csv
	run -1 cs-sample verify -q --plan=general --seed="$SEED" \
	    --escalate=2 "$F/classes.csv" s.csv
}

@test "cs-sample draws: results of inspections close targets" {
	new_store
	cs-sample draw -q --plan=general --seed="$SEED" --as-of=2026-11-27 \
	    --inspectors="$F/inspectors.csv" --record "$F/frame.out.csv" >/dev/null
	printf 'uscc,type,authority,doc_no,decided_on,ref,result,content\n914501032233185421,inspection,市场监管局,JC-2026-1,2026-12-03,general:2026,pass,无问题\n' >res.csv
	cs-record -q add --as-of=2026-12-05 res.csv
	run -0 --separate-stderr cs-sample draws --targets
	assert_output "draw_id,uscc,class,rank,round,drawn_on,inspectors,unassigned,state,result,result_id,decided_on
general:2026,913601025489061073,A,1,1,2026-11-27,ins-02 ins-04,,open,,,
general:2026,9135010262642274XR,B,1,1,2026-11-27,ins-01 ins-03,,open,,,
general:2026,91440106814405015F,C,1,1,2026-11-27,ins-06 ins-01,,open,,,
general:2026,914501032233185421,D,1,1,2026-11-27,ins-01 ins-05,,done,pass,$(cs-record export --as-of=2026-11-26 --type=inspection | tail -1 | cut -d, -f1),2026-12-03
general:2026,911201015934737507,D,2,1,2026-11-27,ins-02 ins-05,,open,,,"
	[ "$stderr" = "cs-sample: 4 targets open" ]
	run -0 cs-sample draws --open -q
	[ "${#lines[@]}" -eq 5 ]
	run -0 cs-sample draws
	assert_line --index 1 "general:2026,general,2026,2026-11-27,5,1,4,,$SEED,$HASH,2"
	run -1 --separate-stderr cs-sample draws --draw=general:2025
	[ "$stderr" = "cs-sample: no draw 'general:2025' in the store" ]
}

@test "cs-sample draws: a result other than pass, issues or fail is invalid, not done" {
	new_store
	cs-sample draw -q --plan=general --seed="$SEED" --as-of=2026-11-27 \
	    --record "$F/frame.out.csv" >/dev/null
	printf 'uscc,type,authority,doc_no,decided_on,ref,result\n%s\n%s\n%s\n' \
	    '914501032233185421,inspection,市场监管局,JC-1,2026-12-03,general:2026,issues' \
	    '911201015934737507,inspection,市场监管局,JC-2,2026-12-03,general:2026,' \
	    '91440106814405015F,inspection,市场监管局,JC-3,2026-12-03,general:2026,maybe' >res.csv
	cs-record -q add --as-of=2026-12-05 res.csv
	run -0 --separate-stderr cs-sample draws --targets
	[ "$(cut -d, -f2,9,10 <<<"$output")" = "uscc,state,result
913601025489061073,open,
9135010262642274XR,open,
91440106814405015F,invalid,maybe
914501032233185421,done,issues
911201015934737507,invalid," ]
	[ "$stderr" = "cs-sample: 4 targets open, 2 of them with an invalid result (not pass, issues or fail)" ]
	run -0 cs-sample draws --open -q
	[ "${#lines[@]}" -eq 5 ]
	run -0 cs-sample draws
	assert_line --index 1 "general:2026,general,2026,2026-11-27,5,1,4,,$SEED,$HASH,2"
}

@test "cs-sample: usage errors" {
	run -64 --separate-stderr cs-sample frame "$F/classes.csv"
	[ "${stderr%%$'\n'*}" = "cs-sample frame: needs --plan" ]
	run -64 --separate-stderr cs-sample verify --plan=general --seed=s a.csv
	[ "${stderr%%$'\n'*}" = "cs-sample verify: needs FRAME and SAMPLE" ]
	run -64 --separate-stderr cs-sample draw --plan=general --seed=s --escalate=0
	[ "${stderr%%$'\n'*}" = "cs-sample draw: invalid --escalate '0': expected a whole number from 1 to 100000000" ]
	run -64 --separate-stderr cs-sample frame --plan=general --to=ndjson "$F/classes.csv"
	[ "${stderr%%$'\n'*}" = "cs-sample frame: the frame is canonical CSV (its bytes are hashed): leave out --to=ndjson" ]
	[ -z "$output" ]
	run -64 --separate-stderr cs-sample frobnicate
	[ "${stderr%%$'\n'*}" = "cs-sample: unknown command 'frobnicate'" ]
}

@test "cs-sample: every long option of --help is in the man page" {
	local c o
	for c in frame draw verify draws; do
		for o in $(cs-sample "$c" --help | grep -o -- '--[a-z][a-z-]*' |
		    grep -vx -- '--help\|--usage\|--version' | sort -u); do
			grep -q -- "${o#--}" "$REPO/share/man/man1/cs-sample.1" ||
			    fail "$c $o is not in cs-sample.1"
		done
	done
}

@test "cs-sample.1: --plan says a file is a path with a '/' (issue 12)" {
	run -0 bash -c "mandoc -Tascii '$REPO/share/man/man1/cs-sample.1' | col -b | tr -s ' \n\t' '   '"
	assert_output --partial "or a file of one's own, given as a path with a \`/' (./plan.json). Any other name is a usage error (64)."
}

@test "cs-sample draw: two threads and the tightened limits give the same bytes as one thread" {
	# A frame of 20000 entities of bench/gen, with classes by position.
	"$CS_BUILD/bench/gen" entities 100000 |
	    awk -F, 'NR > 1 { print $1 "," substr("ABCD", NR % 4 + 1, 1) }' |
	    LC_ALL=C sort | { echo uscc,class; cat; } >frame.csv
	CS_DRAW_THREADS=1 cs-sample draw -q --plan=general --seed="$SEED" \
	    frame.csv >one.csv
	CS_DRAW_THREADS=2 cs-sample draw -q --plan=general --seed="$SEED" \
	    frame.csv >two.csv
	assert_same_file one.csv two.csv
	# Limits expecting only k tickets each leave some class short: the
	# pass runs again without them, and the picks stay the same.
	CS_TEST_DRAW_TIGHT=1 CS_DRAW_THREADS=2 cs-sample draw -q \
	    --plan=general --seed="$SEED" frame.csv >tight.csv
	assert_same_file one.csv tight.csv
	run -0 wc -l <one.csv
	# 5000 per class: 1% of A, 2% of B, 10% of C, 30% of D, and the header.
	assert_output 2151
	# A repeated entity across the two halves is still found.
	mid=$(( $(wc -l <frame.csv) / 2 ))
	sed -n "${mid}p" frame.csv >line
	awk -v m="$mid" 'NR == m { print; print } NR != m' frame.csv >dup.csv
	run -65 --separate-stderr env CS_DRAW_THREADS=2 cs-sample draw -q \
	    --plan=general --seed="$SEED" dup.csv
	[ "$stderr" = "cs-sample: dup.csv:$((mid + 1)): uscc '$(cut -d, -f1 line)' is also at line $mid; a frame lists each entity once" ]
}

@test "cs-sample frame -o: a temporary file of mkstemp, never a planted link (issue 12)" {
	new_store
	mkdir out
	echo precious >victim
	ln -s ../victim out/frame.csv.tmp
	ln -s ../victim out/frame.csv.sha256.tmp
	ln -s ../victim out/frame.csv
	run -0 --separate-stderr cs-sample frame -q --plan=general \
	    -o out/frame.csv "$F/classes.csv"
	run -0 cat victim
	assert_output precious
	# The link at FRAME itself is replaced by the frame, not written through.
	[ -f out/frame.csv ] && [ ! -L out/frame.csv ]
	assert_same_file "$F/frame.out.csv" out/frame.csv
	(cd out && sha256sum -c --quiet frame.csv.sha256)
	run -0 ls -A out
	assert_output - <<'EOF'
frame.csv
frame.csv.sha256
frame.csv.sha256.tmp
frame.csv.tmp
EOF
	# A new file gets what the umask leaves of 0666, as with any output.
	rm out/frame.csv out/frame.csv.sha256
	(umask 027 && cs-sample frame -q --plan=general -o out/frame.csv "$F/classes.csv" 2>/dev/null)
	run -0 stat -c %a out/frame.csv out/frame.csv.sha256
	assert_output $'640\n640'
	run -73 --separate-stderr cs-sample frame -q --plan=general -o out "$F/classes.csv"
	assert_stderr "cs-sample: cannot create 'out': Is a directory"
	run -73 --separate-stderr cs-sample frame -q --plan=general -o out/ "$F/classes.csv"
	assert_stderr "cs-sample: cannot create 'out/': Is a directory"
}

@test "cs-sample frame -o: past the file size limit, 74 and a message, and no file is left (issue 12)" {
	new_store
	"$CS_BUILD/bench/gen" entities 25000 |
	    awk -F, 'NR > 1 { print $1 ",A" }' | { echo uscc,class; cat; } >big.csv
	mkdir out
	run -74 --separate-stderr bash -c 'ulimit -f 64 && cs-sample frame -q --plan=general -o out/frame.csv big.csv'
	assert_stderr "cs-sample: write error on 'out/frame.csv': File too large"
	run -0 ls -A out
	assert_output ''
	# stdout past the limit says so too.
	run -74 --separate-stderr bash -c 'ulimit -f 64 && cs-sample frame -q --plan=general big.csv >frame.csv'
	assert_stderr "cs-sample: write error on stdout: File too large"
}

@test "cs-sample draw --record: a stdout that cannot take the sample records nothing (issue 12)" {
	new_store
	run -74 --separate-stderr bash -c "cs-sample draw --plan=general --seed='$SEED' --as-of=2026-11-27 --record '$F/frame.out.csv' >/dev/full"
	assert_stderr - <<'EOF'
cs-sample: write error on stdout: No space left on device
cs-sample: nothing of this run was stored
EOF
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output 1
	# The period is still free: the run that records prints the sample.
	cs-sample draw -q --plan=general --seed="$SEED" --as-of=2026-11-27 "$F/frame.out.csv" >want.csv
	run -0 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --as-of=2026-11-27 --record "$F/frame.out.csv"
	printf '%s\n' "$output" >got.csv
	assert_same_file want.csv got.csv
	assert_equal "${stderr##*$'\n'}" "cs-sample: recorded draw 'general:2026' round 1 (ledger seq 2)"
}

@test "cs-sample draw --record: a frame without entities is refused, and the period stays free (issue 12)" {
	new_store
	printf 'uscc,class\n' >empty.csv
	run -65 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --as-of=2026-11-27 --record empty.csv
	assert_output ''
	assert_stderr "cs-sample: empty.csv: the frame holds no entity: a draw of nothing is not recorded"
	run -65 --separate-stderr cs-sample draw --plan=general --seed="$SEED" \
	    --as-of=2026-11-27 --record </dev/null
	assert_stderr "cs-sample: <stdin>: the frame holds no entity: a draw of nothing is not recorded"
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output 1
	# Without --record it is the header and no target.
	run -0 --separate-stderr cs-sample draw -q --plan=general --seed="$SEED" empty.csv
	assert_output 'uscc,class,ticket,rank'
	run -0 --separate-stderr cs-sample draw -q --plan=general --seed="$SEED" \
	    --as-of=2026-11-27 --record "$F/frame.out.csv"
}

@test "cs-sample: --plan is a plain name of share/cs/sampling, or a path with a '/' (issue 12)" {
	local name
	new_store
	for name in general.json .. . '' 'gen eral' $'gen\033eral' 'général'; do
		run -64 --separate-stderr cs-sample draw --plan="$name" --seed=s "$F/frame.out.csv"
		# A control character is shown escaped, as in every message.
		assert_equal "${stderr%%$'\n'*}" "cs-sample draw: invalid --plan '${name//$'\033'/\\x1b}': a plan name is letters, digits, '-' and '_'; give a file as a path with a '/' (./FILE)"
	done
	cp "$REPO/share/cs/sampling/general.json" my.json
	run -0 cs-sample draw -q --plan=./my.json --seed=s "$F/frame.out.csv"
	run -0 cs-sample draw -q --plan="$PWD/my.json" --seed=s "$F/frame.out.csv"
	run -0 cs-sample draw -q --plan=general --seed=s "$F/frame.out.csv"
	run -69 --separate-stderr cs-sample draw --plan=../my --seed=s "$F/frame.out.csv"
	assert_stderr "cs-sample: ../my: cannot read the plan (is --plan right?)"
}

@test "cs-sample frame: --progress counts rows and ends its line (issue 16)" {
	new_store
	CS_TEST_CLOCK=1 run -0 --separate-stderr cs-sample frame --progress \
	    --plan=general --as-of=2026-11-27 "$F/classes.csv"
	assert_stderr - <<ERR
cs-sample: 40 rows in 0:01, 40 rows/s
cs-sample: frame_hash $HASH
cs-sample: frame of 40 entities (A 10, B 15, C 10, D 5); left out: 0 drawn after 2025-11-26, 0 deregistered, 0 rejected
ERR
}

@test "cs-sample frame: a header lacking class names the column it may be (issue 16)" {
	new_store
	printf 'uscc,klass\n913601025489061073,A\n' >in.csv
	run -65 --separate-stderr cs-sample frame --plan=general in.csv
	assert_output ''
	assert_stderr "cs-sample: in.csv:1: no column 'class' in the header ('klass' may be 'class')"
}

@test "cs-sample: a gzip frame draws and verifies as the frame it holds, with its hash (issue 16)" {
	new_store
	cs-sample frame -q --plan=general --as-of=2026-11-27 -o frame.csv "$F/classes.csv"
	gzip -c frame.csv >frame.csv.gz
	cs-sample draw -q --plan=general --seed="$SEED" frame.csv >sample.csv
	run -0 --separate-stderr cs-sample draw --plan=general --seed="$SEED" frame.csv.gz
	assert_output "$(cat sample.csv)"
	assert_stderr --partial "frame_hash $HASH"
	run -0 --separate-stderr cs-sample draw -q --plan=general --seed="$SEED" <frame.csv.gz
	assert_output "$(cat sample.csv)"
	run -0 --separate-stderr bash -c "cat frame.csv.gz | cs-sample draw -q --plan=general --seed=$SEED"
	assert_output "$(cat sample.csv)"
	gzip -c sample.csv >sample.csv.gz
	run -0 --separate-stderr cs-sample verify --plan=general --seed="$SEED" frame.csv.gz sample.csv.gz
	assert_stderr "cs-sample: verified: sample.csv.gz is the draw of frame.csv.gz (frame_hash $HASH, 5 targets)"
}

@test "cs-sample verify: empty files verify nothing, and say so (issue 16)" {
	: >frame.csv
	: >sample.csv
	run -1 --separate-stderr cs-sample verify --plan=general --seed="$SEED" frame.csv sample.csv
	assert_output ''
	assert_stderr "cs-sample: frame.csv: the frame holds no entity: nothing was drawn, nothing can be verified
cs-sample: the sample does not verify against frame_hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	printf 'uscc,class\n' >frame.csv
	run -1 --separate-stderr cs-sample verify --plan=general --seed="$SEED" frame.csv sample.csv
	assert_equal "${stderr%%$'\n'*}" "cs-sample: frame.csv: the frame holds no entity: nothing was drawn, nothing can be verified"
	new_store
	cs-sample frame -q --plan=general --as-of=2026-11-27 -o frame.csv "$F/classes.csv"
	run -1 --separate-stderr cs-sample verify --plan=general --seed="$SEED" frame.csv sample.csv
	assert_stderr "cs-sample: sample.csv: the sample is empty, without even a header
cs-sample: the sample does not verify against frame_hash $HASH"
}

@test "cs-sample: help COMMAND, and options of other commands refused (issue 16)" {
	run -0 --separate-stderr cs-sample help draw
	assert_output "$(cs-sample draw --help)"
	run -64 --separate-stderr cs-sample verify --rejects=r.csv --plan=general --seed=1 a b
	assert_equal "${stderr%%$'\n'*}" "cs-sample verify: option '--rejects' does not apply to verify"
	run -64 --separate-stderr cs-sample draws --saved
	assert_equal "${stderr%%$'\n'*}" "cs-sample draws: option '--saved' does not apply to draws"
	run -64 --separate-stderr cs-sample frame -H --plan=general
	assert_equal "${stderr%%$'\n'*}" "cs-sample frame: option '-H' does not apply to frame"
	run -64 --separate-stderr cs-sample drw
	assert_equal "${stderr%%$'\n'*}" "cs-sample: unknown command 'drw'; did you mean 'draw'?"
}
