#!/bin/sh
# make bench, cs-sample part: a draw of the general plan from a frame of
# BENCH_ROWS entities (default 1M; classes A 30%, B 50%, C 15%, D 5%),
# side by side with shuf -n and mlr sample -k drawing as many lines from
# the same file (neither is verifiable: they draw from their own random
# state).  Also a draw from four times the entities, to show that memory
# grows with the sample, not the frame.  BENCH_ONLY=NAME runs one part.
. bench/common.sh
bench_only sample

# frame N FILE: N entities of bench/gen with a class each, sorted.
frame() {
	[ -s "$2" ] && return
	"$CS_BUILD/bench/gen" entities $(($1 * 5)) |
	    awk -F, 'NR > 1 { h = (NR * 2654435761) % 1000
		print $1 "," (h < 300 ? "A" : h < 800 ? "B" : h < 950 ? "C" : "D") }' |
	    LC_ALL=C sort | { echo uscc,class; cat; } >"$2.tmp"
	mv "$2.tmp" "$2"
}
f=$data/frame-$rows.csv
fb=$data/frame-$big.csv
frame "$rows" "$f"
[ "${BENCH_FLAT:-1}" = 0 ] || frame "$big" "$fb"

keep_output=1 measure draw cs-sample draw -q --plan=general --seed=bench-seed "$f"
k=$(($(wc -l <"$work/draw.out") - 1))
measure shuf shuf -n "$k" "$f"
if command -v mlr >/dev/null 2>&1; then
	measure mlr mlr --icsv --ocsv sample -k "$k" "$f"
else
	echo "0 0" >"$work/mlr"
fi
if [ "${BENCH_FLAT:-1}" = 0 ]; then
	cp "$work/draw" "$work/draw_big"
	cp "$work/draw.out" "$work/draw_big.out"
	big=$rows
else
	keep_output=1 measure draw_big cs-sample draw -q --plan=general \
	    --seed=bench-seed "$fb"
fi
kb=$(($(wc -l <"$work/draw_big.out") - 1))

awk -v rows="$rows" -v big="$big" -v k="$k" -v kb="$kb" -v dir="$work" \
    -v mlr="$(command -v mlr || true)" "$bench_awk"'
BEGIN {
	split("draw shuf mlr draw_big", names, " ")
	for (i in names) load(names[i])
	printf "\ncs-sample bench: a draw of the general plan, %d entities, %d drawn\n\n", rows, k
	printf "%-36s %8s %12s %13s\n", "run", "seconds", "entities/s", "peak RSS"
	row("cs-sample draw (verifiable)", "draw", rows)
	row("shuf -n " k, "shuf", rows)
	if (mlr != "")
		row("mlr sample -k " k, "mlr", rows)
	else
		printf "%-34s %s\n", "mlr sample -k " k, "not installed"
	printf "%-36s %8.2f %12.0f %9.1f MiB  (%d drawn)\n", "cs-sample draw, " big / 1000000 "M entities", sec["draw_big"], big / sec["draw_big"], rss["draw_big"], kb
	printf "\n"
	printf "cs-sample draw vs shuf -n:         %5.1fx its time   (target <= 3x)\n", sec["draw"] / sec["shuf"]
	if (mlr != "")
		printf "cs-sample draw vs mlr sample -k:   %5.2fx its time, %.2fx its memory\n", sec["draw"] / sec["mlr"], rss["draw"] / rss["mlr"]
	printf "peak RSS, 4x the entities vs 1x:   %5.2fx           (the sample grew %.2fx)\n", rss["draw_big"] / rss["draw"], kb / k
}'
