#!/usr/bin/env bash
# One language per output (issue 12 item 5): reads the demo run with
# COMPUERTA_LANG=es and with COMPUERTA_LANG=en (tests/e2e/demo_run.sh, the
# ctest fixture `demo_runs`) and counts the other
# language's common words in everything a person reads (stopwords.py: the
# terminal, JUnit, JSON messages, notifications, checklists, post-mortem;
# data values excepted). Fails when a count exceeds
# tests/e2e/language/baseline.json, the ratchet that reaches 0 when every
# area speaks through the catalog. Each run's journal is also rendered (checklist,
# post-mortem) in the other language and counted the same way.
#
#   tests/e2e/language/demo_language.sh SRC BIN [RUNS]
#   UPDATE_BASELINE=1 tests/e2e/language/demo_language.sh SRC BIN [RUNS]
#
# RUNS: the directory demo_run.sh wrote (RUNS/es, RUNS/en and their logs);
# without it, both demos run here first.
set -euo pipefail
src=$1
bin=$2
runs=${3:-}
work=$(mktemp -d /tmp/compuerta-language-XXXXXX)
trap 'rm -rf "$work"' EXIT
here="$src/tests/e2e/language"
status=0
for lang in es en; do
    if [ -z "$runs" ]; then
        "$src/tests/e2e/demo_run.sh" "$src" "$bin" "$work/runs" "$lang"
    fi
    run=${runs:-$work/runs}/$lang
    [ -f "$run.log" ] && [ -d "$run" ] || {
        echo "demo_language: no $lang demo run in $run (tests/e2e/demo_run.sh writes it)" >&2
        exit 1
    }
    ln -s "$run" "$work/$lang"
    ln -s "$run.log" "$work/$lang.log"
    flags=()
    [ "${UPDATE_BASELINE:-0}" = 1 ] && flags=(--update)
    python3 "$here/stopwords.py" "$lang" "$work/$lang" "$work/$lang.log" "$src/examples/sep-muses/compuerta.yml" \
        "$here/baseline.json" "${flags[@]}" || status=1
    # The same journal read in the other language (issue 12 item 3: the journal
    # stores what each result means, so the record renders in either).
    other=en
    [ "$lang" = en ] && other=es
    for r in "$work/$lang"/v*/; do
        read_dir="$work/$lang-read-in-$other/$(basename "$r")"
        mkdir -p "$read_dir"
        "$bin/compuerta" checklist -q --lang "$other" --journal "$r/journal" -o "$read_dir/checklist.md"
        "$bin/compuerta" checklist -q --lang "$other" --postmortem --journal "$r/journal" -o "$read_dir/postmortem.md"
    done
    python3 "$here/stopwords.py" "$other" "$work/$lang-read-in-$other" - "$src/examples/sep-muses/compuerta.yml" \
        "$here/baseline.json" --key="$lang-read-in-$other" "${flags[@]}" || status=1
done
exit $status
