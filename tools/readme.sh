#!/bin/sh
# Run the tours of README.md and compare the output they show with the
# output of a real run (tests/readme.bats), or rewrite the shown output
# from that run (--update), so that a change of output made on purpose
# is one command and a reviewed diff away from the README.
#
#   tools/readme.sh [--update] [--keep] [--readme=FILE] [TOUR...]
#   tools/readme.sh --list [--readme=FILE]
#
# The README's convention (tests/readme.bats says it too):
# - A tour is a section whose heading starts with '## A tour of '; TOUR is
#   the word after it (cs-record, cs-score, ...).  Only tours are run.
# - In a tour's indented code blocks a line '$ COMMAND' is a command.  It
#   goes on over the next lines while a line ends in '\', '|', '&&' or
#   '||', and through a here-document to its end word.
# - The lines after a command, up to the next command or the end of the
#   block, are its shown output: a line that starts with a program's name
#   and ': ' (cs-record: added 24, ...) is what it wrote on standard
#   error, any other line what it wrote on standard output.  Each stream
#   must match the real one byte for byte, and an empty output line is
#   written as four spaces.
# - An exit status the text states is shown, so that it is compared too:
#   'COMMAND || echo "exit status $?"' and the line 'exit status 1'.
# - Each tour starts in the directory of the clone (run here in a fresh
#   directory holding links to the clone's tests/ and share/ only) and
#   runs in one shell, with the built binaries first on PATH, LC_ALL=C,
#   TZ=UTC, SOURCE_DATE_EPOCH=1780000000, USER=analyst and no CS_*
#   variables.
#
# Exit status: 0 when the README shows what the tours print (or, with
# --update, when it was rewritten), 1 when it does not (a diff is
# printed), 64 on a usage error.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
readme=$repo/README.md
build=${CS_BUILD:-$repo/build/default}
update=0 list=0 keep=0

usage() {
	sed -n 's/^#   //p' "$0" | sed 's/^/usage: /' >&2
	exit 64
}

for a; do
	case $a in
	--update) update=1 ;;
	--list) list=1 ;;
	--keep) keep=1 ;;
	--readme=*) readme=${a#--readme=} ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "readme.sh: unknown option '$a'" >&2; usage ;;
	*) ;;
	esac
done

[ -r "$readme" ] || { echo "readme.sh: cannot read '$readme'" >&2; exit 66; }
work=$(mktemp -d "${TMPDIR:-/tmp}/readme.XXXXXX")
if [ "$keep" -eq 1 ]; then
	echo "readme.sh: work directory $work" >&2
else
	trap 'rm -rf "$work"' EXIT
	trap 'exit 130' INT TERM
fi

# The parser, in two modes: "split" writes each tour's commands and shown
# output into $work/TOUR/N.cmd, N.shown and N.line (the README line of the
# command) and the tour names into $work/tours; "rewrite" prints the
# README with the shown output of the tours in $sel replaced by the
# files $work/TOUR/N.new.
# shellcheck disable=SC2016
parse='
function fail(msg) {
	printf "readme.sh: %s:%d: %s\n", name, NR, msg >"/dev/stderr"
	bad = 1
	exit 1
}
# The end word of a here-document that body starts, or "".
function heredoc(body,    s) {
	if (!match(body, "<<-?[ \t]*[\"\047]?[A-Za-z_][A-Za-z0-9_]*"))
		return ""
	s = substr(body, RSTART + 2, RLENGTH - 2)
	sub(/^-/, "", s)
	sub(/^[ \t]*/, "", s)
	sub(/^["\047]/, "", s)
	return s
}
function continues(body) {
	sub(/[ \t]+$/, "", body)
	return body ~ /(\\|\||&&)$/
}
# After a line of a command: a here-document, more of the command, or
# its output.
function next_state(body) {
	word = heredoc(body)
	if (word != "")
		state = "heredoc"
	else if (continues(body))
		state = "cont"
	else
		state = "out"
}
# The shown output of the current command ends here.
function end_output(    l) {
	if (cur == "" || mode != "rewrite" || !(tour in sel))
		return
	while ((getline l <(cur ".new")) > 0)
		print "    " l
	close(cur ".new")
	cur = ""
}
BEGIN {
	split(tours, t, " ")
	for (i in t)
		sel[t[i]] = 1
}
{
	line = $0
	if (state == "cont" || state == "heredoc") {
		if (substr(line, 1, 4) != "    ")
			fail("the command goes on past its code block")
		body = substr(line, 5)
		if (mode == "split")
			printf "%s\n", body >>(cur ".cmd")
		if (state == "heredoc") {
			if (body == word)
				state = "out"
		} else
			next_state(body)
		if (mode == "rewrite")
			print line
		next
	}
	if (line ~ /^## /) {
		end_output()
		tour = ""
		state = ""
		if (line ~ /^## A tour of /) {
			tour = substr(line, 14)
			sub(/ .*/, "", tour)
			n = 0
			if (mode == "split") {
				print tour >(dir "/tours")
				system("mkdir -p \"" dir "/" tour "\"")
			}
		}
	} else if (tour != "" && substr(line, 1, 6) == "    $ ") {
		end_output()
		n++
		cur = dir "/" tour "/" n
		if (mode == "split") {
			printf "" >(cur ".shown")
			print NR >(cur ".line")
			close(cur ".line")
			printf "%s\n", substr(line, 7) >>(cur ".cmd")
			next_state(substr(line, 7))
		} else
			next_state(substr(line, 7))
	} else if (tour != "" && state == "out" &&
	    substr(line, 1, 4) == "    ") {
		if (mode == "split")
			printf "%s\n", substr(line, 5) >>(cur ".shown")
		else if (tour in sel)
			next
	} else {
		end_output()
		state = ""
	}
	if (mode == "rewrite")
		print line
}
END {
	if (bad)
		exit 1
	if (state == "cont" || state == "heredoc")
		fail("the last command does not end")
	end_output()
}'

awk -v mode=split -v dir="$work" -v name="$readme" -v tours= "$parse" \
    "$readme"
touch "$work/tours"

if [ "$list" -eq 1 ]; then
	cat "$work/tours"
	exit 0
fi

# The tours to run: those named, else all.
sel=
for a; do
	case $a in
	-*) ;;
	*)
		grep -qx -- "$a" "$work/tours" ||
		    { echo "readme.sh: no tour '$a' in $readme" >&2; exit 64; }
		sel="$sel $a"
		;;
	esac
done
[ -n "$sel" ] || sel=$(cat "$work/tours")

[ -x "$build/bin/cs-record" ] ||
    { echo "readme.sh: no binaries in $build/bin: run make first" >&2; exit 69; }

# A shown line that starts with a program's name and ': ' is standard
# error (see above).
msg='^[A-Za-z0-9_.+-]+: '

# The new shown output of a command: its real standard output and error,
# laid out as the old shown output lays them (the lines of each stream
# in the places of that stream's old lines; more lines of a stream go
# after its last one, a stream that showed nothing goes first for
# standard output and last for standard error).
# shellcheck disable=SC2016
compose='
function add(s, l) {
	nres++
	res[nres] = l
	src[nres] = s
}
function insert(after, s, l,    i) {
	for (i = nres; i > after; i--) {
		res[i + 1] = res[i]
		src[i + 1] = src[i]
	}
	res[after + 1] = l
	src[after + 1] = s
	nres++
}
BEGIN {
	while ((getline l <out) > 0) {
		if (l ~ msg)
			fail(line, "its standard output line \"" l "\" looks like a message")
		o[++no] = l
	}
	while ((getline l <err) > 0) {
		if (l !~ msg)
			fail(line, "its standard error line \"" l "\" does not start with a program name and \": \"")
		e[++ne] = l
	}
	io = ie = 0
	while ((getline l <shown) > 0) {
		if (l ~ msg) {
			if (ie < ne)
				add("e", e[++ie])
		} else if (io < no)
			add("o", o[++io])
	}
	last = 0
	for (i = 1; i <= nres; i++)
		if (src[i] == "o")
			last = i
	while (io < no)
		insert(last++, "o", o[++io])
	while (ie < ne)
		add("e", e[++ie])
	for (i = 1; i <= nres; i++)
		print res[i]
}
function fail(line, m) {
	printf "readme.sh: %s:%d: the output of this command cannot be shown: %s\n", name, line, m >"/dev/stderr"
	exit 1
}'

status=0
for tour in $sel; do
	d=$work/$tour
	clone=$d/clone
	mkdir -p "$clone" "$d/home" "$d/tmp"
	ln -s "$repo/tests" "$repo/share" "$clone/"
	script=$d/tour.sh
	: >"$script"
	n=1
	while [ -f "$d/$n.cmd" ]; do
		{
			echo '{'
			cat "$d/$n.cmd"
			echo "} >'$d/$n.out' 2>'$d/$n.err' </dev/null"
		} >>"$script"
		n=$((n + 1))
	done
	(
		cd "$clone"
		env -u CS_DB -u CS_RULES -u CS_BUSY_TIMEOUT \
		    PATH="$build/bin:$PATH" LC_ALL=C TZ=UTC \
		    SOURCE_DATE_EPOCH=1780000000 USER=analyst HOME="$d/home" \
		    TMPDIR="$d/tmp" bash --noprofile --norc "$script"
	) || true
	n=1
	while [ -f "$d/$n.cmd" ]; do
		for s in out err; do
			if [ -s "$d/$n.$s" ] &&
			    [ "$(tail -c 1 "$d/$n.$s" | od -An -c | tr -d ' ')" != '\n' ]; then
				stream=output
				[ "$s" = err ] && stream=error
				echo "readme.sh: $readme:$(cat "$d/$n.line"): the output of this command cannot be shown: its standard $stream does not end with a newline" >&2
				status=1
			fi
		done
		awk -v out="$d/$n.out" -v err="$d/$n.err" -v shown="$d/$n.shown" \
		    -v msg="$msg" -v name="$readme" -v line="$(cat "$d/$n.line")" \
		    "$compose" >"$d/$n.new" || status=1
		n=$((n + 1))
	done
done
[ "$status" -eq 0 ] || exit 1

awk -v mode=rewrite -v dir="$work" -v name="$readme" -v tours="$sel" \
    "$parse" "$readme" >"$work/README.new"
if [ "$update" -eq 1 ]; then
	if cmp -s "$readme" "$work/README.new"; then
		echo "readme.sh: $readme shows the output of the tours already" >&2
	else
		cat "$work/README.new" >"$readme"
		echo "readme.sh: rewrote the shown output in $readme; review it with git diff" >&2
	fi
	exit 0
fi
if ! diff -u --label "$readme (shown)" --label "$readme (real run)" \
    "$readme" "$work/README.new"; then
	echo "readme.sh: the README does not show what the tours print; if the change is meant, run tools/readme.sh --update and review the diff" >&2
	exit 1
fi
