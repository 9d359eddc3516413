#!/usr/bin/env bash
# completion_test.sh COMPUERTA: loads `compuerta completion bash` and runs its
# completion function the way bash does (COMP_WORDS, COMP_CWORD), checking the
# candidates for commands, groups, flags, choices, plan items and directories;
# then that every flag of every command's --help is offered.
set -uo pipefail
bin=${1:?usage: completion_test.sh COMPUERTA}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" completion bash >"$work/compuerta.bash" || { echo "FAIL: compuerta completion bash exited $?"; exit 1; }
# shellcheck disable=SC1091
source "$work/compuerta.bash"
fail=0

# candidates WORD... : the sorted candidates when the cursor ends the last word.
candidates() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _compuerta "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}"
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
# expect EXPECTED WORD... : exactly these candidates.
expect() {
    local want=$1 got
    shift
    got=$(candidates "$@")
    if [ "$got" != "$want" ]; then
        echo "FAIL: [$*<TAB>] gave [$got], expected [$want]"
        fail=1
        return 1
    fi
}
# expect_has CANDIDATE WORD... : at least this candidate.
expect_has() {
    local want=$1 got
    shift
    got=" $(candidates "$@") "
    if [[ $got != *" $want "* ]]; then
        echo "FAIL: [$*<TAB>] gave [$got], expected it to contain $want"
        fail=1
        return 1
    fi
}

expect "checklist completion config db deploy gate help maintenance notify renapo-sim rollback signoff smoke tag window" compuerta ''
expect "backup migrate restore snapshot status" compuerta db ''
expect "backup" compuerta db ba
expect "defects env qa release" compuerta gate ''
expect "backup migrate restore snapshot status" compuerta help db ''
expect "bash" compuerta completion ''
expect "close open" compuerta window ''
expect "--end --environment" compuerta window open --e
expect "html md" compuerta checklist --format ''
expect "html" compuerta checklist --format = h
expect "en es" compuerta notify --lang ''
expect "rollback" compuerta notify ro
expect_has 1.2 compuerta signoff ''
expect_has R2 compuerta signoff ''
expect "6.1 6.2 6.3 6.4" compuerta smoke --only 6.
expect "6.1 6.2 6.3 6.4" compuerta smoke --skip = 6.
expect_has --note compuerta signoff 1.2 --by ana ''
expect "--junit --junit-strict" compuerta signoff --ju
expect "--junit --junit-strict" compuerta db backup --ju
expect "--format" compuerta-db-backup --for
expect "custom directory" compuerta-db-backup --format ''
expect "--dry-run" compuerta db migrate --dry
expect "--repair-only" compuerta db snapshot --rep
expect "" compuerta db backup --dsn ''
mkdir -p "$work/cwd/backups" && touch "$work/cwd/backup.txt"
(cd "$work/cwd" && expect "backups" compuerta db backup --dir b) || fail=1
(cd "$work/cwd" && expect "backup.txt backups" compuerta db restore --manifest b) || fail=1
(cd "$work/cwd" && expect "backup.txt backups" compuerta smoke -c b) || fail=1

# Every flag each command's --help shows is offered after "--".
while IFS= read -r name; do
    case $name in completion | renapo-sim) continue ;; esac
    read -r -a words <<<"$name"
    offered=" $(candidates compuerta "${words[@]}" --) "
    for f in $("$bin" "${words[@]}" --help | grep -oE '^  (-[a-zA-Z] \[ )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+'); do
        [[ $offered == *" $f "* ]] || { echo "FAIL: compuerta $name --help shows $f, completion does not offer it"; fail=1; }
    done
done < <("$bin" --help | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\?\)  .*/\1/p')

[ "$fail" = 0 ] && echo "ok: completion candidates as declared"
exit "$fail"
