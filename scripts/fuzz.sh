#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz) for N minutes each, one after the
# other, starting from its committed corpus, and prints executions and
# coverage per target. New inputs go to build/clang-fuzz/corpus/<target>
# (the committed corpus is never written); crashes to
# build/clang-fuzz/crashes/<target>/ — copy each into
# tests/fuzz/corpus/<target>/ once fixed, so CI replays it for good.
#
#   scripts/fuzz.sh [MINUTES] [TARGET...]      (default 10 minutes, all)
#   FUZZ_PARALLEL=2 scripts/fuzz.sh 10         (two targets at a time)
#
# Needs clang 16 (apt-get install clang-16); CPU-bound: keep FUZZ_PARALLEL at
# most the number of idle cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-10}
shift || true
build=${COMPUERTA_FUZZ_BUILD:-$root/build/clang-fuzz}
cxx=${CXX_FUZZ:-clang++-16}
cc=${CC_FUZZ:-clang-16}
command -v "$cxx" >/dev/null || { echo "fuzz.sh: $cxx not found; apt-get install clang-16" >&2; exit 2; }

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n '/^set(COMPUERTA_FUZZ_TARGETS/,/)/p' "$root/tests/fuzz/targets.cmake" |
                         tr ' )' '\n\n' | grep '_fuzz$')
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
      -DCOMPUERTA_FUZZ=ON -DCOMPUERTA_TESTS=OFF -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -O1 -g" \
      >/dev/null
cmake --build "$build" -j"${FUZZ_JOBS:-2}" --target "${targets[@]}"

# fuzz_one TARGET: runs it for MINUTES and prints its line.
fuzz_one() {
  local t=$1 work crashes log execs cov ft found
  work="$build/corpus/$t"
  crashes="$build/crashes/$t"
  mkdir -p "$work" "$crashes"
  log="$build/$t.log"
  "$build/tests/fuzz/$t" "$work" "$root/tests/fuzz/corpus/$t" -max_total_time=$((minutes * 60)) \
      -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" >"$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  found=$(find "$crashes" -type f | wc -l)
  printf '%-18s %12s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$found"
}

printf '%-18s %12s %8s %8s %s\n' target executions cov ft crashes
# FUZZ_PARALLEL targets at a time (default 1: the figures then measure one
# core each); each still runs MINUTES of wall time.
parallel=${FUZZ_PARALLEL:-1}
running=0
for t in "${targets[@]}"; do
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
