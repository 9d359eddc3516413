#!/usr/bin/env bash
# The test command: installs what is missing, builds with the `ci` preset
# (g++, ASan+UBSan, -Werror) unless COMPUERTA_PRESET says otherwise, and runs
# every test with ctest. ctest starts and stops the throwaway PostgreSQL
# (fixture `pg`) and every server a test needs. Exit code: ctest's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
preset=${COMPUERTA_PRESET:-ci}
jobs=${COMPUERTA_JOBS:-$(nproc)}

scripts/install-deps.sh
if [ -x scripts/setup-test-tools.sh ]; then scripts/setup-test-tools.sh; fi

# ccache, keyed relative to the checkout, so a fresh clone elsewhere reuses
# the objects of an earlier build of the same sources.
launcher=()
if command -v ccache >/dev/null; then
    export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros}
    export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

echo "== configure ($preset)"
cmake --preset "$preset" "${launcher[@]}" >/dev/null
echo "== build"
cmake --build --preset "$preset" -j "$jobs"
echo "== test"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
ctest --preset "$preset" -j "$jobs" "$@"
