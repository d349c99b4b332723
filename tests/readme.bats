#!/usr/bin/env bats
# The tours of README.md, run as a newcomer pastes them (issue 16): every
# command of every tour runs in a fresh directory with the built tools on
# PATH, and what it prints must be what the README shows, byte for byte.
# tools/readme.sh does the work; `tools/readme.sh --update` rewrites the
# shown output from a real run when a change of output is meant (review
# the diff).
#
# The README's convention:
# - A tour is a section whose heading starts with '## A tour of '.
# - In its indented code blocks, '$ COMMAND' is a command; it goes on over
#   the next lines while a line ends in '\', '|', '&&' or '||', and
#   through a here-document to its end word.
# - The lines after a command, to the next command or the end of the
#   block, are what it prints: a line that starts with a program's name
#   and ': ' ('cs-record: added 24, ...') was written to standard error,
#   any other line to standard output.  Each stream is compared byte for
#   byte; how the two are interleaved is the README's choice (the order a
#   terminal shows), and --update keeps it.
# - An exit status a tour states ("the exit status is 1") is shown as
#   output, so that it is compared too: 'COMMAND || echo "exit status $?"'
#   and the line 'exit status 1' among the lines it prints.
# - A tour starts in the clone's directory (here a fresh one holding links
#   to tests/ and share/ only) and runs in one shell with LC_ALL=C,
#   TZ=UTC, SOURCE_DATE_EPOCH=1780000000, USER=analyst and no CS_*.
bats_require_minimum_version 1.5.0
load helpers

readme() {
	TMPDIR=$BATS_TEST_TMPDIR sh "$REPO/tools/readme.sh" "$@"
}

@test "README: the tours are those of cs-record, cs-score, cs-sample, cs-blacklist, cs-repair and cs-publish" {
	run -0 readme --list
	assert_output "cs-record
cs-score
cs-sample
cs-blacklist
cs-repair
cs-publish"
}

@test "README: the tour of cs-repair prints what it shows" {
	run -0 readme cs-repair
}

@test "README: the tour of cs-record prints what it shows" {
	run -0 readme cs-record
}

@test "README: the tour of cs-score and cs-classify prints what it shows" {
	run -0 readme cs-score
}

@test "README: the tour of cs-sample prints what it shows" {
	run -0 readme cs-sample
}

@test "README: the tour of cs-blacklist prints what it shows" {
	run -0 readme cs-blacklist
}

# For each paragraph of a tour that says "the exit status is N", the
# README line of the statement and whether the code block after it shows
# a line "exit status N" ("LINE: N shown" or "LINE: N not shown").
stated_statuses() {
	awk '
	function settle() {
		if (want != "")
			printf "%d: %s %s\n", at, want, found ? "shown" : "not shown"
		want = ""
	}
	/^## / { settle(); tour = /^## A tour of /; para = ""; next }
	!tour { next }
	/^    / {
		if (want != "" && $0 ~ ("^    exit status " want "([^0-9]|$)"))
			found = 1
		block = 1
		next
	}
	/^$/ {
		if (para != "" && match(para, /exit status is [0-9]+/)) {
			settle()
			want = substr(para, RSTART + 15, RLENGTH - 15)
			at = start
			found = 0
		}
		para = ""
		next
	}
	{
		if (block) {
			settle()
			block = 0
		}
		if (para == "")
			start = NR
		para = para " " $0
	}
	END { settle() }' "$1"
}

@test "README: each exit status a tour states is shown by its commands, so the tour checks it" {
	run -0 stated_statuses "$REPO/README.md"
	refute_output --partial 'not shown'
	[ "${#lines[@]}" -ge 3 ] || fail "only ${#lines[@]} statements of an exit status found"
	# A statement without the line that shows it is found.
	cat >README.md <<'EOF'
## A tour of x

Bad rows are kept, and the exit status
is 1:

    $ false
    x: failed

But this one shows it, and the exit status is 2:

    $ sh -c 'exit 2' || echo "exit status $?"
    exit status 2
EOF
	run -0 stated_statuses README.md
	assert_output "3: 1 not shown
9: 2 shown"
	# What the commands show is compared as any output is.
	sed -i 's/^    exit status 2$/    exit status 3/' README.md
	sed -i 's/^    \$ false$/    $ true/; /^    x: failed$/d' README.md
	run -1 readme --readme=README.md
	assert_line -- "-    exit status 3"
	assert_line -- "+    exit status 2"
}

@test "README: the tour of cs-publish (a monthly run: due, release, lateness, verify, a second release and its delta) prints what it shows" {
	run -0 readme cs-publish
}

@test "make demo ends with the line that puts the tools on PATH and the pages on MANPATH, as the README says" {
	local line
	ln -s "$REPO/share" share
	run -0 --separate-stderr sh share/cs/demo/demo.sh
	line="export PATH=\"$CS_BUILD/bin:\$PATH\" MANPATH=\"$PWD/share/man:\$MANPATH\""
	[ "${lines[${#lines[@]} - 1]}" = "$line" ]
	# Pasted into a shell that has neither, it gives both.
	run -0 env -i HOME="$HOME" PATH=/usr/bin:/bin bash --norc -c "$line"'
	    command -v cs-record
	    if command -v man >/dev/null; then man -w cs-record; man -w 7 cs; fi'
	assert_line -n 0 "$CS_BUILD/bin/cs-record"
	if command -v man >/dev/null; then
		assert_line -n 1 "$PWD/share/man/man1/cs-record.1"
		assert_line -n 2 "$PWD/share/man/man7/cs.7"
	fi
	# The README says it once, up front, beside make install.
	run -0 grep -n -F 'export PATH="$PWD/build/default/bin:$PATH" MANPATH="$PWD/share/man:$MANPATH"' "$REPO/README.md"
	[ "${#lines[@]}" -eq 1 ]
	[ "${output%%:*}" -lt "$(grep -n '^## ' "$REPO/README.md" | head -1 | cut -d: -f1)" ]
	grep -q 'make install PREFIX=~/.local' "$REPO/README.md"
}

@test "make install PREFIX=~/.local installs under \$HOME from a shell that leaves the ~ alone" {
	local home="$BATS_TEST_TMPDIR/home" san= line
	cp -a "$CS_BUILD" build
	[ "$(basename "$CS_BUILD")" = san ] && san=1
	run -0 env HOME="$home" make -s -C "$REPO" BUILD="$PWD/build" \
	    SANITIZE="$san" install 'PREFIX=~/.local'
	[ -x "$home/.local/bin/cs-record" ]
	[ -f "$home/.local/share/man/man1/cs-record.1" ]
	[ ! -e "$REPO/~" ]
	cd "$home"
	run -0 --separate-stderr env -u CS_DB PATH="$home/.local/bin:/usr/bin:/bin" cs-record init
	[ "$stderr" = "cs-record: created store './credit.db' (schema 7)" ]
	if command -v man >/dev/null; then
		run -0 env -u MANPATH PATH="$home/.local/bin:/usr/bin:/bin" man -w cs-record
		assert_output "$home/.local/share/man/man1/cs-record.1"
	fi
	# zsh finds the completion with the one line the README gives.
	[ -f "$home/.local/share/zsh/site-functions/_cs" ]
	line=$(grep -x '    fpath=(~/.local/share/zsh/site-functions $fpath)' "$REPO/README.md")
	run -0 env HOME="$home" zsh -f -c "${line#    }"'
	    autoload -Uz compinit && compinit -u -D
	    print -r -- $_comps[cs-record] $_comps[cs-classify]'
	assert_output '_cs _cs'
}

@test "README: the dependencies it lists are the packages tools/deps.sh installs" {
	local deps para p
	deps=$(sed -n "/^pkgs='/,/'\$/p" "$REPO/tools/deps.sh" | tr -d "'" |
	    sed 's/^pkgs=//' | tr ' ' '\n' | grep .)
	[ "$(wc -l <<<"$deps")" -ge 10 ] || fail "no package list in tools/deps.sh: $deps"
	para=$(sed -n '/^Dependencies (Debian/,/^$/p' "$REPO/README.md" | tr '\n' ' ')
	for p in $deps; do
		[[ $para =~ [\ \(]$p[,.\ \)] ]] ||
		    fail "README's Dependencies do not name '$p' of tools/deps.sh"
	done
}

# A small README of one tour, in ./README.md.
small_readme() {
	cat >README.md <<'EOF'
# x

    $ echo not run: outside a tour

## A tour of demo

Text.

    $ mkdir -p tour/demo && cd tour/demo
    $ printf 'a,b\n1,2\n' |
        cut -d, -f2
    b
    2
    $ cat >f.csv <<'END'
    $ not a command: in a here-document
    END
    $ cs-record -d x.db init && ls
    cs-record: created store 'x.db' (schema 7)
    f.csv
    x.db
    $ echo one; echo 'prog: first' >&2; echo two; echo 'prog: second' >&2
    one
    prog: first
    two
    prog: second
    $ echo "$PWD" | sed 's,.*/,,'
    demo

## Other

    $ echo not run either
EOF
}

@test "readme.sh: a README that shows the real output passes; a drift is a diff; --update repairs it" {
	small_readme
	cp README.md good.md
	run -0 readme --readme=README.md
	# A number changed: the diff names it, and the file is left alone.
	sed -i 's/^    2$/    3/' README.md
	run -1 readme --readme=README.md
	assert_line -- "-    3"
	assert_line -- "+    2"
	assert_line "readme.sh: the README does not show what the tours print; if the change is meant, run tools/readme.sh --update and review the diff"
	grep -qx '    3' README.md
	# --update puts it back.
	run -0 --separate-stderr readme --readme=README.md --update
	[ "$stderr" = "readme.sh: rewrote the shown output in README.md; review it with git diff" ]
	assert_same_file good.md README.md
	run -0 --separate-stderr readme --readme=README.md --update
	[ "$stderr" = "readme.sh: README.md shows the output of the tours already" ]
}

@test "readme.sh: the two streams keep the README's layout; a line missing goes after the others of its stream" {
	small_readme
	# Another layout of the same lines passes as well.
	sed -i "/^    cs-record: created store/{h;d}; /^    x.db\$/G" README.md
	run -0 sed -n '/cs-record -d x.db init/,+3p' README.md
	assert_output "    \$ cs-record -d x.db init && ls
    f.csv
    x.db
    cs-record: created store 'x.db' (schema 7)"
	run -0 readme --readme=README.md
	# Drop one line of each stream of the echo command.
	sed -i '/^    two$/d; /^    prog: first$/d' README.md
	run -1 readme --readme=README.md
	run -0 readme --readme=README.md --update
	run -0 sed -n '/echo one/,/^    \$ echo "\$PWD"/p' README.md
	assert_output "    \$ echo one; echo 'prog: first' >&2; echo two; echo 'prog: second' >&2
    one
    two
    prog: first
    prog: second
    \$ echo \"\$PWD\" | sed 's,.*/,,'"
}

@test "readme.sh: output that cannot be shown unambiguously is refused" {
	cat >README.md <<'EOF'
## A tour of x

    $ echo 'note: looks like a message'
    $ echo 'plain' >&2
    $ printf 'no newline'
EOF
	run -1 --separate-stderr readme --readme=README.md --update
	assert_stderr - <<'EOF'
readme.sh: README.md:3: the output of this command cannot be shown: its standard output line "note: looks like a message" looks like a message
readme.sh: README.md:4: the output of this command cannot be shown: its standard error line "plain" does not start with a program name and ": "
readme.sh: README.md:5: the output of this command cannot be shown: its standard output does not end with a newline
EOF
}

@test "readme.sh: a command that runs past its code block is an error" {
	printf '## A tour of x\n\n    $ echo a |\n\ntext\n' >README.md
	run -1 --separate-stderr readme --readme=README.md
	[ "$stderr" = "readme.sh: README.md:4: the command goes on past its code block" ]
	printf '## A tour of x\n\n    $ true\n' >README.md
	run -64 --separate-stderr readme --readme=README.md nosuch
	[ "$stderr" = "readme.sh: no tour 'nosuch' in README.md" ]
}
