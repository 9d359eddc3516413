#!/usr/bin/env bash
# One language per output, for what a person reads before running anything:
# `compuerta --help`, every command's --help, the simulator's, and the man
# pages, in Spanish and in English, counted with stopwords.py (the other
# language's function words; flags, paths and quoted values are data). The
# baseline (help-es, help-en in baseline.json) is 0: any English sentence in a
# Spanish help fails, and the other way round.
#
#   tests/e2e/language/help_language.sh SRC BIN
set -euo pipefail
src=$1
bin=$2
work=$(mktemp -d /tmp/compuerta-help-language-XXXXXX)
trap 'rm -rf "$work"' EXIT
here="$src/tests/e2e/language"
commands=$("$bin/compuerta" --help --lang en | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\?\)  .*/\1/p')
[ -n "$commands" ] || { echo "help_language: no commands listed by compuerta --help" >&2; exit 1; }
status=0
for lang in es en; do
    log="$work/help-$lang.log"
    {
        "$bin/compuerta" --help --lang "$lang"
        while IFS= read -r name; do
            # shellcheck disable=SC2086 # "db backup" is two words
            "$bin/compuerta" $name --help --lang "$lang"
        done <<<"$commands"
        "$bin/compuerta" help --man "$work/man-$lang" --lang "$lang" >/dev/null
        for page in "$work/man-$lang"/*.1; do
            LC_ALL=C.UTF-8 MANWIDTH=100 groff -man -Tutf8 -P-c -P-b -P-u "$page" 2>/dev/null
        done
    } >"$log" 2>&1
    mkdir -p "$work/none"
    python3 "$here/stopwords.py" "$lang" "$work/none" "$log" "$src/examples/sep-muses/compuerta.yml" \
        "$here/baseline.json" --key="help-$lang" || status=1
done
exit $status
