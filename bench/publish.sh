#!/bin/sh
# make bench, cs-publish part: a release of a store of BENCH_ROWS records
# (penalties and licences, default 1M) side by side with 'sqlite3 -csv'
# exporting the same rows of the records table into a file, and verify
# of that release.  Targets: release within 1.5x of the export, verify
# within 2x of release.  Data is kept in bench/data/ between runs.
. bench/common.sh
bench_only publish
command -v sqlite3 >/dev/null 2>&1 || { echo "bench: sqlite3 is missing; run make deps" >&2; exit 1; }

recs=$data/publish-$rows.csv
if [ ! -s "$recs" ]; then
	"$CS_BUILD/bench/gen" entities $((rows * 5)) |
	    awk -F, 'NR == 1 { print "id,uscc,name,type,severity,authority,doc_no,decided_on,valid_from,valid_until"; next }
	    NR % 2 { printf "P%d,%s,%s,penalty,general,市场监督管理局,市监罚〔2026〕%d号,2026-06-02,,\n", NR, $1, $2, NR; next }
	    { printf "L%d,%s,%s,license,,市场监督管理局,市监许〔2026〕%d号,2026-06-02,2026-06-02,2029-06-01\n", NR, $1, $2, NR }' |
	    head -n $((rows + 1)) >"$recs"
fi
export CS_DB="$work/pub.db"
cs-record -q init
cs-record -q add --as-of=2026-06-30 "$recs"
measure release cs-publish -q release --as-of=2026-06-30 -o "$work/rel"
# The peer exports the ledger body of each row (the records table holds
# only some columns of a record) into a file, as the release writes its
# files, in the order the release writes them: licences, then penalties,
# each by id.  That is the order of the index records_type, so the peer
# walks it and sorts nothing, as the release does (ORDER BY r.id alone
# would sort every body).  The bodies are kept packed (schema 7): the
# shell reads them as JSON through the extension bench/csbody.c, the
# store's own unpacking; the packed bytes alone, to /dev/null, are timed
# too, as the floor of reading the rows.
q="FROM records r JOIN ledger l ON l.seq = r.seq WHERE r.type IN ('penalty', 'license') AND r.status = 'active' ORDER BY r.type, r.id"
measure export sh -c "exec sqlite3 -csv -cmd '.load $CS_BUILD/bench/csbody' '$CS_DB' \"SELECT cs_body(l.body, l.subject) $q\" >'$work/export.csv'"
measure packed sqlite3 -csv "$CS_DB" "SELECT l.body $q"
measure verify cs-publish -q verify "$work/rel/latest"

awk -v rows="$rows" -v dir="$work" "$bench_awk"'
BEGIN {
	split("release export packed verify", names, " ")
	for (i in names) load(names[i])
	printf "cs bench, cs-publish: a release of %d records\n\n", rows
	printf "%-36s %8s %12s %13s\n", "run", "seconds", "rows/s", "peak RSS"
	row("cs-publish release", "release", rows)
	row("sqlite3 -csv export of the rows", "export", rows)
	row("  its packed bytes to /dev/null", "packed", rows)
	row("cs-publish verify", "verify", rows)
	printf "\n"
	printf "release vs sqlite3 export:    %5.2fx its time     (target <= 1.5x)\n", sec["release"] / sec["export"]
	printf "release vs the packed bytes:  %5.2fx its time\n", sec["release"] / sec["packed"]
	printf "verify vs release:            %5.2fx its time     (target <= 2x)\n", sec["verify"] / sec["release"]
}'
