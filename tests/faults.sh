#!/bin/sh
# Fault trials (make check runs them through tests/run.sh): whatever goes
# wrong, no committed batch and no receipt is lost, and cs-record verify
# is clean afterwards.
#   kill    kill -9 during cs-record add at random moments
#   writers four writers on one store at once
#   devfull stdout on /dev/full for every command that commits
#   rostore a store in a read-only directory, and a read-only store file
#   ulimit  a file size limit (ulimit -f) on the store, an -o file, stdout
# One TAP line per trial, then the counts.  About 15 s of CPU with the
# default build.  CS_FAULTS_SEED repeats the random kill moments of a run
# (its seed is printed); CS_FAULTS_ONLY="kill devfull" runs some groups.
#
# PENDING names trials whose fix is on another branch, not yet merged:
# they report "pending" (a TAP skip, counted as skipped) instead of
# failing, and "passes: take it out of PENDING" once they pass.  Empty
# on main.
PENDING=""

set -u
build=${CS_BUILD:?CS_BUILD must name the build directory}
here=$(cd "$(dirname "$0")" && pwd)
fix=$here/fixtures
PATH=$build/bin:$PATH
export PATH LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1780000000 USER=tester
unset CS_DB CS_RULES CS_BUSY_TIMEOUT CS_WAIT CS_KEY
# In memory when /dev/shm is there: the trials commit often, and a disk
# would sync each commit.
if [ -w /dev/shm ]; then
	tmp=$(mktemp -d -p /dev/shm)
else
	tmp=$(mktemp -d)
fi
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

n=0 passed=0 failed=0 pending=0 skipped=0

# report NAME WHY DETAIL...: WHY is empty when the trial passed.
report() {
	name=$1 why=$2
	shift 2
	n=$((n + 1))
	case " $(printf '%s' "$PENDING" | tr '\n' ' ') " in
	*" $name "*) listed=1 ;;
	*) listed='' ;;
	esac
	if [ -z "$why" ] && [ -n "$listed" ]; then
		passed=$((passed + 1))
		echo "ok $n - $name: $* (passes: take it out of PENDING)"
	elif [ -z "$why" ]; then
		passed=$((passed + 1))
		echo "ok $n - $name: $*"
	elif [ -n "$listed" ]; then
		pending=$((pending + 1))
		echo "ok $n - $name # skip pending: $why"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name: $why"
	fi
}

# rnd N: a random integer in [0, N) in $r, from CS_FAULTS_SEED (printed
# at the end) or /dev/urandom.
seed=${CS_FAULTS_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
rnd_state=$((seed % 2147483648))
rnd() {
	rnd_state=$(( (rnd_state * 1103515245 + 12345) % 2147483648 ))
	r=$(( rnd_state / 65536 % $1 ))
}

# Copy the store $1 (with its WAL, if any) to $2.
copy_store() {
	cp "$1" "$2"
	for x in -wal -shm; do
		[ -e "$1$x" ] && cp "$1$x" "$2$x"
	done
	return 0
}

# The whole content of store $1, to compare two stores.
dump() {
	sqlite3 "$1" .dump
}

# cs-record verify of store $1 is clean (exit 0).
verify_ok() {
	cs-record -q -d "$1" verify >/dev/null 2>&1
}

# Number of records in store $1.
nrecords() {
	sqlite3 "$1" 'SELECT count(*) FROM records'
}

# Inputs and stores the trials start from.
in=$tmp/in
mkdir -p "$in" "$tmp/t"
awk -F, 'NR > 1 { print $1 }' "$here/../share/cs/demo/entities.csv" \
    >"$in/usccs"
# rows N FIRST [PREFIX]: N complaint records with ids PREFIX000FIRST...
rows() {
	awk -v n="$1" -v first="$2" -v p="${3:-r}" '
	    { u[c++] = $1 }
	    END {
		print "id,uscc,type,decided_on,source,content"
		for (i = first; i < first + n; i++)
			printf "%s%06d,%s,complaint,2026-%02d-%02d,12345," \
			    "complaint %d\n", p, i, u[i % c], i % 9 + 1,
			    i % 28 + 1, i
	    }' "$in/usccs"
}
t=$tmp/t
(
	cd "$t" || exit 1
	cs-record -q -d empty.db init
	copy_store empty.db rec.db
	cs-record -q -d rec.db add --as-of=2026-11-26 \
	    "$fix/record/records.csv"
	cs-record -q -d lists.db init
	cs-record -q -d lists.db add --entities --as-of=2026-09-30 \
	    "$fix/blacklist/entities.csv"
	cs-record -q -d lists.db add --as-of=2026-09-30 \
	    "$fix/blacklist/records.csv"
	cs-blacklist -d lists.db propose --list=serious --as-of=2026-09-30 \
	    >"$in/proposals.csv"
	copy_store lists.db noticed.db
	cs-blacklist -q -d noticed.db add --as-of=2026-09-30 \
	    "$in/proposals.csv" >/dev/null
	copy_store noticed.db objected.db
	printf 'entry_id,reason\n16,we paid\n' >"$in/bl-object.csv"
	cs-blacklist -q -d objected.db object --as-of=2026-10-12 \
	    "$in/bl-object.csv" >/dev/null
	copy_store objected.db listed.db
	printf 'entry_id,reason\n14,basis confirmed\n15,basis confirmed\n17,basis confirmed\n' \
	    >"$in/bl-decide.csv"
	cs-blacklist -q -d listed.db decide --as-of=2026-10-14 \
	    "$in/bl-decide.csv" >/dev/null
	cs-record -q -d scored.db init
	cs-record -q -d scored.db add --entities "$fix/score/entities.csv"
	cs-record -q -d scored.db add "$fix/score/records.csv"
	cs-score -q -d scored.db --all --as-of=2026-11-27 >"$in/scores.csv"
	cs-sample -q -d empty.db frame --plan=general --as-of=2026-11-27 \
	    -o "$in/frame.csv" "$fix/sample/classes.csv"
	copy_store rec.db objection.db
	printf 'id,filed_on,reason\n3f1f9a471cd8bef6,2026-09-30,不服\n' \
	    >"$in/object.csv"
	cs-record -q -d objection.db object --as-of=2026-11-26 \
	    "$in/object.csv" >/dev/null
) >"$tmp/setup.log" 2>&1 || {
	echo "not ok 1 - faults: the stores to start from cannot be made"
	sed 's/^/# /' "$tmp/setup.log"
	exit 1
}
printf '20261127-dice-4-6-1-3\n' >"$in/dice.txt"
printf 'id,fine_10k_yuan,reason\nf61d0c89a6501810,2.5,金额录入错误\n' \
    >"$in/correct.csv"
printf 'objection_id,outcome,reason,resolved_on\n26,dismissed,处罚事实清楚,2026-10-12\n' \
    >"$in/resolve.csv"
printf 'entry_id,outcome,reason\n16,dismissed,the fine is unpaid\n' \
    >"$in/bl-review.csv"
printf 'entry_id,removal,reason\n14,error,wrong entity\n' >"$in/bl-remove.csv"
printf 'entry_id,reason\n14,wrong entity\n' >"$in/bl-withdraw.csv"
printf 'lot,name,uscc,price\n1,合肥蜀山诚峰酒店有限公司,9134010469813005X8,1210000\n' \
    >"$in/bidders.csv"

# ---------------------------------------------------------------- kill
# cs-record add of ROWS rows in batches of BATCH, killed with SIGKILL at
# a random moment while it writes.  The machine's speed changes from
# one second to the next (other jobs share it), so each kill is timed
# against a whole run made just before it: the moment is drawn between
# the time a run without rows takes and the time that whole run took,
# less a sixth of the window at each end.  The store must hold a whole
# number of batches, the first ones of the input, and verify clean; a
# re-run must add exactly the rest.
KILLS=12 ROWS=10000 BATCH=50
kill_note=
# ms_of CMD...: run CMD; its duration in milliseconds in $ms.
ms_of() {
	start=$(date +%s%N)
	"$@"
	ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
}
trials_kill() {
	d=$tmp/kill
	mkdir -p "$d"
	rows $ROWS 1 >"$in/kill.csv"
	sed 1d "$in/kill.csv" | cut -d, -f1 >"$in/kill.ids"
	head -n 1 "$in/kill.csv" >"$d/none.csv"
	copy_store "$t/empty.db" "$d/none.db"
	ms_of cs-record -q -d "$d/none.db" add "$d/none.csv"
	idle=$ms
	kept_min=$ROWS kept_max=0 mid=0 k=0
	while [ $k -lt $KILLS ]; do
		k=$((k + 1))
		db=$d/k$k.db
		copy_store "$t/empty.db" "$d/full.db"
		ms_of cs-record -q -d "$d/full.db" add --as-of=2026-11-26 \
		    "$in/kill.csv" --batch=$BATCH
		span=$ms
		rm -f "$d/full.db" "$d/full.db-wal" "$d/full.db-shm"
		[ $idle -lt $span ] || idle=0
		edge=$(( (span - idle) / 6 ))
		lo=$((idle + edge)) hi=$((span - edge))
		[ $hi -gt $lo ] || hi=$((lo + 1))
		copy_store "$t/empty.db" "$db"
		rnd $((hi - lo))
		ms=$((lo + r))
		cs-record -q -d "$db" add --batch=$BATCH --as-of=2026-11-26 \
		    "$in/kill.csv" 2>/dev/null &
		pid=$!
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
		kill -9 "$pid" 2>/dev/null
		# The shell's own "Killed" goes to /dev/null.
		{ wait "$pid"; } 2>/dev/null
		kept=$(nrecords "$db")
		at="killed after $ms of $span ms, $kept rows kept"
		sqlite3 "$db" 'SELECT id FROM records ORDER BY id' >"$d/have"
		head -n "$kept" "$in/kill.ids" | sort >"$d/want"
		why=
		if ! verify_ok "$db"; then
			why="$at: cs-record verify fails"
		elif [ $((kept % BATCH)) -ne 0 ] && [ "$kept" -ne $ROWS ]; then
			why="$at: not whole batches of $BATCH"
		elif ! cmp -s "$d/have" "$d/want"; then
			why="$at: they are not the first rows of the input"
		else
			cs-record -d "$db" add --batch=$BATCH \
			    --as-of=2026-11-26 "$in/kill.csv" 2>"$d/rerun"
			rc=$?
			said=$(cat "$d/rerun")
			if [ $rc -ne 0 ] || [ "$said" != "cs-record: added \
$((ROWS - kept)), unchanged $kept, rejected 0" ]; then
				why="$at: the re-run said '$said' (exit $rc)"
			elif [ "$(nrecords "$db")" -ne $ROWS ]; then
				why="$at: the re-run did not complete the store"
			fi
		fi
		if [ "$kept" -gt 0 ] && [ "$kept" -lt $ROWS ]; then
			mid=$((mid + 1))
			[ "$kept" -lt "$kept_min" ] && kept_min=$kept
			[ "$kept" -gt "$kept_max" ] && kept_max=$kept
		fi
		report "kill:$k" "$why" "$at, verify clean, a re-run added the" \
		    "rest"
		rm -f "$db" "$db-wal" "$db-shm"
	done
	kill_note="$KILLS kills, $mid in mid-run"
	[ $mid -gt 0 ] &&
	    kill_note="$kill_note (kept $kept_min to $kept_max of $ROWS rows)"
}

# ------------------------------------------------------------- writers
# Four cs-record add at once on one store, each with 600 rows of its own
# and the same 200 shared rows: every row stored once, nothing lost.  A
# writer that gives up (75, busy) is run again.
busy=0
trials_writers() {
	d=$tmp/writers
	mkdir -p "$d"
	copy_store "$t/empty.db" "$d/w.db"
	rows 200 1 s | sed 1d >"$d/shared"
	for w in 1 2 3 4; do
		{ rows 600 $((w * 1000)) w; cat "$d/shared"; } >"$d/in$w.csv"
	done
	for w in 1 2 3 4; do
		cs-record -d "$d/w.db" add --batch=50 --as-of=2026-11-26 \
		    "$d/in$w.csv" 2>"$d/err$w" &
		eval "pid$w=\$!"
	done
	why='' added=0
	for w in 1 2 3 4; do
		eval "wait \$pid$w"
		rc=$?
		if [ $rc -eq 75 ]; then
			busy=$((busy + 1))
			cp "$d/err$w" "$d/err$w.busy"
			cs-record -d "$d/w.db" add --batch=50 \
			    --as-of=2026-11-26 "$d/in$w.csv" 2>"$d/err$w"
			rc=$?
		fi
		a=$(sed -n 's/^cs-record: added \([0-9]*\), .*/\1/p' \
		    "$d/err$w")
		# Batches a writer that gave up had committed count too.
		[ -e "$d/err$w.busy" ] && a=$((${a:-0} + $(sed -n \
		    's/^cs-record: \([0-9]*\) rows of earlier batches.*/\1/p' \
		    "$d/err$w.busy" | grep . || echo 0)))
		if [ $rc -ne 0 ] || [ -z "$a" ]; then
			why="writer $w: exit $rc: $(head -n 1 "$d/err$w")"
		fi
		added=$((added + ${a:-0}))
	done
	total=$((4 * 600 + 200))
	if [ -n "$why" ]; then
		:
	elif [ "$added" -ne $total ]; then
		why="the writers added $added rows, not $total"
	elif [ "$(nrecords "$d/w.db")" -ne $total ]; then
		why="the store holds $(nrecords "$d/w.db") rows, not $total"
	elif ! verify_ok "$d/w.db"; then
		why="cs-record verify fails"
	fi
	report "writers" "$why" "4 writers at once: $total rows, each stored" \
	    "once ($busy gave up busy and were run again), verify clean"
}

# ------------------------------------------------------------- devfull
# devfull NAME STORE CMD...: CMD on a copy of STORE (t/STORE.db; - for
# none) with stdout on /dev/full.  A write error must be exit 74, the
# store must verify, and running CMD again must print what a run with a
# good stdout prints (the receipt) and leave the store as that run does:
# either nothing was stored, or the rows are printed again.
devfull() {
	name=$1 store=$2
	shift 2
	d=$tmp/devfull/$name
	mkdir -p "$d/a" "$d/b"
	if [ "$store" != - ]; then
		copy_store "$t/$store.db" "$d/a/credit.db"
		copy_store "$t/$store.db" "$d/b/credit.db"
	fi
	(cd "$d/a" && CS_DB=$d/a/credit.db "$@" >out 2>err)
	rc_ref=$?
	(cd "$d/b" && CS_DB=$d/b/credit.db "$@" >/dev/full 2>err)
	rc_full=$?
	lines=$(wc -l <"$d/a/out")
	why=
	if ! verify_ok "$d/b/credit.db"; then
		why="after stdout failed, cs-record verify fails"
	elif [ "$lines" -eq 0 ]; then
		[ $rc_full -eq $rc_ref ] ||
		    why="nothing to print, yet exit $rc_full (not $rc_ref)"
	elif [ $rc_full -ne 74 ]; then
		why="stdout on /dev/full: exit $rc_full, not 74"
		why="$why: $(head -n 1 "$d/b/err")"
	else
		(cd "$d/b" && CS_DB=$d/b/credit.db "$@" >out 2>err)
		rc=$?
		if ! cmp -s "$d/a/out" "$d/b/out"; then
			why="exit 74, then the re-run printed"
			why="$why $(wc -l <"$d/b/out") lines, not the $lines"
			why="$why of the receipt (exit $rc:"
			why="$why $(tail -n 1 "$d/b/err"))"
		elif [ $rc -ne $rc_ref ]; then
			why="the re-run exited $rc, not $rc_ref"
		fi
	fi
	if [ -z "$why" ] && [ -n "${each_run:-}" ]; then
		# An event every run (unmask): the failed run's is kept.
		n_a=$(sqlite3 "$d/a/credit.db" 'SELECT count(*) FROM ledger')
		n_b=$(sqlite3 "$d/b/credit.db" 'SELECT count(*) FROM ledger')
		[ "$n_b" -eq $((n_a + 1)) ] ||
		    why="the failed run and the re-run left $n_b events, not $((n_a + 1))"
	elif [ -z "$why" ] && [ "$store" != - ] &&
	    [ "$(dump "$d/a/credit.db")" != "$(dump "$d/b/credit.db")" ]; then
		why="the store differs from the one a good run leaves"
	fi
	report "devfull:$name" "$why" "$1 $2 >/dev/full: the receipt" \
	    "($lines lines) not lost, verify clean"
}
ndevfull=0
trials_devfull() {
	devfull record-init - cs-record init
	devfull record-add empty cs-record add --as-of=2026-11-26 \
	    "$fix/record/records.csv"
	devfull record-correct rec cs-record correct --as-of=2026-11-26 \
	    "$in/correct.csv"
	devfull record-object rec cs-record object --as-of=2026-11-26 \
	    "$in/object.csv"
	devfull record-resolve objection cs-record resolve \
	    --as-of=2026-11-26 "$in/resolve.csv"
	devfull classify-save scored cs-classify --save --as-of=2026-11-27 \
	    "$in/scores.csv"
	devfull sample-draw empty cs-sample draw --plan=general \
	    --seed-file="$in/dice.txt" --as-of=2026-11-27 --record \
	    "$in/frame.csv"
	devfull blacklist-add lists cs-blacklist add --as-of=2026-09-30 \
	    "$in/proposals.csv"
	devfull blacklist-object noticed cs-blacklist object \
	    --as-of=2026-10-12 "$in/bl-object.csv"
	devfull blacklist-review objected cs-blacklist review \
	    --as-of=2026-10-15 "$in/bl-review.csv"
	devfull blacklist-decide objected cs-blacklist decide \
	    --as-of=2026-10-14 "$in/bl-decide.csv"
	devfull blacklist-remove listed cs-blacklist remove \
	    --as-of=2026-10-20 "$in/bl-remove.csv"
	devfull blacklist-withdraw noticed cs-blacklist withdraw \
	    --as-of=2026-10-20 "$in/bl-withdraw.csv"
	devfull blacklist-expire listed cs-blacklist expire \
	    --as-of=2029-10-14
	# Each run that shows ID numbers whole records an unmask event
	# first: the failed run's stays, and the re-run shows the rows.
	each_run=1
	devfull record-show-unmasked rec cs-record show --unmasked \
	    --as-of=2026-11-26 92510107MA6C8P2Q6J
	devfull record-export-unmasked rec cs-record export --unmasked \
	    --as-of=2026-11-26
	each_run=
	ndevfull=16
}

# ------------------------------------------------------------- rostore
# The listed store made read-only: its directory, or the file.  Every
# reading command gives what it gives on a writable copy; every writing
# command fails with 73 or 74 (never 70) and a message, and changes
# nothing.  Root writes whatever the modes say, so root runs the
# commands as nobody (setpriv).
as_user=
if [ "$(id -u)" -eq 0 ]; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	command -v setpriv >/dev/null 2>&1 || as_user=none
fi
# reader CMD...: the same output and exit status as on a writable copy
# (kept in ro-want/N for the second store).
reader() {
	nr=$((nr + 1))
	want=$tmp/ro-want/$nr
	if [ ! -e "$want.rc" ]; then
		(cd "$d/rw" && CS_DB=$d/rw/credit.db "$@" >"$want" 2>/dev/null)
		echo $? >"$want.rc"
	fi
	(cd "$d" && CS_DB=$d/ro/credit.db $as_user "$@" >"$d/got" 2>"$d/err")
	rc=$?
	if [ $rc -ne "$(cat "$want.rc")" ] || ! cmp -s "$want" "$d/got"; then
		rbad="${rbad:+$rbad, }$1 $2 ($rc)"
		first=${first:-$(head -n 1 "$d/err")}
	fi
}
# writer CMD...: 73 or 74, and a message.
writer() {
	nw=$((nw + 1))
	(cd "$d" && CS_DB=$d/ro/credit.db $as_user "$@" >/dev/null 2>"$d/err")
	rc=$?
	if { [ $rc -ne 73 ] && [ $rc -ne 74 ]; } || [ ! -s "$d/err" ]; then
		wbad="${wbad:+$wbad, }$1 $2 ($rc)"
		first=${first:-$(head -n 1 "$d/err")}
	fi
}
rostore() {
	kind=$1
	d=$tmp/ro-$kind
	mkdir -p "$d/rw" "$d/ro" "$tmp/ro-want"
	chmod 755 "$tmp" "$d" "$d/ro"
	copy_store "$t/listed.db" "$d/rw/credit.db"
	copy_store "$t/listed.db" "$d/ro/credit.db"
	chmod 644 "$d/ro/credit.db"
	before=$(dump "$d/ro/credit.db")
	if [ "$kind" = dir ]; then
		chmod 555 "$d/ro"
	else
		# The directory stays writable, by nobody too.
		chmod 444 "$d/ro/credit.db"
		chmod 777 "$d/ro"
	fi
	nr=0 nw=0 rbad='' wbad='' first=''
	reader cs-record verify
	reader cs-record export
	reader cs-record show 9134010469813005X8
	reader cs-record objections
	reader cs-record commitments --as-of=2026-11-26
	reader cs-score --all --as-of=2026-11-27
	reader cs-classify history 9134010469813005X8
	reader cs-sample draws
	reader cs-blacklist ls --as-of=2026-11-01
	reader cs-blacklist check --dept=procurement --as-of=2026-11-02 \
	    "$in/bidders.csv"
	writer cs-record add --as-of=2026-11-26 "$fix/record/records.csv"
	writer cs-blacklist expire --as-of=2029-10-14
	writer cs-classify --save --as-of=2026-11-27 "$in/scores.csv"
	chmod 755 "$d/ro"
	chmod 644 "$d/ro/credit.db"
	why=
	[ -n "$rbad" ] && why="readers unlike on a writable store: $rbad"
	[ -n "$wbad" ] &&
	    why="${why:+$why; }writers not refused with 73/74: $wbad"
	[ -n "$first" ] && why="$why; the first said: $first"
	if [ "$before" != "$(dump "$d/ro/credit.db")" ]; then
		why="${why:+$why; }the store changed"
	elif ! verify_ok "$d/ro/credit.db"; then
		why="${why:+$why; }cs-record verify fails"
	fi
	report "rostore:$kind" "$why" "read-only $kind: $nr readers as on a" \
	    "writable store, $nw writers refused with 73/74, nothing changed"
}
trials_rostore() {
	if [ "$as_user" = none ]; then
		for kind in dir file; do
			n=$((n + 1)) skipped=$((skipped + 1))
			echo "ok $n - rostore:$kind # skip root, and no" \
			    "setpriv to run as nobody"
		done
		return
	fi
	rostore dir
	rostore file
}

# -------------------------------------------------------------- ulimit
# limited BLOCKS CMD...: CMD under ulimit -f BLOCKS (the shell's unit).
# The shell's own report of SIGXFSZ goes to /dev/null, CMD's stderr
# where the caller sends it (through fd 3).
limited() {
	blocks=$1
	shift
	{ sh -c 'ulimit -f "$0" && exec "$@" 2>&3 3>&-' "$blocks" "$@"; } \
	    3>&2 2>/dev/null
}
trials_ulimit() {
	d=$tmp/ulimit
	mkdir -p "$d/frame" "$d/a" "$d/b"
	# The store reaches the limit during cs-record add: 74 and a
	# message (not death by SIGXFSZ), whole batches kept, and a re-run
	# without the limit completes the store.
	[ -s "$in/kill.csv" ] || rows $ROWS 1 >"$in/kill.csv"
	copy_store "$t/empty.db" "$d/add.db"
	size=$(wc -c <"$d/add.db")
	limited $((size / 512 + 400)) cs-record -d "$d/add.db" add \
	    --batch=$BATCH --as-of=2026-11-26 "$in/kill.csv" 2>"$d/add.err"
	rc=$?
	kept=$(nrecords "$d/add.db")
	why=
	if ! verify_ok "$d/add.db"; then
		why="cs-record verify fails after the limit (exit $rc)"
	elif [ $((kept % BATCH)) -ne 0 ] || [ "$kept" -ge $ROWS ]; then
		why="$kept rows kept under the limit: not whole batches, or all"
	else
		cs-record -q -d "$d/add.db" add --batch=$BATCH \
		    --as-of=2026-11-26 "$in/kill.csv"
		if [ "$(nrecords "$d/add.db")" -ne $ROWS ] ||
		    ! verify_ok "$d/add.db"; then
			why="the re-run without the limit did not complete it"
		elif [ $rc -ne 74 ] || [ ! -s "$d/add.err" ]; then
			why="$kept rows kept, nothing lost, but exit $rc,"
			why="$why not 74 with a message"
		fi
	fi
	report "ulimit:add" "$why" "the store reached the limit: exit 74," \
	    "$kept rows kept, a re-run completed it"
	# An -o file over the limit: 74 and a message, nothing left.
	(cd "$d/frame" && limited 1 cs-sample -q -d "$t/empty.db" frame \
	    --plan=general --as-of=2026-11-27 -o frame.csv \
	    "$fix/sample/classes.csv" 2>../frame.err)
	rc=$?
	left=$(ls "$d/frame")
	why=
	if [ $rc -ne 74 ] || [ ! -s "$d/frame.err" ]; then
		why="-o over the limit: exit $rc, not 74 with a message"
	fi
	left=$(printf '%s' "$left" | tr '\n' ' ')
	[ -n "$left" ] && why="${why:+$why; }left behind: $left"
	report "ulimit:frame" "$why" "-o over the limit: exit 74, nothing" \
	    "left behind"
	# A committing command whose stdout, a file, reaches the limit: as
	# with /dev/full, 74, and a re-run prints the receipt.
	copy_store "$t/objected.db" "$d/a/credit.db"
	copy_store "$t/objected.db" "$d/b/credit.db"
	cs-blacklist -q -d "$d/a/credit.db" decide --as-of=2026-10-14 \
	    "$in/bl-decide.csv" >"$d/a/out"
	limited 1 cs-blacklist -q -d "$d/b/credit.db" decide \
	    --as-of=2026-10-14 "$in/bl-decide.csv" >"$d/b/out" 2>"$d/b/err"
	rc=$?
	why=
	if ! verify_ok "$d/b/credit.db"; then
		why="cs-record verify fails"
	else
		cs-blacklist -q -d "$d/b/credit.db" decide --as-of=2026-10-14 \
		    "$in/bl-decide.csv" >"$d/b/out"
		if ! cmp -s "$d/a/out" "$d/b/out"; then
			why="the re-run printed $(wc -l <"$d/b/out") lines,"
			why="$why not the receipt of $(wc -l <"$d/a/out")"
		elif [ "$(dump "$d/a/credit.db")" != \
		    "$(dump "$d/b/credit.db")" ]; then
			why="the store differs from the one a good run leaves"
		elif [ $rc -ne 74 ]; then
			why="stdout over the limit: exit $rc, not 74"
		fi
	fi
	report "ulimit:stdout" "$why" "decide >file over the limit: exit 74," \
	    "the re-run printed the receipt"
}

for group in kill writers devfull rostore ulimit; do
	case " ${CS_FAULTS_ONLY:-$group} " in
	*" $group "*) "trials_$group" ;;
	esac
done
echo "# faults (seed $seed): kill -9: ${kill_note:-none}; writers: 4" \
    "($busy busy); /dev/full: $ndevfull commands; read-only: 2 stores;" \
    "ulimit -f: 3"
echo "# faults: $passed passed, $failed failed, $pending pending," \
    "$skipped skipped"
echo "1..$n"
[ $failed -eq 0 ]
