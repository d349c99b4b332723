#!/usr/bin/env bats
# tools/layers.sh, the house rules of lib/ (DESIGN.md section 2): the
# tree keeps them, and each rule is caught when a small tree breaks it.
bats_require_minimum_version 1.5.0
load helpers

# A tree of lib/ files in the current directory, each compiled into
# build/obj/lib/LAYER-NAME.o as the Makefile names them (one that does
# not compile into an empty object).  Arguments: PATH=TEXT (\n for line
# ends).
tree() {
	local a f
	mkdir -p cmd build/obj/lib
	printf '#include "cs.h"\n' >cmd/x.c
	for a; do
		f=${a%%=*}
		mkdir -p "$(dirname "$f")"
		printf '%b' "${a#*=}" >"$f"
	done
	for f in lib/*/*.c; do
		a=${f#lib/}
		a=build/obj/lib/$(echo "${a%.c}" | tr / -).o
		cc -Ilib -c -o "$a" "$f" 2>/dev/null ||
		    cc -c -o "$a" -x c /dev/null
	done
}

@test "layers: lib/ keeps its layers, and the unit tests link only theirs" {
	cd "$REPO"
	run --separate-stderr sh tools/layers.sh "$CS_BUILD"
	assert_success
	assert_output ''
	assert_stderr ''
}

@test "layers: an include of a higher layer, a call into it, and printing from lib" {
	tree 'lib/io/b.h=int cs_b(void);\n' \
	    'lib/core/a.c=#include "io/b.h"\nint cs_a(void) { return cs_b(); }\n' \
	    'lib/io/b.c=#include <stdio.h>\n#include "io/b.h"\nint cs_b(void) { return puts("x"); }\n'
	run --separate-stderr sh "$REPO/tools/layers.sh" build
	assert_failure 1
	assert_stderr - <<'EOF'
layers: the unit tests in build/unit are missing or older than libcs.a ('make units'): what they link is not checked
layers: lib/core/a.c:1: includes 'io/b.h', a higher layer than core/
layers: lib/core/a.c calls cs_b of lib/io/b.c, a higher layer
layers: lib/io/b.c uses puts: only lib/cli/ talks to the user or exits
EOF
}

@test "layers: circles of includes and of calls inside one layer" {
	tree 'lib/io/x.h=#ifndef X_H\n#define X_H\n#include "io/y.h"\nint cs_x(void);\n#endif\n' \
	    'lib/io/y.h=#ifndef Y_H\n#define Y_H\n#include "io/x.h"\nint cs_y(void);\n#endif\n' \
	    'lib/io/x.c=#include "io/x.h"\nint cs_x(void) { return cs_y(); }\n' \
	    'lib/io/y.c=#include "io/y.h"\nint cs_y(void) { return cs_x(); }\n'
	run --separate-stderr sh "$REPO/tools/layers.sh" build
	assert_failure 1
	assert_stderr - <<'EOF'
layers: the unit tests in build/unit are missing or older than libcs.a ('make units'): what they link is not checked
layers: a circle of includes:
  lib/io/x.h
  lib/io/y.h
layers: a circle of calls:
  lib/io/x.c
  lib/io/y.c
EOF
}

@test "layers: the doors of SQLite, libcsv and OpenSSL, a pure domain, includes that name their layer" {
	tree 'lib/io/z.h=\n' \
	    'lib/io/a.c=#include <sqlite3.h>\n#include "z.h"\nint cs_a(void) { return 0; }\n' \
	    'lib/store/b.c=#include <csv.h>\nint cs_b(void) { return 0; }\n' \
	    'lib/domain/c.c=#include <jansson.h>\n#include <openssl/evp.h>\nint cs_c(void) { return 0; }\n' \
	    'lib/cli/d.c=#include "cli/nothere.h"\n'
	printf '#include "lib/io/z.h"\n' >>cmd/x.c
	run --separate-stderr sh "$REPO/tools/layers.sh" build
	assert_failure 1
	assert_stderr - <<'EOF'
layers: the unit tests in build/unit are missing or older than libcs.a ('make units'): what they link is not checked
layers: lib/cli/d.c:1: include 'cli/nothere.h': no such file in lib/
layers: lib/io/a.c:2: include 'z.h' names no layer (write "layer/z.h")
layers: cmd/x.c:2:#include "lib/io/z.h" (cmd/ includes only "cs.h")
layers: lib/io/a.c: includes <sqlite3.h...> (only lib/store/ may)
layers: lib/store/b.c: includes <csv.h...> (only lib/io/csv.c may)
layers: lib/domain/c.c: includes <openssl/...> (only lib/core/hash.c may)
layers: lib/domain/c.c: includes <jansson.h...> (domain/ is pure)
EOF
}

@test "layers: a lib file outside the layers, and a source without its object" {
	tree 'lib/misc/a.c=int cs_a(void) { return 0; }\n'
	run --separate-stderr sh "$REPO/tools/layers.sh" build
	assert_failure 1
	assert_stderr - <<'EOF'
layers: lib/misc/a.c: 'misc' is not a layer (core io domain rules store ops cli)
layers: the unit tests in build/unit are missing or older than libcs.a ('make units'): what they link is not checked
EOF
	rm -r lib/misc
	tree 'lib/io/a.c=int cs_a(void) { return 0; }\n'
	rm build/obj/lib/io-a.o
	run --separate-stderr sh "$REPO/tools/layers.sh" build
	assert_failure 1
	assert_stderr "layers: no object build/obj/lib/io-a.o for lib/io/a.c: build first"
}
