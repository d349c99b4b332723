#!/bin/sh
# Can CC build libFuzzer targets with ASan and UBSan?  Usage: probe.sh CC
# BUILDDIR.  Exit 0 when it can; else say why, and what to install, on
# stderr and exit 1.
set -u
cc=${1:?usage: probe.sh CC BUILDDIR}
dir=${2:?usage: probe.sh CC BUILDDIR}

mkdir -p "$dir" || exit 1
src="$dir/probe.c"
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
    '{ (void)d; (void)n; return 0; }' >"$src"
if ! command -v "$cc" >/dev/null 2>&1; then
	why="'$cc' is not installed"
elif ! "$cc" -fsanitize=fuzzer,address,undefined -o "$dir/probe" "$src" \
    >"$dir/probe.log" 2>&1; then
	why="'$cc' cannot link libFuzzer ($(head -n 1 "$dir/probe.log"))"
else
	rm -f "$src" "$dir/probe" "$dir/probe.log"
	exit 0
fi
rm -f "$src" "$dir/probe"
echo "fuzz: $why: the fuzz targets need clang and libFuzzer" \
    "(Debian: apt-get install clang libclang-rt-dev; make deps does)" >&2
exit 1
