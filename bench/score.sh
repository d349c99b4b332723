#!/bin/sh
# make bench, part 2: cs-score --all | cs-classify on a store of
# BENCH_ROWS records (default 1M over 200k entities), side by side with the
# sqlite3 CLI running the plain SQL equivalent on the same store (per
# entity the sum of fixed points by type and severity inside the windows:
# no decay, caps, reasons, signals or determinations).  Peak RSS must stay
# flat in the number of entities: the same on a store four times the size
# (BENCH_FLAT=0 skips it).  Stores are kept in bench/data/ between runs.
. bench/common.sh
bench_only score

# store N: bench/data/score-N.db with the entities and records of bench/gen.
store() {
	db=$data/score-$1.db
	if [ ! -s "$db" ]; then
		"$CS_BUILD/bench/gen" entities "$1" >"$work/e.csv"
		"$CS_BUILD/bench/gen" records "$1" >"$work/r.csv"
		rm -f "$db.new"
		cs-record -q -d "$db.new" init
		cs-record -q -d "$db.new" add --entities --as-of=$as_of "$work/e.csv"
		cs-record -q -d "$db.new" add --as-of=$as_of "$work/r.csv"
		mv "$db.new" "$db"
		rm -f "$work/e.csv" "$work/r.csv"
	fi
	echo "$db"
}

cat >"$work/score.sql" <<SQL
.mode csv
SELECT e.uscc, 100 + coalesce(sum(CASE
 WHEN r.type = 'penalty' AND r.severity = 'serious'
  AND r.decided_on > date('$as_of', '-3 years') THEN -30
 WHEN r.type = 'penalty' AND r.severity = 'general'
  AND r.decided_on > date('$as_of', '-1 years') THEN -10
 WHEN r.type = 'penalty' AND r.severity = 'minor'
  AND r.decided_on > date('$as_of', '-3 months') THEN -2
 WHEN r.type = 'commitment_broken'
  AND r.decided_on > date('$as_of', '-2 years') THEN -15
 WHEN r.type = 'judgment' AND r.dishonest_debtor = 'true'
  AND (r.valid_until IS NULL OR r.valid_until >= '$as_of') THEN -40
 WHEN r.type = 'complaint'
  AND r.decided_on > date('$as_of', '-1 years') THEN -1
 WHEN r.type = 'interview'
  AND r.decided_on > date('$as_of', '-1 years') THEN -5
 WHEN r.type = 'commitment_kept' THEN 1
 WHEN r.type = 'honor' AND r.decided_on > date('$as_of', '-3 years') THEN 3
 WHEN r.type = 'voluntary' AND r.certified = 'true' THEN 1
 ELSE 0 END), 0) AS score
FROM entities e LEFT JOIN records r
 ON r.uscc = e.uscc AND r.status = 'active' AND r.decided_on <= '$as_of'
GROUP BY e.uscc ORDER BY e.uscc;
SQL

db=$(store "$rows")
ents=$(sqlite3 "$db" 'SELECT count(*) FROM entities')
cat "$db" >/dev/null
measure sql sh -c "sqlite3 '$db' <'$work/score.sql'"
measure cs sh -c "cs-score -q -d '$db' --all --as-of=$as_of |
    cs-classify -q -d '$db'"
keep_output=1 measure score cs-score -q -d "$db" --all --as-of=$as_of
# The two processes of the pipeline run at once: their peaks add up.
measure classify cs-classify -q -d "$db" "$work/score.out"
if [ "${BENCH_FLAT:-1}" = 0 ]; then
	cp "$work/score" "$work/score_big"
	cp "$work/classify" "$work/classify_big"
	cp "$work/cs" "$work/cs_big"
	bents=$ents
else
	bdb=$(store "$big")
	bents=$(sqlite3 "$bdb" 'SELECT count(*) FROM entities')
	cat "$bdb" >/dev/null
	measure cs_big sh -c "cs-score -q -d '$bdb' --all --as-of=$as_of |
	    cs-classify -q -d '$bdb'"
	keep_output=1 measure score_big cs-score -q -d "$bdb" --all \
	    --as-of=$as_of
	measure classify_big cs-classify -q -d "$bdb" "$work/score_big.out"
fi

awk -v rows="$rows" -v ents="$ents" -v bents="$bents" -v dir="$work" "$bench_awk"'
BEGIN {
	split("sql cs score classify cs_big score_big classify_big", names, " ")
	for (i in names) load(names[i])
	printf "\ncs bench: scoring %d entities with %d records\n\n", ents, rows
	printf "%-36s %8s %12s %13s\n", "run", "seconds", "entities/s", "peak RSS"
	row("sqlite3, plain SQL sum", "sql", ents)
	row("cs-score --all", "score", ents)
	row("cs-classify (its output)", "classify", ents)
	row("cs-score --all | cs-classify", "cs", ents)
	row("the same, " bents " entities", "cs_big", bents)
	one = rss["score"] + rss["classify"]
	four = rss["score_big"] + rss["classify_big"]
	printf "\n"
	printf "cs-score | cs-classify vs the SQL:  %5.2fx its time     (target <= 1.5x)\n", sec["cs"] / sec["sql"]
	printf "peak RSS of the pipeline:           %5.1f MiB          (target <= 64 MiB; the two peaks added)\n", one
	printf "peak RSS, 4x the entities vs 1x:    %+5.1f%%             (target flat)\n", 100 * (four - one) / one
}'
