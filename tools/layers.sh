#!/bin/sh
# make lint, part: the house rules of DESIGN.md section 2 on lib/.  Layers,
# lowest first: core io domain rules store ops cli.  A file may include
# and call only its own layer and the ones below; the graph of includes
# and the graph of calls between files have no circle; sqlite3.h, csv.h
# and OpenSSL each have their one door; domain/ includes no library of
# data formats; and no lib code but lib/cli (and the allocators of
# core/xalloc.c) prints to stderr or exits.  Calls are read from the
# objects of BUILD (nm), so a call that the headers hide is seen too; and
# the unit tests of core, io and domain link nothing of a higher layer
# (nm of BUILD/unit/test_*), SQLite least of all.
# Usage: tools/layers.sh BUILD_DIR
set -u
build=${1:?usage: tools/layers.sh BUILD_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
layers='core io domain rules store ops cli'

rank() {
	r=0
	for l in $layers; do
		[ "$l" = "$1" ] && { echo "$r"; return; }
		r=$((r + 1))
	done
	echo 99
}

# 1. Includes: "layer/file.h" of the same or a lower layer only.
for f in lib/*/*.c lib/*/*.h; do
	[ -f "$f" ] || continue
	layer=${f#lib/}
	layer=${layer%%/*}
	me=$(rank "$layer")
	[ "$me" -eq 99 ] && {
		echo "layers: $f: '$layer' is not a layer ($layers)" >&2
		status=1
		continue
	}
	grep -n '^#include "' "$f" | while IFS= read -r line; do
		inc=${line#*\"}
		inc=${inc%\"*}
		case $inc in
		*/*) ;;
		*)
			echo "layers: $f:${line%%:*}: include '$inc' names no layer (write \"layer/$inc\")"
			continue
			;;
		esac
		if [ ! -f "lib/$inc" ]; then
			echo "layers: $f:${line%%:*}: include '$inc': no such file in lib/"
			continue
		fi
		to=$(rank "${inc%%/*}")
		[ "$to" -gt "$me" ] &&
			echo "layers: $f:${line%%:*}: includes '$inc', a higher layer than ${layer}/"
		[ "lib/$inc" != "$f" ] && echo "$f lib/$inc" >>"$tmp/inc"
	done
done >"$tmp/out"
for f in cmd/*.c; do
	grep -n '^#include "' "$f" | grep -v '"cs.h"' |
	    sed "s|^|layers: $f:|; s|\$| (cmd/ includes only \"cs.h\")|"
done >>"$tmp/out"

# 2. The doors of the libraries, and a pure domain.
door() {	# PATTERN ALLOWED-FILES-REGEX WHAT
	grep -ln "^#include <$1" lib/*/*.c lib/*/*.h cmd/*.c 2>/dev/null |
	    grep -Ev "$2" | sed "s|^|layers: |; s|\$|: includes <$1...> ($3)|"
}
{
	door 'sqlite3.h' '^lib/store/' 'only lib/store/ may'
	door 'csv.h' '^lib/io/csv\.c$' 'only lib/io/csv.c may'
	door 'openssl/' '^lib/core/hash\.c$' 'only lib/core/hash.c may'
	door 'jansson.h' '^lib/(core|io|rules|store|ops|cli)/' 'domain/ is pure'
} >>"$tmp/out"

# 3. Calls, from the objects: who defines each cs_ symbol, who uses it.
# The object of lib/io/csv.c is obj/lib/io-csv.o (see the Makefile); an
# object whose source is gone is not read.
for f in lib/*/*.c; do
	n=${f#lib/}
	n=$(echo "${n%.c}" | tr / -)		# layer-file
	o=$build/obj/lib/$n.o
	if [ ! -f "$o" ]; then
		echo "layers: no object $o for $f: build first" >&2
		exit 1
	fi
	nm "$o" | awk -v f="$n" '
		$1 == "U" { print "U", f, $2; next }
		NF == 3 && $2 ~ /^[TDBRC]$/ { print "D", f, $3 }'
done >"$tmp/syms"
awk '
	$1 == "D" { def[$3] = $2; next }
	{ use[++n] = $2 " " $3 }
	END {
		for (i = 1; i <= n; i++) {
			split(use[i], a, " ")
			if (a[2] in def && def[a[2]] != a[1])
				print a[1], def[a[2]], a[2]
		}
	}' "$tmp/syms" | sort -u >"$tmp/calls"
awk -v order="$layers" '
	BEGIN { n = split(order, l, " "); for (i = 1; i <= n; i++) r[l[i]] = i }
	{
		split($1, a, "-"); split($2, b, "-")
		if (r[b[1]] > r[a[1]])
			printf "layers: lib/%s/%s.c calls %s of lib/%s/%s.c, a higher layer\n",
			    a[1], a[2], $3, b[1], b[2]
	}' "$tmp/calls" >>"$tmp/out"

# Printing and exiting: lib/cli and the allocators only.
awk '$1 == "U" && $3 ~ /^(exit|_exit|abort|error|error_at_line|perror|printf|vprintf|puts|putchar|stderr|warn|warnx|err|errx)$/ &&
    $2 !~ /^cli-/ && $2 != "core-xalloc" {
	split($2, a, "-")
	printf "layers: lib/%s/%s.c uses %s: only lib/cli/ talks to the user or exits\n", a[1], a[2], $3
}' "$tmp/syms" >>"$tmp/out"

# 4. Circles, in the include graph and in the call graph (tsort names a
# loop it finds).
circle() {	# FILE WHAT
	if [ -s "$1" ]; then
		tsort "$1" >/dev/null 2>"$tmp/loop" || true
		if [ -s "$tmp/loop" ]; then
			echo "layers: a circle of $2:"
			grep -v 'input contains a loop' "$tmp/loop" | sed 's/^tsort: /  /'
		fi
	fi
}
circle "$tmp/inc" includes >>"$tmp/out"
awk '{	# io-csv io-input: lib/io/csv.c lib/io/input.c
	for (i = 1; i <= 2; i++)
		sub(/-/, "/", $i)
	print "lib/" $1 ".c", "lib/" $2 ".c"
}' "$tmp/calls" | sort -u >"$tmp/callgraph"
circle "$tmp/callgraph" calls >>"$tmp/out"

# 5. The unit tests of the lower layers link nothing above the layer of
# what they test, and no SQLite: the lib files a test links are those
# that define its symbols (nm).  NAME:LAYER of tests/unit/test_NAME.c; a
# test of domain/ may link lib/rules, through which its known answers come
# from share/cs (calendar, USCC tables, lists, models).  test_hash checks
# the record JSON of domain/ too.
units='hash:domain csv:io csvlines:io csvsplit:io calendar:domain
lists:domain mask:domain sample:domain score:domain uscc:domain
csv_vectors:io ingest:io repair:domain'
built=0
for u in $units; do
	t=$build/unit/test_${u%%:*}
	[ -x "$t" ] && [ -z "$(find "$build/libcs.a" -newer "$t")" ] && built=1
done
for u in $units; do
	[ "$built" -eq 1 ] || break
	t=$build/unit/test_${u%%:*}
	if [ ! -x "$t" ]; then
		echo "layers: $t: not built (tools/layers.sh lists it as a unit test of ${u#*:}/)"
		continue
	fi
	nm "$t" | awk -v t="tests/unit/${t##*/}.c" -v me="${u#*:}" \
	    -v order="$layers" '
		BEGIN { n = split(order, l, " "); for (i = 1; i <= n; i++) r[l[i]] = i }
		FILENAME != "-" { if ($1 == "D") def[$3] = $2; next }
		$NF ~ /^sqlite3_/ { if (!nsql++) sql = $NF; next }
		NF != 3 || $2 !~ /^[TDBR]$/ || $3 ~ /^__/ || !($3 in def) { next }
		{
			f = def[$3]
			split(f, a, "-")
			if (r[a[1]] <= r[me] || (a[1] == "rules" && me == "domain"))
				next
			if (cnt[f]++ < 3)
				ex[f] = ex[f] (cnt[f] > 1 ? ", " : "") $3
		}
		END {
			for (f in cnt) {
				split(f, a, "-")
				printf "layers: %s links lib/%s/%s.c (%d symbols: %s%s), a higher layer than %s/\n",
				    t, a[1], a[2], cnt[f], ex[f], (cnt[f] > 3 ? ", ..." : ""), me
			}
			if (nsql)
				printf "layers: %s links SQLite (%d symbols: %s, ...): a test of %s/ needs no store\n",
				    t, nsql, sql, me
		}' "$tmp/syms" - | sort
done >>"$tmp/out"
[ "$built" -eq 1 ] ||
    echo "layers: the unit tests in $build/unit are missing or older than libcs.a ('make units'): what they link is not checked" >&2

if [ -s "$tmp/out" ]; then
	cat "$tmp/out" >&2
	status=1
fi
exit "$status"
