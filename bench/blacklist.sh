#!/bin/sh
# make bench, cs-blacklist part: screening of a counterparty stream
# (BENCH_ROWS entities of bench/gen, default 1M) against the entities on
# the serious list (every tenth of them: 100k by default), side by side
# with 'mlr join' and 'grep -F -f' of the listed USCCs on the same files.
# The list is built through the whole procedure first (cs-record add,
# cs-blacklist propose | add, decide), and timed too.  Peak memory must
# not grow with the stream: check also runs on a quarter of it.  Data is
# kept in bench/data/ between runs.
. bench/common.sh
bench_only blacklist

quarter=$((rows / 4))
command -v mlr >/dev/null 2>&1 || { echo "bench: mlr (miller) is missing; run make deps" >&2; exit 1; }

# The counterparties: gen writes N/5 entities for "entities N".
cp=$data/counterparties-$rows.csv
cpq=$data/counterparties-$quarter.csv
[ -s "$cp" ] || "$CS_BUILD/bench/gen" entities $((rows * 5)) >"$cp"
[ -s "$cpq" ] || head -n $((quarter + 1)) "$cp" >"$cpq"
# Every tenth entity has a serious penalty; those are the listed ones.
pen=$data/penalties-$rows.csv
listed=$data/listed-$rows.csv
usccs=$data/listed-$rows.txt
if [ ! -s "$pen" ] || [ ! -s "$listed" ] || [ ! -s "$usccs" ]; then
	awk -F, 'NR == 1 { print "id,uscc,name,type,severity,authority,doc_no,decided_on"; next }
	    NR % 10 == 2 { printf "P%d,%s,%s,penalty,serious,市场监督管理局,市监罚〔2026〕%d号,2026-03-02\n", NR, $1, $2, NR }' \
	    "$cp" >"$pen"
	awk -F, 'NR == 1 { print "uscc,list"; next } { print $2 ",serious" }' "$pen" >"$listed"
	tail -n +2 "$listed" | cut -d, -f1 >"$usccs"
fi
nlisted=$(($(wc -l <"$usccs")))

db=$work/bl.db
export CS_DB="$db"
cs-record -q init
# The list through the procedure: records, notices, decisions.
measure build sh -c "cs-record -q add --as-of=2026-09-30 '$pen' &&
    cs-blacklist propose --list=serious --as-of=2026-09-30 >'$work/p.csv' &&
    cs-blacklist -q add --as-of=2026-09-30 '$work/p.csv' >'$work/n.csv' &&
    cut -d, -f1 '$work/n.csv' |
    cs-blacklist -q decide --as-of=2026-10-14 --set reason=confirmed >/dev/null"
n=$(cs-blacklist ls --state=listed --as-of=2026-11-01 | wc -l)
[ "$((n - 1))" -eq "$nlisted" ] || { echo "bench: $((n - 1)) listed, expected $nlisted" >&2; exit 1; }

# check exits 1 when it finds a listed row: that is success here.
measure check sh -c "cs-blacklist -q check --as-of=2026-11-01 '$cp'; [ \$? -eq 1 ]"
measure check_q sh -c "cs-blacklist -q check --as-of=2026-11-01 '$cpq'; [ \$? -eq 1 ]"
measure mlr mlr --csv join -j uscc -f "$listed" "$cp"
measure grep grep -F -f "$usccs" "$cp"

awk -v rows="$rows" -v q="$quarter" -v nl="$nlisted" -v dir="$work" "$bench_awk"'
BEGIN {
	split("build check check_q mlr grep", names, " ")
	for (i in names) load(names[i])
	printf "cs bench, cs-blacklist: %d counterparties against %d listed entities\n\n", rows, nl
	printf "%-36s %8s %12s %13s\n", "run", "seconds", "rows/s", "peak RSS"
	row("build the list (add, notice, decide)", "build", nl)
	row("cs-blacklist check", "check", rows)
	row("cs-blacklist check (1/4 of the rows)", "check_q", q)
	row("mlr --csv join", "mlr", rows)
	row("grep -F -f (listed USCCs)", "grep", rows)
	printf "\n"
	printf "check vs mlr join:            %5.2fx the speed   (target > 1x)\n", sec["mlr"] / sec["check"]
	printf "check vs grep -F -f:          %5.2fx its time     (target <= 2x)\n", sec["check"] / sec["grep"]
	printf "peak RSS, all rows vs 1/4:    %+5.1f%%             (target: flat)\n", 100 * (rss["check"] - rss["check_q"]) / rss["check_q"]
}'
