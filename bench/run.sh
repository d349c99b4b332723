#!/bin/sh
# make bench: speed and peak memory of cs-record add, side by side with
# sqlite3 .import (which validates nothing) and the parse floors of libcsv
# and jansson, on data of bench/gen (BENCH_ROWS records, default 1M), and
# the floor of the store's writes alone (bench/storefloor).
# Also checks that peak memory stays flat in the input size: the same run
# on four times the rows (BENCH_FLAT=0 skips it), and times a checkpoint
# of the ledger add made without the tree's cache against reading its
# hashes with sqlite3 (then one with the cache add kept).  Data is kept
# in bench/data/ between runs.
# The same rows go into a store already holding BENCH_BASE records
# (default ten times BENCH_ROWS, 0 skips it): the base store is built
# once per schema version in bench/data/ (from other records: bench/gen
# --seed=2) and copied for the run.  Store bytes are compared with the
# CSV bytes, and NDJSON input with CSV input.
. bench/common.sh
bench_only record

gen() {	# gen FORMAT N FILE
	[ -s "$3" ] || "$CS_BUILD/bench/gen" --format="$1" records "$2" >"$3"
}
csv=$data/records-$rows.csv
ndjson=$data/records-$rows.ndjson
bcsv=$data/records-$big.csv
gen csv "$rows" "$csv"
gen ndjson "$rows" "$ndjson"
[ "${BENCH_FLAT:-1}" = 0 ] || gen csv "$big" "$bcsv"
base=${BENCH_BASE:-$((rows * 10))}
[ -n "$base" ] || base=0

fresh() {
	rm -f "$work/s.db" "$work/s.db-wal" "$work/s.db-shm"
	cs-record -q -d "$work/s.db" init
}

measure csvfloor "$CS_BUILD/bench/csvfloor" "$csv"
measure jsonfloor "$CS_BUILD/bench/jsonfloor" "$ndjson"
cols=id,uscc,name,type,severity,authority,authority_uscc,doc_no,decided_on,valid_from,valid_until,due_on,ref,amount,fine_10k_yuan,basis,content,source,domain,certified,dishonest_debtor,person_name,person_id,note
rm -f "$work/i.db"
printf 'CREATE TABLE r(%s);\nCREATE INDEX r_uscc ON r(uscc);\n.import --csv --skip 1 %s r\n' \
    "$cols" "$csv" >"$work/import.sql"
measure import sh -c "sqlite3 '$work/i.db' <'$work/import.sql'"
fresh
measure add_csv cs-record -q -d "$work/s.db" add --as-of=$as_of "$csv"
# bytes FILE...: their sizes summed (a store: its -wal too).
bytes() {
	cat "$@" 2>/dev/null | wc -c | tr -d ' '
}
store_bytes=$(bytes "$work/s.db" "$work/s.db-wal")
csv_bytes=$(bytes "$csv")
if [ "$base" -gt 0 ]; then
	schema=$(sqlite3 "$work/s.db" "PRAGMA user_version")
	bdb=$data/base-$base-v$schema.db
	if [ ! -s "$bdb" ]; then
		"$CS_BUILD/bench/gen" --seed=2 records "$base" >"$work/base.csv"
		rm -f "$bdb.new" "$bdb.new-wal" "$bdb.new-shm"
		cs-record -q -d "$bdb.new" init
		cs-record -q -d "$bdb.new" add --as-of=$as_of "$work/base.csv"
		bytes "$work/base.csv" >"$bdb.csvbytes"
		rm -f "$work/base.csv"
		mv "$bdb.new" "$bdb"
	fi
	base_bytes=$(bytes "$bdb")
	base_csv_bytes=$(cat "$bdb.csvbytes")
	rm -f "$work/b.db" "$work/b.db-wal" "$work/b.db-shm"
	cp "$bdb" "$work/b.db"
	measure add_base cs-record -q -d "$work/b.db" add --as-of=$as_of "$csv"
	rm -f "$work/b.db" "$work/b.db-wal" "$work/b.db-shm"
else
	cp "$work/add_csv" "$work/add_base"
	base_bytes=$store_bytes
	base_csv_bytes=$csv_bytes
fi
# The store's writes alone: what add wrote, written again into a fresh
# store by bench/storefloor, which prints its own seconds; and with
# --minimal only the ledger events and a unique table of ids.
rm -f "$work/f.db" "$work/f.db-wal" "$work/f.db-shm"
cs-record -q -d "$work/f.db" init
"$CS_BUILD/bench/storefloor" "$work/s.db" "$work/f.db" >"$work/storefloor"
rm -f "$work/f.db" "$work/f.db-wal" "$work/f.db-shm"
"$CS_BUILD/bench/storefloor" --minimal "$work/s.db" "$work/f.db" >"$work/minfloor"
rm -f "$work/f.db" "$work/f.db-wal" "$work/f.db-shm"
# A checkpoint of the ledger add wrote: add keeps the tree's subtrees of
# 256 events and up as it goes, so a checkpoint reads only the events the
# cache does not cover; a copy without the cache (merkle_nodes dropped)
# shows a checkpoint that reads every event hash.
events=$(sqlite3 "$work/s.db" "SELECT count(*) FROM ledger")
cs-record -q -d "$work/s.db" keygen --key="$work/bench.key" >/dev/null
cp "$work/s.db" "$work/n.db"
sqlite3 "$work/n.db" "DROP TABLE merkle_nodes"
measure hashread sqlite3 "$work/s.db" "SELECT hash FROM ledger ORDER BY seq"
measure checkpoint cs-record -q -d "$work/n.db" checkpoint --key="$work/bench.key"
rm -f "$work/n.db" "$work/n.db-wal" "$work/n.db-shm"
measure checkpoint2 cs-record -q -d "$work/s.db" checkpoint --key="$work/bench.key"
fresh
measure add_ndjson cs-record -q -d "$work/s.db" add --as-of=$as_of "$ndjson"
if [ "${BENCH_FLAT:-1}" = 0 ]; then
	cp "$work/add_csv" "$work/add_big"
	big=$rows
else
	fresh
	measure add_big cs-record -q -d "$work/s.db" add --as-of=$as_of "$bcsv"
fi

awk -v rows="$rows" -v big="$big" -v events="$events" -v dir="$work" \
    -v base="$base" -v sb="$store_bytes" -v cb="$csv_bytes" \
    -v bb="$base_bytes" -v bcb="$base_csv_bytes" "$bench_awk"'
BEGIN {
	split("csvfloor jsonfloor import add_csv add_ndjson add_big add_base storefloor minfloor hashread checkpoint checkpoint2", names, " ")
	for (i in names) load(names[i])
	printf "cs bench: %d records from bench/gen\n\n", rows
	printf "%-36s %8s %12s %13s\n", "run", "seconds", "rows/s", "peak RSS"
	row("libcsv parse floor", "csvfloor", rows)
	row("sqlite3 .import --csv", "import", rows)
	row("cs-record add (CSV)", "add_csv", rows)
	printf "%-36s %8.2f %12.0f\n", "its store writes alone (storefloor)", sec["storefloor"], rows / sec["storefloor"]
	printf "%-36s %8.2f %12.0f\n", "ledger + unique ids alone (minimal)", sec["minfloor"], rows / sec["minfloor"]
	row("jansson parse floor", "jsonfloor", rows)
	row("cs-record add (NDJSON)", "add_ndjson", rows)
	printf "%-36s %8.2f %12.0f %9.1f MiB\n", "cs-record add (CSV, " big / 1000000 "M)", sec["add_big"], big / sec["add_big"], rss["add_big"]
	if (base > 0)
		printf "%-36s %8.2f %12.0f %9.1f MiB\n", "cs-record add (CSV) into " base / 1000000 "M", sec["add_base"], rows / sec["add_base"], rss["add_base"]
	printf "\n"
	printf "add vs sqlite3 .import (+uscc idx): %5.2fx the speed   (target >= 1.0x)\n", sec["import"] / sec["add_csv"]
	if (base > 0)
		printf "add into %gM vs into an empty store: %5.2fx its time    (target <= 1.5x)\n", base / 1000000, sec["add_base"] / sec["add_csv"]
	printf "store bytes vs CSV bytes:           %5.2fx             (target <= 2x)\n", sb / cb
	if (base > 0)
		printf "  the same, the %gM base store:     %5.2fx\n", base / 1000000, bb / bcb
	printf "NDJSON add vs CSV add:              %5.2fx its time     (target <= 1.5x)\n", sec["add_ndjson"] / sec["add_csv"]
	printf "cs-record add vs the libcsv floor:  %5.1f%% of its speed (target >= 40%%)\n", 100 * sec["csvfloor"] / sec["add_csv"]
	printf "NDJSON add vs the jansson floor:    %5.2fx its time     (target <= 1.5x)\n", sec["add_ndjson"] / sec["jsonfloor"]
	printf "\nThe targets leave add %.2f s (2x .import), %.2f s (40%% of the\n", sec["import"] / 2, sec["csvfloor"] / 0.4
	printf "libcsv floor) and %.2f s (NDJSON).  The store writes alone (bench/\n", sec["jsonfloor"] * 1.5
	printf "storefloor: the events, records and entities add wrote, written again\n"
	printf "in one thread, nothing parsed, checked or hashed) take %.2f s, and\n", sec["storefloor"]
	printf "only the ledger events and a unique table of record ids, the least a\n"
	printf "store with one hash-chained event per record and deduplication must\n"
	printf "write, take %.2f s.\n\n", sec["minfloor"]
	printf "peak RSS of add:                    %5.1f MiB          (target <= 64 MiB + the 64 MiB page cache)\n", rss["add_csv"]
	printf "peak RSS, 4x the rows vs 1x:        %+5.1f%%             (target within 10%%)\n", 100 * (rss["add_big"] - rss["add_csv"]) / rss["add_csv"]
	printf "\n%-36s %8s %12s %13s\n", "checkpoint of " events " events", "seconds", "events/s", "peak RSS"
	row("sqlite3: SELECT hash FROM ledger", "hashread", events)
	row("cs-record checkpoint (no cache)", "checkpoint", events)
	printf "%-36s %8.2f %12s %9.1f MiB\n", "cs-record checkpoint (tree kept by add)", sec["checkpoint2"], "-", rss["checkpoint2"]
	printf "checkpoint vs reading the hashes:   %5.2fx its time     (target <= 2x)\n", sec["checkpoint"] / sec["hashread"]
}'
