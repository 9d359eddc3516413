#!/usr/bin/env bash
# One broken configuration (tests/fixtures/config/broken/*.yaml): its
# `# expect:` comments are the problems, in order, that `config check` must
# report, and its `# command:` is a command that reads the key: it must stop
# with exit 2 reporting exactly the same problems (one validation, 4 of
# issue 13).
# Usage: broken_config_test.sh COMPUERTA FIXTURE
set -u
compuerta=$1
fixture=$2
dir=$(dirname "$fixture")
name=$(basename "$fixture")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expected=$(sed -n 's/^# expect: //p' "$fixture")
command=$(sed -n 's/^# command: //p' "$fixture")
if [[ -z $expected || -z $command ]]; then
    echo "FAIL: $fixture has no '# expect:' or '# command:' line" >&2
    exit 1
fi

failed=0
# Runs compuerta with ARGS on the fixture; compares exit code and problems.
check() {
    local label=$1
    shift
    local out rc problems
    out=$(cd "$dir" && env -u COMPUERTA_CONFIG COMPUERTA_JOURNAL="$work/journal" \
        "$compuerta" "$@" -c "$name" 2>&1)
    rc=$?
    # The problems are the indented "FILE:LINE:COLUMN: key: message" lines.
    problems=$(printf '%s\n' "$out" | sed -n "s/^  \($name:[0-9]*:[0-9]*: .*\)$/\1/p")
    if [[ $rc -ne 2 ]]; then
        echo "FAIL: $label exited $rc, expected 2 (invalid configuration). Output:" >&2
        printf '%s\n' "$out" >&2
        failed=1
    fi
    if [[ $problems != "$expected" ]]; then
        echo "FAIL: $label reported other problems than $name states." >&2
        diff <(printf '%s\n' "$expected") <(printf '%s\n' "$problems") | sed 's/^/  /' >&2
        echo "Output:" >&2
        printf '%s\n' "$out" >&2
        failed=1
    fi
}

check "compuerta config check" config check
read -r -a words <<<"$command"
check "compuerta $command" "${words[@]}"
if [[ $failed -eq 0 ]]; then
    echo "ok: $name: config check and '$command' both report $(printf '%s\n' "$expected" | wc -l) problem(s)"
fi
exit $failed
