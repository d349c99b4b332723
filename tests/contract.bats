#!/usr/bin/env bats
# The stream contract of DESIGN.md section 3 and the exit codes of cs(7),
# checked over every binary that exists.
bats_require_minimum_version 1.5.0
load helpers

# Every binary of the toolkit that is built.
binaries() {
	local b
	for b in cs-record cs-score cs-classify cs-sample cs-blacklist \
	    cs-repair cs-publish; do
		[ -x "$CS_BUILD/bin/$b" ] && echo "$b"
	done
}

@test "contract: every binary prints --help on stdout and exits 0" {
	local b
	for b in $(binaries); do
		run --separate-stderr "$b" --help
		assert_success
		[ -z "$stderr" ]
		assert_line --index 0 --regexp "^Usage: $b "
		assert_output --partial "Exit status: see cs(7)."
		run --separate-stderr "$b" -h
		assert_success
		assert_line --index 0 --regexp "^Usage: $b "
	done
}

@test "contract: every binary prints its version" {
	local b
	for b in $(binaries); do
		run -0 "$b" --version
		assert_output "$b (cs) 0.1.0"
	done
}

@test "contract: an unknown option exits 64 with the Try line" {
	local b
	for b in $(binaries); do
		run -64 --separate-stderr "$b" --no-such-option
		[ -z "$output" ]
		[ "$stderr" = "$b: unrecognized option '--no-such-option'
Try \`$b --help' or \`$b --usage' for more information." ]
	done
}

@test "contract: a bad value of a common option exits 64" {
	run -64 --separate-stderr cs-record export --as-of=2025-02-30
	[ "$stderr" = "cs-record export: invalid --as-of '2025-02-30': not a date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
Try \`cs-record export --help' or \`cs-record export --usage' for more
information." ]
	run -64 --separate-stderr cs-record export --to=xml
	assert_equal "${stderr%%$'\n'*}" "cs-record export: invalid --to 'xml': use csv or ndjson"
	run -64 --separate-stderr cs-record add --encoding=latin1
	assert_equal "${stderr%%$'\n'*}" "cs-record add: invalid --encoding 'latin1': use utf-8, gb18030 or gbk"
}

@test "contract: cs-record subcommands all give --help" {
	local c
	for c in init add show export correct object resolve objections \
	    commitments verify events checkpoint prove keygen; do
		run -0 --separate-stderr cs-record "$c" --help
		assert_line --index 0 --regexp "^Usage: cs-record $c "
		assert_output --partial "Exit status:"
	done
}

@test "contract: cs-record without a command exits 64" {
	run -64 --separate-stderr cs-record
	[ "$stderr" = "cs-record: no command given
Try \`cs-record --help' or \`cs-record --usage' for more information." ]
	run -64 --separate-stderr cs-record frobnicate
	[ "$stderr" = "cs-record: unknown command 'frobnicate'
Try \`cs-record --help' or \`cs-record --usage' for more information." ]
}

@test "contract: a missing input file exits 66 and names it" {
	new_store
	run -66 --separate-stderr cs-record add --as-of=2026-11-26 no-such.csv
	[ -z "$output" ]
	[ "$stderr" = "cs-record: no-such.csv: No such file or directory
cs-record: added 0, unchanged 0, rejected 0" ]
}

@test "contract: a directory as input exits 66" {
	new_store
	mkdir d
	run -66 --separate-stderr cs-record add -q d
	[ "$stderr" = "cs-record: d: Is a directory" ]
}

@test "contract: empty input gives a header only" {
	new_store
	run -0 --separate-stderr cs-record object </dev/null
	assert_output "objection_id,id,uscc,filed_on,answer_by,state"
	run -0 --separate-stderr cs-record export --as-of=2026-11-26
	assert_output "id,uscc,name,type,severity,authority,authority_uscc,doc_no,decided_on,valid_from,valid_until,due_on,ref,amount,fine_10k_yuan,basis,content,source,domain,certified,dishonest_debtor,person_name,person_id,note,violation_type,penalty_category,license_category,party_category,source_uscc,person_id_type,legal_rep,legal_rep_id_type,legal_rep_id,facts,publicity_end,severity_rule,seq,disputed,published,publicity_until,repair_from,publicity_end_differs"
	run -0 --separate-stderr cs-record export --as-of=2026-11-26 --to=ndjson
	assert_output ""
}

@test "contract: '-' reads stdin like no file at all" {
	new_store
	cs-record -q add --as-of=2026-11-26 - <"$FIXTURES/record/records.csv"
	cs-record export --as-of=2026-11-26 >a.csv
	cs-record -d b.db -q init
	cs-record -d b.db -q add --as-of=2026-11-26 <"$FIXTURES/record/records.csv"
	cs-record -d b.db export --as-of=2026-11-26 >b.csv
	assert_same_file a.csv b.csv
}

@test "contract: stdout closed early by head is quiet" {
	new_store
	# Far more output than a pipe holds, so the writer meets the closed end.
	"$CS_BUILD/bench/gen" records 3000 >big.csv
	cs-record -q add --as-of=2026-11-26 big.csv
	run -0 --separate-stderr bash -c 'cs-record export --as-of=2026-11-26 | head -1'
	[ -z "$stderr" ]
	assert_output --regexp '^id,uscc,name,'
	run -141 bash -c 'set -o pipefail; cs-record export --as-of=2026-11-26 --to=ndjson | head -c 10 >/dev/null'
}

# A stream filter of each binary that exists: the command line that reads
# FILE... (none or '-': stdin), and the input it expects (made by stage).
filter() {
	case $1 in
	cs-record) echo "cs-record object --as-of=2026-11-26" ;;
	cs-score) echo "cs-score --as-of=2026-11-26" ;;
	cs-classify) echo "cs-classify --as-of=2026-11-26" ;;
	cs-sample) echo "cs-sample frame --plan=general --as-of=2026-11-26" ;;
	cs-blacklist) echo "cs-blacklist check --as-of=2026-11-26" ;;
	cs-repair) echo "cs-repair eligible --as-of=2026-11-26" ;;
	*) return 1 ;;
	esac
}

# Inputs of the filters from N entities of bench/gen: entities.csv for
# cs-score and cs-blacklist, scored.csv for cs-classify, classed.csv for
# cs-sample, objections.csv for cs-record (every row refused: no records).
stage() {
	new_store
	"$CS_BUILD/bench/gen" entities "$1" >entities.csv
	cs-score -q --as-of=2026-11-26 entities.csv >scored.csv
	cs-classify -q --as-of=2026-11-26 scored.csv >classed.csv
	{
		echo "id,filed_on,reason"
		head -n "$1" entities.csv | cut -d, -f1 | sed 1d |
		    sed 's/$/,2026-11-02,not ours/'
	} >objections.csv
}

input_of() {
	case $1 in
	cs-record) echo objections.csv ;;
	cs-classify) echo scored.csv ;;
	cs-sample) echo classed.csv ;;
	*) echo entities.csv ;;
	esac
}

@test "contract: every filter exits 66 on a missing file and names it" {
	local b
	new_store
	for b in $(binaries); do
		filter "$b" >/dev/null || continue	# cs-publish reads no rows
		# shellcheck disable=SC2046 # the command line is split on purpose
		run -66 --separate-stderr $(filter "$b") no-such.csv
		assert_equal "${stderr%%$'\n'*}" "$b: no-such.csv: No such file or directory"
	done
}

@test "contract: every filter writes its header only for empty input" {
	local b
	new_store
	declare -A header=(
	    [cs-record]="objection_id,id,uscc,filed_on,answer_by,state"
	    [cs-score]="score,model,as_of,reasons,signals"
	    [cs-classify]="class,class_reason"
	    [cs-sample]="uscc,class"
	    [cs-blacklist]="listed,lists,measures,listed_until,match"
	    [cs-repair]="uscc,target,kind,regime,eligible,repair_from,required,missing,why")
	for b in $(binaries); do
		filter "$b" >/dev/null || continue	# cs-publish reads no rows
		# shellcheck disable=SC2046
		run -0 --separate-stderr $(filter "$b") </dev/null
		assert_equal "$output" "${header[$b]}"
	done
}

@test "contract: every filter reads '-' and no file as stdin, like a file" {
	local b in
	stage 200
	for b in $(binaries); do
		filter "$b" >/dev/null || continue	# cs-publish reads no rows
		in=$(input_of "$b")
		# shellcheck disable=SC2046
		$(filter "$b") -q "$in" >file.out || [ $? -eq 1 ]
		# shellcheck disable=SC2046
		$(filter "$b") -q - <"$in" >dash.out || [ $? -eq 1 ]
		# shellcheck disable=SC2046
		$(filter "$b") -q <"$in" >stdin.out || [ $? -eq 1 ]
		# cs-record objects to no record, cs-repair finds no penalty.
		[ "$(wc -l <file.out)" -gt 1 ] || [ "$b" = cs-record ] ||
		    [ "$b" = cs-repair ]
		assert_same_file file.out dash.out
		assert_same_file file.out stdin.out
	done
}

@test "contract: every filter is quiet when head closes its stdout" {
	local b in
	# Output far beyond a pipe and head's buffer: the filter meets the
	# closed end (frame writes about 170 KB, the others more).
	stage 40000
	for b in $(binaries); do
		filter "$b" >/dev/null || continue	# cs-publish reads no rows
		[ "$b" = cs-record ] && continue	# export is tested above
		[ "$b" = cs-repair ] && continue	# no penalty: a header alone
		in=$(input_of "$b")
		run -141 --separate-stderr bash -c \
		    "set -o pipefail; $(filter "$b") -q $in | head -1"
		[ -z "$stderr" ]
		assert_output --regexp '^uscc,'
	done
}

@test "contract: a write error on stdout exits 74" {
	add_records
	run -74 --separate-stderr bash -c 'cs-record export --as-of=2026-11-26 >/dev/full'
	[ "$stderr" = "cs-record: write error on stdout: No space left on device" ]
}

@test "contract: a rejects file that cannot be created exits 73" {
	new_store
	run -73 --separate-stderr cs-record add --rejects=/no/such/dir/r.csv \
	    "$FIXTURES/record/records.csv"
	[ "$stderr" = "cs-record: /no/such/dir/r.csv: No such file or directory" ]
}

@test "contract: rules that cannot be read exit 69" {
	new_store
	run -69 --separate-stderr cs-record --rules=/nonexistent export
	[ "$stderr" = "cs-record: /nonexistent/catalog.json: cannot read the rules file (is --rules or \$CS_RULES right?)" ]
	mkdir rules
	cp -r "$REPO/share/cs/." rules/
	printf '{"version":1,"answer_working_days":0}\n' >rules/objections.json
	run -69 --separate-stderr cs-record --rules=rules export
	[ "$stderr" = "cs-record: rules/objections.json: answer_working_days: expected a whole number of working days (1-365)" ]
}

@test "contract: the exit status table of cs(7) lists every code" {
	local code
	for code in 0 1 64 65 66 69 70 73 74 75; do
		grep -q "^\\.It $code\$" "$REPO/share/man/man7/cs.7"
	done
}

@test "contract: every long option in --help appears in the man page" {
	local b opt
	for b in $(binaries); do
		for opt in $("$b" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			case $opt in --help|--usage|--version) continue ;; esac
			grep -q -- "Fl -${opt#--}" "$REPO/share/man/man1/$b.1" ||
			    grep -q -- "Fl -${opt#--}" "$REPO/share/man/man7/cs.7" ||
			    { echo "$b: $opt missing from the man page"; return 1; }
		done
	done
}

# make in a copy of the build tree (an install with another PREFIX
# rebuilds part of it), with the sanitizers when the tree has them.
make_copy() {
	local san=
	[ -d "$BATS_TEST_TMPDIR/build" ] || cp -a "$CS_BUILD" "$BATS_TEST_TMPDIR/build"
	[ "$(basename "$CS_BUILD")" = san ] && san=1
	make -s -C "$REPO" BUILD="$BATS_TEST_TMPDIR/build" SANITIZE="$san" "$@"
}

@test "contract: an installed toolkit works from any directory" {
	local root="$BATS_TEST_TMPDIR/root"
	run -0 make_copy install DESTDIR="$root" PREFIX=/usr
	[ -x "$root/usr/bin/cs-record" ]
	[ -f "$root/usr/share/cs/catalog.json" ]
	[ -f "$root/usr/share/cs/calendar/cn.csv" ]
	[ -f "$root/usr/share/man/man1/cs-record.1" ]
	[ -f "$root/usr/share/man/man7/cs.7" ]
	for b in $(binaries); do
		[ -f "$root/usr/share/bash-completion/completions/$b" ]
		[ -f "$root/usr/share/man/man1/$b.1" ]
	done
	[ -f "$root/usr/share/cs/models/public-credit.json" ]
	[ -f "$root/usr/share/zsh/site-functions/_cs" ]
	mkdir elsewhere
	cd elsewhere
	run -0 --separate-stderr env PATH=/usr/bin:/bin "$root/usr/bin/cs-record" -d x.db init
	run -0 --separate-stderr env PATH=/usr/bin:/bin "$root/usr/bin/cs-record" -d x.db \
	    add --as-of=2026-11-26 "$FIXTURES/record/records.csv"
	[ "$stderr" = "cs-record: added 24, unchanged 0, rejected 0" ]
	run -0 make_copy uninstall DESTDIR="$root" PREFIX=/usr
	[ ! -e "$root/usr/bin/cs-record" ]
	[ ! -e "$root/usr/share/cs" ]
}

@test "contract: an installed binary finds \$(PREFIX)/share/cs wherever it is" {
	local p="$BATS_TEST_TMPDIR/p" q="$BATS_TEST_TMPDIR/q"
	run -0 make_copy install PREFIX="$p"
	# Away from ../share/cs, only the compiled-in directory is left.
	mkdir -p elsewhere/bin
	mv "$p/bin/cs-record" elsewhere/bin/
	cd elsewhere
	run -0 --separate-stderr env PATH=/usr/bin:/bin bin/cs-record -d x.db init
	run -0 --separate-stderr env PATH=/usr/bin:/bin bin/cs-record -d x.db \
	    add --as-of=2026-11-26 "$FIXTURES/record/records.csv"
	[ "$stderr" = "cs-record: added 24, unchanged 0, rejected 0" ]
	# Another PREFIX rebuilds the binaries with its directory.
	run -0 make_copy install PREFIX="$q"
	mv "$q/bin/cs-record" bin/
	mv "$p/share/cs" "$p/share/gone"
	run -0 --separate-stderr env PATH=/usr/bin:/bin bin/cs-record -d y.db init
	run -0 --separate-stderr env PATH=/usr/bin:/bin bin/cs-record -d y.db \
	    add --as-of=2026-11-26 "$FIXTURES/record/records.csv"
	[ "$stderr" = "cs-record: added 24, unchanged 0, rejected 0" ]
	run -69 --separate-stderr env PATH=/usr/bin:/bin "$p/bin/cs-score" --as-of=2026-11-26 </dev/null
	assert_equal "$stderr" "cs-score: $p/share/cs/catalog.json: cannot read the rules file (is --rules or \$CS_RULES right?)"
}

@test "contract: an unknown option near a known one names it (issue 16)" {
	local b
	for b in $(binaries); do
		run -64 --separate-stderr "$b" --quiett
		[ -z "$output" ]
		[ "$stderr" = "$b: unrecognized option '--quiett'; did you mean '--quiet'?
Try \`$b --help' or \`$b --usage' for more information." ]
	done
}
