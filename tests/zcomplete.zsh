#!/bin/zsh -f
# zsh completion under test (tests/completions.bats): print the matches
# zsh offers when TAB is typed at the end of the command line $2, one a
# line, sorted, with the completion functions of directory $1 first on
# fpath.  An interactive zsh runs on a pseudo-terminal (zsh/zpty); a
# wrapper of compadd writes down every match added.
zmodload zsh/zpty || exit 2
dir=$1 line=$2
out=$(mktemp) || exit 2
trap 'zpty -d z 2>/dev/null; rm -f $out' EXIT
zpty z zsh -f -i
zpty -w z "PS1='' RPS1='' PROMPT_EOL_MARK=''"
zpty -w z "fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "zstyle ':completion:*' insert-tab false"
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return
  fi
  local -a __m
  builtin compadd -A __m "$@"
  print -rl -- $__m >>'${(q)out}'
  builtin compadd "$@"
}'
zpty -w -n z "$line"$'\t'
zpty -w z $'\C-a\C-k'"print -r -- __done__ >>${(q)out}"
integer i
for (( i = 0; i < 2400; i++ )); do
  zpty -rt z junk 2>/dev/null
  grep -qx __done__ $out && break
  sleep 0.05
done
(( i < 2400 )) || { print -u2 "zcomplete: no answer from zsh in 2 minutes"; exit 1 }
grep -vx -e __done__ -e '' $out | sort -u
