#!/usr/bin/env bash
# The example configurations stay valid for `config check` (the rules of
# tests/fixtures/config/broken/ must not reject a real file).
# Usage: valid_examples_test.sh COMPUERTA SOURCE_DIR
set -u
compuerta=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for cfg in "$src/examples/sep-muses/compuerta.yml"; do
    out=$(env -u COMPUERTA_CONFIG COMPUERTA_JOURNAL="$work/journal" "$compuerta" config check --lang en -c "$cfg" 2>&1)
    rc=$?
    if [[ $rc -ne 0 || $out != *"$cfg: valid"* ]]; then
        echo "FAIL: config check -c $cfg exited $rc:" >&2
        printf '%s\n' "$out" >&2
        failed=1
    else
        echo "ok: $cfg is valid"
    fi
done
exit $failed
