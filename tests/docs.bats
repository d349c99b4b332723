#!/usr/bin/env bats
# Help texts and manual pages (issue 16): the examples of every --help are
# whole shell commands (a long one goes on after '\', '|' or '&&', never
# wrapped in the middle), nothing names a file users do not have, -h is
# in the help and in cs(7) alike, and the pages are clean for mandoc
# -T lint and for groff.
bats_require_minimum_version 1.5.0
load helpers

BINS='cs-record cs-score cs-classify cs-sample cs-blacklist'

# "BINARY" and "BINARY COMMAND" for every help text there is.
helps() {
	local b c
	for b in $BINS; do
		echo "$b"
		for c in $("$b" --help |
		    sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'); do
			echo "$b $c"
		done
	done
}

# Fail unless the examples of help text $2 (of $1) are whole commands: in
# the block after "Examples:", a command starts two spaces in and goes on
# four spaces in after a line that ends in '\', '|' or '&&', and each
# passes bash -n.
examples_are_commands() {
	local name=$1 text=$2 line cmd= more=0 in=0
	while IFS= read -r line; do
		if [[ $line == Examples:* ]]; then
			in=1
			continue
		fi
		((in)) || continue
		[[ -z $line ]] && break
		if ((more)); then
			[[ $line =~ ^\ {4}[^\ ] ]] ||
			    fail "$name: an example goes on in a line not four spaces in: '$line'"
			cmd+=$'\n'$line
		else
			[[ $line =~ ^\ {2}[^\ ] ]] ||
			    fail "$name: an example wraps mid-command: '$line'"
			if [[ -n $cmd ]]; then
				bash -n <<<"$cmd" 2>/dev/null ||
				    fail "$name: not a shell command: '$cmd'"
			fi
			cmd=$line
		fi
		more=0
		[[ $line =~ (\\|\||\&\&)$ ]] && more=1
	done <<<"$text"
	((in)) || return 0
	((more)) && fail "$name: the last example does not end"
	bash -n <<<"$cmd" 2>/dev/null || fail "$name: not a shell command: '$cmd'"
}

@test "--help: the examples of every help text are whole commands" {
	local h text
	while read -r h; do
		# shellcheck disable=SC2086
		text=$($h --help)
		examples_are_commands "$h" "$text"
	done < <(helps)
}

@test "--help: no line of a help text is wider than 79 columns or starts with a stray space" {
	local h
	while read -r h; do
		# shellcheck disable=SC2086
		run -0 $h --help
		for line in "${lines[@]}"; do
			[ "${#line}" -le 79 ] || fail "$h: too wide: '$line'"
			# A group header (" Common options:") is argp's.
			[[ $line =~ ^\ [^\ ] && ! $line =~ ^\ [A-Z][a-z\ ]*:$ ]] &&
			    fail "$h: wrapped at a double space: '$line'"
		done
	done < <(helps)
	true
}

@test "--help, man pages, rules: no file named that users do not have (DESIGN, STYLE)" {
	local h
	while read -r h; do
		# shellcheck disable=SC2086
		run -0 $h --help
		refute_output --regexp '\b(DESIGN|STYLE)\b'
	done < <(helps)
	run -1 grep -rlwE 'DESIGN|STYLE|DESIGN\.md|STYLE\.md' "$REPO/share" \
	    "$REPO/completions"
}

@test "--help and cs(7) agree on -h: each help lists it, prints the same, and cs(7) documents it" {
	local h
	while read -r h; do
		# shellcheck disable=SC2086
		run -0 $h --help
		assert_line --regexp '^  -h +the same as --help$'
		assert_line --regexp '^  -\?, --help +Give this help list$'
		help=$output
		# shellcheck disable=SC2086
		run -0 $h -h
		assert_equal "$output" "$help"
	done < <(helps)
	run -0 grep -x '.It Fl h , Fl \\&? , Fl -help' "$REPO/share/man/man7/cs.7"
}

@test "man pages: mandoc -T lint and groff find nothing" {
	run -0 sh "$REPO/tools/manlint.sh"
	assert_output ''
}

@test "man pages: tools/manlint.sh catches a long line, a missing page of cs and a line groff cannot break" {
	mkdir -p man/man1
	cat >man/man1/cs-x.1 <<'EOF'
.Dd December 1, 2026
.Dt CS-X 1
.Os
.Sh NAME
.Nm cs-x
.Nd a test
.Sh DESCRIPTION
A line that is far too long to be a line of roff input text, and so it is reported.
See
.Xr cs-nosuch 1
and
.Xr sqlite3 1 .
0.56998071861792858926477341561059638840106636224182943832566300809078486324348x
EOF
	run -1 sh "$REPO/tools/manlint.sh" man
	assert_output --partial "man/man1/cs-x.1:8:83: STYLE: input text line longer than 80 bytes"
	assert_output --partial "man/man1/cs-x.1:10:6: STYLE: referenced manual not found: Xr cs-nosuch 1"
	refute_output --partial "sqlite3"
	assert_line --regexp "^troff: man/man1/cs-x.1:13: warning .*: can.t break line$"
}

# The text of man page $1 as a terminal shows it, on one line.
page() {
	mandoc -Tutf8 "$REPO/share/man/$1" | LC_ALL=C.UTF-8 col -bx |
	    tr -s ' \n' '  '
}

@test "cs-score(1): the quotes inside macros are kept" {
	run -0 page man1/cs-score.1
	assert_output --partial 'Points as strings with at most one decimal (‘"100"’, ‘"2.5"’): the score'
	assert_output --partial 'an array of steps ‘{"until": "P1Y", "percent": 100}’; a record'
	run -0 page man7/cs.7
	assert_output --partial '(body ‘{"from":1,"schema":7}’)'
}

@test "cs-sample(1): the known answers are whole numbers on lines of their own" {
	run -0 bash -c "mandoc -Tutf8 '$REPO/share/man/man1/cs-sample.1' | col -bx"
	assert_line --regexp '^ +0\.56998071861792858926477341561059638840106636224182943832566300809078486324348$'
	assert_line --regexp '^ +0\.26299714122838008416507544297546663599715395525154425586041245287750224561854$'
	run -0 page man1/cs-sample.1
	assert_output --partial 'Known answers, u("abc") and, for the seed 01382438112797316654, ticket("AB-130"):'
}

@test "cs(7): the NDJSON paragraph names every column written as a JSON type" {
	local names n para
	# The typed columns: the computed ones and the decimal and boolean
	# columns of the records (lib/domain/schema.c).
	names=$(sed -n -e 's/^	{ "\([a-z_]*\)", CS_JT_[A-Z]* },$/\1/p' \
	    -e 's/^	\[R_[A-Z0-9_]*\] = { "\([a-z_0-9]*\)", CK_\(DECIMAL\|BOOL\), .*/\1/p' \
	    "$REPO/lib/domain/schema.c")
	[ "$(wc -l <<<"$names")" -ge 18 ] || fail "too few typed columns found: $names"
	para=$(sed -n '/^On output, the columns of a known type are JSON types:$/,/^an empty value of such a column is$/p' \
	    "$REPO/share/man/man7/cs.7")
	[ -n "$para" ] || fail "cs(7) has no paragraph on the NDJSON types"
	for n in $names; do
		[[ $para$'\n' =~ Ql\ $n[[:space:]] ]] || fail "cs(7) does not name '$n' among the NDJSON types"
	done
}

@test "cs(7): RULES lists every rules file of share/cs" {
	local f rules
	rules=$(sed -n '/^\.Sh RULES$/,/^\.Sh /p' "$REPO/share/man/man7/cs.7")
	for f in "$REPO"/share/cs/*.json "$REPO"/share/cs/*.csv; do
		f=${f##*/}
		[[ $rules =~ It\ Pa\ $f ]] || fail "cs(7) RULES does not list $f"
	done
}
