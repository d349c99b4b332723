#!/bin/sh
# Run every libFuzzer target of tests/fuzz (built in $CS_FUZZ_BUILD/fuzz)
# for $CS_FUZZ_SECONDS on its seed corpus, one TAP line each.  make check
# runs them a few seconds each in a scratch corpus; make fuzz
# (CS_FUZZ_KEEP=1) keeps what they find in $CS_FUZZ_BUILD/corpus/NAME.
# A crash or a broken property leaves its input in $CS_FUZZ_BUILD/crash.
set -u

build=${CS_FUZZ_BUILD:?CS_FUZZ_BUILD must name the fuzz build directory}
secs=${CS_FUZZ_SECONDS:-3}
dir=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM

n=0 failed=0
for src in "$dir"/*.c; do
	name=$(basename "$src" .c)
	bin=$build/fuzz/$name
	n=$((n + 1))
	if [ ! -x "$bin" ]; then
		echo "ok $n - fuzz $name # skip clang with libFuzzer is not" \
		    "installed (apt-get install clang libclang-rt-dev)"
		continue
	fi
	if [ -n "${CS_FUZZ_KEEP:-}" ]; then
		work=$build/corpus/$name
	else
		work=$scratch/$name
	fi
	mkdir -p "$work" "$build/crash"
	log=$scratch/$name.log
	"$bin" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$build/crash/$name-" \
	    "$work" "$dir/corpus/$name" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -eq 0 ]; then
		echo "ok $n - fuzz $name: ${runs:-0} runs in $secs s"
		continue
	fi
	failed=$((failed + 1))
	crash=$(sed -n "s/.*Test unit written to //p" "$log" | tail -n 1)
	echo "not ok $n - fuzz $name: exit $rc${crash:+; input in $crash}"
	# The broken property (all its lines), the error, the top frames.
	awk '/^fuzz: / { p = 1 } /ERROR: / { p = 0; print; next } p { print }
	    /^SUMMARY: |^    #[0-9] / { print }' "$log" | head -n 30 |
	    sed 's/^/# /'
	[ -n "$crash" ] && echo "# again: $bin $crash"
done
echo "1..$n"
[ "$failed" -eq 0 ]
