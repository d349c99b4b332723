# Shared setup of the bats files: the build's binaries first on PATH (bare
# names keep argv[0] stable in messages), a fixed locale, time zone and
# ledger clock, no CS_* from the caller, and a store per test.
bats_require_minimum_version 1.5.0

load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

: "${CS_BUILD:?run the tests through make check}"
PATH="$CS_BUILD/bin:$PATH"
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1780000000 USER=tester
unset CS_DB CS_RULES CS_BUSY_TIMEOUT
FIXTURES="$BATS_TEST_DIRNAME/fixtures"
REPO="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	export CS_DB="$BATS_TEST_TMPDIR/credit.db"
}

# diff -u EXPECTED ACTUAL; fails with the difference.
assert_same_file() {
	diff -u "$1" "$2"
}

# A fresh store in $CS_DB.
new_store() {
	cs-record -q init
}

# $stderr of `run --separate-stderr` is exactly $1 (or stdin, with -), or
# holds $2 (with --partial).
assert_stderr() {
	local expected
	case $1 in
	-) expected=$(cat) ;;
	--partial)
		# shellcheck disable=SC2154 # set by run --separate-stderr
		[[ $stderr == *"$2"* ]] ||
		    fail "stderr does not contain: $2"$'\n'"stderr: $stderr"
		return
		;;
	*) expected=$1 ;;
	esac
	assert_equal "$stderr" "$expected"
}

# A fresh store with the entities of file $1 and the records of file $2,
# each added with the options that follow (cs-record add).
fixture_store() {
	local entities=$1 records=$2
	shift 2
	new_store
	cs-record -q add --entities "$@" "$entities"
	cs-record -q add "$@" "$records"
}

# The store of tests/fixtures/score: one entity per behaviour scored.
scored_store() {
	fixture_store "$FIXTURES/score/entities.csv" "$FIXTURES/score/records.csv"
}

# A store holding tests/fixtures/record/records.csv (ledger seq 2 to 25).
add_records() {
	new_store
	cs-record -q add --as-of=2026-11-26 "$FIXTURES/record/records.csv"
}

# Entity $1 on the serious list on its record $2: noticed 2026-09-30,
# decided 2026-10-14.  Prints the entry id.
list_serious() {
	local entry
	entry=$(printf 'uscc,list,basis,reason\n%s,serious,%s,%s\n' "$1" "$2" \
	    'serious administrative penalty' |
	    cs-blacklist -q add --as-of=2026-09-30 | sed -n 2p | cut -d, -f1)
	printf 'entry_id,reason\n%s,basis confirmed\n' "$entry" |
	    cs-blacklist -q decide --as-of=2026-10-14 >/dev/null
	echo "$entry"
}

# Run the shell line $1 while another connection holds the write lock of
# the store (cs waits CS_BUSY_TIMEOUT=50 ms): its stdout goes to the file
# out, its stderr to err and its exit status to rc.
while_busy() {
	CS_BUSY_TIMEOUT=50 sqlite3 "$CS_DB" 'BEGIN IMMEDIATE;' \
	    ".shell $1 >out 2>err; echo \$? >rc"
}

# The stderr and stdout of shell line $1 run on a terminal (script(1)),
# carriage returns shown as '~' and "erase to the end of the line" as
# '$'; also kept in term.out.txt.
on_terminal() {
	command -v script >/dev/null || skip "script(1) is not installed"
	TERM=xterm script -qec "$1" /dev/null </dev/null >term.out || return
	tr '\r' '~' <term.out | sed 's/\x1b\[K/$/g' | tee term.out.txt
}
