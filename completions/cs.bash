# bash completion for the cs toolkit: cs-record, cs-score, cs-classify,
# cs-sample, cs-blacklist.
# Options come from each binary's own --help, so they never go stale.

# The values of the common options (and of the file options every tool
# shares).  Uses the caller's cur and prev; returns 0 when it completed.
_cs_common_value()
{
	case $prev in
	-d|--db|--rejects|--model|--previous)
		_filedir
		;;
	--rules)
		_filedir -d
		;;
	--from)
		COMPREPLY=($(compgen -W 'csv tsv ndjson' -- "$cur"))
		;;
	--to)
		COMPREPLY=($(compgen -W 'csv ndjson' -- "$cur"))
		;;
	--delimiter)
		COMPREPLY=($(compgen -W 'tab ";" "|"' -- "$cur"))
		;;
	--encoding)
		COMPREPLY=($(compgen -W 'utf-8 gb18030 gbk' -- "$cur"))
		;;
	--as-of|--operator)
		;;
	*)
		return 1
		;;
	esac
}

# What a filter completes before its operands: option values and
# options.  Uses the caller's cur, prev and was_split; returns 0 when done.
_cs_filter_options()
{
	_cs_common_value && return 0
	[[ $was_split ]] && return 0
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '$(_parse_help "$1")' -- "$cur"))
		[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
		return 0
	fi
	return 1
}

# Set cmd to the first word that is one of the commands in $1.
_cs_find_command()
{
	local i c
	cmd=''
	for ((i = 1; i < cword; i++)); do
		for c in $1; do
			if [[ ${words[i]} == "$c" ]]; then
				cmd=$c
				return
			fi
		done
	done
}

# For a tool with commands ($1, the commands in $2): the command names,
# or the options of the tool or of its command.  Returns 0 when done.
_cs_command_options()
{
	_cs_common_value && return 0
	[[ $was_split ]] && return 0
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '$(_parse_help "$1")' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$2" -- "$cur"))
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '$(_parse_help "$1" "$cmd --help")' -- "$cur"))
		[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
		return 0
	fi
	return 1
}

_cs_record()
{
	local cur prev words cword was_split cmd
	_init_completion -s || return
	local commands='init add show export correct object resolve
	    objections commitments verify'
	_cs_find_command "$commands"

	case $prev in
	--pilot-list)
		_filedir
		return
		;;
	--state)
		if [[ $cmd == objections ]]; then
			COMPREPLY=($(compgen -W 'open resolved' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'open kept broken overdue' -- "$cur"))
		fi
		return
		;;
	--type)
		COMPREPLY=($(compgen -W 'license penalty compulsion confirmation
		    collection payment ruling compensation reward inspection
		    commitment commitment_kept commitment_broken complaint
		    judgment honor voluntary interview education' -- "$cur"))
		return
		;;
	--decided-from|--decided-to|--set|--clear|--uscc|--since-seq|--batch)
		return
		;;
	esac
	_cs_command_options "$1" "$commands" && return
	case $cmd in
	add|correct|object|resolve)
		_filedir '@(csv|ndjson|jsonl|txt)'
		;;
	esac
} &&
	complete -F _cs_record cs-record

_cs_score()
{
	local cur prev words cword was_split
	_init_completion -s || return
	_cs_filter_options "$1" && return
	_filedir '@(csv|ndjson|jsonl|txt)'
} &&
	complete -F _cs_score cs-score

_cs_classify()
{
	local cur prev words cword was_split
	_init_completion -s || return
	_cs_filter_options "$1" && return
	if [[ $cword -eq 1 ]]; then
		COMPREPLY=($(compgen -W 'history' -- "$cur"))
	fi
	[[ ${words[1]} == history ]] && return
	_filedir '@(csv|ndjson|jsonl|txt)'
} &&
	complete -F _cs_classify cs-classify

_cs_sample()
{
	local cur prev words cword was_split cmd
	_init_completion -s || return
	local commands='frame draw verify draws'
	_cs_find_command "$commands"

	case $prev in
	-o|--output|--seed-file|--inspectors|--conflicts)
		_filedir
		return
		;;
	--plan)
		local dir f names=()
		for dir in "${CS_RULES:-}/sampling" /usr/local/share/cs/sampling \
		    /usr/share/cs/sampling; do
			for f in "$dir"/*.json; do
				[[ -e $f ]] && names+=("$(basename "$f" .json)")
			done
			((${#names[@]})) && break
		done
		COMPREPLY=($(compgen -W "${names[*]}" -- "$cur"))
		_filedir json
		return
		;;
	--seed|--escalate|--draw)
		return
		;;
	esac
	_cs_command_options "$1" "$commands" && return
	case $cmd in
	frame|draw|verify)
		_filedir '@(csv|ndjson|jsonl)'
		;;
	esac
} &&
	complete -F _cs_sample cs-sample

_cs_blacklist()
{
	local cur prev words cword was_split cmd
	_init_completion -s || return
	local commands='propose add object review decide remove withdraw
	    expire ls check measures'
	_cs_find_command "$commands"

	case $prev in
	--list)
		COMPREPLY=($(compgen -W 'serious key ban' -- "$cur"))
		return
		;;
	--state)
		COMPREPLY=($(compgen -W 'noticed objected dismissed listed
		    removed withdrawn' -- "$cur"))
		return
		;;
	--dept)
		COMPREPLY=($(compgen -W 'procurement finance tax securities
		    civilisation approval banking market' -- "$cur"))
		return
		;;
	--set|--batch)
		return
		;;
	esac
	_cs_command_options "$1" "$commands" && return
	case $cmd in
	add|object|review|decide|remove|withdraw|check)
		_filedir '@(csv|ndjson|jsonl|txt)'
		;;
	esac
} &&
	complete -F _cs_blacklist cs-blacklist

# ex: filetype=sh
