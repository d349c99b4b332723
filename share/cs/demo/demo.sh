#!/bin/sh
# make demo: the supervision cycle on the bundled demo data.  Creates the
# store demo/credit.db, registers the demo entities, ingests the demo
# records (a few bad rows are rejected and kept), shows one entity's
# credit file, lists overdue commitments, scores and classes every entity,
# verifies the ledger, then draws inspection targets and inspectors with
# cs-sample from the saved classes.
set -eu
: "${CS_BUILD:?run it through make demo}"
PATH="$CS_BUILD/bin:$PATH"
data=share/cs/demo
as_of=2026-11-26
export CS_DB=demo/credit.db
# The ledger's clock on the demo's day (2026-11-26 09:00 UTC), so that the
# monthly summary of 2026-11 counts what the demo recorded.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795683600}"

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
head -7 demo/proposals.csv >demo/reviewed.csv
echo "(the demo takes the first six as reviewed: demo/reviewed.csv)"

step "cs-blacklist add: notices with reasons, basis, rights and the objection deadline"
cs-blacklist add --as-of=2026-11-02 demo/reviewed.csv >demo/notices.csv
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
{
	echo 'bidder,uscc'
	{ sed -n '2,37p' "$data/entities.csv"; sed -n '2,4p' demo/reviewed.csv; } |
	    cut -d, -f1 | awk '{ print NR "," $0 }'
} >demo/bidders.csv
rc=0
cs-blacklist check --as-of=2026-11-26 --dept=procurement demo/bidders.csv >demo/screened.csv || rc=$?
grep ',yes,' demo/screened.csv | head -3
echo "(exit status $rc; all rows in demo/screened.csv)"

# --- cs-score and cs-classify
step "cs-score --all | cs-classify --save: every entity scored, explained and classed (listed ones are D)"
cs-score --all --as-of=$as_of | cs-classify --save >demo/classes.csv
cut -d, -f1,3-9 demo/classes.csv | head -6
echo "... $(($(wc -l <demo/classes.csv) - 1)) entities in demo/classes.csv"

step "cs-score --explain: why 9145010323493720XF scores what it does (first rule that counted)"
echo uscc,9145010323493720XF | tr , '\n' |
	cs-score -q --explain --as-of=$as_of >demo/explain.ndjson
if command -v jq >/dev/null 2>&1; then
	jq -c '{score, reasons, determination: .determination.code,
	    first: [.rules[] | select(.records | length > 0)][0]
	    | {code, total, records: [.records[] | {id, points, counts_until, repair}]}}' \
	    demo/explain.ndjson
else
	cut -c 1-400 demo/explain.ndjson
fi

step "cs-classify --previous: the entities whose class changed since a month earlier"
cs-score -q --all --as-of=2026-10-26 | cs-classify -q --save >demo/classes-2026-10.csv
cs-score -q --all --as-of=$as_of |
	cs-classify -q --previous=demo/classes-2026-10.csv --changes-only |
	cut -d, -f1,3,8,10,11
cs-classify history 91610113688418383L

step "cs-repair: a penalty repaired (apply, accept, decide), the score before and after"
cs-repair eligible --all --as-of=$as_of >demo/eligible.csv
echo "$(($(wc -l <demo/eligible.csv) - 1)) published penalties and listings in demo/eligible.csv; the latest that needs only proof and a commitment:"
row=$(awk -F, '$8 == "obligations;commitment" && $6 <= "2026-11-22"' demo/eligible.csv |
    sort -t, -k6,6r | head -1)
echo "$row"
uscc=${row%%,*}
target=$(echo "$row" | cut -d, -f2)
printf 'uscc,target,commitment,evidence\n%s,%s,yes,fine paid and rectified\n' "$uscc" "$target" |
    cs-repair apply -q --as-of=2026-11-23 >demo/repair.csv
app=$(sed -n 2p demo/repair.csv | cut -d, -f1)
printf 'application_id\n%s\n' "$app" | cs-repair accept -q --as-of=2026-11-24 >/dev/null
printf 'application_id,outcome\n%s,granted\n' "$app" |
    cs-repair decide -q --as-of=2026-11-25 | cut -d, -f1-5,11,12
for d in 2026-11-25 2026-11-26; do
	printf 'uscc\n%s\n' "$uscc" | cs-score -q --as-of=$d | sed 1d
done
echo "(the repair takes effect the day after the grant: the penalty no longer counts)"

step "cs-record verify: recompute the hash chain, rebuild the tables from it"
cs-record verify

# cs-sample: a "double random, one open" draw over the demo entities.
step "cs-sample frame: the population to draw from, and its hash to publish"
cs-sample frame --plan=general --saved --as-of=$as_of -o demo/frame.csv
cat demo/frame.csv.sha256

step "cs-sample draw --record: targets and two inspectors each, for a public seed"
printf 'dice 3-1-4-1-5-9-2-6 rolled 2026-11-26\n' >demo/seed.txt
cs-sample draw --plan=general --seed-file=demo/seed.txt --as-of=$as_of \
    --inspectors="$data/inspectors.csv" --conflicts="$data/conflicts.csv" \
    --record demo/frame.csv >demo/sample.csv
cut -d, -f1,2,4- demo/sample.csv | head -6
echo "... $(($(wc -l <demo/sample.csv) - 1)) targets in demo/sample.csv (tickets cut)"

step "cs-sample verify: anyone recomputes the draw from the published files"
cs-sample verify --plan=general --seed-file=demo/seed.txt \
    --inspectors="$data/inspectors.csv" --conflicts="$data/conflicts.csv" \
    demo/frame.csv demo/sample.csv

step "cs-record add: an inspection result; cs-sample draws: what is still open"
first=$(sed -n 2p demo/sample.csv | cut -d, -f1)
printf 'uscc,type,authority,doc_no,decided_on,ref,result,content\n%s,inspection,市场监督管理局,双随机〔2026〕1号,%s,general:2026,pass,未发现问题\n' \
    "$first" $as_of >demo/results.csv
cs-record add --as-of=$as_of demo/results.csv
cs-sample draws
cs-sample draws -q --open | head -4

step "cs-publish release: the disclosure run of $as_of into demo/releases (masked, with a signed checkpoint)"
cs-publish release --as-of=$as_of -o demo/releases
ls demo/releases/latest/
cs-publish verify demo/releases/latest

step "cs-publish report: the credit reports of two entities, A4 pages to read and print"
cs-publish report -q --as-of=$as_of -o demo 915201038376423397 123101044849151189
for f in demo/report-*.html; do
	echo "$PWD/$f"
done
cs-publish verify-report demo/report-123101044849151189.html

step "cs-publish due: windows ending within a week, decisions overdue to publish or withdraw"
cs-publish due --as-of=$as_of | head -4

step "cs-publish summary: the monthly supervision report of 2026-11 (a page of charts and tables)"
cs-publish summary --month=2026-11 -o demo/summary.html
cs-publish summary --month=2026-11 --format=json >demo/summary.json
echo "the page: $PWD/demo/summary.html (its figures: demo/summary.json)"

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
- scored and classed every entity (demo/classes.csv; the classes are
  saved in the store), explained one score (demo/explain.ndjson) and
  listed the class changes since a month earlier
- repaired one penalty (cs-repair apply, accept, decide; demo/eligible.csv
  lists what can be repaired) and scored its entity before and after
- verified the ledger and the derived tables
- framed the classified entities (demo/frame.csv and its .sha256), drew
  inspection targets and inspectors for a public seed (demo/sample.csv),
  verified the draw and recorded one inspection result
- published a release of the decisions (demo/releases/latest: files,
  delta, manifest, checkpoint) and verified it
- wrote the credit reports of two entities (demo/report-*.html: open
  them in a browser, print them on A4) and verified one
- wrote the monthly supervision report of 2026-11: demo/summary.html
  (open it in a browser, or print it on A4) and its figures,
  demo/summary.json
Next, put the tools on PATH and their manual pages on MANPATH (for this
shell; 'make install PREFIX=~/.local' installs them for good), and try:
  cs-record -d $CS_DB export --type=penalty | head
  sqlite3 $CS_DB 'select action, count(*) from ledger group by 1'
  cs-score -d $CS_DB --all --as-of=$as_of | sort -t, -k3 -n | head
  cs-blacklist -d $CS_DB ls --state=listed
  man cs-record; man 7 cs
EOT
# The last line: the one to paste.
# shellcheck disable=SC2016
printf 'export PATH="%s/bin:$PATH" MANPATH="%s/share/man:$MANPATH"\n' \
    "$CS_BUILD" "$PWD"
