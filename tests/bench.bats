#!/usr/bin/env bats
# The helper programs of make bench whose figures the notes rely on.
bats_require_minimum_version 1.5.0
load helpers

@test "bench storefloor: writes again exactly what a bulk add wrote" {
	"$CS_BUILD/bench/gen" records 3000 >in.csv
	cs-record -q -d a.db init
	run cs-record -q -d a.db add --as-of=2026-11-26 in.csv
	assert_success
	cs-record -q -d b.db init
	local adds
	adds=$(sqlite3 a.db "SELECT count(*) FROM ledger WHERE action = 'add'")
	run --separate-stderr "$CS_BUILD/bench/storefloor" a.db b.db
	assert_success
	assert_output --regexp "^[0-9]+\.[0-9][0-9] $adds\$"
	# The same chain, the same derived tables: verify finds it clean.
	local q
	for q in "SELECT seq, action, subject, hex(hash) FROM ledger ORDER BY seq" \
	    "SELECT * FROM records ORDER BY rid" \
	    "SELECT * FROM entities ORDER BY uscc"; do
		assert_equal "$(sqlite3 b.db "$q")" "$(sqlite3 a.db "$q")"
	done
	run cs-record -q -d b.db verify
	assert_success
	run sqlite3 b.db "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master
	    WHERE name IN ('records_uscc', 'records_type') ORDER BY name)"
	assert_output 'records_type records_uscc'
}

@test "bench storefloor --minimal: only the ledger and a unique table of ids" {
	"$CS_BUILD/bench/gen" records 2000 >in.csv
	cs-record -q -d a.db init
	cs-record -q -d a.db add --as-of=2026-11-26 in.csv
	run --separate-stderr "$CS_BUILD/bench/storefloor" --minimal a.db m.db
	assert_success
	local adds
	adds=$(sqlite3 a.db "SELECT count(*) FROM ledger WHERE action = 'add'")
	assert_output --regexp "^[0-9]+\.[0-9][0-9] $adds\$"
	run sqlite3 m.db "SELECT count(*) FROM ledger; SELECT count(*) FROM records;
	    SELECT group_concat(name, ' ') FROM sqlite_master; PRAGMA journal_mode"
	assert_output "$adds
$adds
ledger records
wal"
	assert_equal "$(sqlite3 m.db "SELECT hex(hash) FROM ledger ORDER BY seq")" \
	    "$(sqlite3 a.db "SELECT hex(hash) FROM ledger WHERE action = 'add' ORDER BY seq")"
}

@test "bench storefloor: a wrong call is a usage error" {
	run --separate-stderr "$CS_BUILD/bench/storefloor" only-one
	assert_failure 64
	assert_equal "$stderr" "usage: storefloor [--minimal] SOURCE TARGET"
	run --separate-stderr "$CS_BUILD/bench/storefloor" missing.db b.db
	assert_failure 70
	assert_equal "$stderr" "storefloor: missing.db: unable to open database file"
}

@test "bench csbody.so: the sqlite3 shell reads packed bodies as cs does" {
	"$CS_BUILD/bench/gen" records 400 >in.csv
	cs-record -q -d a.db init
	cs-record -q -d a.db add --as-of=2026-11-26 in.csv
	# Packed bodies: the shell alone sees bytes, not JSON.
	run sqlite3 a.db "SELECT count(*) FROM ledger WHERE typeof(body) = 'blob'"
	assert_output 400
	# Byte for byte the body of each event as cs-record events prints it
	# (canonical JSON, the keys sorted: body comes before operator).
	cs-record -q -d a.db events |
	    sed 's/^{"action":.*,"body":\(.*\),"operator":.*$/\1/' >want
	sqlite3 -cmd ".load $CS_BUILD/bench/csbody" a.db \
	    "SELECT cs_body(body, subject) FROM ledger ORDER BY seq" >got
	assert_same_file want got
	run sed -n '$=' got
	assert_output 401
	run sqlite3 -cmd ".load $CS_BUILD/bench/csbody" a.db \
	    "SELECT cs_body(x'01ff', '')"
	assert_failure 1
	assert_output --partial "cs_body: not a packed body"
}
