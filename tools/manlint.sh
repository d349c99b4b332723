#!/bin/sh
# The manual pages (of share/man, or of the directory given, with man1/
# and man7/), as make lint and tests/docs.bats check them: mandoc
# -T lint down to its style messages, and groff's warnings (a line it
# cannot break, a bad escape).  A reference to a page of another package
# (sqlite3(1), iconv(3)) is not counted, as that package may not be
# installed; the pages of cs must find each other.  Prints what it finds;
# exit 1 when it finds anything, 0 when the pages are clean (or, with a
# note, when mandoc is not installed).
set -u
man=${1:-$(dirname "$0")/../share/man}
if ! command -v mandoc >/dev/null 2>&1; then
	echo "manlint: mandoc not installed; man pages not checked" >&2
	exit 0
fi
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The pages of cs, indexed, so that mandoc can resolve their references
# to each other.
mkdir "$tmp/man1" "$tmp/man7"
cp "$man"/man1/*.1 "$tmp/man1/" 2>/dev/null
cp "$man"/man7/*.7 "$tmp/man7/" 2>/dev/null
makewhatis=$(command -v makewhatis || echo /usr/sbin/makewhatis)
"$makewhatis" "$tmp" 2>/dev/null || status=1

for m in "$man"/man1/*.1 "$man"/man7/*.7; do
	[ -f "$m" ] || continue
	MANPATH=$tmp mandoc -T lint -W style "$m" 2>&1 |
	    grep -v 'mandoc\.db' |
	    grep -Ev 'referenced manual not found: Xr ([^c]|c[^s])' && status=1
	if command -v groff >/dev/null 2>&1; then
		groff -k -mandoc -Tutf8 -ww -z "$m" 2>&1 | grep . && status=1
	fi
done
exit "$status"
