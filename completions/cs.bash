# bash completion for the cs toolkit: cs-record, cs-score, cs-classify,
# cs-sample, cs-blacklist, cs-repair, cs-publish.  It needs bash alone, not
# the bash-completion package: source it (. completions/cs.bash), or install it where
# bash-completion looks (make install does).
# Commands and options come from each binary's own --help, and plan names,
# record types, lists and departments from the rules it reads, so none of
# them goes stale.

# Set cur and prev from COMP_WORDS.  "--opt=value" is one option and its
# value whether bash split the word at '=' (eq=1) or not (eq=2: the reply
# must then carry "--opt="): prev is the option, cur the value.
_cs_words()
{
	local c=$COMP_CWORD
	cur=${COMP_WORDS[c]} prev='' eq=0
	((c > 0)) && prev=${COMP_WORDS[c - 1]}
	if [[ $cur == = ]]; then
		cur='' eq=1
	elif [[ $prev == = ]] && ((c > 1)); then
		prev=${COMP_WORDS[c - 2]} eq=1
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*} cur=${cur#*=} eq=2
	fi
}

# The commands of binary $1, from its --help: the "Commands:" list and the
# "or:" usage lines (cs-classify history).
_cs_commands()
{
	"$1" --help 2>/dev/null | awk '
	    /^Commands:/ { on = 1; next }
	    on && /^$/ { on = 0 }
	    on && /^  [a-z]/ { print $1 }
	    /^  or: / && $4 ~ /^[a-z]+$/ { print $4 }'
}

# The options in the --help of "$@" (a binary, or a binary and a command):
# long ones with a final '=' when they take a value, and short ones, from
# the first option line to the first line that is not indented.
_cs_options()
{
	"$@" --help 2>/dev/null | awk '
	    on && /^[^ ]/ { exit }
	    /^  +-/ {
		on = 1
		for (i = 1; i <= NF; i++) {
			w = $i
			sub(/,$/, "", w)
			if (w == "-?")
				continue
			if (w ~ /^--[a-z][a-z-]*\[?=/) {
				sub(/\[?=.*/, "=", w)
				print w
			} else if (w ~ /^--[a-z][a-z-]*$/ || w ~ /^-[a-zA-Z]$/)
				print w
			else
				break
			}
	    }'
}

# The values the --help of "$@" (a binary, or a binary and a command)
# lists for option $opt: "--from=FORMAT  input format: csv, tsv or ndjson
# (default: ...)" gives csv, tsv and ndjson, one a line.
_cs_listed()
{
	local opt=$1
	shift
	"$@" --help 2>/dev/null | awk -v opt="$opt" '
	    on && (/^ +-/ || !/^ /) { exit }
	    on { d = d " " $0; next }
	    index($0, " " opt "=") { on = 1; d = $0 }
	    END {
		gsub(/  +/, " ", d)
		sub(/ \(.*/, "", d)
		if (sub(/^[^:]*: /, "", d) == 0)
			exit
		gsub(/,? or |, /, "\n", d)
		print d
	    }'
}

# 0 when the usage of command $2 of binary $1 takes files (FILE, FRAME,
# SAMPLE), from the usage lines of its help.
_cs_takes_files()
{
	local usage
	if [[ -z $2 ]]; then
		usage=$("$1" --help 2>/dev/null | sed -n 1p)
	else
		usage=$("$1" --help 2>/dev/null | grep -m1 "^  or: .* $2 ")
		[[ -n $usage ]] ||
		    usage=$("$1" "$2" --help 2>/dev/null | sed -n 1p)
	fi
	[[ $usage == *FILE* || $usage == *FRAME* || $usage == *SAMPLE* ]]
}

# The rules directory a command line will read: its --rules, else
# $CS_RULES, else the one beside binary $1 (installed: ../share/cs; a
# build tree: ../../../share/cs), else the usual installed places.
_cs_rules()
{
	local i w d bin
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == --rules=?* ]]; then
			d=${w#--rules=}
		elif [[ $w == --rules ]]; then
			d=${COMP_WORDS[i + 1]}
			[[ $d == = ]] && d=${COMP_WORDS[i + 2]}
		fi
	done
	[[ -z $d ]] && d=${CS_RULES-}
	if [[ -z $d ]]; then
		bin=$(type -P "$1")
		bin=${bin%/*}
		for d in "$bin/../share/cs" "$bin/../../../share/cs" \
		    /usr/local/share/cs /usr/share/cs ''; do
			[[ -z $d || -f $d/catalog.json ]] && break
		done
	fi
	[[ $d == \~/* ]] && d=$HOME/${d#\~/}
	[[ -n $d ]] && printf '%s\n' "$d"
}

# Set COMPREPLY to the words of stdin (one a line) that start with cur.
_cs_reply()
{
	local w
	COMPREPLY=()
	while IFS= read -r w; do
		[[ -n $w && $w == "$cur"* ]] && COMPREPLY+=("$w")
	done
}

# Set COMPREPLY to the files (or with -d the directories) that start with
# cur.
_cs_files()
{
	local w
	compopt -o filenames 2>/dev/null
	COMPREPLY=()
	while IFS= read -r w; do
		COMPREPLY+=("$w")
	done < <(compgen "${1:--f}" -- "$cur")
}

# The values of option $2 (of binary $1, command $3).
_cs_value()
{
	local rules
	case $2 in
	-d|--db|--rejects|--model|--previous|--pilot-list|-o|--output|\
	--seed-file|--inspectors|--conflicts|--key|--pubkey|--checkpoint|--proof)
		_cs_files
		;;
	--rules)
		_cs_files -d
		;;
	--from|--to|--encoding)
		# shellcheck disable=SC2086 # no command: the binary's help
		_cs_reply < <(_cs_listed "$2" "$1" $3)
		;;
	--headers)
		_cs_reply <<<$'cn\ncodes\ncanonical'
		;;
	--format)
		_cs_reply <<<$'html\njson'
		;;
	--plan)
		rules=$(_cs_rules "$1")
		_cs_reply < <(for f in "$rules"/sampling/*.json; do
			[[ -f $f ]] && f=${f##*/} && echo "${f%.json}"
		done)
		if [[ $cur == */* ]]; then
			_cs_files
		fi
		;;
	--type)
		rules=$(_cs_rules "$1")
		_cs_reply < <(sed -n '/^  "types": {/,/^  }/s/^    "\([a-z_]*\)":.*/\1/p' \
		    "$rules/catalog.json" 2>/dev/null)
		;;
	--list|--dept)
		# The list types and departments of the joint measures.
		rules=$(_cs_rules "$1")
		_cs_reply < <(cs-blacklist measures ${rules:+--rules="$rules"} \
		    --to=ndjson 2>/dev/null |
		    sed -n "s/.*\"${2#--}s\{0,1\}\":\"\([^\"]*\)\".*/\1/p" |
		    tr ';' '\n' | sort -u)
		;;
	--state)
		case $1:$3 in
		cs-record:objections) _cs_reply <<<$'open\nresolved' ;;
		cs-record:*) _cs_reply <<<$'open\nkept\nbroken\noverdue' ;;
		cs-blacklist:*) _cs_reply <<<$'noticed\nobjected\ndismissed\nlisted\nremoved\nwithdrawn' ;;
		cs-repair:*) _cs_reply <<<$'filed\nreturned\naccepted\ngranted\nrefused\nrevoked\nwithdrawn' ;;
		esac
		;;
	*)
		COMPREPLY=()
		;;
	esac
}

# The completion of every binary of the toolkit.
_cs()
{
	local cur prev eq cmd='' commands opts i w
	_cs_words
	commands=" $(_cs_commands "$1" | tr '\n' ' ') "
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w != -* && $commands == *" $w "* ]]; then
			cmd=$w
			break
		fi
	done
	if [[ -n $cmd ]]; then
		opts=$(_cs_options "$1" "$cmd")
	else
		opts=$(_cs_options "$1")
	fi

	# An option's value: "--opt=VALUE", "--opt VALUE", "-d PATH".
	if ((eq)) || [[ $prev == -* && $'\n'$opts$'\n' == *$'\n'"$prev="$'\n'* ]] ||
	    [[ $prev == -[do] ]]; then
		_cs_value "$1" "$prev" "$cmd"
		if ((eq == 2)); then
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=$prev=${COMPREPLY[i]}
			done
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		_cs_reply <<<"$opts"
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] &&
		    compopt -o nospace 2>/dev/null
		return 0
	fi
	if [[ -z $cmd && $prev == help && $commands != '  ' ]]; then
		# "help COMMAND": a command, nothing else.
		# shellcheck disable=SC2086 # one command a word
		_cs_reply < <(printf '%s\n' $commands)
		return 0
	fi
	if [[ -z $cmd && $commands != '  ' ]]; then
		# shellcheck disable=SC2086 # one command a word
		_cs_reply < <(printf '%s\n' $commands)
		# cs-classify reads files as well as its command.
		if _cs_takes_files "$1" ''; then
			local -a words=("${COMPREPLY[@]}")
			_cs_files
			COMPREPLY+=("${words[@]}")
		fi
		return 0
	fi
	if _cs_takes_files "$1" "$cmd"; then
		_cs_files
	else
		COMPREPLY=()
	fi
	return 0
}

complete -F _cs cs-record cs-score cs-classify cs-sample cs-blacklist cs-repair cs-publish

# ex: filetype=sh
