#!/bin/sh
# Run the C unit tests, every bats file, the fault trials (faults.sh, at
# most 10 minutes) and the fuzz targets (fuzz/run.sh, when CS_FUZZ_BUILD
# names their build); end with one summary line "N passed, N failed"
# (", N skipped" when any were skipped).
set -u

build=${CS_BUILD:?CS_BUILD must name the build directory}
dir=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT INT TERM

pass=0 fail=0 skip=0

count() {
	# TAP lines on stdin: "ok N ...", "not ok N ...", "ok N # skip ...".
	while IFS= read -r line; do
		printf '%s\n' "$line"
		case $line in
		'not ok '*) fail=$((fail + 1)) ;;
		'ok '*'# skip'*|'ok '*'# SKIP'*) skip=$((skip + 1)) ;;
		'ok '*) pass=$((pass + 1)) ;;
		esac
	done
}

for t in "$build"/unit/*; do
	[ -x "$t" ] || continue
	echo "# unit: $(basename "$t")"
	if ! "$t" >"$log" 2>&1; then
		# A crash or a non-zero exit without "not ok" lines still fails.
		grep -q '^not ok' "$log" || echo "not ok - $(basename "$t") exited with failure" >>"$log"
	fi
	count <"$log"
done

export CS_BUILD="$build"
for f in "$dir"/*.bats; do
	echo "# bats: $(basename "$f")"
	bats --tap "$f" >"$log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log"; then
		echo "not ok - $(basename "$f") did not run (bats exit $rc)" >>"$log"
	fi
	count <"$log"
done

echo "# faults: faults.sh"
timeout 600 sh "$dir/faults.sh" >"$log" 2>&1
rc=$?
if [ $rc -eq 124 ]; then
	echo "not ok - faults.sh did not end within 10 minutes" >>"$log"
elif [ $rc -ne 0 ] && ! grep -q '^not ok' "$log"; then
	echo "not ok - faults.sh exited with failure ($rc)" >>"$log"
fi
count <"$log"

if [ -n "${CS_FUZZ_BUILD:-}" ]; then
	echo "# fuzz: fuzz/run.sh, ${CS_FUZZ_SECONDS:-3} s each"
	if ! sh "$dir/fuzz/run.sh" >"$log" 2>&1 &&
	    ! grep -q '^not ok' "$log"; then
		echo "not ok - fuzz/run.sh exited with failure" >>"$log"
	fi
	count <"$log"
fi

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
