#!/usr/bin/env bats
# Stores that are read-only, busy, odd or damaged (issue 12, section 4),
# across the tools: read-only stores are read and never written (73), a
# writer waits --wait seconds before 75 and a long add lets it in, odd
# schema versions and damaged files get one clear message (69, 74).
bats_require_minimum_version 1.5.0
load helpers

R="$FIXTURES/record"
IN='uscc,type,decided_on
91110000600037341L,education,2026-01-05'

# reader CMD...: CMD as a user who may read the store but not write it.
# As root (who writes anything) that is nobody; otherwise the modes of
# the store and its directory are taken away (ro_store).
reader() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}

# reader needs setpriv(1) when the tests run as root.
need_reader() {
	[ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null ||
	    skip "needs setpriv to run as a user who cannot write"
}

# The store of add_records in a directory of its own ($RO), read-only
# for reader: a read-only directory, or with $1 = file, a read-only file
# in a directory anyone may write.
ro_store() {
	need_reader
	RO=$(mktemp -d "${TMPDIR:-/tmp}/cs-ro.XXXXXX")
	export CS_DB=$RO/credit.db
	add_records
	cs-record -q checkpoint --key="$FIXTURES/checkpoint/signer.key" >"$RO/cp"
	cp "$FIXTURES/checkpoint/signer.key" "$RO/key"
	chmod 644 "$RO/key" "$RO/cp"
	if [ "$(id -u)" -eq 0 ]; then
		chmod 644 "$CS_DB"
		chmod 755 "$RO"
	else
		chmod 444 "$CS_DB"
		chmod 555 "$RO"
	fi
	[ "${1:-}" != file ] || chmod 1777 "$RO"
}

teardown() {
	if [ -n "${RO:-}" ]; then
		chmod -R u+w "$RO"
		rm -rf "$RO"
	fi
}

@test "stores: a store in a read-only directory is read by every reading command" {
	ro_store
	run -0 --separate-stderr reader cs-record export
	assert_same_file "$R/records.export.csv" <(printf '%s\n' "$output")
	run -0 --separate-stderr reader cs-record show 92510107MA6C8P2Q6J
	assert_line --index 2 '    "uscc": "92510107MA6C8P2Q6J",'
	run -0 --separate-stderr reader cs-record objections
	run -0 --separate-stderr reader cs-record commitments --as-of=2026-11-26
	assert_same_file "$R/commitments.out.csv" <(printf '%s\n' "$output")
	run -0 --separate-stderr reader cs-record verify --checkpoint="$RO/cp" --pubkey="$RO/key"
	assert_equal "${stderr_lines[1]}" "cs-record: checkpoint '$RO/cp' (tree size 25) matches the ledger"
	run -0 --separate-stderr reader cs-record checkpoint --key="$RO/key"
	assert_output "$(cat "$RO/cp")"
	run -0 --separate-stderr reader cs-record prove 7 --checkpoint="$RO/cp"
	run -0 --separate-stderr reader cs-score --all --as-of=2026-11-27
	printf '%s\n' "$output" >scores.csv
	run -0 --separate-stderr reader cs-classify <scores.csv
	run -0 --separate-stderr reader cs-classify history 92510107MA6C8P2Q6J
	run -0 --separate-stderr reader cs-blacklist ls --as-of=2026-11-27
	run -0 --separate-stderr reader cs-blacklist propose --list=serious --as-of=2026-11-27
	run -0 --separate-stderr reader cs-sample draws
	# Nothing was left beside the store.
	run -0 ls "$RO"
	assert_output $'cp\ncredit.db\nkey'
}

@test "stores: writers to a read-only store say so and exit 73, before reading their input" {
	ro_store
	local w
	for w in "cs-record add" "cs-record correct" "cs-record object" "cs-record resolve"; do
		run -73 --separate-stderr reader $w <<<"$IN"
		assert_output ''
		assert_stderr "cs-record: store '$CS_DB' is read-only: Permission denied"
	done
	run -73 --separate-stderr reader cs-classify --save <<<'uscc,score
92510107MA6C8P2Q6J,80'
	assert_stderr "cs-classify: store '$CS_DB' is read-only: Permission denied"
	run -73 --separate-stderr reader cs-blacklist expire --as-of=2026-11-27
	assert_stderr "cs-blacklist: store '$CS_DB' is read-only: Permission denied"
	# The store's own key cannot be made there either.
	run -73 --separate-stderr reader cs-record checkpoint
	assert_stderr "cs-record: cannot create '$CS_DB.key': Permission denied"
	# init has nothing to do on a store of this version.
	run -0 --separate-stderr reader cs-record init
	assert_stderr "cs-record: store '$CS_DB' is up to date (schema 7)"
	run -0 --separate-stderr reader cs-record verify
	assert_regex "$stderr" '^cs-record: verified 25 events: '
}

@test "stores: a read-only store file in a writable directory is read, not written" {
	ro_store file
	run -0 --separate-stderr reader cs-record export
	assert_same_file "$R/records.export.csv" <(printf '%s\n' "$output")
	run -0 --separate-stderr reader cs-record verify
	run -73 --separate-stderr reader cs-record add <<<"$IN"
	assert_stderr "cs-record: store '$CS_DB' is read-only: Permission denied"
}

@test "stores: a read-only directory with a write-ahead log not yet checkpointed" {
	need_reader
	RO=$(mktemp -d "${TMPDIR:-/tmp}/cs-ro.XXXXXX")
	export CS_DB=$RO/credit.db
	new_store
	# A writer killed after two batches leaves its log behind.
	CS_TEST_KILL_AT=8 cs-record -q add --batch=3 --as-of=2026-11-26 "$R/records.csv" 2>/dev/null || true
	[ -s "$CS_DB-wal" ]
	chmod 644 "$CS_DB" "$CS_DB-wal" "$CS_DB-shm"
	chmod 755 "$RO"
	[ "$(id -u)" -eq 0 ] || chmod 555 "$RO"
	# With the shared-memory file there, the log is read.
	run -0 --separate-stderr reader cs-record export
	assert_equal "${#lines[@]}" 7
	chmod u+w "$RO"
	rm "$CS_DB-shm"
	[ "$(id -u)" -eq 0 ] || chmod 555 "$RO"
	run -69 --separate-stderr reader cs-record export
	assert_output ''
	assert_stderr "cs-record: store '$CS_DB' cannot be written here, and its write-ahead log '$CS_DB-wal' holds changes not yet in it; open it once where it can be written"
}

@test "stores: --wait and CS_WAIT bound the wait for a busy store (75)" {
	new_store
	printf '%s\n' "$IN" >in.csv
	run -0 while_busy 'cs-record add --wait=0.2 --as-of=2026-11-26 in.csv'
	assert_equal "$(cat rc)" 75
	assert_equal "$(cat err)" "cs-record: store '$CS_DB' is busy: another process holds it; retry later"
	run -0 while_busy 'CS_WAIT=0 cs-record add --as-of=2026-11-26 in.csv'
	assert_equal "$(cat rc)" 75
	run -64 --separate-stderr cs-record add --wait=soon in.csv
	assert_equal "${stderr_lines[0]}" "cs-record add: invalid --wait 'soon': expected seconds, such as 60 or 0.5"
	CS_WAIT=-1 run -64 --separate-stderr cs-record export
	assert_equal "${stderr_lines[0]}" "cs-record export: invalid CS_WAIT '-1': expected seconds, such as 60 or 0.5"
	# Nothing was stored.
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger"
	assert_output 1
}

@test "stores: --cache-mib and CS_CACHE_MIB size the page cache; the store is the same" {
	"$CS_BUILD/bench/gen" records 300 >in.csv
	new_store
	run -0 cs-record -q add --cache-mib=1 --batch=50 --as-of=2026-11-26 in.csv
	cs-record -q export >small.csv
	rm -f "$CS_DB" "$CS_DB-wal" "$CS_DB-shm"
	new_store
	CS_CACHE_MIB=256 run -0 cs-record -q add --as-of=2026-11-26 in.csv
	cs-record -q export >big.csv
	cmp small.csv big.csv
	run -0 cs-record -q verify
	run -64 --separate-stderr cs-record add --cache-mib=0 in.csv
	assert_equal "${stderr_lines[0]}" "cs-record add: invalid --cache-mib '0': expected MiB from 1 to 65536, such as 64"
	CS_CACHE_MIB=lots run -64 --separate-stderr cs-record export
	assert_equal "${stderr_lines[0]}" "cs-record export: invalid CS_CACHE_MIB 'lots': expected MiB from 1 to 65536, such as 64"
	# The option wins over the variable.
	CS_CACHE_MIB=lots run -0 cs-record -q export --cache-mib=8
}

@test "stores: a long add yields between batches, so another writer gets in (issue 12)" {
	"$CS_BUILD/bench/gen" records 3000 >big.csv
	new_store
	# Through a FIFO, the long add holds the store as long as we feed it.
	mkfifo in.csv
	cs-record -q add --batch=10 --as-of=2026-11-26 in.csv >/dev/null 2>add.err &
	local big=$! small i=0 w
	exec {w}>in.csv
	head -n 101 big.csv >&"$w"
	printf '%s\n' "$IN" >small.csv
	cs-record -q add --wait=30 --as-of=2026-11-26 small.csv 2>small.err &
	small=$!
	# Feed a batch at a time until the other writer is done.
	while kill -0 "$small" 2>/dev/null && ((i < 290)); do
		sed -n "$((102 + i * 10)),$((111 + i * 10))p" big.csv >&"$w"
		i=$((i + 1))
	done
	wait "$small"
	((i < 290)) || fail "the other writer did not get in"
	exec {w}>&-
	wait "$big"
	local seq last
	seq=$(sqlite3 "$CS_DB" "SELECT seq FROM ledger WHERE subject = '91110000600037341L'")
	last=$(sqlite3 "$CS_DB" "SELECT max(seq) FROM ledger")
	((seq < last)) || fail "it got in at seq $seq, after the long add ($last)"
	run -0 --separate-stderr cs-record verify
}

@test "stores: schema versions no cs wrote, and tables missing, get one message; init never exits 70" {
	new_store
	sqlite3 "$CS_DB" 'PRAGMA user_version = -1'
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: store '$CS_DB' has schema version -1, which no cs ever wrote: it is damaged; restore it from a copy"
	run -69 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' has schema version -1, which no cs ever wrote: it is damaged; restore it from a copy"
	rm -f "$CS_DB"
	new_store
	sqlite3 "$CS_DB" 'DROP TABLE records; PRAGMA user_version = 1'
	run -69 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' has schema 1 but no table 'records': it is damaged; restore it from a copy"
	run -69 --separate-stderr cs-score --all
	assert_stderr "cs-score: store '$CS_DB' has schema 1 but no table 'records': it is damaged; restore it from a copy"
	rm -f "$CS_DB"
	new_store
	sqlite3 "$CS_DB" 'DROP TABLE ledger'
	run -69 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' has schema 7 but no table 'ledger': it is damaged; restore it from a copy"
	run -69 --separate-stderr cs-blacklist ls
	assert_stderr "cs-blacklist: store '$CS_DB' has schema 7 but no table 'ledger': it is damaged; restore it from a copy"
}

@test "stores: a schema 2 store labelled schema 1 is refused (69), never migrated again (70)" {
	add_records
	sqlite3 "$CS_DB" 'PRAGMA user_version = 1'
	run -69 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' has schema 1 but holds column 'records.authority_uscc' of schema 2: its schema version is wrong and it is damaged; restore it from a copy"
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: store '$CS_DB' has schema 1 but holds column 'records.authority_uscc' of schema 2: its schema version is wrong and it is damaged; restore it from a copy"
	# Nothing was written: the store says 1 still, and holds its 25 events.
	run -0 sqlite3 "$CS_DB" 'PRAGMA user_version; SELECT count(*) FROM ledger'
	assert_output $'1\n25'
	# A table of schema 2 without the columns: the table is named.
	rm -f "$CS_DB"
	new_store
	sqlite3 "$CS_DB" 'CREATE TABLE t AS SELECT * FROM records; DROP TABLE records;
	    ALTER TABLE t RENAME TO records; ALTER TABLE records DROP COLUMN authority_uscc;
	    ALTER TABLE records DROP COLUMN violation_type; PRAGMA user_version = 1'
	run -69 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' has schema 1 but holds table 'classes' of schema 2: its schema version is wrong and it is damaged; restore it from a copy"
}

@test "stores: an I/O error at open is reported as what it is" {
	run -74 --separate-stderr cs-record -d /proc/self/mem export
	assert_stderr "cs-record: cannot read store '/proc/self/mem': Input/output error"
	mkdir dir.db
	run -69 --separate-stderr cs-record -d dir.db export
	assert_stderr "cs-record: cannot read store 'dir.db': Is a directory"
	run -69 --separate-stderr cs-record -d dir.db init
	assert_stderr "cs-record: cannot read store 'dir.db': Is a directory"
	# No file may grow: the write-ahead log cannot be made.  Said as
	# what failed, not as the SQL that did.
	cs-record -q -d u.db init
	# (Its message goes through a pipe, which the limit does not stop.)
	run -74 bash -c 'set -o pipefail; (ulimit -f 0 && exec cs-record -d u.db export 2>&1 >/dev/null) | cat'
	assert_output "cs-record: cannot set up store 'u.db': disk I/O error"
}

@test "stores: an unreadable store says why" {
	need_reader
	[ "$(id -u)" -eq 0 ] || { new_store; chmod 000 "$CS_DB"; }
	if [ "$(id -u)" -eq 0 ]; then
		RO=$(mktemp -d "${TMPDIR:-/tmp}/cs-ro.XXXXXX")
		chmod 755 "$RO"
		export CS_DB=$RO/credit.db
		new_store
	fi
	run -69 --separate-stderr reader cs-record export
	assert_stderr "cs-record: cannot open store '$CS_DB': Permission denied"
}

@test "stores: a damaged file is exit 69 everywhere, and verify runs SQLite's integrity check" {
	add_records
	cp "$CS_DB" good.db
	# The root page of the records table overwritten.
	local page
	page=$(sqlite3 "$CS_DB" "SELECT rootpage FROM sqlite_master WHERE name = 'records'")
	printf '\0\0\0\0' | dd of="$CS_DB" bs=1 seek=$(((page - 1) * 8192)) conv=notrunc 2>/dev/null
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: store '$CS_DB' is damaged (database disk image is malformed): run 'cs-record verify'"
	run -69 --separate-stderr cs-record add <<<"$IN"
	assert_stderr "cs-record: store '$CS_DB' is damaged (database disk image is malformed): run 'cs-record verify'"
	run -69 --separate-stderr cs-score --all
	assert_stderr "cs-score: store '$CS_DB' is damaged (database disk image is malformed): run 'cs-record verify'"
	run -69 --separate-stderr cs-record verify
	assert_stderr "cs-record: store '$CS_DB' is damaged (database disk image is malformed); restore it from a copy"
	# An index that no longer matches its table: the check says so.
	cp good.db "$CS_DB"
	sqlite3 "$CS_DB" "PRAGMA writable_schema = ON; UPDATE sqlite_master SET rootpage = 11 WHERE name = 'records_ref'"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: SQLite's integrity check of the store file fails: 2nd reference to page 11; Page 9 is never used; row 5 missing from index records_ref; and more
cs-record: verify failed: the store file is damaged; restore it from a copy
EOF
}

@test "stores: verify's integrity check finds a NULL where the schema forbids one, and only a real one" {
	new_store
	printf 'uscc,score\n913601025489061073,95\n' | cs-classify -q --save --as-of=2026-11-27 >/dev/null
	# SQLite 3.40 reports every row of classes here; verify checks it.
	run -0 --separate-stderr cs-record -q verify
	sqlite3 "$CS_DB" "INSERT INTO classes VALUES ('x', 'y', 'z', NULL, NULL, NULL, 99)"
	sqlite3 "$CS_DB" "PRAGMA writable_schema = ON;
	    UPDATE sqlite_master SET sql = replace(sql, 'reason TEXT', 'reason TEXT NOT NULL') WHERE name = 'classes'"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF2'
cs-record: SQLite's integrity check of the store file fails: NULL value in classes.reason
cs-record: verify failed: the store file is damaged; restore it from a copy
EOF2
}
