#!/bin/sh
# make lint: shell scripts (shellcheck when installed, else bash -n), the
# functions STYLE.md bans, the layers of lib/ (tools/layers.sh) and the
# man pages (tools/manlint.sh: mandoc -T lint and groff's warnings).
set -u
status=0

scripts='tests/run.sh tests/faults.sh tests/fuzz/run.sh tests/fuzz/probe.sh
tools/deps.sh tools/lint.sh tools/layers.sh tools/manlint.sh tools/readme.sh
bench/common.sh bench/run.sh
bench/score.sh bench/sample.sh bench/blacklist.sh
share/cs/demo/demo.sh .ci/run'
bashfiles='tests/helpers.bash completions/cs.bash'

for f in $scripts $bashfiles; do
	bash -n "$f" || status=1
done
if command -v zsh >/dev/null 2>&1; then
	for f in completions/_cs tests/zcomplete.zsh; do
		zsh -n "$f" || status=1
	done
else
	echo "lint: zsh not installed; the zsh completion not checked" >&2
fi
if command -v shellcheck >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	shellcheck -s sh $scripts || status=1
	# shellcheck disable=SC2086
	shellcheck -s bash -e SC2034,SC2207,SC2016 $bashfiles || status=1
else
	echo "lint: shellcheck not installed; only bash -n was run" >&2
fi

banned='\<(atoi|atol|sprintf|strcpy|strcat|strtok|gets)[[:space:]]*\('
if grep -nE "$banned" lib/*/*.c lib/*/*.h cmd/*.c bench/*.c tests/unit/*.c \
    tests/fuzz/*.c tests/fuzz/*.h |
    grep -v 'snprintf\|vsnprintf'; then
	echo "lint: banned functions (see STYLE.md section 2)" >&2
	status=1
fi

sh tools/layers.sh "${CS_BUILD:?}" || status=1

sh tools/manlint.sh || status=1
[ "$status" -eq 0 ] && echo "lint: clean"
exit "$status"
