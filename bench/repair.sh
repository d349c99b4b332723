#!/bin/sh
# make bench, cs-repair part: 'cs-repair eligible --all' over a store of
# BENCH_ROWS penalties (default 1M) of BENCH_ROWS/5 entities, side by side
# with one SQL query (sqlite3) that applies the same minimum-period test
# and nothing else (no conditions, no never-repaired rules, months
# counted by SQLite's date(), not the Civil Code's month ends).  Peak
# memory must be flat in store size: eligible also runs on a store of a
# quarter of the rows.  Data is kept in bench/data/ between runs.
. bench/common.sh
bench_only repair
command -v sqlite3 >/dev/null 2>&1 || { echo "bench: sqlite3 is missing; run make deps" >&2; exit 1; }

quarter=$((rows / 4))
ents=$data/entities-$rows.csv
pen=$data/repair-penalties-$rows.csv
penq=$data/repair-penalties-$quarter.csv
[ -s "$ents" ] || "$CS_BUILD/bench/gen" entities "$rows" >"$ents"
# Five penalties per entity, general or serious, decided in 2025-2026.
if [ ! -s "$pen" ]; then
	awk -F, 'NR == 1 { print "id,uscc,type,severity,authority,doc_no,decided_on"; next }
	    { for (k = 0; k < 5; k++) { n = (NR - 2) * 5 + k
	      printf "R%d,%s,penalty,%s,市场监督管理局,市监罚〔2026〕%d号,%d-%02d-%02d\n",
	          n, $1, n % 3 ? "general" : "serious", n,
	          2025 + n % 2, 1 + n % 10, 1 + n % 28 } }' "$ents" >"$pen"
fi
[ -s "$penq" ] || head -n $((quarter + 1)) "$pen" >"$penq"
npen=$(($(wc -l <"$pen") - 1))
npenq=$(($(wc -l <"$penq") - 1))

load='CS_DB=$0 cs-record -q init && CS_DB=$0 cs-record -q add --as-of=$2 "$1"'
measure build sh -c "$load" "$work/r.db" "$pen" "$as_of"
sh -c "$load" "$work/q.db" "$penq" "$as_of"

# The minimum-period test alone, by the regimes of publicity.json.
sql="SELECT uscc, id, CASE
  WHEN decided_on >= '2026-04-01' AND severity = 'serious'
    THEN date(decided_on, '+1 year', '+1 day')
  ELSE date(decided_on, '+3 months', '+1 day') END AS repair_from,
  CASE WHEN decided_on >= '2026-04-01' AND severity = 'serious'
    THEN date(decided_on, '+1 year', '+1 day')
  ELSE date(decided_on, '+3 months', '+1 day') END <= '$as_of' AS eligible
FROM records WHERE type = 'penalty' AND status = 'active'
  AND decided_on <= '$as_of'"
measure eligible cs-repair eligible --all --as-of=$as_of -d "$work/r.db"
measure eligible_q cs-repair eligible --all --as-of=$as_of -d "$work/q.db"
measure sql sqlite3 -csv "$work/r.db" "$sql"

awk -v rows="$npen" -v q="$npenq" -v dir="$work" "$bench_awk"'
BEGIN {
	split("build eligible eligible_q sql", names, " ")
	for (i in names) load(names[i])
	printf "cs bench, cs-repair: eligibility of %d penalties of %d entities\n\n", rows, rows / 5
	printf "%-36s %8s %12s %13s\n", "run", "seconds", "rows/s", "peak RSS"
	row("cs-record add (the store)", "build", rows)
	row("cs-repair eligible --all", "eligible", rows)
	row("cs-repair eligible --all (1/4)", "eligible_q", q)
	row("sqlite3: minimum-period query", "sql", rows)
	printf "\n"
	printf "eligible vs the SQL query:    %5.2fx its time     (target <= 1.5x)\n", sec["eligible"] / sec["sql"]
	printf "peak RSS, all rows vs 1/4:    %+5.1f%%             (target: flat, <= 64 MiB)\n", 100 * (rss["eligible"] - rss["eligible_q"]) / rss["eligible_q"]
}'
