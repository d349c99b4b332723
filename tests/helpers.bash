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

# $stderr of `run --separate-stderr` is exactly $1 (or stdin, with -).
assert_stderr() {
	local expected
	if [ "$1" = - ]; then
		expected=$(cat)
	else
		expected=$1
	fi
	# shellcheck disable=SC2154 # set by run --separate-stderr
	assert_equal "$stderr" "$expected"
}
