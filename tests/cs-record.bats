#!/usr/bin/env bats
# cs-record: init, add, show, export, correct, object, resolve, objections,
# commitments and verify (issue 2, DESIGN.md sections 3 to 5).
bats_require_minimum_version 1.5.0
load helpers

R="$FIXTURES/record"

# The export header of a store without extra columns: the canonical
# columns, then those export computes (the publicity window on --as-of
# last).
CANON=id,uscc,name,type,severity,authority,authority_uscc,doc_no,decided_on,valid_from,valid_until,due_on,ref,amount,fine_10k_yuan,basis,content,source,domain,certified,dishonest_debtor,person_name,person_id,note,violation_type,penalty_category,license_category,party_category,source_uscc,person_id_type,legal_rep,legal_rep_id_type,legal_rep_id,facts,publicity_end,severity_rule
OWN=seq,disputed,published,publicity_until,repair_from,publicity_end_differs
HEADER=$CANON,$OWN

# Run "$@" with stdout in the file $1, so goldens compare byte for byte.
to_file() {
	local file=$1
	shift
	"$@" >"$file"
}

# Run "$@" with standard output a pipe whose reader has already gone.
closed_pipe() {
	rm -f sync
	mkfifo sync
	set -o pipefail
	{ read -r _ <sync; "$@"; } | { exec 0<&-; echo >sync; }
}

# Revoke the penalty 3f1f9a471cd8bef6: an objection filed on 2026-10-09,
# upheld on 2026-10-12 with revoke=$1 (true when not given).
revoke_penalty() {
	local oid
	oid=$(printf 'id,filed_on,reason\n3f1f9a471cd8bef6,2026-10-09,不服\n' |
	    cs-record -q object --as-of=2026-11-26 | sed -n 2p | cut -d, -f1)
	printf 'objection_id,outcome,reason,resolved_on,revoke\n%s,upheld,撤销处罚,2026-10-12,%s\n' \
	    "$oid" "${1:-true}" | cs-record -q resolve --as-of=2026-11-26
}

# ---------------------------------------------------------------- usage

@test "cs-record: --help lists every command and exits 0" {
	run -0 --separate-stderr cs-record --help
	assert_stderr ''
	assert_line --index 0 'Usage: cs-record [OPTION...] COMMAND [ARG...]'
	local c
	for c in init add show export correct object resolve objections \
	    commitments verify; do
		assert_line --regexp "^  $c +[a-z]"
	done
}

@test "cs-record: every command has its own --help on stdout" {
	local c
	for c in init add show export correct object resolve objections \
	    commitments verify; do
		run -0 --separate-stderr cs-record "$c" --help
		assert_stderr ''
		assert_line --index 0 --regexp "^Usage: cs-record $c \[OPTION\.\.\.\]"
	done
	run -0 cs-record add -h
	assert_line --index 0 'Usage: cs-record add [OPTION...] [FILE...]'
}

@test "cs-record: an unknown command exits 64 with the Try line" {
	run -64 --separate-stderr cs-record frobnicate
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: unknown command 'frobnicate'
Try `cs-record --help' or `cs-record --usage' for more information.
EOF
}

@test "cs-record: no command exits 64" {
	run -64 --separate-stderr cs-record
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: no command given
Try `cs-record --help' or `cs-record --usage' for more information.
EOF
}

@test "cs-record: a command without operands refuses one with exit 64" {
	run -64 --separate-stderr cs-record init extra
	assert_output ''
	assert_stderr - <<'EOF'
cs-record init: takes no arguments (got 'extra')
Try `cs-record init --help' or `cs-record init --usage' for more information.
EOF
	[ ! -e credit.db ]
}

@test "cs-record add: rejects bad option values with exit 64" {
	run -64 --separate-stderr cs-record add --set=type
	assert_stderr - <<'EOF'
cs-record add: invalid --set 'type': use COLUMN=VALUE
Try `cs-record add --help' or `cs-record add --usage' for more information.
EOF
	run -64 --separate-stderr cs-record add --set==penalty
	assert_equal "${stderr_lines[0]}" "cs-record add: invalid --set '=penalty': use COLUMN=VALUE"
	run -64 --separate-stderr cs-record add --batch=0
	assert_equal "${stderr_lines[0]}" "cs-record add: invalid --batch '0': expected a whole number from 1 to 1000000"
}

@test "cs-record export: rejects bad option values with exit 64" {
	new_store
	run -64 --separate-stderr cs-record export --since-seq=ten
	assert_equal "${stderr_lines[0]}" "cs-record export: invalid --since-seq 'ten': expected a whole number from 0 to 4611686018427387904"
	run -64 --separate-stderr cs-record export --decided-from=2026-02-30
	assert_equal "${stderr_lines[0]}" "cs-record export: invalid --decided-from '2026-02-30': not a date"
	run -64 --separate-stderr cs-record export --type=fine
	assert_output ''
	assert_stderr - <<'EOF'
cs-record export: invalid --type 'fine': not a record type of catalog.json
Try `cs-record export --help' or `cs-record export --usage' for more information.
EOF
}

# ---------------------------------------------------------------- init

@test "cs-record init: creates the store with mode 0600" {
	run -0 --separate-stderr cs-record init
	assert_output ''
	assert_stderr "cs-record: created store '$CS_DB' (schema 7)"
	run -0 stat -c %a "$CS_DB"
	assert_output 600
	run -0 sqlite3 "$CS_DB" 'PRAGMA user_version'
	assert_output 7
}

@test "cs-record init: migrates a schema 1 store to 7 with a migrate event; verify stays clean" {
	cs-record -q init
	cs-record -q add "$FIXTURES/record/records.csv"
	# A schema 1 store is this one without what schemas 2 to 7 added.
	sqlite3 "$CS_DB" 'DROP TABLE repairs; DROP TABLE repair_steps;
	    DROP TABLE releases; DROP TABLE published; DROP TABLE withdrawals;
	    DROP TABLE classes; DROP TABLE draws; DROP TABLE draw_picks;
	    DROP TABLE list_entries; DROP TABLE list_steps; DROP TABLE list_basis;
	    ALTER TABLE records DROP COLUMN authority_uscc;
	    ALTER TABLE records DROP COLUMN violation_type;
	    DROP INDEX records_severity_rule;
	    ALTER TABLE records DROP COLUMN severity_rule;
	    ALTER TABLE records DROP COLUMN penalty_category;
	    DROP INDEX records_type; PRAGMA user_version = 1'
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: store '$CS_DB' has schema 1, this cs needs 7: run 'cs-record init' to migrate it"
	run -0 --separate-stderr cs-record init
	assert_stderr "cs-record: migrated store '$CS_DB' from schema 1 to 7"
	run -0 sqlite3 "$CS_DB" "SELECT action, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output 'migrate|{"from":1,"schema":7}'
	# The columns schema 2 added are filled from the ledger, as a replay would.
	run -0 sqlite3 "$CS_DB" "SELECT count(*) > 0 FROM records WHERE authority_uscc IS NOT NULL"
	assert_output 1
	run -0 --separate-stderr cs-record verify
	run -0 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' is up to date (schema 7)"
}

@test "cs-record init: migrates a schema 5 store to 7, penalty_category filled from the ledger, corrections too" {
	cs-record -q init
	cs-record -q add --as-of=2026-11-26 "$R/publicity.csv"
	# A correction: the category of its record is in a correct event's body.
	printf 'id,penalty_category,reason\nPUB-2,罚款；没收违法所得,录入错误\n' |
	    cs-record -q correct --as-of=2026-11-26
	run -0 sqlite3 "$CS_DB" "SELECT group_concat(id || '=' || penalty_category, ' ')
	    FROM (SELECT id, penalty_category FROM records
	    WHERE penalty_category IS NOT NULL ORDER BY rid)"
	local want=$output
	[[ $want == *'PUB-2=罚款；没收违法所得 '* ]]
	# A schema 5 store is this one without the column schema 6 and the index
	# schema 7 added.
	sqlite3 "$CS_DB" 'ALTER TABLE records DROP COLUMN penalty_category;
	    DROP INDEX records_type; PRAGMA user_version = 5'
	run -69 --separate-stderr cs-repair eligible --all --as-of=2026-11-26
	assert_stderr "cs-repair: store '$CS_DB' has schema 5, this cs needs 7: run 'cs-record init' to migrate it"
	run -0 --separate-stderr cs-record init
	assert_stderr "cs-record: migrated store '$CS_DB' from schema 5 to 7"
	run -0 sqlite3 "$CS_DB" "SELECT action, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output 'migrate|{"from":5,"schema":7}'
	run -0 sqlite3 "$CS_DB" "SELECT group_concat(id || '=' || penalty_category, ' ')
	    FROM (SELECT id, penalty_category FROM records
	    WHERE penalty_category IS NOT NULL ORDER BY rid)"
	assert_output "$want"
	run -0 --separate-stderr cs-record verify
}

@test "cs-record init: migrates a schema 6 store to 7, the index of records by type and id; a bulk load builds it again" {
	cs-record -q init
	# A bulk load into an empty store drops the indexes of records and
	# builds them at its end.
	cs-record -q add --as-of=2026-11-26 "$R/publicity.csv"
	local index="SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'records_type'"
	run -0 sqlite3 "$CS_DB" "$index"
	assert_output records_type
	sqlite3 "$CS_DB" 'DROP INDEX records_type; PRAGMA user_version = 6'
	run -69 --separate-stderr cs-publish due --as-of=2026-11-26
	assert_stderr "cs-publish: store '$CS_DB' has schema 6, this cs needs 7: run 'cs-record init' to migrate it"
	run -0 --separate-stderr cs-record init
	assert_stderr "cs-record: migrated store '$CS_DB' from schema 6 to 7"
	run -0 sqlite3 "$CS_DB" "SELECT action, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output 'migrate|{"from":6,"schema":7}'
	run -0 sqlite3 "$CS_DB" "$index"
	assert_output records_type
	# The records of a type by id come from the index, no sort; a query
	# that writes +type keeps off it.
	local q="SELECT r.seq, r.rid, r.status FROM records r WHERE r.seq > 0
	    AND r.status = 'active' AND r.type IN ('penalty') ORDER BY r.id"
	run -0 sqlite3 "$CS_DB" "EXPLAIN QUERY PLAN $q"
	assert_output --partial 'USING INDEX records_type (type=?)'
	refute_output --partial 'TEMP B-TREE'
	run -0 sqlite3 "$CS_DB" "EXPLAIN QUERY PLAN ${q/r.type/+r.type}"
	refute_output --partial 'records_type'
	run -0 --separate-stderr cs-record verify
}

@test "cs-record init: a second run says the store is up to date" {
	new_store
	run -0 --separate-stderr cs-record init
	assert_output ''
	assert_stderr "cs-record: store '$CS_DB' is up to date (schema 7)"
	run -0 sqlite3 "$CS_DB" 'select count(*) from ledger'
	assert_output 1
}

@test "cs-record init: -d names the store and -q keeps quiet" {
	run -0 --separate-stderr cs-record -q -d other.db init
	assert_output ''
	assert_stderr ''
	[ -f other.db ]
	[ ! -e "$CS_DB" ]
}

@test "cs-record init: a store that cannot be created exits 73" {
	run -73 --separate-stderr cs-record -d no/such/dir/credit.db init
	assert_output ''
	assert_stderr "cs-record: cannot create store 'no/such/dir/credit.db': No such file or directory"
}

@test "cs-record init: refuses an SQLite file that is not a cs store with exit 69" {
	sqlite3 other.db 'CREATE TABLE t (x)'
	run -69 --separate-stderr cs-record -d other.db init
	assert_stderr "cs-record: 'other.db' is an SQLite database but not a cs store; choose another --db"
	run -0 sqlite3 other.db 'select name from sqlite_master'
	assert_output t
}

@test "cs-record init: refuses a store of a newer schema with exit 69" {
	new_store
	sqlite3 "$CS_DB" 'PRAGMA user_version=9'
	run -69 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' has schema 9, newer than this cs (schema 7): upgrade cs"
}

# ---------------------------------------------------------------- the store

@test "cs-record: a missing store exits 69 and says to run 'cs-record init'" {
	run -69 --separate-stderr cs-record export
	assert_output ''
	assert_stderr "cs-record: store '$CS_DB' does not exist; create it with 'cs-record init'"
	[ ! -e "$CS_DB" ]
}

@test "cs-record: the store defaults to ./credit.db without CS_DB or -d" {
	unset CS_DB
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: store './credit.db' does not exist; create it with 'cs-record init'"
}

@test "cs-record: an SQLite file that is not a cs store exits 69" {
	sqlite3 other.db 'CREATE TABLE t (x)'
	run -69 --separate-stderr cs-record -d other.db export
	assert_output ''
	assert_stderr "cs-record: 'other.db' is an SQLite database but not a cs store; choose another --db"
}

@test "cs-record: a file that is not a database exits 69" {
	echo 'not a database' > text.db
	run -69 --separate-stderr cs-record -d text.db export
	assert_output ''
	assert_stderr "cs-record: 'text.db' is not a cs store (file is not a database)"
}

@test "cs-record: a store of a newer schema exits 69" {
	new_store
	sqlite3 "$CS_DB" 'PRAGMA user_version=9'
	run -69 --separate-stderr cs-record add --as-of=2026-11-26 "$R/records.csv"
	assert_output ''
	assert_stderr "cs-record: store '$CS_DB' has schema 9, newer than this cs (schema 7): upgrade cs"
}

@test "cs-record: a store without a schema version is damaged: exit 69, also for init" {
	new_store
	sqlite3 "$CS_DB" 'PRAGMA user_version=0'
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: store '$CS_DB' has no schema version: it is damaged; restore it from a copy"
	run -69 --separate-stderr cs-record init
	assert_stderr "cs-record: store '$CS_DB' has no schema version: it is damaged; restore it from a copy"
}

@test "cs-record: an empty store file says to run init" {
	: >empty.db
	run -69 --separate-stderr cs-record -d empty.db export
	assert_stderr "cs-record: store 'empty.db' is an empty file; create the store with 'cs-record init'"
	run -0 --separate-stderr cs-record -d empty.db init
	assert_stderr "cs-record: created store 'empty.db' (schema 7)"
}

@test "cs-record: a rules directory that cannot be read exits 69" {
	new_store
	run -69 --separate-stderr cs-record --rules=no/such/rules export
	assert_output ''
	assert_stderr "cs-record: no/such/rules/catalog.json: cannot read the rules file (is --rules or \$CS_RULES right?)"
	export CS_RULES=no/such/rules
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: no/such/rules/catalog.json: cannot read the rules file (is --rules or \$CS_RULES right?)"
}

@test "cs-record: a broken rules file exits 69 naming the file" {
	new_store
	cp -r "$REPO/share/cs" rules
	echo '{' > rules/catalog.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/catalog.json: line 2, column 0: string or '}' expected near end of file"
}

@test "cs-record: a bad publicity.json exits 69 naming the file and the key (issue 11)" {
	new_store
	cp -r "$REPO/share/cs" rules
	jq '.regimes[2].severities.general.maximum = "a year"' "$REPO/share/cs/publicity.json" >rules/publicity.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/publicity.json: regimes[2].severities.general.maximum: expected a period such as \"P1Y\" or \"P3M\""
	jq '.regimes[0].never_repaired.when[0].domain = ["food"]' "$REPO/share/cs/publicity.json" >rules/publicity.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/publicity.json: regimes[0].never_repaired.when[0]: unknown key 'domain' (known: domains, severities, penalty_categories, violation_types)"
	jq '.warning_only = []' "$REPO/share/cs/publicity.json" >rules/publicity.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/publicity.json: warning_only: expected a non-empty array of strings"
	jq '.regimes[1].from = "May 2023"' "$REPO/share/cs/publicity.json" >rules/publicity.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/publicity.json: regimes[1].from: expected a date such as \"2023-05-01\""
	jq '.regimes[1].from = "2023-04-01"' "$REPO/share/cs/publicity.json" >rules/publicity.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/publicity.json: regimes[1]: overlaps regimes[0] ('pre-2023-05')"
	jq '.published_types.license = "always"' "$REPO/share/cs/publicity.json" >rules/publicity.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/publicity.json: published_types.license: expected \"regime\" or \"in_force\""
}

@test "cs-record add: a store whose last ledger hash is damaged exits 69 and says to verify" {
	add_records
	sqlite3 "$CS_DB" "UPDATE ledger SET hash = x'00' WHERE seq = 25"
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026-01-05\n' > in.csv
	run -69 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_stderr "cs-record: store '$CS_DB': the last ledger event has a damaged hash; run 'cs-record verify'"
	run -1 --separate-stderr cs-record verify
	assert_equal "${stderr_lines[1]}" 'cs-record: verify failed at ledger seq 25'
}

@test "cs-record add: a store held by another writer exits 75 after CS_BUSY_TIMEOUT" {
	new_store
	cp "$R/records.csv" .
	run -0 while_busy 'cs-record add --as-of=2026-11-26 records.csv'
	run -0 cat rc
	assert_output 75
	run -0 cat err
	assert_output "cs-record: store '$CS_DB' is busy: another process holds it; retry later"
	[ ! -s out ]
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
}

@test "cs-record export: reads a store while another process writes to it" {
	add_records
	run -0 while_busy 'cs-record export --as-of=2026-11-26'
	run -0 cat rc
	assert_output 0
	[ ! -s err ]
	assert_same_file "$R/records.export.csv" out
}

# ---------------------------------------------------------------- add

@test "cs-record add: ingests every record type and exports them in canonical columns" {
	new_store
	cp "$R/records.csv" .
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 records.csv
	assert_output ''
	assert_stderr 'cs-record: added 24, unchanged 0, rejected 0'
	run -0 --separate-stderr to_file out.csv cs-record export --as-of=2026-11-26
	assert_stderr ''
	assert_same_file "$R/records.export.csv" out.csv
}

@test "cs-record add: reads stdin when no file or '-' is given" {
	new_store
	run -0 --separate-stderr bash -c 'cs-record add --as-of=2026-11-26 < "$1"' _ "$R/records.csv"
	assert_stderr 'cs-record: added 24, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file "$R/records.export.csv" out.csv
}

@test "cs-record add: a re-run changes nothing" {
	add_records
	cs-record export --as-of=2026-11-26 > before.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 "$R/records.csv"
	assert_output ''
	assert_stderr 'cs-record: added 0, unchanged 24, rejected 0'
	cs-record export --as-of=2026-11-26 > after.csv
	assert_same_file before.csv after.csv
	run -0 sqlite3 "$CS_DB" 'select count(*) from ledger'
	assert_output 25
}

@test "cs-record add: -q leaves out the summary" {
	new_store
	run -0 --separate-stderr cs-record -q add --as-of=2026-11-26 "$R/records.csv"
	assert_output ''
	assert_stderr ''
}

@test "cs-record add: derives the id from type, authority, doc_no and uscc" {
	add_records
	local want
	want=$(printf '%s' '["penalty","厦门市市场监督管理局","厦市监罚〔2025〕101号","91350100M000100Y43"]' |
	    sha256sum | cut -c1-16)
	cs-record export --as-of=2026-11-26 --type=penalty --uscc=91350100M000100Y43 --to=ndjson > out.ndjson
	run -0 jq -r .id out.ndjson
	assert_output "$want"
	assert_output f61d0c89a6501810
}

@test "cs-record add: derives the id of a record without doc_no from its canonical JSON without extra columns" {
	add_records
	local want
	want=$(jq -cnS '{uscc: "92510107MA6C8P2Q6J", name: "成都武侯区李记便利店",
	    type: "complaint", decided_on: "2026-09-18", content: "售卖过期食品",
	    source: "12315平台"}' | tr -d '\n' |
	    sha256sum | cut -c1-16)
	cs-record export --as-of=2026-11-26 --type=complaint --to=ndjson > out.ndjson
	run -0 jq -r .id out.ndjson
	assert_output "$want"
}

@test "cs-record add: the same identity with other content is a conflict" {
	add_records
	sed '2s/,1\.5,/,2.5,/' "$R/records.csv" > conflict.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 conflict.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: conflict.csv:2: record 'f61d0c89a6501810' already exists with other content (seq 2); change it with 'cs-record correct'
cs-record: added 0, unchanged 23, rejected 1
EOF
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file "$R/records.export.csv" out.csv
}

@test "cs-record add: a given id with other content is a conflict" {
	add_records
	sed '5s/三十日内/四十日内/' "$R/records.csv" > conflict.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 conflict.csv
	assert_stderr - <<'EOF'
cs-record: conflict.csv:5: record 'CM-0001' already exists with other content (seq 5); change it with 'cs-record correct'
cs-record: added 0, unchanged 23, rejected 1
EOF
}

@test "cs-record add: rejects each bad value with its own message and stores the rest" {
	new_store
	cp "$R/rejects.in.csv" .
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 --rejects=bad.csv rejects.in.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: rejects.in.csv:2: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-record: rejects.in.csv:3: uscc '110105********0439' looks like a resident ID number, not a USCC
cs-record: rejects.in.csv:4: uscc '9111000060003734' has 16 characters, expected 18
cs-record: rejects.in.csv:5: uscc '91110000600O37341L' has forbidden character 'O' at position 12
cs-record: rejects.in.csv:6: uscc '91AB0000600037341L' has region code 'AB0000' at positions 3-8 that is not six digits
cs-record: rejects.in.csv:7: uscc '91350200M0000001XA' is an early pilot code that fails the check character rule (expected '0'); accept it with --allow-pilot-codes or --pilot-list
cs-record: rejects.in.csv:8: authority_uscc '1135020000360001XA' has a wrong check character (expected 'U')
cs-record: rejects.in.csv:9: required column 'uscc' is empty
cs-record: rejects.in.csv:10: required column 'type' is empty
cs-record: rejects.in.csv:11: required column 'decided_on' is empty
cs-record: rejects.in.csv:12: unknown type 'fine' (the types are in catalog.json)
cs-record: rejects.in.csv:13: severity is empty and cannot be derived: rule 'revocation-or-closure' of severity.json needs penalty_category
cs-record: rejects.in.csv:14: severity 'critical' is not a severity: minor, general, serious
cs-record: rejects.in.csv:15: type 'license' requires column 'doc_no'
cs-record: rejects.in.csv:16: decided_on '2025-02-30' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
cs-record: rejects.in.csv:17: decided_on '2026-11-27' is after the --as-of date 2026-11-26
cs-record: rejects.in.csv:18: valid_until '2026-01-31' is before valid_from '2026-02-01'
cs-record: rejects.in.csv:19: due_on '2025-12-31' is before decided_on '2026-01-05'
cs-record: rejects.in.csv:20: amount '1,200.50' is not a decimal number (digits with an optional '.' part)
cs-record: rejects.in.csv:21: fine_10k_yuan '一万' is not a decimal number (digits with an optional '.' part)
cs-record: rejects.in.csv:22: domain 'aerospace' is not a known domain: food, drug, medical_device, cosmetics, construction, hazardous_chemicals, special_equipment, work_safety, fire, environment, tax, customs, labour, transport, finance, product_quality, pricing, advertising, ecommerce, other
cs-record: rejects.in.csv:23: certified 'maybe' is not a boolean: true, false
cs-record: rejects.in.csv:24: dishonest_debtor 'unknown' is not a boolean: true, false
cs-record: rejects.in.csv:25: person_id '110105********0438' has a wrong check character (expected '9')
cs-record: rejects.in.csv:26: person_id '110105********0430' has an impossible birth date
cs-record: rejects.in.csv:27: person_id '110105******0704' has 16 characters, expected 18
cs-record: rejects.in.csv:28: id 'CM 0009' is not a valid id (1 to 64 letters, digits, '.', '_', ':' or '-')
cs-record: rejects.in.csv:29: ref 'CM-0009' is not a commitment in the store
cs-record: rejects.in.csv:30: type 'complaint' requires column 'source'
cs-record: rejects.in.csv:31: row has 3 fields, the header has 22
cs-record: rejects.in.csv: severity derived 0, not derivable 1 (severity.json)
cs-record: added 2, unchanged 0, rejected 30
EOF
	assert_same_file "$R/rejects.out.csv" bad.csv
	cs-record export --as-of=2026-11-26 --unmasked --to=ndjson > out.ndjson
	run -0 jq -c '[.doc_no, .person_id, .person_id_type]' out.ndjson
	assert_output - <<'EOF'
["京市监许〔2026〕23号","E12345678","护照"]
["京市监许〔2026〕24号","440305199003154568",null]
EOF
	# Masked by default, a passport number too (9 characters: whole).
	cs-record export --to=ndjson > masked.ndjson
	run -0 jq -c '[.doc_no, .person_id, .person_id_type]' masked.ndjson
	assert_output - <<'EOF'
["京市监许〔2026〕23号","*********","护照"]
["京市监许〔2026〕24号","440305********4568",null]
EOF
}

@test "cs-record add: a person_id in Chinese is masked by characters, so its reject stays UTF-8 (issue 12)" {
	new_store
	printf 'uscc,type,decided_on,source,content,person_name,person_id\n91350100M000100Y43,complaint,2026-01-05,12345,x,张三,身份证号码未知道无法核实\n' >in.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 --rejects=bad.csv in.csv
	assert_stderr "cs-record: in.csv:2: person_id '身份证号码未**无法核实' has 12 characters, expected 18
cs-record: added 0, unchanged 0, rejected 1"
	run -0 iconv -f UTF-8 -t UTF-8 bad.csv
	# Fixed, it goes back in.
	sed -i 's/身份证号码未知道无法核实//' bad.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 bad.csv
	assert_stderr "cs-record: added 1, unchanged 0, rejected 0"
}

@test "cs-record add: normalises a USCC written in lower case with spaces and hyphens" {
	new_store
	printf 'uscc,type,decided_on\n" 91350100-m000100y43 ",education,2026-01-05\n' > in.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_stderr 'cs-record: added 1, unchanged 0, rejected 0'
	run -0 cs-record export --as-of=2026-11-26 --to=ndjson
	assert_output '{"id":"ef10bd2fc378dee7","uscc":"91350100M000100Y43","type":"education","decided_on":"2026-01-05","amount":null,"fine_10k_yuan":null,"certified":null,"dishonest_debtor":null,"seq":2,"disputed":false,"published":false,"publicity_end_differs":null}'
}

@test "cs-record add: accepts dates as YYYY-MM-DD, YYYY/MM/DD and YYYYMMDD and writes YYYY-MM-DD" {
	new_store
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026/01/05\n91110000600037341L,education,20260106\n91110000600037341L,education,2026-01-07\n' > in.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_stderr 'cs-record: added 3, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 --to=ndjson > out.ndjson
	run -0 jq -r .decided_on out.ndjson
	assert_output - <<'EOF'
2026-01-05
2026-01-06
2026-01-07
EOF
}

@test "cs-record add: a commitment_kept must name a commitment of the same entity" {
	add_records
	cat > in.csv <<'EOF'
uscc,type,decided_on,ref
91350100M000100Y43,commitment_kept,2026-10-01,CM-0002
91350100M000100Y43,commitment_kept,2026-10-01,f61d0c89a6501810
91350100M000100Y43,commitment_broken,2026-10-01,CM-9999
91440300MA5F12342Q,commitment_kept,2026-10-01,CM-0002
EOF
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_stderr - <<'EOF'
cs-record: in.csv:2: ref 'CM-0002' is a commitment of '91440300MA5F12342Q', not of '91350100M000100Y43'
cs-record: in.csv:3: ref 'f61d0c89a6501810' is not a commitment in the store
cs-record: in.csv:4: ref 'CM-9999' is not a commitment in the store
cs-record: added 1, unchanged 0, rejected 3
EOF
}

@test "cs-record add: a commitment_kept cannot name a revoked commitment" {
	add_records
	printf 'id,filed_on,reason\nCM-0002,2026-10-09,承诺书非本企业签署\n' |
	    cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on,revoke\n26,upheld,撤销承诺,2026-10-12,true\n' |
	    cs-record -q resolve --as-of=2026-11-26
	printf 'uscc,type,decided_on,ref\n91440300MA5F12342Q,commitment_kept,2026-10-20,CM-0002\n' > in.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_stderr - <<'EOF'
cs-record: in.csv:2: ref 'CM-0002' is not an active commitment in the store
cs-record: added 0, unchanged 0, rejected 1
EOF
}

@test "cs-record add: --strict stops at the first reject, exits 65 and stores nothing" {
	new_store
	{
		head -3 "$R/records.csv"
		echo ',91110000600037341N,北京京华贸易有限公司,license,,北京市市场监督管理局,,京市监许〔2026〕1号,2026-01-05,,,,,,,,,,,,,,,,B2'
		sed -n 4p "$R/records.csv"
	} > mixed.csv
	run -65 --separate-stderr cs-record add --strict --as-of=2026-11-26 --rejects=bad.csv mixed.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: mixed.csv:4: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-record: --strict: stopped at the first rejected row; nothing of this run was stored
EOF
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
	run -0 cat bad.csv
	assert_output - <<'EOF'
id,uscc,name,type,severity,authority,authority_uscc,doc_no,decided_on,valid_from,valid_until,due_on,ref,amount,fine_10k_yuan,basis,content,source,domain,certified,dishonest_debtor,person_name,person_id,note,feed_batch,_line,_error
,91110000600037341N,北京京华贸易有限公司,license,,北京市市场监督管理局,,京市监许〔2026〕1号,2026-01-05,,,,,,,,,,,,,,,,B2,4,uscc '91110000600037341N' has a wrong check character (expected 'L')
EOF
}

@test "cs-record add: --rejects that cannot be created exits 73 before reading" {
	new_store
	run -73 --separate-stderr cs-record add --as-of=2026-11-26 --rejects=no/such/dir/bad.csv "$R/records.csv"
	assert_stderr 'cs-record: no/such/dir/bad.csv: No such file or directory'
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
}

@test "cs-record add: several CSV inputs with one header are read as one stream" {
	new_store
	head -3 "$R/records.csv" > a.csv
	{ head -1 "$R/records.csv"; sed -n 4,5p "$R/records.csv"; } > b.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 a.csv b.csv
	assert_output ''
	assert_stderr 'cs-record: added 4, unchanged 0, rejected 0'
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$(head -5 "$R/records.export.csv")"
}

@test "cs-record add: a missing input among several exits 66 and the others are still ingested" {
	new_store
	head -3 "$R/records.csv" > a.csv
	{ head -1 "$R/records.csv"; sed -n 4,5p "$R/records.csv"; } > b.csv
	run -66 --separate-stderr cs-record add --as-of=2026-11-26 a.csv nope.csv b.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: nope.csv: No such file or directory
cs-record: added 4, unchanged 0, rejected 0
EOF
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$(head -5 "$R/records.export.csv")"
}

@test "cs-record add: a missing input and a rejected row still exit 66" {
	new_store
	printf 'uscc,type,decided_on\n91110000600037341N,education,2026-01-05\n' > a.csv
	run -66 --separate-stderr cs-record add --as-of=2026-11-26 a.csv nope.csv
	assert_stderr - <<'EOF'
cs-record: a.csv:2: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-record: nope.csv: No such file or directory
cs-record: added 0, unchanged 0, rejected 1
EOF
}

@test "cs-record add: a header without a uscc column exits 65" {
	new_store
	cut -d, -f2 --complement "$R/records.csv" | head -3 > nouscc.csv
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 nouscc.csv
	assert_output ''
	assert_stderr "cs-record: nouscc.csv:1: no column 'uscc' in the header: add it, or give --set uscc=VALUE"
}

@test "cs-record add: two CSV inputs with different headers exit 65 and store nothing" {
	new_store
	head -3 "$R/records.csv" > a.csv
	head -5 "$R/records.csv" | cut -d, -f1 --complement > b.csv
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 a.csv b.csv
	assert_output ''
	assert_stderr "cs-record: b.csv:1: the header differs from the header of 'a.csv': give files with one header, or run once per file"
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
}

@test "cs-record add: CSV and NDJSON inputs in one run exit 65" {
	new_store
	head -3 "$R/records.csv" > a.csv
	cp "$R/records.in.ndjson" .
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 a.csv records.in.ndjson
	assert_stderr "cs-record: records.in.ndjson: is NDJSON but 'a.csv' is CSV: give inputs of one format"
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
}

@test "cs-record add: broken headers exit 65" {
	new_store
	printf 'uscc,type,,decided_on\n' > empty-field.csv
	run -65 --separate-stderr cs-record add empty-field.csv
	assert_stderr 'cs-record: empty-field.csv:1: header field 3 is empty: every column needs a name'
	printf 'uscc,type,uscc,decided_on\n' > twice.csv
	run -65 --separate-stderr cs-record add twice.csv
	assert_stderr "cs-record: twice.csv:1: column 'uscc' appears twice in the header"
	printf 'uscc,统一社会信用代码,type,decided_on\n' > alias.csv
	run -65 --separate-stderr cs-record add alias.csv
	assert_stderr "cs-record: alias.csv:1: columns 'uscc' and '统一社会信用代码' both mean 'uscc'"
}

@test "cs-record add: a quote never closed exits 65 and keeps nothing of the open batch" {
	new_store
	{
		head -5 "$R/records.csv"
		echo ',91110000600037341L,北京京华贸易有限公司,education,,,,,2026-01-05,,,,,,,,,,,,,,,"never closed'
	} > broken.csv
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 broken.csv
	assert_output ''
	assert_stderr 'cs-record: broken.csv:6: quote never closed in the record that starts here'
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
}

@test "cs-record add: a broken stream after committed batches says what was stored" {
	new_store
	{
		head -5 "$R/records.csv"
		echo ',91110000600037341L,北京京华贸易有限公司,education,,,,,2026-01-05,,,,,,,,,,,,,,,"never closed'
	} > broken.csv
	run -65 --separate-stderr cs-record add --batch=2 --as-of=2026-11-26 broken.csv
	assert_stderr - <<'EOF'
cs-record: broken.csv:6: quote never closed in the record that starts here
cs-record: 4 rows of earlier batches were stored; after fixing the input, run again: stored rows are skipped
EOF
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$(head -5 "$R/records.export.csv")"
	head -5 "$R/records.csv" > fixed.csv
	run -0 --separate-stderr cs-record add --batch=2 --as-of=2026-11-26 fixed.csv
	assert_stderr 'cs-record: added 0, unchanged 4, rejected 0'
}

@test "cs-record add: a stray quote exits 65" {
	new_store
	printf 'uscc,type,decided_on,note\n91110000600037341L,education,2026-01-05,a"b\n' > stray.csv
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 stray.csv
	assert_stderr 'cs-record: stray.csv:2: malformed CSV: a quote inside an unquoted field or text after a closing quote'
}

@test "cs-record add: --rejects copies CSV rows with _line and _error" {
	new_store
	cp "$R/multiline.csv" .
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 --rejects=bad.csv multiline.csv
	run -0 cat bad.csv
	assert_output - <<'EOF'
uscc,name,type,authority,doc_no,decided_on,content,note,_line,_error
91330106MA2H00014N,杭州西湖青禾医疗器械有限公司,inspection,杭州市西湖区市场监督管理局,杭西市监检〔2026〕4号,2026-04-02,双随机抽查,,5,uscc '91330106MA2H00014N' has a wrong check character (expected 'Q')
91330106MA2H00014Q,杭州西湖青禾医疗器械有限公司,inspection,杭州市西湖区市场监督管理局,杭西市监检〔2026〕6号,2026-13-03,双随机抽查,,8,"decided_on '2026-13-03' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)"
EOF
}

@test "cs-record add: --rejects writes a header only when nothing is rejected" {
	new_store
	run -0 cs-record -q add --as-of=2026-11-26 --rejects=bad.csv "$R/records.csv"
	run -0 cat bad.csv
	assert_output "$(head -1 "$R/records.csv"),_line,_error"
}

@test "cs-record add: gives line numbers of rejects after records with embedded newlines" {
	new_store
	cp "$R/multiline.csv" .
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 multiline.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: multiline.csv:5: uscc '91330106MA2H00014N' has a wrong check character (expected 'Q')
cs-record: multiline.csv:8: decided_on '2026-13-03' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
cs-record: added 2, unchanged 0, rejected 2
EOF
	cs-record export --as-of=2026-11-26 --to=ndjson > out.ndjson
	run -0 jq -c '[.content, .note]' out.ndjson
	assert_output - <<'EOF'
["双随机抽查","第一行\n第二行\n第三行"]
["抽查结果：\"合格\"\n已公示",null]
EOF
}

@test "cs-record add: accepts a BOM and CRLF line ends" {
	new_store
	cp "$R/bom-crlf.csv" .
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 bom-crlf.csv
	assert_stderr 'cs-record: added 3, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 > out.csv
	head -4 "$R/records.export.csv" > expected.csv
	assert_same_file expected.csv out.csv
}

@test "cs-record add: takes Chinese double-publicity headers with --set type=penalty" {
	new_store
	cp "$R/cf-penalties.csv" .
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --set type=penalty cf-penalties.csv
	assert_output ''
	assert_stderr 'cs-record: added 3, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file "$R/cf-penalties.export.csv" out.csv
}

@test "cs-record add: takes the CF_ codes of the double-publicity standard as headers" {
	new_store
	cp "$R/cf-penalties-codes.csv" .
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --set type=penalty cf-penalties-codes.csv
	assert_stderr 'cs-record: added 3, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file "$R/cf-penalties.export.csv" out.csv
}

@test "cs-record add: takes the standard's 行政相对人代码_1（统一社会信用代码）, full- or half-width, 违法事实 and 公示截止期 (issue 11)" {
	new_store
	{
		printf '行政相对人名称,行政相对人代码_1（统一社会信用代码）,行政相对人代码_2（工商注册号）,行政处罚决定书文号,违法行为类型,违法事实,处罚类别,处罚决定日期,公示截止期,处罚机关,失信严重程度\n'
		printf '深圳南山瑞丰食品股份有限公司,91440300MA5F12342Q,440301000000001,深市监罚〔2026〕40号,虚假宣传,在网店宣称普通食品具有治疗功效,罚款,2026/06/15,2027/06/15,深圳市市场监督管理局,一般\n'
	} >full.csv
	sed '1s/（/(/g; 1s/）/)/g; 2s/40号/41号/' full.csv >half.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --set type=penalty full.csv
	assert_stderr 'cs-record: added 1, unchanged 0, rejected 0'
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --set type=penalty half.csv
	assert_stderr 'cs-record: added 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --to=ndjson | jq -c "[.doc_no, .uscc, .violation_type, .facts, .publicity_end, .published, .publicity_until, .repair_from]"'
	assert_output - <<'EOF'
["深市监罚〔2026〕40号","91440300MA5F12342Q","虚假宣传","在网店宣称普通食品具有治疗功效","2027-06-15",true,"2027-06-15","2026-09-16"]
["深市监罚〔2026〕41号","91440300MA5F12342Q","虚假宣传","在网店宣称普通食品具有治疗功效","2027-06-15",true,"2027-06-15","2026-09-16"]
EOF
	# The other numbered identifiers are stored under the column their
	# alias names (reg_no), whichever bracket the feed wrote.
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91440300MA5F12342Q | jq -c "[.records[].extra]"'
	assert_output '[{"reg_no":"440301000000001"},{"reg_no":"440301000000001"}]'
	# cs-score reads the header too.
	printf '行政相对人代码_1（统一社会信用代码）\n91440300MA5F12342Q\n' >q.csv
	run -0 cs-score -q --as-of=2026-11-26 q.csv
	assert_output '行政相对人代码_1（统一社会信用代码）,score,model,as_of,reasons,signals
91440300MA5F12342Q,80.0,public-credit,2026-11-26,PEN_GENERAL:-20.0,repeat_violation'
}

@test "cs-record add: 行政相对人代码_2 … _6 are stored as reg_no … social_org_cert_no, as a feed that names those columns (issue 11)" {
	new_store
	printf 'uscc,type,decided_on,doc_no,行政相对人代码_2,行政相对人代码_3（组织机构代码）,行政相对人代码_4(税务登记号),行政相对人代码_5,行政相对人代码_6\n91110000600037341L,education,2026-01-05,A-1,R2,O3,T4,I5,S6\n' >std.csv
	printf 'uscc,type,decided_on,doc_no,reg_no,org_code,tax_reg_no,institution_cert_no,social_org_cert_no\n91110000600037341L,education,2026-01-05,A-2,R2,O3,T4,I5,S6\n' >own.csv
	printf 'uscc,type,decided_on,doc_no\n91110000600037341L,education,2026-01-05,A-3\n' >set.csv
	run -0 cs-record -q add --as-of=2026-11-26 std.csv
	run -0 cs-record -q add --as-of=2026-11-26 own.csv
	run -0 cs-record -q add --as-of=2026-11-26 --set='行政相对人代码_2（工商注册号）=R2' set.csv
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91110000600037341L | jq -c ".records[] | [.doc_no, .extra]"'
	assert_output - <<'EOF'
["A-1",{"institution_cert_no":"I5","org_code":"O3","reg_no":"R2","social_org_cert_no":"S6","tax_reg_no":"T4"}]
["A-2",{"institution_cert_no":"I5","org_code":"O3","reg_no":"R2","social_org_cert_no":"S6","tax_reg_no":"T4"}]
["A-3",{"reg_no":"R2"}]
EOF
	# One column in export, whatever the feed called it.
	run -0 bash -c 'cs-record export --as-of=2026-11-26 | head -1 | tr , "\n" | grep -x -e reg_no -e "行政相对人代码.*"'
	assert_output reg_no
	# Both names of one fact in one header is an error, as for any alias.
	printf 'uscc,type,reg_no,行政相对人代码_2\n' >both.csv
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 both.csv
	assert_stderr "cs-record: both.csv:1: columns 'reg_no' and '行政相对人代码_2' both mean 'reg_no'"
}

@test "cs-record add: a penalty file without type and without --set exits 65" {
	new_store
	cp "$R/cf-penalties.csv" .
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 cf-penalties.csv
	assert_stderr "cs-record: cf-penalties.csv:1: no column 'type' in the header: add it, or give --set type=VALUE"
}

@test "cs-record add: --encoding=gb18030 gives the same records as the UTF-8 file" {
	cs-record -q -d utf8.db init
	cs-record -q -d utf8.db add --as-of=2026-11-26 --set type=penalty "$R/cf-penalties.csv"
	cs-record -d utf8.db export --as-of=2026-11-26 > utf8.csv
	new_store
	cp "$R/cf-penalties.gb18030.csv" .
	run -0 --separate-stderr cs-record add --encoding=gb18030 --as-of=2026-11-26 --set type=penalty cf-penalties.gb18030.csv
	assert_stderr 'cs-record: added 3, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 > gb.csv
	assert_same_file utf8.csv gb.csv
	assert_same_file "$R/cf-penalties.export.csv" gb.csv
}

@test "cs-record add: a GB18030 file without --encoding is invalid UTF-8: exit 65" {
	new_store
	cp "$R/cf-penalties.gb18030.csv" .
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 --set type=penalty cf-penalties.gb18030.csv
	assert_output ''
	assert_stderr 'cs-record: cf-penalties.gb18030.csv:1: invalid UTF-8 at byte 1 of the line (is it GB18030? try --encoding=gb18030)'
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
}

@test "cs-record add: --set fills a column only where the input has no value" {
	new_store
	cat > in.csv <<'EOF'
统一社会信用代码,type,行政处罚决定书文号,处罚决定日期,处罚机关,失信严重程度
91350100M000100Y43,,厦市监罚〔2026〕40号,2026-06-01,厦门市市场监督管理局,严重
91350100M000100Y43,,厦市监罚〔2026〕41号,2026-06-02,厦门市市场监督管理局,
91350100M000100Y43,license,厦市监许〔2026〕42号,2026-06-03,厦门市市场监督管理局,
EOF
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --set type=penalty --set severity=general --set channel=manual in.csv
	assert_stderr 'cs-record: added 3, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 --to=ndjson > out.ndjson
	run -0 jq -c '[.doc_no, .type, .severity, .channel]' out.ndjson
	assert_output - <<'EOF'
["厦市监罚〔2026〕40号","penalty","serious","manual"]
["厦市监罚〔2026〕41号","penalty","general","manual"]
["厦市监许〔2026〕42号","license","general","manual"]
EOF
}

@test "cs-record add: extra columns are kept and come back from export and show" {
	new_store
	printf 'uscc,type,decided_on,内部编号,batch\n91110000600037341L,education,2026-01-05,BJ-7,Q4\n' > in.csv
	run -0 cs-record -q add --as-of=2026-11-26 in.csv
	run -0 cs-record export --as-of=2026-11-26
	assert_output - <<EOF
$CANON,batch,内部编号,$OWN
7d4201301cb0b73b,91110000600037341L,,education,,,,,2026-01-05,,,,,,,,,,,,,,,,,,,,,,,,,,,,Q4,BJ-7,2,false,false,,,
EOF
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91110000600037341L | jq -c ".records[0].extra"'
	assert_output '{"batch":"Q4","内部编号":"BJ-7"}'
}

@test "cs-record add: reads NDJSON, detected from the first byte" {
	new_store
	cp "$R/records.in.ndjson" .
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 records.in.ndjson
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: records.in.ndjson:4: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-record: records.in.ndjson:5: key 'doc_no' holds a nested object
cs-record: records.in.ndjson:6: invalid JSON at column 80: duplicate object key near '"type"'
cs-record: records.in.ndjson:7: the line is not a JSON object
cs-record: records.in.ndjson:8: invalid JSON at column 0: string or '}' expected near end of file
cs-record: added 3, unchanged 0, rejected 5
EOF
	cs-record export --as-of=2026-11-26 --to=ndjson > out.ndjson
	assert_same_file "$R/records.export.ndjson" out.ndjson
}

@test "cs-record add: --from=ndjson reads NDJSON from stdin" {
	new_store
	run -1 --separate-stderr bash -c 'cs-record add --from=ndjson --as-of=2026-11-26 < "$1"' _ "$R/records.in.ndjson"
	assert_equal "${stderr_lines[0]}" "cs-record: <stdin>:4: uscc '91110000600037341N' has a wrong check character (expected 'L')"
	assert_equal "${stderr_lines[5]}" 'cs-record: added 3, unchanged 0, rejected 5'
	cs-record export --as-of=2026-11-26 --to=ndjson > out.ndjson
	assert_same_file "$R/records.export.ndjson" out.ndjson
}

@test "cs-record add: --rejects of NDJSON input holds the objects with _line and _error" {
	new_store
	cp "$R/records.in.ndjson" .
	run -1 cs-record -q add --as-of=2026-11-26 --rejects=bad.ndjson records.in.ndjson
	run -0 cat bad.ndjson
	assert_output - <<'EOF'
{"uscc":"91110000600037341N","name":"北京京华贸易有限公司","type":"education","decided_on":"2026-01-05","_line":4,"_error":"uscc '91110000600037341N' has a wrong check character (expected 'L')"}
{"_raw":"{\"uscc\":\"91110000600037341L\",\"type\":\"license\",\"authority\":\"北京市市场监督管理局\",\"doc_no\":{\"no\":\"京市监许〔2026〕30号\"},\"decided_on\":\"2026-01-05\"}","_line":5,"_error":"key 'doc_no' holds a nested object"}
{"_raw":"{\"uscc\":\"91110000600037341L\",\"type\":\"education\",\"decided_on\":\"2026-01-05\",\"type\":\"honor\"}","_line":6,"_error":"invalid JSON at column 80: duplicate object key near '\"type\"'"}
{"_raw":"[\"91110000600037341L\",\"education\",\"2026-01-05\"]","_line":7,"_error":"the line is not a JSON object"}
{"_raw":"{\"uscc\":\"91110000600037341L\",\"type\":\"education\",","_line":8,"_error":"invalid JSON at column 0: string or '}' expected near end of file"}
EOF
}

@test "cs-record add: NDJSON rejects keep the keys each line was written with" {
	new_store
	cat > in.ndjson <<'EOF'
{"统一社会信用代码":"91110000600037341N","type":"education","decided_on":"2026-01-05"}
{"uscc":"91110000600037341N","type":"education","decided_on":"2026-01-06"}
EOF
	run -1 cs-record -q add --as-of=2026-11-26 --rejects=bad.ndjson in.ndjson
	run -0 cat bad.ndjson
	assert_output - <<'EOF'
{"统一社会信用代码":"91110000600037341N","type":"education","decided_on":"2026-01-05","_line":1,"_error":"uscc '91110000600037341N' has a wrong check character (expected 'L')"}
{"uscc":"91110000600037341N","type":"education","decided_on":"2026-01-06","_line":2,"_error":"uscc '91110000600037341N' has a wrong check character (expected 'L')"}
EOF
}

@test "cs-record add: an NDJSON line with two keys of one meaning is rejected and copied whole" {
	new_store
	printf '%s\n' '{"uscc":"91110000600037341L","CF_WSH":"京市监许〔2026〕50号","doc_no":"京市监许〔2026〕50号","type":"license","authority":"北京市市场监督管理局","decided_on":"2026-01-05"}' > in.ndjson
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 --rejects=bad.ndjson in.ndjson
	assert_stderr - <<'EOF'
cs-record: in.ndjson:1: keys 'CF_WSH' and 'doc_no' both mean 'doc_no'
cs-record: added 0, unchanged 0, rejected 1
EOF
	run -0 cat bad.ndjson
	assert_output '{"uscc":"91110000600037341L","CF_WSH":"京市监许〔2026〕50号","doc_no":"京市监许〔2026〕50号","type":"license","authority":"北京市市场监督管理局","decided_on":"2026-01-05","_line":1,"_error":"keys '"'CF_WSH'"' and '"'doc_no'"' both mean '"'doc_no'"'"}'
}

@test "cs-record add: --entities registers entities, then reports unchanged and updated ones" {
	new_store
	cp "$R/entities.csv" .
	run -0 --separate-stderr cs-record add --entities --as-of=2026-11-26 entities.csv
	assert_output ''
	assert_stderr 'cs-record: added 3, updated 0, unchanged 0, rejected 0'
	run -0 --separate-stderr cs-record add --entities --as-of=2026-11-26 entities.csv
	assert_stderr 'cs-record: added 0, updated 0, unchanged 3, rejected 0'
	sed '3s/,active,$/,suspended,/' entities.csv > changed.csv
	run -0 --separate-stderr cs-record add --entities --as-of=2026-11-26 changed.csv
	assert_stderr 'cs-record: added 0, updated 1, unchanged 2, rejected 0'
	run -0 bash -c 'cs-record show --as-of=2026-11-26 92510107MA6C8P2Q6J | jq -c .entity'
	assert_output '{"uscc":"92510107MA6C8P2Q6J","name":"成都武侯区李记便利店","kind":"individual","region":"510107","industry":"F5292","legal_rep":"李某","legal_rep_id":"110105********002X","registered_on":"2019-03-01","status":"suspended"}'
	run -0 bash -c 'cs-record show --unmasked --as-of=2026-11-26 92510107MA6C8P2Q6J | jq -c .entity'
	assert_output '{"uscc":"92510107MA6C8P2Q6J","name":"成都武侯区李记便利店","kind":"individual","region":"510107","industry":"F5292","legal_rep":"李某","legal_rep_id":"11010519491231002X","registered_on":"2019-03-01","status":"suspended"}'
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91350100M000100Y43 | jq -c .entity.extra'
	assert_output '{"website":"https://cm.example"}'
}

@test "cs-record add: --entities rejects bad register values" {
	new_store
	cat > in.csv <<'EOF'
uscc,name,kind,region,industry,legal_rep_id,registered_on,status
91110000600037341L,北京京华贸易有限公司,company,110105,F5123,,2020-01-01,active
91110000600037341L,北京京华贸易有限公司,enterprise,1101,F5123,,2020-01-01,active
91110000600037341L,北京京华贸易有限公司,enterprise,110105,5123,,2020-01-01,active
91110000600037341L,北京京华贸易有限公司,enterprise,110105,F5123,,2020-01-01,open
91110000600037341L,,enterprise,110105,F5123,,2020-01-01,active
91110000600037341L,北京京华贸易有限公司,enterprise,110105,F5123,110105199003070438,2020-01-01,active
91110000600037341L,北京京华贸易有限公司,enterprise,110105,F5123,,2020-02-30,active
91110000600037341N,北京京华贸易有限公司,enterprise,110105,F5123,,2020-01-01,active
EOF
	run -1 --separate-stderr cs-record add --entities --as-of=2026-11-26 in.csv
	assert_stderr - <<'EOF'
cs-record: in.csv:2: kind 'company' is not an entity kind: enterprise, individual, cooperative, social_organisation, public_institution, government, other
cs-record: in.csv:3: region '1101' is not a six-digit region code
cs-record: in.csv:4: industry '5123' is not a GB/T 4754 industry code (a letter A-T and up to four digits)
cs-record: in.csv:5: status 'open' is not an entity status: active, suspended, revoked, deregistered
cs-record: in.csv:6: required column 'name' is empty
cs-record: in.csv:7: legal_rep_id '110105********0438' has a wrong check character (expected '9')
cs-record: in.csv:8: registered_on '2020-02-30' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
cs-record: in.csv:9: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-record: added 0, updated 0, unchanged 0, rejected 8
EOF
}

@test "cs-record add: registers the entity from name on first sight" {
	add_records
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91310115MA1K3Q7T6W | jq -c .entity'
	assert_output '{"uscc":"91310115MA1K3Q7T6W","name":"上海浦东新区远航物流有限公司"}'
}

@test "cs-record add: --progress writes a rows/s line on stderr and nothing on stdout" {
	new_store
	# A clock that moves a second at each look (cs(7), CS_TEST_CLOCK).
	CS_TEST_CLOCK=1 run -0 --separate-stderr cs-record add --progress \
	    --as-of=2026-11-26 "$R/records.csv"
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: 24 rows in 0:01, 24 rows/s
cs-record: added 24, unchanged 0, rejected 0
EOF
}

@test "cs-record add: no progress line for a run shorter than a second (issue 16)" {
	new_store
	run -0 --separate-stderr cs-record add --progress --as-of=2026-11-26 "$R/records.csv"
	assert_stderr 'cs-record: added 24, unchanged 0, rejected 0'
}

@test "cs-record add: on a terminal the line shows percent and time left, then ends cleanly (issue 16)" {
	new_store
	"$CS_BUILD/bench/gen" records 1000 >big.csv
	run -0 on_terminal "CS_TEST_CLOCK=0.5 cs-record add --as-of=2026-11-26 big.csv"
	assert_output - <<'EOF'
~cs-record: 512 rows, 512 rows/s, 50%, 0:01 left$~cs-record: 768 rows, 512 rows/s, 76%, 0:00 left$~cs-record: 1000 rows in 0:02, 500 rows/s$~
~$cs-record: added 1000, unchanged 0, rejected 0~
EOF
}

@test "cs-record add: rejects a pilot code by default, naming it as one" {
	new_store
	printf 'uscc,name,type,decided_on\n91350200M0000001XA,厦门试点科技有限公司,education,2026-01-05\n' > pilot.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 pilot.csv
	assert_stderr - <<'EOF'
cs-record: pilot.csv:2: uscc '91350200M0000001XA' is an early pilot code that fails the check character rule (expected '0'); accept it with --allow-pilot-codes or --pilot-list
cs-record: added 0, unchanged 0, rejected 1
EOF
}

@test "cs-record add: --allow-pilot-codes accepts a pilot code" {
	new_store
	printf 'uscc,name,type,decided_on\n91350200M0000001XA,厦门试点科技有限公司,education,2026-01-05\n' > pilot.csv
	run -0 --separate-stderr cs-record add --allow-pilot-codes --as-of=2026-11-26 pilot.csv
	assert_stderr 'cs-record: added 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91350200M0000001XA | jq -c .entity'
	assert_output '{"uscc":"91350200M0000001XA","name":"厦门试点科技有限公司"}'
}

@test "cs-record add: --pilot-list accepts the pilot codes it lists and no others" {
	new_store
	cat > pilot.csv <<'EOF'
uscc,name,type,decided_on
91350200M0000001XA,厦门试点科技有限公司,education,2026-01-05
91350200M0000002XA,厦门试点贸易有限公司,education,2026-01-05
EOF
	printf '# Xiamen pilot codes\n91350200M0000001XA\n' > pilots.txt
	run -1 --separate-stderr cs-record add --pilot-list=pilots.txt --as-of=2026-11-26 pilot.csv
	assert_stderr - <<'EOF'
cs-record: pilot.csv:3: uscc '91350200M0000002XA' is an early pilot code that fails the check character rule (expected '1'); accept it with --allow-pilot-codes or --pilot-list
cs-record: added 1, unchanged 0, rejected 1
EOF
}

@test "cs-record add: a --pilot-list that cannot be read exits 66" {
	new_store
	run -66 --separate-stderr cs-record add --pilot-list=nope.txt --as-of=2026-11-26 "$R/records.csv"
	assert_stderr 'cs-record: nope.txt: No such file or directory'
	run -0 cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
}

@test "cs-record add: an unknown registration authority and type pair is a warning, not a reject" {
	new_store
	printf 'uscc,name,type,decided_on\n94110105MA01ABCD56,北京某机构,education,2026-01-05\n' > in.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: in.csv:2: warning: uscc '94110105MA01ABCD56' has registration authority and type '94' not in the GB 32100 tables
cs-record: added 1, unchanged 0, rejected 0
EOF
}

@test "cs-record add: a kill -9 mid-run leaves the last committed batch; a re-run completes it without duplicates" {
	[ -x "$CS_BUILD/bench/gen" ] || fail "no $CS_BUILD/bench/gen: run 'make bench-tools'"
	"$CS_BUILD/bench/gen" records 60000 > big.csv
	# The same file into a store that is never killed: what a whole run gives.
	cs-record -q -d whole.db init
	run --separate-stderr cs-record -d whole.db add --batch=10000 --as-of=2026-11-26 big.csv
	[[ $stderr =~ ^cs-record:\ added\ ([0-9]+),\ unchanged\ 0,\ rejected\ ([0-9]+)$ ]] ||
	    fail "unexpected summary: $stderr"
	local added=${BASH_REMATCH[1]} rejected=${BASH_REMATCH[2]}
	(( added > 25000 ))
	new_store
	run -137 --separate-stderr env CS_TEST_KILL_AT=25000 cs-record add --batch=10000 --as-of=2026-11-26 big.csv
	assert_output ''
	assert_stderr ''
	run -0 sqlite3 "$CS_DB" 'select count(*) from records'
	assert_output 20000
	run -0 --separate-stderr cs-record verify
	assert_regex "$stderr" '^cs-record: verified 20001 events: the chain is intact and the tables match the ledger \(tree size 20001, head [0-9a-f]{64}\)$'
	run --separate-stderr cs-record add --batch=10000 --as-of=2026-11-26 big.csv
	assert_equal "$status" "$(( rejected > 0 ? 1 : 0 ))"
	assert_equal "${stderr_lines[${#stderr_lines[@]}-1]}" "cs-record: added $(( added - 20000 )), unchanged 20000, rejected $rejected"
	run -0 sqlite3 "$CS_DB" 'select count(*), count(distinct id) from records'
	assert_output "$added|$added"
	run -0 --separate-stderr cs-record verify
	cs-record -d whole.db export --as-of=2026-11-26 > whole.csv
	cs-record export --as-of=2026-11-26 > resumed.csv
	assert_same_file whole.csv resumed.csv
}

# ---------------------------------------------------------------- export

@test "cs-record export: an empty store gives the header only" {
	new_store
	run -0 --separate-stderr cs-record export --as-of=2026-11-26
	assert_output "$HEADER"
	assert_stderr ''
}

@test "cs-record export: published, publicity_until and repair_from on --as-of, counted as the Civil Code counts (issue 11)" {
	new_store
	cp "$R/publicity.csv" .
	run -0 --separate-stderr cs-record add --as-of=2026-11-30 publicity.csv
	assert_stderr - <<'EOF'
cs-record: publicity.csv:6: warning: publicity_end '2026-03-03' is given, but by the rules a warning-only penalty is never published (penalty_category '警告')
cs-record: publicity.csv:8: warning: publicity_end '2029-03-31' disagrees with the rules: publicity runs through 2029-04-01 (maximum P3Y under regime 2026-04)
cs-record: publicity.csv:11: warning: publicity_end '2024-03-15' disagrees with the rules: publicity runs through 2022-03-15 (maximum P1Y under regime pre-2023-05)
cs-record: added 12, unchanged 0, rejected 0
EOF
	# PUB-10 is a general penalty for tax evasion: only a serious one
	# was published for three years and never repaired before 2023-05
	# (PUB-12), so the feed's 2024-03-15 disagrees.
	# PUB-1 decided 2025-01-10 (P3M, P3Y): repairable from 2025-04-11;
	# PUB-2 decided 2023-11-30: P3M ends 2024-02-29, its last day 2026-11-30.
	run -0 bash -c 'cs-record export --as-of=2026-11-30 | cut -d, -f1,9,35,39-'
	assert_output - <<'EOF'
id,decided_on,publicity_end,published,publicity_until,repair_from,publicity_end_differs
PUB-1,2025-01-10,,true,2028-01-10,2025-04-11,
PUB-2,2023-11-30,,true,2026-11-30,2024-03-01,
PUB-3,2022-06-01,,false,2025-06-01,,
PUB-4,2022-11-30,,false,2023-11-30,2023-03-01,
PUB-5,2025-03-03,2026-03-03,false,,,true
PUB-6,2026-05-05,,false,,,
PUB-7,2026-04-01,2029-03-31,true,2029-04-01,2027-04-02,true
PUB-8,2024-01-31,,true,2027-01-31,2025-02-01,
PUB-9,2025-01-10,,true,2027-12-31,,
PUB-10,2021-03-15,2024-03-15,false,2022-03-15,2021-06-16,true
PUB-11,2026-04-10,2027-04-10,true,2027-04-10,2026-07-11,false
PUB-12,2021-03-15,2024-03-15,false,2024-03-15,,false
EOF
	# The feed's own end against the rule: a boolean in NDJSON, null
	# when the feed gave none.
	run -0 bash -c 'cs-record export --as-of=2026-11-30 --to=ndjson | jq -c "[.id, .publicity_end, .publicity_end_differs]" | sed -n "5,7p"'
	assert_output - <<'EOF'
["PUB-5","2026-03-03",true]
["PUB-6",null,null]
["PUB-7","2029-03-31",true]
EOF
	run -0 bash -c 'cs-record export --as-of=2026-12-01 --type=penalty --decided-to=2023-12-31 --to=ndjson | jq -c "[.id, .published, .publicity_until]"'
	assert_output - <<'EOF'
["PUB-2",false,"2026-11-30"]
["PUB-3",false,"2025-06-01"]
["PUB-4",false,"2023-11-30"]
["PUB-10",false,"2022-03-15"]
["PUB-12",false,"2024-03-15"]
EOF
	# The window columns are export's own: export | add round-trips.
	cs-record export --as-of=2026-11-30 >one.csv
	cs-record -q -d two.db init
	run -0 --separate-stderr cs-record -d two.db add --as-of=2026-11-30 one.csv
	assert_stderr --partial 'cs-record: added 12, unchanged 0, rejected 0'
	cs-record -d two.db export --as-of=2026-11-30 >two.csv
	assert_same_file one.csv two.csv
}

@test "cs-record show: each record's publicity on --as-of, why, the regime and what is never repaired (issue 11)" {
	new_store
	cs-record -q add --as-of=2026-11-30 "$R/publicity.csv" 2>/dev/null
	run -0 bash -c 'cs-record show --as-of=2026-11-30 91440300MA5F12342Q | jq -c ".records[] | [.id, .published, .publicity_until, .repair_from, .publicity.state, .publicity.regime, .publicity.window_start]"'
	assert_output - <<'EOF'
["PUB-10",false,"2022-03-15","2021-06-16","ended","pre-2023-05","2021-03-15"]
["PUB-12",false,"2024-03-15",null,"ended","pre-2023-05","2021-03-15"]
["PUB-3",false,"2025-06-01",null,"ended","pre-2023-05","2022-06-01"]
["PUB-4",false,"2023-11-30","2023-03-01","ended","pre-2023-05","2022-11-30"]
["PUB-2",true,"2026-11-30","2024-03-01","in_window","2023-05","2023-11-30"]
["PUB-8",true,"2027-01-31","2025-02-01","in_window","2023-05","2024-01-31"]
["PUB-1",true,"2028-01-10","2025-04-11","in_window","2023-05","2025-01-10"]
["PUB-5",false,null,null,"warning_only",null,null]
["PUB-7",true,"2029-04-01","2027-04-02","in_window","2026-04","2026-04-01"]
["PUB-11",true,"2027-04-10","2026-07-11","in_window","2026-04","2026-04-10"]
["PUB-6",false,null,null,"severity_not_published","2026-04",null]
EOF
	run -0 bash -c 'cs-record show --as-of=2026-11-30 91440300MA5F12342Q | jq -r ".records[] | select(.id == \"PUB-10\" or .id == \"PUB-12\" or .id == \"PUB-3\" or .id == \"PUB-6\" or .id == \"PUB-7\" or .id == \"PUB-1\") | .publicity | [.why, .never_repairable, .warning] | map(. // \"-\") | join(\" | \")"'
	assert_output - <<'EOF'
its publicity ended with 2022-03-15 (general penalty: maximum P1Y under regime pre-2023-05) | - | publicity_end '2024-03-15' disagrees with the rules: publicity runs through 2022-03-15 (maximum P1Y under regime pre-2023-05)
its publicity ended with 2024-03-15 (serious penalty, never repaired: maximum P3Y under regime pre-2023-05) | a specific serious violation (NDRC office document 527 of 2019): published for the full maximum, never repaired (severity 'serious', violation type '偷税') | -
its publicity ended with 2025-06-01 (serious penalty, never repaired: maximum P3Y under regime pre-2023-05) | a specific serious violation (NDRC office document 527 of 2019): published for the full maximum, never repaired (domain 'food', severity 'serious', penalty category '吊销许可证件') | -
published from 2025-01-10 through 2028-01-10 (general penalty: maximum P3Y under regime 2023-05) | - | -
published from 2026-04-01 through 2029-04-01 (serious penalty: maximum P3Y under regime 2026-04) | - | publicity_end '2029-03-31' disagrees with the rules: publicity runs through 2029-04-01 (maximum P3Y under regime 2026-04)
a minor penalty is not published under regime 2026-04 | - | -
EOF
}

@test "cs-record export: --type, --uscc and the decision dates filter the records" {
	add_records
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --type=penalty --type=license --to=ndjson | jq -r .id'
	assert_output - <<'EOF'
f61d0c89a6501810
3f1f9a471cd8bef6
203049f5ea1448c2
5d0a0b18dbf63032
EOF
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --uscc=91310115MA1K3Q7T6W --to=ndjson | jq -r .id'
	assert_output - <<'EOF'
CM-0004
bbab2b1e26219fcf
db2c821432139720
4acb3a1eb228d8a4
EOF
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --decided-from=2026-04-20 --decided-to=20261020 --to=ndjson | jq -r "[.decided_on, .id] | join(\" \")"'
	assert_output - <<'EOF'
2026-09-01 CM-0002
2026-06-01 CM-0003
2026-09-18 ed11651bea264200
2026-05-06 233b8a373393afd1
2026-04-20 48515272d7191b67
EOF
}

@test "cs-record export: --since-seq gives the records added or changed after a ledger seq" {
	add_records
	printf 'id,fine_10k_yuan,reason\nf61d0c89a6501810,2.5,金额录入错误\n' | cs-record -q correct --as-of=2026-11-26
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --since-seq=24 --to=ndjson | jq -r "[.seq, .id] | join(\" \")"'
	assert_output - <<'EOF'
25 eed060ea0da4adbc
26 f61d0c89a6501810
EOF
}

@test "cs-record export: writes NDJSON with --to=ndjson" {
	add_records
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --to=ndjson --type=judgment'
	assert_output '{"id":"db2c821432139720","uscc":"91310115MA1K3Q7T6W","name":"上海浦东新区远航物流有限公司","type":"judgment","authority":"上海市浦东新区人民法院","doc_no":"(2025)沪0115执1234号","decided_on":"2025-08-08","amount":null,"fine_10k_yuan":null,"content":"拒不履行生效判决","certified":null,"dishonest_debtor":true,"feed_batch":"B1","seq":12,"disputed":false,"published":false,"publicity_end_differs":null}'
}

@test "cs-record export: export | add into a fresh store reproduces the records" {
	add_records
	cs-record -q -d other.db init
	run -0 --separate-stderr bash -c 'set -o pipefail; cs-record export --unmasked | cs-record -d other.db add --as-of=2026-11-26'
	assert_output ''
	assert_stderr 'cs-record: added 24, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 > one.csv
	cs-record -d other.db export --as-of=2026-11-26 > two.csv
	assert_same_file one.csv two.csv
}

@test "cs-record export: NDJSON export | add reproduces corrected records and leaves out revoked ones" {
	add_records
	printf 'id,fine_10k_yuan,reason\nf61d0c89a6501810,2.5,金额录入错误\n' | cs-record -q correct --as-of=2026-11-26
	revoke_penalty
	cs-record -q -d other.db init
	run -0 --separate-stderr bash -c 'set -o pipefail; cs-record export --unmasked --to=ndjson | cs-record -d other.db add --as-of=2026-11-26'
	assert_stderr 'cs-record: added 23, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 --to=ndjson | jq -c 'del(.seq)' > one.ndjson
	cs-record -d other.db export --as-of=2026-11-26 --to=ndjson | jq -c 'del(.seq)' > two.ndjson
	assert_same_file one.ndjson two.ndjson
}

@test "cs-record export: ID numbers are masked; --unmasked records which records it shows before writing (issue 11)" {
	add_records
	run -0 --separate-stderr cs-record export --type=penalty --uscc=92510107MA6C8P2Q6J --to=ndjson
	assert_output --partial '"person_name":"李某","person_id":"350203********1235"'
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'unmask'"
	assert_output 0
	run -0 --separate-stderr cs-record export --unmasked --operator=auditor --as-of=2026-11-26 --type=penalty --to=ndjson
	assert_output --partial '"person_name":"李某","person_id":"350203198001011235"'
	run -0 sqlite3 "$CS_DB" "SELECT seq, operator, tool, action, subject, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output '26|auditor|cs-record|unmask|records|{"as_of":"2026-11-26","command":"export","records":["5d0a0b18dbf63032"]}'
	# Nothing whole to show: no event.
	run -0 --separate-stderr cs-record export --unmasked --type=license
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'unmask'"
	assert_output 1
	# Recorded before the first byte, even when the reader goes at once.
	long=$(printf '%*s' 70000 '' | tr ' ' x)
	printf 'uscc,type,decided_on,content,person_name,person_id\n92510107MA6C8P2Q6J,voluntary,2026-03-01,%s,王五,11010519491231002X\n' "$long" |
	    cs-record -q add --as-of=2026-11-26
	run -141 --separate-stderr closed_pipe cs-record export --unmasked --as-of=2026-11-26 --type=voluntary
	run -0 sqlite3 "$CS_DB" "SELECT body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output --regexp '^\{"as_of":"2026-11-26","command":"export","records":\["[0-9a-f]{16}"\]\}$'
	run -0 --separate-stderr cs-record verify
}

@test "cs-record add: a masked export fed back is refused, not stored masked (issue 11)" {
	add_records
	cs-record export --type=penalty >masked.csv
	cs-record -q -d other.db init
	run -1 --separate-stderr cs-record -d other.db add --as-of=2026-11-26 masked.csv
	assert_stderr - <<'EOF'
cs-record: masked.csv:4: person_id '350203********1235' is masked, as an export without --unmasked writes it: give the whole number (cs-record export --unmasked)
cs-record: added 2, unchanged 0, rejected 1
EOF
	run -0 sqlite3 other.db "SELECT count(*) FROM records WHERE id = '5d0a0b18dbf63032'"
	assert_output 0
	# Whatever the document type, and in the register too.
	printf 'uscc,type,decided_on,content,person_name,person_id_type,person_id\n92510107MA6C8P2Q6J,voluntary,2026-03-01,x,王五,passport,E12****789\n' >p.csv
	run -1 --separate-stderr cs-record -d other.db add --as-of=2026-11-26 p.csv
	assert_stderr --partial "cs-record: p.csv:2: person_id 'E12****789' is masked, as an export without --unmasked writes it: give the whole number (cs-record export --unmasked)"
	printf 'uscc,name,legal_rep,legal_rep_id\n92510107MA6C8P2Q6J,成都武侯区李记便利店,李某,110105********002X\n' >e.csv
	run -1 --separate-stderr cs-record -d other.db add --entities --as-of=2026-11-26 e.csv
	assert_stderr --partial "cs-record: e.csv:2: legal_rep_id '110105********002X' is masked, as an export without --unmasked writes it: give the whole number (cs-record export --unmasked)"
}

@test "cs-record: the masking pattern and its columns come from masking.json (issue 11)" {
	add_records
	mkdir rules
	cp -r "$REPO/share/cs/." rules/
	jq '.keep_first = 3 | .keep_last = 2 | .fill = "#" | .columns += ["feed_batch"]' \
	    "$REPO/share/cs/masking.json" >rules/masking.json
	run -0 --separate-stderr cs-record --rules=rules export --type=penalty --uscc=92510107MA6C8P2Q6J --to=ndjson
	assert_output --partial '"person_id":"350#############35","note":"首次轻微违法\n当场改正","feed_batch":"##"'
	# A feed's own column named there is refused masked, as the others.
	cs-record --rules=rules export --type=penalty --uscc=92510107MA6C8P2Q6J >m.csv
	cs-record -q -d other.db init
	run -1 --separate-stderr cs-record --rules=rules -d other.db add --as-of=2026-11-26 m.csv
	assert_stderr --partial "cs-record: m.csv:2: person_id '350#############35' is masked"
	# cs-blacklist takes the same pattern.
	printf 'id,uscc,type,severity,authority,doc_no,decided_on\nGX1,92510107MA6C8P2Q6J,penalty,general,成都市市场监督管理局,成市监罚〔2026〕1号,2026-09-01\n' |
	    cs-record -q add --as-of=2026-11-26
	printf 'uscc,list,basis,legal_rep,legal_rep_id\n92510107MA6C8P2Q6J,key,GX1,李某,11010519491231002X\n' |
	    cs-blacklist -q --rules=rules add --as-of=2026-09-30 --to=ndjson >n.ndjson
	run -0 jq -c '[.entry_id, .legal_rep, .legal_rep_id]' n.ndjson
	assert_output '[27,"李某","110#############2X"]'
	# A pattern that cannot work is refused, naming the key.
	jq '.fill = "0"' "$REPO/share/cs/masking.json" >rules/masking.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/masking.json: fill: expected one ASCII character that is no letter, digit or space"
	jq '.keep_last = 40' "$REPO/share/cs/masking.json" >rules/masking.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/masking.json: keep_last: expected a whole number of characters (0-18)"
	jq '.columns = []' "$REPO/share/cs/masking.json" >rules/masking.json
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/masking.json: columns: expected a non-empty array of column names"
}

@test "cs-record export: a write error on stdout exits 74" {
	add_records
	run -74 --separate-stderr bash -c 'cs-record export --as-of=2026-11-26 > /dev/full'
	assert_stderr 'cs-record: write error on stdout: No space left on device'
}

# ---------------------------------------------------------------- show

@test "cs-record show --help: says which publicity window each record carries (issue 11)" {
	run -0 bash -c 'cs-record show --help | tr -s "\n " "  "'
	assert_output --partial "Each record has its publicity window on --as-of (published, publicity_until, repair_from) and why (.publicity: state, regime, never_repairable, a warning when the feed's publicity_end disagrees with the rules)."
}

@test "cs-record show: prints the credit file with records in decision order, corrections, objections and commitments" {
	fixture_store "$R/entities.csv" "$R/records.csv" --as-of=2026-11-26
	printf 'id,amount,reason\n4bff6e1ae807fefd,9000,补偿金额更正\n' |
	    cs-record -q correct --operator=审核员 --as-of=2026-11-26
	printf 'id,filed_on,reason\n5d0a0b18dbf63032,2026-09-30,已当场改正\ned11651bea264200,2026-11-20,投诉不属实\n' |
	    cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on\n30,dismissed,处罚事实清楚,2026-10-12\n' |
	    cs-record -q resolve --as-of=2026-11-26
	run -0 --separate-stderr to_file show.json cs-record show --as-of=2026-11-26 92510107MA6C8P2Q6J
	assert_stderr ''
	assert_same_file "$R/show-92510107MA6C8P2Q6J.json" show.json
	# Whole with --unmasked, once the ledger says who saw what (issue 11).
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'unmask'"
	assert_output 0
	run -0 --separate-stderr to_file whole.json cs-record show --unmasked --operator=auditor --as-of=2026-11-26 92510107MA6C8P2Q6J
	assert_same_file "$R/show-92510107MA6C8P2Q6J.unmasked.json" whole.json
	run -0 sqlite3 "$CS_DB" "SELECT seq, operator, tool, action, subject, body FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output '33|auditor|cs-record|unmask|92510107MA6C8P2Q6J|{"as_of":"2026-11-26","command":"show","records":["5d0a0b18dbf63032"],"register":true}'
	# An entity that shows no ID number leaves no event.
	run -0 --separate-stderr to_file plain.json cs-record show --unmasked --as-of=2026-11-26 93420106MA4K5L6M5P
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE action = 'unmask'"
	assert_output 1
	run -0 --separate-stderr cs-record verify
}

@test "cs-record show: accepts the USCC in lower case" {
	add_records
	cs-record show --as-of=2026-11-26 91350100M000100Y43 > upper.json
	run -0 --separate-stderr to_file lower.json cs-record show --as-of=2026-11-26 91350100m000100y43
	assert_same_file upper.json lower.json
}

@test "cs-record show: an entity not in the store exits 1" {
	add_records
	run -1 --separate-stderr cs-record show --as-of=2026-11-26 91110000600037341L
	assert_output ''
	assert_stderr "cs-record: no entity '91110000600037341L' in the store"
}

@test "cs-record show: an invalid USCC exits 64" {
	add_records
	run -64 --separate-stderr cs-record show 91110000600037341N
	assert_output ''
	assert_stderr - <<'EOF'
cs-record show: invalid USCC '91110000600037341N' has a wrong check character (expected 'L')
Try `cs-record show --help' or `cs-record show --usage' for more information.
EOF
	# A resident ID number is not echoed: no pattern is loaded yet, so
	# nothing of it shows (issue 11).
	run -64 --separate-stderr cs-record show 110105199003070439
	assert_equal "${stderr_lines[0]}" "cs-record show: invalid USCC '******************' looks like a resident ID number, not a USCC"
}

@test "cs-record show: needs exactly one USCC" {
	add_records
	run -64 --separate-stderr cs-record show
	assert_output ''
	assert_stderr - <<'EOF'
cs-record show: needs a USCC
Try `cs-record show --help' or `cs-record show --usage' for more information.
EOF
	run -64 --separate-stderr cs-record show 91350100M000100Y43 91440300MA5F12342Q
	assert_equal "${stderr_lines[0]}" "cs-record show: takes one argument (got '91440300MA5F12342Q' too)"
}

# ---------------------------------------------------------------- correct

@test "cs-record correct: export and show give the corrected values, the ledger keeps the old ones" {
	add_records
	printf 'id,fine_10k_yuan,content,reason\nf61d0c89a6501810,2.5,责令改正，罚款2.5万元,金额录入错误\n' > fix.csv
	run -0 --separate-stderr cs-record correct --as-of=2026-11-26 fix.csv
	assert_output ''
	assert_stderr 'cs-record: corrected 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --to=ndjson --type=penalty --uscc=91350100M000100Y43 | jq -c "[.seq, .fine_10k_yuan, .content]"'
	assert_output '[26,2.5,"责令改正，罚款2.5万元"]'
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91350100M000100Y43 | jq -c ".records[0] | [.fine_10k_yuan, .history]"'
	assert_output '["2.5",[{"seq":26,"action":"correct","at":"2026-05-28T20:26:40Z","operator":"tester","changes":{"content":"责令改正，罚款2.5万元","fine_10k_yuan":"2.5"},"reason":"金额录入错误","was":{"content":"责令改正，罚款1.5万元","fine_10k_yuan":"1.5"}}]]'
	# The add event is packed: its old value is there as it was written.
	run -0 sqlite3 "$CS_DB" "select typeof(body), instr(cast(body as text), '1.5') > 0, instr(cast(body as text), '2.5') > 0 from ledger where seq = 2"
	assert_output 'blob|1|0'
	run -0 --separate-stderr cs-record correct --as-of=2026-11-26 fix.csv
	assert_stderr 'cs-record: corrected 0, unchanged 1, rejected 0'
}

@test "cs-record correct: --clear removes a column, canonical or extra" {
	add_records
	printf 'id,reason\nf61d0c89a6501810,依据另行公示\n' > fix.csv
	run -0 --separate-stderr cs-record correct --clear=basis --clear=feed_batch --as-of=2026-11-26 fix.csv
	assert_stderr 'cs-record: corrected 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --to=ndjson --since-seq=25'
	assert_output '{"id":"f61d0c89a6501810","uscc":"91350100M000100Y43","name":"厦门海沧澄明科技有限公司","type":"penalty","severity":"general","authority":"厦门市市场监督管理局","authority_uscc":"1135020000360001XU","doc_no":"厦市监罚〔2025〕101号","decided_on":"2025-03-14","amount":null,"fine_10k_yuan":1.5,"content":"责令改正，罚款1.5万元","domain":"food","certified":null,"dishonest_debtor":null,"seq":26,"disputed":false,"published":true,"publicity_until":"2028-03-14","repair_from":"2025-06-15","publicity_end_differs":null}'
}

@test "cs-record correct: a publicity_end set against the rules is said in a warning, as add says it (issue 11)" {
	new_store
	cs-record -q add --as-of=2026-11-30 "$R/publicity.csv" 2>/dev/null
	printf 'id,reason,publicity_end\nPUB-1,按公示系统更正,2028/01/09\nPUB-2,按公示系统更正,2026-11-30\nPUB-6,按公示系统更正,2027-05-05\n' >fix.csv
	run -0 --separate-stderr cs-record correct --as-of=2026-11-30 fix.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: fix.csv:2: warning: publicity_end '2028-01-09' disagrees with the rules: publicity runs through 2028-01-10 (maximum P3Y under regime 2023-05)
cs-record: fix.csv:4: warning: publicity_end '2027-05-05' is given, but by the rules a minor penalty is not published under regime 2026-04
cs-record: corrected 3, unchanged 0, rejected 0
EOF
	run -0 bash -c 'cs-record export --as-of=2026-11-30 --to=ndjson | jq -c "select(.id == \"PUB-1\" or .id == \"PUB-2\" or .id == \"PUB-6\") | [.id, .publicity_end, .publicity_until, .publicity_end_differs]"'
	assert_output - <<'EOF'
["PUB-1","2028-01-09","2028-01-10",true]
["PUB-2","2026-11-30","2026-11-30",false]
["PUB-6","2027-05-05",null,true]
EOF
	# The day of the rule clears the flag; an unchanged row says nothing.
	printf 'id,reason,publicity_end\nPUB-1,按规则更正,2028-01-10\nPUB-2,按公示系统更正,2026-11-30\n' >fix2.csv
	run -0 --separate-stderr cs-record correct --as-of=2026-11-30 fix2.csv
	assert_stderr 'cs-record: corrected 1, unchanged 1, rejected 0'
	run -0 bash -c 'cs-record export --as-of=2026-11-30 --to=ndjson | jq -c "select(.id == \"PUB-1\") | [.publicity_end, .publicity_end_differs]"'
	assert_output '["2028-01-10",false]'
}

@test "cs-record resolve: an upheld objection that sets publicity_end against the rules warns too (issue 11)" {
	new_store
	cs-record -q add --as-of=2026-11-30 "$R/publicity.csv" 2>/dev/null
	oid=$(printf 'id,filed_on,reason\nPUB-1,2026-11-02,截止期有误\n' |
	    cs-record -q object --as-of=2026-11-30 | sed -n 2p | cut -d, -f1)
	printf 'objection_id,outcome,reason,publicity_end\n%s,upheld,按异议更正,2028-01-11\n' "$oid" >res.csv
	run -0 --separate-stderr cs-record resolve --as-of=2026-11-30 res.csv
	assert_stderr - <<'EOF'
cs-record: res.csv:2: warning: publicity_end '2028-01-11' disagrees with the rules: publicity runs through 2028-01-10 (maximum P3Y under regime 2023-05)
cs-record: resolved 1, unchanged 0, rejected 0
EOF
}

@test "cs-record correct: rejects unknown ids, missing reasons and bad values" {
	add_records
	cat > fix.csv <<'EOF'
id,decided_on,severity,reason
nope,2025-03-15,,录入错误
,2025-03-15,,录入错误
f61d0c89a6501810,2025-03-15,,
f61d0c89a6501810,2025-02-30,,录入错误
f61d0c89a6501810,,critical,录入错误
f61d0c89a6501810,2026-11-27,,录入错误
EOF
	run -1 --separate-stderr cs-record correct --as-of=2026-11-26 fix.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: fix.csv:2: no record 'nope' in the store
cs-record: fix.csv:3: required column 'id' is empty
cs-record: fix.csv:4: required column 'reason' is empty: say why the record is corrected
cs-record: fix.csv:5: decided_on '2025-02-30' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
cs-record: fix.csv:6: severity 'critical' is not a severity: minor, general, serious
cs-record: fix.csv:7: decided_on '2026-11-27' is after the --as-of date 2026-11-26
cs-record: corrected 0, unchanged 0, rejected 6
EOF
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file "$R/records.export.csv" out.csv
}

@test "cs-record correct: --strict stores no correction when a row is rejected" {
	add_records
	printf 'id,fine_10k_yuan,reason\nf61d0c89a6501810,2.5,金额录入错误\nnope,1,录入错误\n' > fix.csv
	run -65 --separate-stderr cs-record correct --strict --as-of=2026-11-26 fix.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: fix.csv:3: no record 'nope' in the store
cs-record: --strict: stopped at the first rejected row; nothing of this run was stored
EOF
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file "$R/records.export.csv" out.csv
}

@test "cs-record correct: a revoked record cannot be corrected" {
	add_records
	revoke_penalty yes
	printf 'id,fine_10k_yuan,reason\n3f1f9a471cd8bef6,10,x\n' > fix.csv
	run -1 --separate-stderr cs-record correct --as-of=2026-11-26 fix.csv
	assert_stderr - <<'EOF'
cs-record: fix.csv:2: record '3f1f9a471cd8bef6' is revoked and cannot be corrected
cs-record: corrected 0, unchanged 0, rejected 1
EOF
}

# ---------------------------------------------------------------- object, resolve, objections

@test "cs-record object: answer_by is filed_on plus 5 working days, and the record is disputed" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n5d0a0b18dbf63032,2026/11/20,已当场改正\n' > obj.csv
	run -0 --separate-stderr cs-record object --as-of=2026-11-26 obj.csv
	assert_stderr 'cs-record: filed 2, unchanged 0, rejected 0'
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,open
27,5d0a0b18dbf63032,92510107MA6C8P2Q6J,2026-11-20,2026-11-27,open
EOF
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --uscc=92510107MA6C8P2Q6J --to=ndjson | jq -r "[.id, .disputed] | join(\" \")"'
	assert_output - <<'EOF'
CM-0003 false
ed11651bea264200 true
5d0a0b18dbf63032 true
4bff6e1ae807fefd false
EOF
}

@test "cs-record object: writes NDJSON with --to=ndjson" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n' > obj.csv
	run -0 cs-record -q object --to=ndjson --as-of=2026-11-26 obj.csv
	assert_output '{"objection_id":26,"id":"ed11651bea264200","uscc":"92510107MA6C8P2Q6J","filed_on":"2026-09-30","answer_by":"2026-10-13","state":"open"}'
}

@test "cs-record object: answers NDJSON input with NDJSON" {
	add_records
	printf '%s\n' '{"id":"ed11651bea264200","filed_on":"2026-09-30","reason":"投诉不属实"}' > obj.ndjson
	run -0 --separate-stderr cs-record object --as-of=2026-11-26 obj.ndjson
	assert_output '{"objection_id":26,"id":"ed11651bea264200","uscc":"92510107MA6C8P2Q6J","filed_on":"2026-09-30","answer_by":"2026-10-13","state":"open"}'
	assert_stderr 'cs-record: filed 1, unchanged 0, rejected 0'
}

@test "cs-record object: --strict files nothing and lists nothing when a row is rejected" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\nnope,2026-10-01,不服\n' > obj.csv
	run -65 --separate-stderr cs-record object --strict --as-of=2026-11-26 obj.csv
	assert_stderr - <<'EOF'
cs-record: obj.csv:3: no record 'nope' in the store
cs-record: --strict: stopped at the first rejected row; nothing of this run was stored
EOF
	# Nothing was filed, so no objection may be reported as filed.
	refute_output --partial ed11651bea264200
	run -0 cs-record objections
	assert_output 'objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason'
}

@test "cs-record object: a re-run files nothing new" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n' > obj.csv
	cs-record -q object --as-of=2026-11-26 obj.csv > /dev/null
	run -0 --separate-stderr cs-record object --as-of=2026-11-26 obj.csv
	assert_output 'objection_id,id,uscc,filed_on,answer_by,state'
	assert_stderr 'cs-record: filed 0, unchanged 1, rejected 0'
}

@test "cs-record object: rejects each bad objection with its own message" {
	add_records
	cat > obj.csv <<'EOF'
id,filed_on,reason
ed11651bea264200,2026-09-30,投诉不属实
nope,2026-10-01,不服
4acb3a1eb228d8a4,,不服
48515272d7191b67,2026-10-01,
233b8a373393afd1,2026-13-01,不服
77e75a489f87f73c,2026-11-27,不服
ed11651bea264200,2026-10-09,再次异议
EOF
	run -1 --separate-stderr cs-record object --as-of=2026-11-26 obj.csv
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,open
EOF
	assert_stderr - <<'EOF'
cs-record: obj.csv:3: no record 'nope' in the store
cs-record: obj.csv:4: required column 'filed_on' is empty
cs-record: obj.csv:5: required column 'reason' is empty: say what the entity disputes
cs-record: obj.csv:6: filed_on '2026-13-01' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
cs-record: obj.csv:7: filed_on '2026-11-27' is after the --as-of date 2026-11-26
cs-record: obj.csv:8: record 'ed11651bea264200' is already disputed by objection 26 (filed on 2026-09-30); resolve that first
cs-record: filed 1, unchanged 0, rejected 6
EOF
}

@test "cs-record object: a filing date outside the calendar is rejected: no calendar for 2027" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2027-01-05,投诉不属实\n' > obj.csv
	run -1 --separate-stderr cs-record object --as-of=2027-02-01 obj.csv
	assert_output 'objection_id,id,uscc,filed_on,answer_by,state'
	assert_stderr - <<EOF
cs-record: obj.csv:2: cannot count the answer period from 2027-01-05: no calendar for 2027: add the official days off and adjusted working days of 2027 to '$REPO/share/cs/calendar/cn.csv' as date,kind,note rows (kind 'off' or 'work'; see cs(7))
cs-record: filed 0, unchanged 0, rejected 1
EOF
}

@test "cs-record object: next year's schedule added to a copy of the rules, as cs(7) says, makes the count work (issue 16)" {
	add_records
	cp -R "$REPO/share/cs" rules
	printf 'id,filed_on,reason\ned11651bea264200,2026-12-28,投诉不属实\n' >obj.csv
	run -1 --separate-stderr cs-record object --rules=rules --as-of=2026-12-30 obj.csv
	assert_stderr "cs-record: obj.csv:2: cannot count the answer period from 2026-12-28: no calendar for 2027: add the official days off and adjusted working days of 2027 to 'rules/calendar/cn.csv' as date,kind,note rows (kind 'off' or 'work'; see cs(7))
cs-record: filed 0, unchanged 0, rejected 1"
	# A made-up schedule: New Year's Day off, a working Sunday.  Five
	# working days after Monday 12-28: 29, 30, 31, Sunday 3, Monday 4.
	printf '2027-01-01,off,元旦\n2027-01-03,work,元旦调休\n' >>rules/calendar/cn.csv
	run -0 --separate-stderr cs-record object --rules=rules --as-of=2026-12-30 obj.csv
	assert_output 'objection_id,id,uscc,filed_on,answer_by,state
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-12-28,2027-01-04,open'
	assert_stderr "cs-record: filed 1, unchanged 0, rejected 0"
}

@test "cs-record object: a revoked record cannot be objected to" {
	add_records
	revoke_penalty
	printf 'id,filed_on,reason\n3f1f9a471cd8bef6,2026-10-20,再次异议\n' > obj.csv
	run -1 --separate-stderr cs-record object --as-of=2026-11-26 obj.csv
	assert_stderr - <<'EOF'
cs-record: obj.csv:2: record '3f1f9a471cd8bef6' is revoked and cannot be objected to
cs-record: filed 0, unchanged 0, rejected 1
EOF
}

@test "cs-record objections: lists objections; --state and --overdue --as-of select them" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n5d0a0b18dbf63032,2026-10-09,已当场改正\n4bff6e1ae807fefd,2026-10-09,补偿金额有误\n' |
	    cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on\n28,dismissed,金额无误,2026-10-12\n' |
	    cs-record -q resolve --as-of=2026-11-26
	run -0 --separate-stderr cs-record objections --as-of=2026-11-26
	assert_stderr ''
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,open,,,投诉不属实
27,5d0a0b18dbf63032,92510107MA6C8P2Q6J,2026-10-09,2026-10-15,open,,,已当场改正
28,4bff6e1ae807fefd,92510107MA6C8P2Q6J,2026-10-09,2026-10-15,resolved,dismissed,2026-10-12,补偿金额有误
EOF
	run -0 cs-record objections --state=open
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,open,,,投诉不属实
27,5d0a0b18dbf63032,92510107MA6C8P2Q6J,2026-10-09,2026-10-15,open,,,已当场改正
EOF
	run -0 cs-record objections --state=resolved
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason
28,4bff6e1ae807fefd,92510107MA6C8P2Q6J,2026-10-09,2026-10-15,resolved,dismissed,2026-10-12,补偿金额有误
EOF
	run -0 cs-record objections --overdue --as-of=2026-10-13
	assert_output 'objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason'
	run -0 cs-record objections --overdue --as-of=2026-10-14
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,open,,,投诉不属实
EOF
	run -0 cs-record objections --overdue --as-of=2026-10-16
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,open,,,投诉不属实
27,5d0a0b18dbf63032,92510107MA6C8P2Q6J,2026-10-09,2026-10-15,open,,,已当场改正
EOF
}

@test "cs-record objections: an unknown --state exits 64" {
	new_store
	run -64 --separate-stderr cs-record objections --state=closed
	assert_output ''
	assert_stderr - <<'EOF'
cs-record objections: invalid --state 'closed': use open or resolved
Try `cs-record objections --help' or `cs-record objections --usage' for more
information.
EOF
}

@test "cs-record resolve: a dismissed objection ends the dispute and changes nothing" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n' | cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on\n26,dismissed,投诉经核实属实,2026-10-12\n' > ans.csv
	run -0 --separate-stderr cs-record resolve --as-of=2026-11-26 ans.csv
	assert_output ''
	assert_stderr 'cs-record: resolved 1, unchanged 0, rejected 0'
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file "$R/records.export.csv" out.csv
	run -0 cs-record objections
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,resolved,dismissed,2026-10-12,投诉不属实
EOF
	run -0 --separate-stderr cs-record resolve --as-of=2026-11-26 ans.csv
	assert_stderr 'cs-record: resolved 0, unchanged 1, rejected 0'
}

@test "cs-record resolve: an upheld objection with revoke=true revokes the record" {
	add_records
	printf 'id,filed_on,reason\n3f1f9a471cd8bef6,2026-10-09,不服\n' | cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on,revoke\n26,upheld,处罚依据不足，撤销,2026-10-12,true\n' > ans.csv
	run -0 --separate-stderr cs-record resolve --as-of=2026-11-26 ans.csv
	assert_stderr 'cs-record: resolved 1, unchanged 0, rejected 0'
	grep -v '^3f1f9a471cd8bef6,' "$R/records.export.csv" > expected.csv
	cs-record export --as-of=2026-11-26 > out.csv
	assert_same_file expected.csv out.csv
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91440300MA5F12342Q | jq -c ".records[] | [.id, .status, .disputed]"'
	assert_output - <<'EOF'
["8a16de8c0074e33c","active",false]
["3f1f9a471cd8bef6","revoked",false]
["CM-0002","active",false]
EOF
}

@test "cs-record resolve: an upheld objection with corrected columns corrects the record" {
	add_records
	printf 'id,filed_on,reason\nf61d0c89a6501810,2026-09-30,罚款金额有误\n' | cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on,fine_10k_yuan\n26,upheld,罚款金额更正为1万元,2026-10-12,1\n' > ans.csv
	run -0 --separate-stderr cs-record resolve --as-of=2026-11-26 ans.csv
	assert_stderr 'cs-record: resolved 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --since-seq=25 --to=ndjson | jq -c "[.id, .fine_10k_yuan, .seq, .disputed]"'
	assert_output '["f61d0c89a6501810",1,27,false]'
}

@test "cs-record resolve: rejects each bad answer with its own message" {
	add_records
	printf 'id,filed_on,reason\nf61d0c89a6501810,2026-11-02,不服\n0335eafc8be1c83d,2026-11-02,不服\n' |
	    cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on\n27,dismissed,确认无误,2026-11-10\n' | cs-record -q resolve --as-of=2026-11-26
	cat > ans.csv <<'EOF'
objection_id,outcome,reason,resolved_on,revoke,fine_10k_yuan
abc,dismissed,x,2026-11-10,,
99,dismissed,x,2026-11-10,,
26,,x,2026-11-10,,
26,maybe,x,2026-11-10,,
26,upheld,,2026-11-10,,
26,upheld,x,2026-13-01,,
26,upheld,x,2026-11-01,,
26,upheld,x,2026-11-27,,
26,upheld,x,2026-11-10,perhaps,
26,dismissed,x,2026-11-10,true,
26,dismissed,x,2026-11-10,,3
26,upheld,x,2026-11-10,true,3
26,upheld,x,2026-11-10,,
26,upheld,x,2026-11-10,,1.x
27,upheld,x,2026-11-10,true,
EOF
	run -1 --separate-stderr cs-record resolve --as-of=2026-11-26 ans.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: ans.csv:2: objection_id 'abc' is not an objection number
cs-record: ans.csv:3: no objection 99 in the store
cs-record: ans.csv:4: required column 'outcome' is empty: upheld or dismissed
cs-record: ans.csv:5: outcome 'maybe' is not upheld or dismissed
cs-record: ans.csv:6: required column 'reason' is empty: give the answer to the objection
cs-record: ans.csv:7: resolved_on '2026-13-01' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
cs-record: ans.csv:8: resolved_on '2026-11-01' is not between the filing date 2026-11-02 and the --as-of date 2026-11-26
cs-record: ans.csv:9: resolved_on '2026-11-27' is not between the filing date 2026-11-02 and the --as-of date 2026-11-26
cs-record: ans.csv:10: revoke 'perhaps' is not a boolean
cs-record: ans.csv:11: a dismissed objection changes nothing: drop revoke and the record columns
cs-record: ans.csv:12: a dismissed objection changes nothing: drop revoke and the record columns
cs-record: ans.csv:13: an upheld objection either revokes the record or corrects it, not both
cs-record: ans.csv:14: an upheld objection needs revoke=true or the corrected columns
cs-record: ans.csv:15: fine_10k_yuan '1.x' is not a decimal number (digits with an optional '.' part)
cs-record: ans.csv:16: objection 27 was already resolved (dismissed on 2026-11-10)
cs-record: resolved 0, unchanged 0, rejected 15
EOF
	run -0 cs-record objections --state=open
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason
26,f61d0c89a6501810,91350100M000100Y43,2026-11-02,2026-11-09,open,,,不服
EOF
}

@test "cs-record resolve: resolved_on defaults to --as-of" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n' | cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason\n26,dismissed,投诉经核实属实\n' | cs-record -q resolve --as-of=2026-10-12
	run -0 cs-record objections
	assert_line --index 1 '26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,resolved,dismissed,2026-10-12,投诉不属实'
}

# ---------------------------------------------------------------- commitments

@test "cs-record commitments: shows each commitment with its state on --as-of" {
	add_records
	run -0 --separate-stderr to_file out.csv cs-record commitments --as-of=2026-11-26
	assert_stderr ''
	assert_same_file "$R/commitments.out.csv" out.csv
}

@test "cs-record commitments: --state selects open, kept, broken and overdue ones" {
	add_records
	local s
	for s in open kept broken overdue; do
		run -0 cs-record commitments --state="$s" --as-of=2026-11-26
		assert_output "$(head -1 "$R/commitments.out.csv")
$(grep ",$s," "$R/commitments.out.csv")"
		assert_equal "${#lines[@]}" 2
	done
}

@test "cs-record commitments: the state depends on --as-of" {
	add_records
	run -0 bash -c 'cs-record commitments --as-of=2025-03-05 | cut -d, -f1,7-'
	assert_output - <<'EOF'
ref,_state,_settled_by,_settled_on
CM-0004,overdue,,
EOF
	run -0 bash -c 'cs-record commitments --as-of=2025-04-15 | cut -d, -f1,7-'
	assert_output - <<'EOF'
ref,_state,_settled_by,_settled_on
CM-0004,broken,bbab2b1e26219fcf,2025-03-10
CM-0001,open,,
EOF
	run -0 bash -c 'cs-record commitments --as-of=2026-08-31 --uscc=92510107MA6C8P2Q6J | cut -d, -f1,5,7'
	assert_output - <<'EOF'
ref,due_on,_state
CM-0003,2026-08-31,open
EOF
	run -0 bash -c 'cs-record commitments --as-of=2026-09-01 --uscc=92510107MA6C8P2Q6J | cut -d, -f1,5,7'
	assert_output - <<'EOF'
ref,due_on,_state
CM-0003,2026-08-31,overdue
EOF
}

@test "cs-record commitments: writes NDJSON with --to=ndjson" {
	add_records
	run -0 cs-record commitments --to=ndjson --state=kept --as-of=2026-11-26
	assert_output '{"ref":"CM-0001","uscc":"91350100M000100Y43","name":"厦门海沧澄明科技有限公司","content":"三十日内完成整改并提交报告","due_on":"2025-05-01","_committed_on":"2025-04-01","_state":"kept","_settled_by":"78c4c3b4513f6d17","_settled_on":"2025-04-28"}'
}

@test "cs-record commitments: the overdue ones piped back to add become commitment_broken records" {
	add_records
	run -0 --separate-stderr bash -c 'set -o pipefail
	    cs-record commitments --state=overdue --as-of=2026-11-01 |
	    cs-record add --set type=commitment_broken --set decided_on=2026-11-01 --as-of=2026-11-26'
	assert_output ''
	assert_stderr 'cs-record: added 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record commitments --state=broken --as-of=2026-11-26 | cut -d, -f1-7,9'
	assert_output - <<'EOF'
ref,uscc,name,content,due_on,_committed_on,_state,_settled_on
CM-0004,91310115MA1K3Q7T6W,上海浦东新区远航物流有限公司,一个月内补缴社会保险费,2025-03-01,2025-02-01,broken,2025-03-10
CM-0003,92510107MA6C8P2Q6J,成都武侯区李记便利店,补办食品经营许可证,2026-08-31,2026-06-01,broken,2026-11-01
EOF
	run -0 cs-record commitments --state=overdue --as-of=2026-11-26
	assert_output 'ref,uscc,name,content,due_on,_committed_on,_state,_settled_by,_settled_on'
	# The listing's own columns are not stored with the new record.
	run -0 bash -c 'cs-record export --as-of=2026-11-26 --to=ndjson --type=commitment_broken --decided-from=2026-11-01 | jq -c "del(.seq, .id)"'
	assert_output '{"uscc":"92510107MA6C8P2Q6J","name":"成都武侯区李记便利店","type":"commitment_broken","decided_on":"2026-11-01","due_on":"2026-08-31","ref":"CM-0003","amount":null,"fine_10k_yuan":null,"content":"补办食品经营许可证","certified":null,"dishonest_debtor":null,"disputed":false,"published":false,"publicity_end_differs":null}'
	run -0 bash -c 'cs-record export --as-of=2026-11-26 | head -1'
	assert_output "$CANON,feed_batch,$OWN"
	# The same pipeline a day later settles nothing twice.
	run -0 --separate-stderr bash -c 'set -o pipefail
	    cs-record commitments --state=overdue --as-of=2026-11-02 |
	    cs-record add --set type=commitment_broken --set decided_on=2026-11-02 --as-of=2026-11-26'
	assert_stderr 'cs-record: added 0, unchanged 0, rejected 0'
}

@test "cs-record commitments: an unknown --state exits 64" {
	new_store
	run -64 --separate-stderr cs-record commitments --state=late
	assert_output ''
	assert_stderr - <<'EOF'
cs-record commitments: invalid --state 'late': use open, kept, broken or overdue
Try `cs-record commitments --help' or `cs-record commitments --usage' for more
information.
EOF
}

# ---------------------------------------------------------------- verify and the ledger

@test "cs-record verify: a clean store verifies with exit 0" {
	export CS_DB=credit.db
	add_records
	run -0 --separate-stderr cs-record verify
	assert_output ''
	assert_stderr 'cs-record: verified 25 events: the chain is intact and the tables match the ledger (tree size 25, head 6f10a125d9718eb56b7b64b2a5919d33419ddc717a32855c2629821cb5fc2815)'
	run -0 --separate-stderr cs-record -q verify
	assert_stderr ''
}

@test "cs-record verify: stays clean after corrections, objections, resolutions and entities" {
	add_records
	cs-record -q add --entities --as-of=2026-11-26 "$R/entities.csv"
	printf 'id,fine_10k_yuan,reason\nf61d0c89a6501810,2.5,金额录入错误\n' | cs-record -q correct --as-of=2026-11-26
	printf 'id,filed_on,reason\n3f1f9a471cd8bef6,2026-10-09,不服\ned11651bea264200,2026-10-09,不服\n' |
	    cs-record -q object --as-of=2026-11-26 > /dev/null
	printf 'objection_id,outcome,reason,resolved_on,revoke\n30,upheld,撤销处罚,2026-10-12,true\n' |
	    cs-record -q resolve --as-of=2026-11-26
	run -0 --separate-stderr cs-record verify
	assert_regex "$stderr" '^cs-record: verified 32 events: the chain is intact and the tables match the ledger \(tree size 32, head [0-9a-f]{64}\)$'
}

@test "cs-record verify: a records row changed behind its back exits 1 naming the seq and the column" {
	add_records
	sqlite3 "$CS_DB" "UPDATE records SET decided_on='2020-01-01' WHERE id='f61d0c89a6501810'"
	run -1 --separate-stderr cs-record verify
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: records row 'f61d0c89a6501810' (ledger seq 2): column 'decided_on' is '2020-01-01' in the table, the ledger gives '2025-03-14'
cs-record: verify failed at ledger seq 2
EOF
}

@test "cs-record verify: a penalty_category changed behind its back exits 1 naming the column" {
	new_store
	cs-record -q add --as-of=2026-11-26 "$R/publicity.csv"
	sqlite3 "$CS_DB" "UPDATE records SET penalty_category = NULL WHERE id = 'PUB-3'"
	run -1 --separate-stderr cs-record verify
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: records row 'PUB-3' (ledger seq 4): column 'penalty_category' is NULL in the table, the ledger gives '罚款；吊销许可证件'
cs-record: verify failed at ledger seq 4
EOF
}

@test "cs-record verify: a changed ID number is named, not echoed (issue 11)" {
	add_records
	cs-record -q add --entities --as-of=2026-11-26 "$R/entities.csv"
	sqlite3 "$CS_DB" "UPDATE entities SET legal_rep_id='110105194912310039' WHERE uscc='92510107MA6C8P2Q6J'"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: entities row '92510107MA6C8P2Q6J' (ledger seq 8): column 'legal_rep_id' differs from the ledger (an ID number: not shown)
cs-record: verify failed at ledger seq 8
EOF
}

@test "cs-record verify: a records row deleted behind its back exits 1" {
	add_records
	sqlite3 "$CS_DB" "DELETE FROM records WHERE id='CM-0002'"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: records row 'CM-0002' (ledger seq 7): it is missing from the table
cs-record: verify failed at ledger seq 7
EOF
}

@test "cs-record verify: a changed ledger body exits 1" {
	export CS_DB=credit.db
	add_records
	# The body is packed: its value bytes changed, it stays packed.
	sqlite3 "$CS_DB" "UPDATE ledger SET body=cast(replace(cast(body as text), '1.5', '0.5') as blob) WHERE seq=2"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: ledger seq 2: the hash does not match the event (stored ed79d56bfd3c93d5..., computed 94c84fb6abb4db5b...): the event was changed
cs-record: verify failed at ledger seq 2
EOF
}

@test "cs-record verify: a deleted ledger row exits 1" {
	add_records
	sqlite3 "$CS_DB" 'DELETE FROM ledger WHERE seq=3'
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: ledger seq 3 is missing (the next event is seq 4)
cs-record: verify failed at ledger seq 3
EOF
}

@test "cs-record verify: the last ledger row deleted leaves a row no event backs: exit 1" {
	add_records
	sqlite3 "$CS_DB" 'DELETE FROM ledger WHERE seq=25'
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: records row 'eed060ea0da4adbc' (ledger seq 25): no event in the ledger backs it
cs-record: verify failed at ledger seq 25
EOF
}

@test "cs-record: each ledger hash is the SHA-256 of the canonical JSON of its event, chained by prev_hash" {
	add_records
	local n=0 hash event want
	# The events kept as JSON text can be checked with sqlite3 alone.
	while read -r hash event; do
		want=$(printf '%s' "$event" | jq -cS . | tr -d '\n' | sha256sum | cut -d' ' -f1)
		assert_equal "$hash" "$want"
		n=$((n + 1))
	done < <(sqlite3 -separator ' ' "$CS_DB" "SELECT lower(hex(hash)),
	    json_object('action', action, 'at', at, 'body', json(body),
	    'operator', operator, 'prev_hash', lower(hex(prev_hash)), 'seq', seq,
	    'subject', subject, 'tool', tool) FROM ledger
	    WHERE typeof(body) = 'text' ORDER BY seq")
	assert_equal "$n" 1
	# Those of records are packed (schema 7): cs-record events gives each
	# event as the canonical JSON its hash was made of.
	run -0 sqlite3 "$CS_DB" "SELECT action, typeof(body), count(*) FROM ledger GROUP BY 1, 2 ORDER BY 1"
	assert_output 'add|blob|24
init|text|1'
	n=0
	while read -r hash event; do
		assert_equal "$(printf '%s' "$event" | jq -cS . | tr -d '\n')" "$event"
		want=$(printf '%s' "$event" | sha256sum | cut -d' ' -f1)
		assert_equal "$hash" "$want"
		n=$((n + 1))
	done < <(paste -d ' ' <(sqlite3 "$CS_DB" "SELECT lower(hex(hash)) FROM ledger ORDER BY seq") <(cs-record events))
	assert_equal "$n" 25
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger l JOIN ledger p ON p.seq = l.seq - 1 WHERE l.prev_hash = p.hash"
	assert_output 24
	run -0 sqlite3 "$CS_DB" "SELECT hex(prev_hash) FROM ledger WHERE seq = 1"
	assert_output 0000000000000000000000000000000000000000000000000000000000000000
}

@test "cs-record: ledger events record the operator and the SOURCE_DATE_EPOCH time" {
	new_store
	cs-record -q add --operator=auditor --as-of=2026-11-26 "$R/records.csv"
	run -0 sqlite3 "$CS_DB" "SELECT DISTINCT at, operator, tool FROM ledger WHERE seq > 1"
	assert_output '2026-05-28T20:26:40Z|auditor|cs-record'
	run -0 sqlite3 "$CS_DB" "SELECT operator FROM ledger WHERE seq = 1"
	assert_output tester
}

# ---------------------------------------------------------------- found in review

@test "cs-record: --rejects may be neither an input nor the store" {
	add_records
	cp "$R/records.csv" in.csv
	run -64 --separate-stderr cs-record add --as-of=2026-11-26 --rejects=in.csv in.csv
	assert_stderr "cs-record: --rejects 'in.csv' is also an input; give another file"
	cmp in.csv "$R/records.csv"
	run -64 --separate-stderr cs-record add --as-of=2026-11-26 --rejects="$CS_DB" in.csv
	assert_stderr "cs-record: --rejects '$CS_DB' is the store; give another file"
	run -64 --separate-stderr cs-record add --as-of=2026-11-26 --rejects="$CS_DB-wal" in.csv
	assert_stderr "cs-record: --rejects '$CS_DB-wal' is the store; give another file"
	run -0 cs-record -q verify
}

@test "cs-record add: long words in the rules are stored whole" {
	cp -r "$REPO/share/cs" rules
	jq '.domains += ["food_and_drink_services_extended_category_name"]
	    | .booleans.true += ["是的，已经认证通过"]' rules/catalog.json >c.json
	mv c.json rules/catalog.json
	new_store
	printf 'uscc,type,decided_on,content,domain,certified\n91350100M000100Y43,voluntary,2026-01-05,x,food_and_drink_services_extended_category_name,是的，已经认证通过\n' >in.csv
	run -0 --separate-stderr cs-record --rules=rules add --as-of=2026-11-26 in.csv
	run -0 bash -c 'cs-record --rules=rules export --as-of=2026-11-26 --to=ndjson | jq -c "[.domain, .certified]"'
	assert_output '["food_and_drink_services_extended_category_name",true]'
	run -0 cs-record -q --rules=rules verify
}

@test "cs-record add: a bulk load that dies leaves the index by USCC to the next writer" {
	new_store
	"$CS_BUILD/bench/gen" records 30000 >big.csv
	run -137 env CS_TEST_KILL_AT=15000 cs-record -q add --batch=10000 --as-of=2026-11-26 big.csv
	run -0 sqlite3 "$CS_DB" "select count(*) from sqlite_master where name = 'records_uscc'"
	assert_output 0
	cs-record -q correct </dev/null
	run -0 sqlite3 "$CS_DB" "select count(*) from sqlite_master where name = 'records_uscc'"
	assert_output 1
	run -0 cs-record -q verify
}

@test "cs-record resolve: takes the objections listing back, its own columns are not record columns" {
	add_records
	printf 'id,filed_on,reason\n3f1f9a471cd8bef6,2026-10-09,不服\n' | cs-record -q object --as-of=2026-11-26 >/dev/null
	cs-record objections --state=open | sed 's/,open,,,不服$/,open,dismissed,,处罚依据充分/' >answer.csv
	run -0 --separate-stderr cs-record resolve --as-of=2026-11-26 answer.csv
	assert_stderr 'cs-record: resolved 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record objections | cut -d, -f1,6-'
	assert_output - <<'EOF'
objection_id,state,outcome,resolved_on,reason
26,resolved,dismissed,2026-11-26,不服
EOF
	run -0 bash -c 'cs-record export --as-of=2026-11-26 | head -1'
	assert_output "$CANON,feed_batch,$OWN"
}

@test "cs-record add: a commitment is settled once, and not before it was made" {
	add_records
	printf 'uscc,type,decided_on,ref\n91310115MA1K3Q7T6W,commitment_kept,2025-03-05,CM-0004\n91440300MA5F12342Q,commitment_kept,2026-08-01,CM-0002\n91440300MA5F12342Q,commitment_kept,2026-09-10,CM-0002\n91440300MA5F12342Q,commitment_broken,2026-11-20,CM-0002\n' >in.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_stderr - <<'EOF'
cs-record: in.csv:2: ref 'CM-0004' is settled already: commitment_broken 'bbab2b1e26219fcf' of 2025-03-10
cs-record: in.csv:3: decided_on '2026-08-01' is before commitment 'CM-0002' was made (2026-09-01)
cs-record: in.csv:5: ref 'CM-0002' is settled already: commitment_kept 'f68e38b5ec6b0253' of 2026-09-10
cs-record: added 1, unchanged 0, rejected 3
EOF
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 "$R/records.csv"
	assert_stderr 'cs-record: added 0, unchanged 24, rejected 0'
}

@test "cs-record add: a record sent again with another feed column is a conflict, never a second record" {
	add_records
	sed 's/,B1$/,B2/' "$R/records.csv" >b2.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 b2.csv
	assert_equal "${stderr_lines[24]}" 'cs-record: added 0, unchanged 0, rejected 24'
	assert_equal "${stderr_lines[9]}" "cs-record: b2.csv:11: record 'ed11651bea264200' already exists with other content (seq 11); change it with 'cs-record correct'"
	run -0 sqlite3 "$CS_DB" 'select count(*) from records'
	assert_output 24
}

@test "cs-record correct: a long reason is stored whole" {
	add_records
	local reason
	reason=$(printf 'a%.0s' $(seq 4094))中文
	printf 'id,note,reason\nf61d0c89a6501810,x,%s\n' "$reason" >fix.csv
	run -0 --separate-stderr cs-record correct fix.csv
	run -0 bash -c 'cs-record show --as-of=2026-11-26 91350100M000100Y43 | jq -r ".records[] | select(.id == \"f61d0c89a6501810\") | .history[0].reason"'
	assert_output "$reason"
	run -0 cs-record -q verify
}

@test "cs-record correct: pilot codes need --allow-pilot-codes there too" {
	new_store
	printf 'id,uscc,type,decided_on,source\nP1,91350200M0000001XA,complaint,2026-01-01,s\n' |
	    cs-record -q add --allow-pilot-codes --as-of=2026-11-26
	printf 'id,source,reason\nP1,s2,fix\n' >fix.csv
	run -1 --separate-stderr cs-record correct fix.csv
	assert_equal "${stderr_lines[0]}" "cs-record: fix.csv:2: uscc '91350200M0000001XA' is an early pilot code that fails the check character rule (expected '0'); accept it with --allow-pilot-codes or --pilot-list"
	run -0 --separate-stderr cs-record correct --allow-pilot-codes fix.csv
	assert_stderr 'cs-record: corrected 1, unchanged 0, rejected 0'
}

@test "cs-record add: CR-only line ends give each row its own line number" {
	new_store
	printf 'uscc,type,decided_on,content,source\r91350100M000100Y43,complaint,2026-01-01,a,s\r91110000600037341N,complaint,2026-01-01,b,s\r91350100M000100Y43,complaint,2026-13-01,c,s\r' >cr.csv
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 cr.csv
	assert_stderr - <<'EOF'
cs-record: cr.csv:3: uscc '91110000600037341N' has a wrong check character (expected 'L')
cs-record: cr.csv:4: decided_on '2026-13-01' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
cs-record: added 1, unchanged 0, rejected 2
EOF
}

@test "cs-record add: an NDJSON key that is empty rejects its line" {
	new_store
	printf '%s\n' '{"uscc":"91350100M000100Y43","type":"complaint","decided_on":"2026-01-05","source":"s","":"x"}' >in.ndjson
	run -1 --separate-stderr cs-record add --as-of=2026-11-26 in.ndjson
	assert_stderr - <<'EOF'
cs-record: in.ndjson:1: a key is empty: every field needs a name
cs-record: added 0, unchanged 0, rejected 1
EOF
}

@test "cs-record object: an objection filed before the decision is rejected" {
	add_records
	printf 'id,filed_on,reason\n3f1f9a471cd8bef6,2025-01-02,x\n' >obj.csv
	run -1 --separate-stderr cs-record object --as-of=2026-11-26 obj.csv
	assert_stderr - <<'EOF'
cs-record: obj.csv:2: filed_on '2025-01-02' is before the record was decided (2025-06-02)
cs-record: filed 0, unchanged 0, rejected 1
EOF
}

@test "cs-record: an option's value is never taken for the command" {
	add_records
	run -0 --separate-stderr cs-record --rejects verify add --as-of=2026-11-26 "$R/records.csv"
	assert_stderr 'cs-record: added 0, unchanged 24, rejected 0'
	[ -f verify ]
}

@test "cs-record add: standard input cannot be read twice" {
	new_store
	run -64 --separate-stderr cs-record add - -
	assert_stderr - <<'EOF'
cs-record add: '-' (standard input) is given twice
Try `cs-record add --help' or `cs-record add --usage' for more information.
EOF
}

@test "cs-record add: a JSON array is not NDJSON, and says how to make it" {
	new_store
	run -65 --separate-stderr cs-record add <<<'[{"uscc":"91350100M000100Y43"}]'
	assert_stderr "cs-record: <stdin>:1: the input is a JSON array; give NDJSON, one object per line (jq -c '.[]' makes it)"
}

@test "cs-record init: an empty file becomes a private store; a text file is refused" {
	: >empty.db
	chmod 644 empty.db
	run -0 --separate-stderr cs-record -d empty.db init
	run -0 stat -c %a empty.db
	assert_output 600
	echo hello >text.db
	run -69 --separate-stderr cs-record -d text.db init
	assert_stderr "cs-record: 'text.db' is not a cs store (file is not a database); choose another --db"
}

@test "cs-record: --help to a full disk exits 74" {
	run -74 --separate-stderr bash -c 'cs-record --help >/dev/full'
	assert_stderr 'cs-record: write error on stdout: No space left on device'
}

@test "cs-record verify: a prev_hash changed behind its back names the event" {
	add_records
	sqlite3 "$CS_DB" "UPDATE ledger SET prev_hash = zeroblob(32) WHERE seq = 20"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF2'
cs-record: ledger seq 20: prev_hash does not match the hash of seq 19
cs-record: verify failed at ledger seq 20
EOF2
}

@test "cs-record: an empty value of a common option is a usage error" {
	local o
	for o in --db --rejects --operator; do
		run -64 --separate-stderr cs-record add "$o="
		assert_equal "${stderr%%$'\n'*}" "cs-record add: invalid $o ''"
	done
	run -64 --separate-stderr cs-record add --from=xml
	assert_equal "${stderr%%$'\n'*}" "cs-record add: invalid --from 'xml': use csv, tsv or ndjson"
}

# A copy of the rules with LINE appended to FILE; the message of loading it.
broken_rules() {
	cp -r "$REPO/share/cs" r
	echo "$2" >>"r/$1"
	run -69 --separate-stderr cs-record --rules=r export
}

@test "cs-record: a bad line of aliases.csv names the file, the line and the fault" {
	local n
	n=$(($(wc -l <"$REPO/share/cs/aliases.csv") + 1))
	broken_rules aliases.csv "CF_XDR_MC,uscc"
	assert_stderr "cs-record: r/aliases.csv:$n: alias 'CF_XDR_MC' already means another column"
	rm -rf r
	broken_rules aliases.csv "foo,Bad-Name"
	assert_stderr "cs-record: r/aliases.csv:$n: column 'Bad-Name' is not a lower_snake_case name"
}

@test "cs-record: a bad line of the calendar names the file, the line and the fault" {
	local n t
	n=$(($(wc -l <"$REPO/share/cs/calendar/cn.csv") + 1))
	while IFS='|' read -r t msg; do
		rm -rf r
		broken_rules calendar/cn.csv "$t"
		assert_stderr "cs-record: r/calendar/cn.csv:$n: $msg"
	done <<'EOF2'
2026-03-02,work,x|adjusted working day '2026-03-02' is not a weekend day
2026-03-07,holiday,x|kind 'holiday' is neither 'off' nor 'work'
2300-01-04,off,x|date '2300-01-04' is outside 1900-2199
2026-02-30,off,x|date '2026-02-30' is not a valid date
EOF2
}

@test "cs-record add: a kill -9 sent from outside mid-run leaves a store that verifies; a re-run completes it" {
	"$CS_BUILD/bench/gen" records 60000 >big.csv
	cs-record -q -d whole.db init
	cs-record -q -d whole.db add --as-of=2026-11-26 big.csv 2>/dev/null || [ $? -eq 1 ]
	local total
	total=$(sqlite3 whole.db "SELECT count(*) FROM records")
	new_store
	# Through a FIFO held open, add cannot finish before it is killed.
	mkfifo in.csv
	cs-record -q add --batch=5000 --as-of=2026-11-26 in.csv >/dev/null 2>&1 &
	local pid=$! n=0 i rc=0 w
	exec {w}>in.csv
	head -n 20001 big.csv >&"$w"
	# Kill it once a batch is committed, from outside, at no set row.
	for i in $(seq 1200); do
		n=$(sqlite3 "$CS_DB" "SELECT count(*) FROM records" 2>/dev/null) || n=0
		(( n > 0 )) && break
		sleep 0.05
	done
	kill -9 "$pid"
	wait "$pid" || rc=$?
	exec {w}>&-
	assert_equal "$rc" 137
	n=$(sqlite3 "$CS_DB" "SELECT count(*) FROM records")
	(( n > 0 && n < total ))
	run -0 --separate-stderr cs-record verify
	run --separate-stderr cs-record add --as-of=2026-11-26 big.csv
	[[ $stderr =~ added\ ([0-9]+),\ unchanged\ ([0-9]+), ]] || fail "summary: $stderr"
	assert_equal "${BASH_REMATCH[2]}" "$n"
	assert_equal "$((BASH_REMATCH[1] + BASH_REMATCH[2]))" "$total"
	assert_equal "$(sqlite3 "$CS_DB" "SELECT count(*) FROM records")" "$total"
	run -0 --separate-stderr cs-record verify
}

# Rewrite the last ledger event with ACTION and BODY and a hash that fits,
# as someone who can compute hashes could: verify must still catch it.
forge_last() {
	local seq at op tool subject prev json hash
	IFS='|' read -r seq at op tool subject prev < <(sqlite3 "$CS_DB" \
	    "SELECT seq, at, operator, tool, subject, lower(hex(prev_hash)) FROM ledger ORDER BY seq DESC LIMIT 1")
	json=$(printf '{"action":"%s","at":"%s","body":%s,"operator":"%s","prev_hash":"%s","seq":%s,"subject":"%s","tool":"%s"}' \
	    "$1" "$at" "$2" "$op" "$prev" "$seq" "$subject" "$tool")
	hash=$(printf '%s' "$json" | sha256sum | cut -d' ' -f1)
	sqlite3 "$CS_DB" "UPDATE ledger SET action = '$1', body = '$2', hash = X'$hash' WHERE seq = $seq"
	echo "$seq"
}

@test "cs-record verify: an event with a fitting hash but a bad body or action is caught" {
	local seq first
	while IFS='|' read -r action body msg; do
		add_records
		first=$(cs-record events | jq -c 'select(.action == "add") | .body' | head -1)
		[ "$body" = FIRST ] && body=$first
		seq=$(forge_last "$action" "$body")
		run -1 --separate-stderr cs-record verify
		assert_stderr "cs-record: ledger seq $seq${msg}
cs-record: verify failed at ledger seq $seq"
		rm -f "$CS_DB" "$CS_DB-wal" "$CS_DB-shm"
	done <<'EOF2'
add|not json|: body is not JSON: '[' or '{' expected near 'not'
frobnicate|{}|: unknown action 'frobnicate'
correct|{}|: the body of this 'correct' event has an unexpected shape
add|FIRST| adds record 'f61d0c89a6501810', which an earlier event added
EOF2
}

@test "cs-record export and show: an event that no longer holds its record says to run verify (69)" {
	add_records
	sqlite3 "$CS_DB" "UPDATE ledger SET body = '[]' WHERE seq = 25"
	local u
	u=$(sqlite3 "$CS_DB" "SELECT uscc FROM records WHERE rid = 25")
	run -69 --separate-stderr cs-record export
	assert_stderr "cs-record: store '$CS_DB': ledger seq 25 does not hold a record; run 'cs-record verify'"
	run -69 --separate-stderr cs-record show "$u"
	assert_stderr "cs-record: store '$CS_DB': ledger seq 25 does not hold a record; run 'cs-record verify'"
}

@test "cs-record add: --rejects is created 0600 and a symbolic link there is refused (issue 12)" {
	new_store
	printf 'uscc,type,decided_on\n91110000600037341N,penalty,2026-01-05\n' >bad.csv
	run -1 --separate-stderr cs-record add --rejects=rj.csv bad.csv
	run -0 stat -c %a rj.csv
	assert_output 600
	run -0 cut -d, -f4- rj.csv
	assert_output "_line,_error
2,uscc '91110000600037341N' has a wrong check character (expected 'L')"
	echo precious >victim
	ln -s victim link.csv
	run -73 --separate-stderr cs-record add --rejects=link.csv bad.csv
	assert_stderr "cs-record: --rejects 'link.csv' is a symbolic link; give another file"
	run -0 cat victim
	assert_output precious
	# A link to nowhere is refused as well: it is not created through.
	ln -s nowhere dangling.csv
	run -73 --separate-stderr cs-record add --rejects=dangling.csv bad.csv
	assert_stderr "cs-record: --rejects 'dangling.csv' is a symbolic link; give another file"
	[ ! -e nowhere ]
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output 1
}

@test "cs-record object: a stdout that cannot take the objections files none (issue 12)" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n' >obj.csv
	run -74 --separate-stderr bash -c 'cs-record object --as-of=2026-11-26 obj.csv >/dev/full'
	assert_stderr - <<'EOF'
cs-record: write error on stdout: No space left on device
cs-record: nothing of this run was stored
EOF
	run -0 cs-record objections
	assert_output 'objection_id,id,uscc,filed_on,answer_by,state,outcome,resolved_on,reason'
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output 25
	# The run that files them prints them.
	run -0 --separate-stderr cs-record object --as-of=2026-11-26 obj.csv
	assert_output - <<'EOF'
objection_id,id,uscc,filed_on,answer_by,state
26,ed11651bea264200,92510107MA6C8P2Q6J,2026-09-30,2026-10-13,open
EOF
	run -0 --separate-stderr cs-record verify
}

@test "cs-record add, correct, resolve: no rows on stdout, so a full stdout stores all the same (issue 12)" {
	new_store
	run -0 --separate-stderr bash -c "cs-record add --as-of=2026-11-26 '$R/records.csv' >/dev/full"
	assert_stderr 'cs-record: added 24, unchanged 0, rejected 0'
	printf 'id,fine_10k_yuan,reason\nf61d0c89a6501810,2.5,金额录入错误\n' >fix.csv
	run -0 --separate-stderr bash -c 'cs-record correct --as-of=2026-11-26 fix.csv >/dev/full'
	assert_stderr 'cs-record: corrected 1, unchanged 0, rejected 0'
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n' |
	    cs-record -q object --as-of=2026-11-26 >/dev/null
	printf 'objection_id,outcome,reason,resolved_on\n27,dismissed,属实,2026-10-12\n' >ans.csv
	run -0 --separate-stderr bash -c 'cs-record resolve --as-of=2026-11-26 ans.csv >/dev/full'
	assert_stderr 'cs-record: resolved 1, unchanged 0, rejected 0'
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output 28
}

@test "cs-record add: --strict with an input that cannot be read stores nothing of the others (issue 12)" {
	new_store
	run -66 --separate-stderr cs-record add --strict --as-of=2026-11-26 "$R/records.csv" no-such.csv
	assert_stderr - <<'EOF'
cs-record: no-such.csv: No such file or directory
cs-record: --strict: stopped at an input that cannot be read; nothing of this run was stored
EOF
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output 1
	# Without --strict the readable inputs are stored, and the exit is 66.
	run -66 --separate-stderr cs-record add --as-of=2026-11-26 "$R/records.csv" no-such.csv
	assert_stderr - <<'EOF'
cs-record: no-such.csv: No such file or directory
cs-record: added 24, unchanged 0, rejected 0
EOF
}

@test "cs-record: control characters of the input are escaped in messages (issue 12)" {
	new_store
	printf 'uscc,type,decided_on\n9111\0337]0;owned\007X,penalty,2026-01-05\n91110000600037341L,pen\302\233alty,2026-01-05\n' >esc.csv
	run -1 --separate-stderr cs-record add esc.csv
	assert_stderr - <<'EOF'
cs-record: esc.csv:2: uscc '9111\x1b7]0;OWNED\x07X' has 16 characters, expected 18
cs-record: esc.csv:3: unknown type 'pen\xc2\x9balty' (the types are in catalog.json)
cs-record: added 0, unchanged 0, rejected 2
EOF
	# File names too, and bytes that are not UTF-8.
	run -66 --separate-stderr cs-record add $'no\033[31mred\377.csv'
	assert_stderr - <<'EOF'
cs-record: no\x1b[31mred\xff.csv: No such file or directory
cs-record: added 0, unchanged 0, rejected 0
EOF
}

@test "cs-record: control characters of arguments are escaped in usage errors (64)" {
	new_store
	run -64 --separate-stderr cs-record prove $'\e[2J' --checkpoint=cp
	assert_stderr - <<'EOF'
cs-record prove: invalid SEQ '\x1b[2J': expected a whole number from 1 to 4611686018427387904
Try `cs-record prove --help' or `cs-record prove --usage' for more
information.
EOF
	run -64 --separate-stderr cs-record add --as-of=$'\e]0;x\a'
	assert_stderr - <<'EOF'
cs-record add: invalid --as-of '\x1b]0;x\x07': not a date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)
Try `cs-record add --help' or `cs-record add --usage' for more information.
EOF
	run -64 --separate-stderr cs-record $'\e]0;x\a'
	assert_stderr - <<'EOF'
cs-record: unknown command '\x1b]0;x\x07'
Try `cs-record --help' or `cs-record --usage' for more information.
EOF
	run -64 --separate-stderr cs-sample draw --plan=$'\ex'
	assert_stderr - <<'EOF'
cs-sample draw: invalid --plan '\x1bx': a plan name is letters, digits, '-' and '_'; give a file as a path with a '/' (./FILE)
Try `cs-sample draw --help' or `cs-sample draw --usage' for more information.
EOF
	# The options argp itself would refuse raw: long, with a value, short.
	run -64 --separate-stderr cs-record export $'--x\e=1'
	assert_stderr - <<'EOF'
cs-record export: unrecognized option '--x\x1b=1'
Try `cs-record export --help' or `cs-record export --usage' for more
information.
EOF
	run -64 --separate-stderr cs-record export $'-\a'
	assert_stderr - <<'EOF'
cs-record export: invalid option -- '\x07'
Try `cs-record export --help' or `cs-record export --usage' for more
information.
EOF
	# Printable ones are still argp's own words.
	run -64 --separate-stderr cs-record export --zzzz
	assert_stderr - <<'EOF'
cs-record export: unrecognized option '--zzzz'
Try `cs-record export --help' or `cs-record export --usage' for more
information.
EOF
}

@test "cs-record export: NDJSON numbers and booleans are JSON types jq reads right (issue 16)" {
	add_records
	printf 'id,filed_on,reason\ned11651bea264200,2026-09-30,投诉不属实\n' > obj.csv
	cs-record -q object --as-of=2026-11-26 obj.csv >/dev/null
	cs-record export --to=ndjson >all.ndjson
	run -0 jq -c 'select(.disputed) | [.id, .seq]' all.ndjson
	assert_output '["ed11651bea264200",11]'
	run -0 jq -s 'map(.seq) | max' all.ndjson
	assert_output 25
	# A decimal keeps its digits; an empty typed column is null.
	run -0 grep -o '"id":"4acb3a1eb228d8a4".*"certified":null' all.ndjson
	assert_output --partial '"amount":1200.50,"fine_10k_yuan":null,'
	run -0 jq -c 'select(.certified) | [.id, .certified, .dishonest_debtor]' all.ndjson
	assert_output '["01e830b7e20796e3",true,null]'
	# CSV is as it was.
	run -0 bash -c "cs-record export | grep -cE ',false,(true|false),[^,]*,[^,]*,\$'"
	assert_output 23
}

@test "cs-record export: typed NDJSON read back gives the same records as CSV (issue 16)" {
	add_records
	cs-record export --unmasked --to=ndjson >all.ndjson
	cs-record -d copy.db -q init
	cs-record -d copy.db -q add --as-of=2026-11-26 all.ndjson
	cs-record export >a.csv
	cs-record -d copy.db export >b.csv
	assert_same_file a.csv b.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 all.ndjson
	assert_stderr 'cs-record: added 0, unchanged 24, rejected 0'
}

@test "cs-record: a header without the columns a command needs stops at once, naming them all (issue 16)" {
	add_records
	printf 'uscc,typ,decided\n91350100M000100Y43,penalty,2026-01-01\n' >in.csv
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 in.csv
	assert_output ''
	assert_stderr "cs-record: in.csv:1: no columns 'type' and 'decided_on' in the header ('typ' may be 'type', 'decided' may be 'decided_on'): add them, or give --set COLUMN=VALUE"
	cs-record export | head -3 >exported.csv
	run -65 --separate-stderr cs-record correct exported.csv
	assert_stderr "cs-record: exported.csv:1: no column 'reason' in the header"
	printf 'idd,reasons\nf61d0c89a6501810,typo\n' >fix.csv
	run -65 --separate-stderr cs-record correct fix.csv
	assert_stderr "cs-record: fix.csv:1: no columns 'id' and 'reason' in the header ('idd' may be 'id', 'reasons' may be 'reason')"
	printf 'id\ned11651bea264200\n' >obj.csv
	run -65 --separate-stderr cs-record object obj.csv
	assert_output ''
	assert_stderr "cs-record: obj.csv:1: no columns 'filed_on' and 'reason' in the header"
	printf 'objection,outcome,reason\n1,dismissed,x\n' >ans.csv
	run -65 --separate-stderr cs-record resolve ans.csv
	assert_stderr "cs-record: ans.csv:1: no column 'objection_id' in the header ('objection' may be 'objection_id')"
	# Nothing was stored.
	run -0 bash -c 'sqlite3 "$CS_DB" "select count(*) from ledger"'
	assert_output 25
}

@test "cs-record add: a bad --set value is said once, naming the valid types (issue 16)" {
	new_store
	printf 'uscc,decided_on\n91350100M000100Y43,2026-01-01\n91350100M000100Y43,2026-01-02\n' >in.csv
	run -64 --separate-stderr cs-record add --set type=penality in.csv
	assert_output ''
	assert_stderr "cs-record: invalid --set 'type=penality': unknown type 'penality' (did you mean 'penalty'?); the types are license, penalty, compulsion, confirmation, collection, payment, ruling, compensation, reward, inspection, commitment, commitment_kept, commitment_broken, complaint, judgment, honor, voluntary, interview, education, obligation_performed"
	run -64 --separate-stderr cs-record add --set decided_on=2026-02-30 --set type=penalty in.csv
	assert_stderr "cs-record: invalid --set 'decided_on=2026-02-30': decided_on '2026-02-30' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)"
}

@test "cs-record add: pretty-printed JSON is one message, not one per line (issue 16)" {
	new_store
	printf '{\n  "uscc": "91350100M000100Y43",\n  "type": "education",\n  "decided_on": "2026-01-05"\n}\n' >pretty.json
	run -65 --separate-stderr cs-record add pretty.json
	assert_output ''
	assert_stderr "cs-record: pretty.json:1: not NDJSON: one object per line; try jq -c"
	run -65 --separate-stderr cs-record add --from=ndjson <pretty.json
	assert_stderr "cs-record: <stdin>:1: not NDJSON: one object per line; try jq -c"
	printf '[\n  {"uscc": "91350100M000100Y43"}\n]\n' >array.json
	run -65 --separate-stderr cs-record add --from=ndjson array.json
	assert_stderr "cs-record: array.json:1: the input is a JSON array; give NDJSON, one object per line (jq -c '.[]' makes it)"
}

@test "cs-record add: gzip files and gzip on stdin are read as they are, whatever their name (issue 16)" {
	new_store
	gzip -c "$R/records.csv" >records.csv.gz
	gzip -c "$R/records.csv" >records.dat
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 records.csv.gz
	assert_stderr 'cs-record: added 24, unchanged 0, rejected 0'
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 records.dat
	assert_stderr 'cs-record: added 0, unchanged 24, rejected 0'
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 <records.csv.gz
	assert_stderr 'cs-record: added 0, unchanged 24, rejected 0'
	# NDJSON in gzip is detected too; two members read as one file.
	cs-record export --unmasked --to=ndjson | gzip -c >all.ndjson.gz
	{ gzip -c "$R/records.csv"; gzip -c /dev/null; } >two.gz
	cs-record -d b.db -q init
	run -0 --separate-stderr cs-record -d b.db add --as-of=2026-11-26 all.ndjson.gz
	assert_stderr 'cs-record: added 24, unchanged 0, rejected 0'
	run -0 --separate-stderr cs-record -d b.db add --as-of=2026-11-26 two.gz
	assert_stderr 'cs-record: added 0, unchanged 24, rejected 0'
}

@test "cs-record add: corrupt or truncated gzip stops the run (65) (issue 16)" {
	new_store
	gzip -c "$R/records.csv" >records.csv.gz
	head -c 200 records.csv.gz >cut.gz
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 cut.gz
	assert_stderr "cs-record: cut.gz: truncated gzip data: the file ends inside a compressed stream"
	cp records.csv.gz bad.gz
	printf 'XXXXXXXXXXXXXXXX' | dd of=bad.gz bs=1 seek=30 conv=notrunc 2>/dev/null
	run -65 --separate-stderr cs-record add --as-of=2026-11-26 bad.gz
	assert_output ''
	# The words after the colon are zlib's.
	assert_stderr --partial "cs-record: bad.gz: corrupt gzip data: "
}

@test "cs-record add: --from=tsv reads tab-separated values with their escapes, --delimiter CSV of another separator (issue 16)" {
	new_store
	printf 'uscc\ttype\tdecided_on\tnote\tdoc_no\n91350100M000100Y43\teducation\t2026-01-05\tsay "hi"\\ttab\\\\back\\nline\tD1\n\n9131010458766442XW\teducation\t2026-01-06\t\tD2\n' >in.tsv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --from=tsv in.tsv
	assert_stderr 'cs-record: added 2, unchanged 0, rejected 0'
	printf 'uscc;type;decided_on;note;doc_no\n91350100M000100Y43;education;2026-01-05;"a; b";D3\n' >semi.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --delimiter=';' semi.csv
	assert_stderr 'cs-record: added 1, unchanged 0, rejected 0'
	run -0 bash -c 'cs-record export --to=ndjson | jq -c "[.doc_no, .note]"'
	assert_output - <<'OUT'
["D1","say \"hi\"\ttab\\back\nline"]
["D2",null]
["D3","a; b"]
OUT
	printf 'uscc\ttype\tdecided_on\n"9131010458766442XW"\teducation\t2026-01-07\n' >tab.csv
	run -0 --separate-stderr cs-record add --as-of=2026-11-26 --delimiter=tab tab.csv
	assert_stderr 'cs-record: added 1, unchanged 0, rejected 0'
}

@test "cs-record: --delimiter and --to take only what they can do (issue 16)" {
	new_store
	run -64 --separate-stderr cs-record add --delimiter=ab in.csv
	assert_stderr "cs-record add: invalid --delimiter 'ab': give one ASCII character other than a quote, or tab
Try \`cs-record add --help' or \`cs-record add --usage' for more information."
	run -64 --separate-stderr cs-record add --delimiter=';' --from=tsv in.csv
	assert_equal "${stderr%%$'\n'*}" "cs-record add: --delimiter is for CSV input: leave out --from=tsv"
	run -64 --separate-stderr cs-record export --to=tsv
	assert_equal "${stderr%%$'\n'*}" "cs-record export: invalid --to 'tsv': use csv or ndjson"
}

@test "cs-record export: -H and --no-header leave out the CSV header (issue 16)" {
	add_records
	cs-record export >all.csv
	run -0 cs-record export -H
	assert_output "$(sed 1d all.csv)"
	run -0 cs-record export --no-header --to=ndjson
	assert_output "$(cs-record export --to=ndjson)"
	# The rejects file keeps its header.
	printf 'id,filed_on,reason\nnope,2026-09-30,x\n' >bad.csv
	run -1 --separate-stderr cs-record object -H --rejects=rej.csv bad.csv
	assert_output ''
	run -0 cat rej.csv
	assert_output "id,filed_on,reason,_line,_error
nope,2026-09-30,x,2,no record 'nope' in the store"
}

@test "cs-record help COMMAND shows that command's help, help alone the tool's (issue 16)" {
	run -0 --separate-stderr cs-record help add
	assert_output "$(cs-record add --help)"
	assert_line --index 0 'Usage: cs-record add [OPTION...] [FILE...]'
	run -0 --separate-stderr cs-record help
	assert_output "$(cs-record --help)"
	run -0 --separate-stderr cs-record -d other.db help verify
	assert_line --index 0 'Usage: cs-record verify [OPTION...] '
	run -64 --separate-stderr cs-record help nosuch
	assert_stderr "cs-record: unknown command 'nosuch'
Try \`cs-record --help' or \`cs-record --usage' for more information."
}

@test "cs-record: the first operand is the command; after '--' none is; an unknown one names the nearest (issue 16)" {
	new_store
	run -64 --separate-stderr cs-record -- add
	assert_stderr "cs-record: unknown command 'add' after '--' (a command comes before it)
Try \`cs-record --help' or \`cs-record --usage' for more information."
	run -64 --separate-stderr cs-record objection --state=open
	assert_stderr "cs-record: unknown command 'objection'; did you mean 'objections'?
Try \`cs-record --help' or \`cs-record --usage' for more information."
	run -64 --separate-stderr cs-record -d x.db expot
	assert_equal "${stderr%%$'\n'*}" "cs-record: unknown command 'expot'; did you mean 'export'?"
	# A word before the command is not skipped to find one.
	run -64 --separate-stderr cs-record records.csv add
	assert_equal "${stderr%%$'\n'*}" "cs-record: unknown command 'records.csv'"
}

@test "cs-record: an option that does not apply to a command is refused; an unknown one names the nearest (issue 16)" {
	new_store
	run -64 --separate-stderr cs-record verify --rejects=r.csv
	assert_output ''
	assert_stderr "cs-record verify: option '--rejects' does not apply to verify
Try \`cs-record verify --help' or \`cs-record verify --usage' for more
information."
	[ ! -e r.csv ]
	run -64 --separate-stderr cs-record show --to=csv 91350100M000100Y43
	assert_equal "${stderr%%$'\n'*}" "cs-record show: option '--to' does not apply to show"
	run -64 --separate-stderr cs-record --rejects=r.csv verify
	assert_equal "${stderr%%$'\n'*}" "cs-record verify: option '--rejects' does not apply to verify"
	run -64 --separate-stderr cs-record add --to=ndjson "$R/records.csv"
	assert_equal "${stderr%%$'\n'*}" "cs-record add: option '--to' does not apply to add"
	run -64 --separate-stderr cs-record export --type=penalty -H --strict
	assert_equal "${stderr%%$'\n'*}" "cs-record export: option '--strict' does not apply to export"
	run -64 --separate-stderr cs-record add --rejcts=r.csv "$R/records.csv"
	assert_stderr "cs-record add: unrecognized option '--rejcts=r.csv'; did you mean '--rejects'?
Try \`cs-record add --help' or \`cs-record add --usage' for more information."
	run -64 --separate-stderr cs-record export --tpye penalty
	assert_equal "${stderr%%$'\n'*}" "cs-record export: unrecognized option '--tpye'; did you mean '--type'?"
	# What does not apply is not offered either.
	run -0 cs-record verify --help
	refute_output --partial -- '--rejects'
	refute_output --partial -- '--to='
	assert_output --partial -- '--progress'
	run -0 cs-record add --help
	assert_output --partial -- '--delimiter=CHAR'
	refute_output --partial -- '--no-header'
}
