#!/bin/sh
# make demo: the supervision cycle on the bundled demo data.  Creates the
# store demo/credit.db, registers the demo entities, ingests the demo
# records (a few bad rows are rejected and kept), shows one entity's
# credit file, lists overdue commitments and verifies the ledger.
set -eu
: "${CS_BUILD:?run it through make demo}"
PATH="$CS_BUILD/bin:$PATH"
data=share/cs/demo
as_of=2026-11-26
export CS_DB=demo/credit.db

step() {
	if [ -t 1 ]; then
		printf '\n\033[1m== %s\033[0m\n' "$*"
	else
		printf '\n== %s\n' "$*"
	fi
}

rm -rf demo
mkdir -p demo
step "cs-record init: a new store, $CS_DB (mode 0600)"
cs-record init

step "cs-record add --entities: the register of $(($(wc -l <"$data/entities.csv") - 1)) demo entities"
cs-record add --entities --as-of=$as_of "$data/entities.csv"

step "cs-record add: $(($(wc -l <"$data/records.csv") - 1)) lines of records; bad rows are rejected, reported and kept"
rc=0
cs-record add --as-of=$as_of --rejects=demo/rejects.csv "$data/records.csv" || rc=$?
[ "$rc" -eq 1 ] || { echo "demo: expected some rejected rows" >&2; exit 1; }
echo "(exit status $rc: rows were rejected; they are in demo/rejects.csv with _line and _error)"

step "cs-record show 9131010489773098X2: one entity's whole credit file"
cs-record show --as-of=$as_of 9131010489773098X2

step "cs-record commitments --state=overdue: commitments past due with no outcome"
cs-record commitments --state=overdue --as-of=$as_of >demo/overdue.csv
head -4 demo/overdue.csv
echo "... $(($(wc -l <demo/overdue.csv) - 1)) in all, in demo/overdue.csv"

step "cs-record export: every record as a stream (first lines)"
cs-record export >demo/records.csv
cut -d, -f1-9 demo/records.csv | head -4
echo "... $(cs-record export --to=ndjson | wc -l) records in demo/records.csv"

step "cs-record verify: recompute the hash chain, rebuild the tables from it"
cs-record verify

step "what the demo did"
cat <<EOT
- created $CS_DB, the SQLite store with its hash-chained ledger
- registered the entities of $data/entities.csv
- ingested $data/records.csv; rejected rows: demo/rejects.csv
- printed the credit file of one entity (cs-record show)
- wrote the overdue commitments (demo/overdue.csv) and all records
  (demo/records.csv)
- verified the ledger and the derived tables
Next, try:
  build/default/bin/cs-record -d $CS_DB export --type=penalty | head
  sqlite3 $CS_DB 'select action, count(*) from ledger group by 1'
EOT
