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

step "cs-blacklist propose: entities that meet the serious list's criteria on 2026-11-02"
cs-blacklist propose --list=serious --as-of=2026-11-02 >demo/proposals.csv
head -4 demo/proposals.csv
echo "... $(($(wc -l <demo/proposals.csv) - 1)) candidates in demo/proposals.csv; a person reviews them"

step "cs-blacklist add: notices with reasons, basis, rights and the objection deadline"
cs-blacklist add --as-of=2026-11-02 demo/proposals.csv >demo/notices.csv
head -2 demo/notices.csv
echo "... (--to=ndjson for letters: one JSON object per notice)"
first=$(sed -n 2p demo/notices.csv | cut -d, -f1)
second=$(sed -n 3p demo/notices.csv | cut -d, -f1)

step "cs-blacklist object, decide, review: entry $first objects; a decision waits for the review"
printf 'entry_id,reason\n%s,the fine was paid before the decision\n' "$first" |
    cs-blacklist object --as-of=2026-11-05 >/dev/null
rc=0
printf 'entry_id,reason\n%s,basis confirmed\n%s,basis confirmed\n' "$first" "$second" |
    cs-blacklist decide --as-of=2026-11-06 >/dev/null || rc=$?
echo "(exit status $rc: refused before the deadline and while an objection is open)"
printf 'entry_id,outcome,reason\n%s,dismissed,the fine is unpaid\n' "$first" |
    cs-blacklist review --as-of=2026-11-10 >/dev/null
cs-blacklist ls --state=noticed --as-of=2026-11-10 |
    cs-blacklist decide -q --as-of=2026-11-10 --set reason='basis confirmed' >/dev/null
printf 'entry_id,reason\n%s,basis confirmed\n' "$first" |
    cs-blacklist decide --as-of=2026-11-10 | cut -d, -f1-5,9,10

step "cs-blacklist check: screen the bidders of a procurement (exit 1: some are listed)"
{ echo 'bidder,uscc'; sed -n '2,40p' "$data/entities.csv" | cut -d, -f1 | awk '{ print NR "," $0 }'; } >demo/bidders.csv
rc=0
cs-blacklist check --as-of=2026-11-26 --dept=procurement demo/bidders.csv >demo/screened.csv || rc=$?
grep ',yes,' demo/screened.csv | head -3
echo "(exit status $rc; all rows in demo/screened.csv)"

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
- put the serious-list candidates through notice, objection, review and
  decision (demo/notices.csv) and screened a bidders file against the
  list (demo/screened.csv)
- verified the ledger and the derived tables
Next, try:
  build/default/bin/cs-record -d $CS_DB export --type=penalty | head
  sqlite3 $CS_DB 'select action, count(*) from ledger group by 1'
  build/default/bin/cs-blacklist -d $CS_DB ls --state=listed
EOT
