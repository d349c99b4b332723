#!/bin/sh
# Install the Debian packages that building and testing cs need (DESIGN.md
# section 6), or, when not root, print the exact command and fail.
set -eu

# clang and libclang-rt-dev (libFuzzer, ASan and UBSan runtimes): the fuzz
# targets of tests/fuzz, which make check runs too.  chromium,
# poppler-utils and fonts-noto-cjk: the pages cs-publish writes are
# rendered in a real browser by the tests (tests/tools/browser.c), their
# PDFs read back with pdfinfo and pdftotext, their Chinese text set in a
# font Debian ships.
pkgs='make gcc pkg-config libsqlite3-dev libcsv-dev libjansson-dev libssl-dev
sqlite3 jq bats bats-assert bats-support mandoc groff-base zsh time miller
clang libclang-rt-dev zlib1g-dev chromium poppler-utils fonts-noto-cjk'

if ! command -v dpkg-query >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	printf 'deps: not a Debian system; install the equivalents of:' >&2
	# shellcheck disable=SC2086
	printf ' %s' $pkgs >&2
	echo >&2
	exit 0
fi

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >&2
else
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run: sudo apt-get install -y$missing" >&2
	exit 1
fi
