#!/usr/bin/env bash
# Benchmark: start-up of the one executable. `compuerta --help` (English and
# Spanish: the catalog's cost) and `compuerta help db backup`, against
# `git --help` measured in the same run as the reference of a CLI that lists
# its commands without starting a process.
#
#   scripts/bench/startup.sh             # RUNS=10
#   RUNS=50 BIN=build/ci/bin scripts/bench/startup.sh
#
# BIN: directory with compuerta (default build/bench/bin, the Release build;
# else build/ci/bin). Prints the median wall time of each in ms and the ratio
# to git. Never part of the test suite.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-10}
if [ -z "${BIN:-}" ]; then
    BIN=$here/build/bench/bin
    [ -x "$BIN/compuerta" ] || BIN=$here/build/ci/bin
fi
[ -x "$BIN/compuerta" ] || { echo "bench: no compuerta in $BIN (build it first)" >&2; exit 2; }
command -v git >/dev/null || { echo "bench: git missing" >&2; exit 2; }

# median_ms CMD...: the median of RUNS wall times, in ms with one decimal.
median_ms() {
    local times=() i t0 t1
    "$@" >/dev/null 2>&1 || true # warm the page cache
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
git_ms=$(median_ms git --help)
en_ms=$(median_ms "$BIN/compuerta" --help --lang en)
es_ms=$(median_ms "$BIN/compuerta" --help --lang es)
cmd_ms=$(median_ms "$BIN/compuerta" help db backup)
ratio() { awk -v a="$1" -v b="$git_ms" 'BEGIN {printf "%.1f", a / b}'; }
echo "startup (median of $RUNS, $BIN):"
printf '  %-36s %8s ms\n' "git --help (reference)" "$git_ms"
printf '  %-36s %8s ms  (%sx git)\n' "compuerta --help --lang en" "$en_ms" "$(ratio "$en_ms")"
printf '  %-36s %8s ms  (%sx git)\n' "compuerta --help --lang es" "$es_ms" "$(ratio "$es_ms")"
printf '  %-36s %8s ms  (%sx git)\n' "compuerta help db backup" "$cmd_ms" "$(ratio "$cmd_ms")"
awk -v en="$en_ms" -v es="$es_ms" 'BEGIN {printf "  Spanish catalog over English: %+.1f ms\n", es - en}'
