# Sourced by the bench scripts (bench/run.sh, bench/score.sh, ...): the
# build's binaries on PATH, BENCH_ROWS, a work directory removed at exit,
# and measure.  A script named in BENCH_ONLY runs alone: each calls
# bench_only with its own name first.
# shellcheck disable=SC2034 # big and as_of are for the scripts
set -eu
: "${CS_BUILD:?run it through make bench}"
PATH="$CS_BUILD/bin:$PATH"
rows=${BENCH_ROWS:-1000000}
[ -n "$rows" ] || rows=1000000
big=$((rows * 4))
data=bench/data
work=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
as_of=2026-11-26
mkdir -p "$data"

# bench_only NAME: exit unless BENCH_ONLY is unset or names this script.
bench_only() {
	[ -z "${BENCH_ONLY:-}" ] || [ "$BENCH_ONLY" = "$1" ] || exit 0
}

# measure NAME COMMAND...: seconds and peak RSS (KiB) into $work/NAME;
# its output is dropped, or kept in $work/NAME.out when keep_output=1.
# When the last argument is a file it is read once first, so every run
# starts with it in the page cache.
measure() {
	name=$1
	shift
	for last; do :; done
	[ -f "$last" ] && cat "$last" >/dev/null
	out=/dev/null
	[ "${keep_output:-0}" = 0 ] || out=$work/$name.out
	/usr/bin/time -f '%e %M' -o "$work/$name" "$@" >"$out" 2>"$work/$name.err" || {
		echo "bench: $name failed:" >&2
		cat "$work/$name.err" >&2
		exit 1
	}
}

# The awk functions of the reports: load NAME reads the seconds and peak
# RSS of a measured run into sec[NAME] and rss[NAME] (MiB); row LABEL
# NAME N prints a line of the table, N items a second.
bench_awk='
function load(name,   line, f) {
	getline line < (dir "/" name)
	split(line, f, " ")
	sec[name] = f[1] > 0 ? f[1] : 0.01
	rss[name] = f[2] / 1024
}
function row(label, name, n) {
	printf "%-36s %8.2f %12.0f %9.1f MiB\n", label, sec[name],
	    n / sec[name], rss[name]
}
'
