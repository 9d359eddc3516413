#!/usr/bin/env bash
# Runs the demo once in one language for the tests that read its record
# (ctest fixture `demo_runs`, tests/e2e/demo.cmake): e2e_demo_golden reads the
# Spanish run, e2e_demo_language both. Two demo pipelines instead of three.
#
#   tests/e2e/demo_run.sh SRC BIN OUT LANG
#
# Writes OUT/LANG/ (the demo's output) and OUT/LANG.log (its terminal), after
# removing what an earlier run left there.
set -euo pipefail
src=$1
bin=$2
out=$3
lang=$4
rm -rf "${out:?}/$lang" "$out/$lang.log"
mkdir -p "$out"
export TZ=America/Mexico_City
if ! COMPUERTA_LANG=$lang COMPUERTA_DEMO_BIN="$bin" COMPUERTA_DEMO_OUT="$out/$lang" \
    "$src/scripts/demo.sh" >"$out/$lang.log" 2>&1; then
    tail -n 40 "$out/$lang.log"
    echo "demo_run: the demo failed with COMPUERTA_LANG=$lang (log above, whole in $out/$lang.log)" >&2
    exit 1
fi
echo "demo_run: the $lang demo passed; its record is in $out/$lang"
