#!/usr/bin/env bats
# Completions (issue 16): bash with nothing but completions/cs.bash (no
# bash-completion package), and zsh under zsh; commands of every binary,
# options from each one's --help, and plan names, record types, lists
# and departments from the rules.
bats_require_minimum_version 1.5.0
load helpers

# What bash offers for the words $@ (bash's own words: "--plan=x" is
# "--plan" "=" "x"; the last one is being completed, "" for a new one),
# one a line, in a bash that has read completions/cs.bash and nothing
# else.  COMP_WORDBREAKS may be given in $BREAKS.
bash_complete() {
	run --separate-stderr env BREAKS="${BREAKS-}" bash --norc --noprofile -c '
	    . "$0" || exit 2
	    [ -n "$BREAKS" ] && COMP_WORDBREAKS=$BREAKS
	    COMP_WORDS=("$@")
	    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	    COMP_LINE="$*"
	    COMP_POINT=${#COMP_LINE}
	    complete -p "$1" >/dev/null || exit 3
	    _cs "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	    printf "%s\n" "${COMPREPLY[@]}" | sort' \
	    "$REPO/completions/cs.bash" "$@"
	[ "$status" -eq 0 ] || fail "bash completion exited $status: $stderr"
	[ -z "$stderr" ] || fail "bash completion wrote to stderr: $stderr"
}

# What zsh offers when TAB is typed after the line $1, one a line.
zsh_complete() {
	run --separate-stderr zsh -f "$REPO/tests/zcomplete.zsh" \
	    "$REPO/completions" "$1"
	[ "$status" -eq 0 ] || fail "zsh completion exited $status: $stderr"
}

lines_of() {
	printf '%s\n' "$@"
}

# The commands listed in the help of binary $1, sorted.
commands_of() {
	"$1" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' | sort
}

# Fail unless each line of $output is an option of the --help of "$@" (a
# line of its option list starts with it, '=' for one taking a value).
options_of_help() {
	local w help
	help=$("$@" --help)
	while IFS= read -r w; do
		[[ -z $w ]] && continue
		grep -qE -- "^ +(-[a-zA-Z?], )?${w%=}(=|,| |\$)" <<<"$help" ||
		    fail "not an option of $* --help: '$w'"
		[[ $w == *= ]] && ! grep -qE -- "^ +(-[a-zA-Z], )?$w" <<<"$help" &&
		    fail "$w takes no value"
	done <<<"$output"
	return 0
}

@test "bash: completes with bash alone: no _init_completion, _filedir or _parse_help" {
	run -0 bash --norc --noprofile -c '. "$0"; type _init_completion _filedir _parse_help 2>&1; complete -p cs-record cs-score cs-classify cs-sample cs-blacklist' \
	    "$REPO/completions/cs.bash"
	assert_line --partial "type: _init_completion: not found"
	assert_line "complete -F _cs cs-blacklist"
	run -1 grep -E '_init_completion|_filedir|_parse_help|_get_comp_words' \
	    "$REPO/completions/cs.bash"
	bash_complete cs-record ''
	assert_output "$(commands_of cs-record)"
	assert_line export
}

@test "bash: cs-score --<TAB> offers its options from --help, and no --all:" {
	bash_complete cs-score --
	options_of_help cs-score
	for o in --all --explain --model= --as-of= --db= --help --usage --version; do
		assert_line -- "$o"
	done
	refute_line --partial ':'
	bash_complete cs-score -
	assert_line -- -d
	assert_line -- -q
	assert_line -- -h
	refute_line -- '-?'
}

@test "bash: the commands of every binary" {
	bash_complete cs-sample ''
	assert_output "$(commands_of cs-sample)"
	assert_line draw
	bash_complete cs-blacklist ''
	assert_output "$(commands_of cs-blacklist)"
	assert_line measures
	bash_complete cs-blacklist -q dec
	assert_output decide
	mkdir w && cd w
	touch scores.csv
	bash_complete cs-classify ''
	assert_output "$(lines_of history scores.csv)"
	bash_complete cs-classify history ''
	assert_output ''
}

@test "bash: help COMMAND offers the commands, and only them" {
	mkdir w && cd w
	touch scores.csv
	bash_complete cs-record help ''
	assert_output "$(commands_of cs-record)"
	bash_complete cs-blacklist -q help ch
	assert_output check
	bash_complete cs-classify help ''
	assert_output history
}

@test "bash: a command's own options, after the command" {
	bash_complete cs-record export --strict --ty
	assert_output --type=
	bash_complete cs-record export --strict --
	options_of_help cs-record export
	assert_line --since-seq=
	bash_complete cs-sample draw --as-of = 2026-11-27 --pl
	assert_output --plan=
}

@test "bash: plan names come from the rules the line reads" {
	bash_complete cs-sample frame --plan = ''
	assert_output general
	mkdir -p rules/sampling
	cp "$REPO/share/cs/catalog.json" rules/
	touch rules/sampling/quarterly.json rules/sampling/food.json
	bash_complete cs-sample draw --rules = rules --plan = ''
	assert_output "$(lines_of food quarterly)"
	CS_RULES=$PWD/rules bash_complete cs-sample draw --plan q
	assert_output quarterly
	# Without '=' among the word breaks, the reply carries the option.
	BREAKS=' ' bash_complete cs-sample draw --plan=g
	assert_output --plan=general
}

@test "bash: lists, departments, record types and states" {
	bash_complete cs-blacklist ls --list = ''
	assert_output "$(lines_of ban key serious)"
	bash_complete cs-blacklist check --dept = ''
	assert_output "$(lines_of approval banking civilisation finance market procurement securities tax)"
	bash_complete cs-record export --type = pe
	assert_output "$(lines_of penalty)"
	bash_complete cs-record export --type = comm
	assert_output "$(lines_of commitment commitment_broken commitment_kept)"
	bash_complete cs-record objections --state = ''
	assert_output "$(lines_of open resolved)"
	bash_complete cs-blacklist ls --state = l
	assert_output listed
	bash_complete cs-sample draw --to = ''
	assert_output "$(lines_of csv ndjson)"
}

@test "bash: --from, --to and --encoding offer the values their --help lists" {
	run -0 cs-score --help
	assert_line --regexp '^ +--from=FORMAT +input format: csv, tsv or ndjson '
	bash_complete cs-score --from = ''
	assert_output "$(lines_of csv ndjson tsv)"
	bash_complete cs-record add --from = t
	assert_output tsv
	BREAKS=' ' bash_complete cs-blacklist check --from=t
	assert_output --from=tsv
	bash_complete cs-classify --to = ''
	assert_output "$(lines_of csv ndjson)"
	bash_complete cs-classify history --to = n
	assert_output ndjson
	bash_complete cs-record add --encoding = g
	assert_output "$(lines_of gb18030 gbk)"
	# history reads no rows: it has no --from, and offers its own options.
	bash_complete cs-classify history --
	options_of_help cs-classify history
	refute_line --from=
	refute_line --save
	assert_line --to=
}

@test "bash: files where a command reads them, none where it does not" {
	mkdir w && cd w
	touch a.csv b.ndjson
	bash_complete cs-record add ''
	assert_output "$(lines_of a.csv b.ndjson)"
	bash_complete cs-record -d ''
	assert_output "$(lines_of a.csv b.ndjson)"
	bash_complete cs-record show ''
	assert_output ''
	bash_complete cs-blacklist check a
	assert_output a.csv
}

@test "zsh: cs-score --<TAB> offers its options from --help, and no --all:" {
	zsh_complete 'cs-score --'
	options_of_help cs-score
	for o in --all --explain --model --as-of --db --help --usage --version; do
		assert_line -- "$o"
	done
	refute_line --partial ':'
}

@test "zsh: the commands of every binary, and options after a command" {
	zsh_complete 'cs-record '
	assert_output "$(commands_of cs-record)"
	assert_line export
	zsh_complete 'cs-sample '
	assert_output "$(commands_of cs-sample)"
	zsh_complete 'cs-blacklist -q '
	assert_output "$(commands_of cs-blacklist)"
	mkdir w && cd w
	touch scores.csv
	zsh_complete 'cs-classify '
	assert_output "$(lines_of history scores.csv)"
	zsh_complete 'cs-classify history '
	assert_output ''
	zsh_complete 'cs-record export --strict --ty'
	assert_output --type
}

@test "zsh: plan names, lists, departments and record types from the rules" {
	zsh_complete 'cs-sample frame --plan='
	assert_output general
	mkdir -p rules/sampling
	cp "$REPO/share/cs/catalog.json" rules/
	touch rules/sampling/quarterly.json
	zsh_complete 'cs-sample draw --rules=rules --plan='
	assert_output quarterly
	zsh_complete 'cs-blacklist ls --list='
	assert_output "$(lines_of ban key serious)"
	zsh_complete 'cs-blacklist check --dept='
	assert_output "$(lines_of approval banking civilisation finance market procurement securities tax)"
	zsh_complete 'cs-record export --type=pe'
	assert_output penalty
}

@test "zsh: help COMMAND offers the commands; --from and --to the formats of --help" {
	zsh_complete 'cs-record help '
	assert_output "$(commands_of cs-record)"
	zsh_complete 'cs-sample help v'
	assert_output verify
	zsh_complete 'cs-classify help '
	assert_output history
	zsh_complete 'cs-score --from='
	assert_output "$(lines_of csv ndjson tsv)"
	zsh_complete 'cs-sample draw --to='
	assert_output "$(lines_of csv ndjson)"
	zsh_complete 'cs-record add --encoding='
	assert_output "$(lines_of gb18030 gbk utf-8)"
	zsh_complete 'cs-classify history --'
	options_of_help cs-classify history
	refute_line --save
	assert_line --to
}

@test "bash and zsh: cs-publish report and verify-report: --format values, files only for verify-report (issue 15)" {
	bash_complete cs-publish ''
	assert_line report
	assert_line verify-report
	bash_complete cs-publish report --format = ''
	assert_output "$(lines_of html json)"
	mkdir w && cd w
	touch r.html
	bash_complete cs-publish verify-report ''
	assert_output r.html
	bash_complete cs-publish report ''
	assert_output ''
	zsh_complete 'cs-publish report --format='
	assert_output "$(lines_of html json)"
	zsh_complete 'cs-publish verify-report '
	assert_output r.html
}

@test "bash and zsh: cs-publish summary, its options and --format's values" {
	bash_complete cs-publish su
	assert_output summary
	bash_complete cs-publish summary --
	options_of_help cs-publish summary
	assert_line --month=
	assert_line --format=
	bash_complete cs-publish summary --format = ""
	assert_output "$(lines_of html json)"
	zsh_complete 'cs-publish summary --format='
	assert_output "$(lines_of html json)"
}
