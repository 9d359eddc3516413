#!/usr/bin/env bash
# Benchmark of `compuerta gate qa` (plan item 3.1). Not part of the test suite.
#
# 1. BENCH_FILES JUnit files (default 500) holding BENCH_CASES test cases in
#    total (default 200000): gate qa's wall time and peak memory, compared in
#    the same run with xmllint --noout parsing the same files (the floor) and
#    junit-report-merger (npm, tests/tools/gates) merging them.
#    Targets: within 2x of xmllint, at least 10x faster than junit-report-merger.
# 2. One report of BENCH_BIG_MB MiB (default 200): gate qa's peak memory.
#    Target: under 100 MiB.
#
# Usage: scripts/bench/qa-gate.sh [BUILD_DIR]
#        (default build/bench: cmake --preset bench && cmake --build build/bench --target compuerta-gate-qa)
# Env:   BENCH_FILES, BENCH_CASES, BENCH_BIG_MB, BENCH_DIR (kept when set)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/bench}
gate=$build/bin/compuerta-gate-qa
files=${BENCH_FILES:-500}
cases=${BENCH_CASES:-200000}
big_mb=${BENCH_BIG_MB:-200}
jrm=$root/tests/tools/gates/node_modules/.bin/jrm

[ -x "$gate" ] || { echo "qa-gate.sh: $gate not built (cmake --preset bench && cmake --build build/bench --target compuerta-gate-qa)" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "qa-gate.sh: xmllint missing (apt-get install libxml2-utils)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "qa-gate.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
if [ ! -x "$jrm" ]; then
    echo "qa-gate.sh: installing junit-report-merger (scripts/setup-test-tools.sh)" >&2
    "$root/scripts/setup-test-tools.sh"
fi

work=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/reports" "$work/big"

echo "qa-gate.sh: writing $files files with $cases test cases in $work" >&2
python3 - "$work/reports" "$files" "$cases" <<'PY'
import sys
out, files, cases = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per = cases // files
extra = cases - per * files
n = 0
for f in range(files):
    k = per + (1 if f < extra else 0)
    with open("%s/TEST-suite%04d.xml" % (out, f), "w") as w:
        w.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="mx.sep.muses.Suite%d" tests="%d" failures="0" errors="0" skipped="0" time="1.0">\n' % (f, k))
        for i in range(k):
            n += 1
            if n % 1000 == 0:
                w.write('<testcase classname="mx.sep.muses.Suite%d" name="skipped%d" time="0.001"><skipped message="not on this runner"/></testcase>\n' % (f, i))
            else:
                w.write('<testcase classname="mx.sep.muses.Suite%d" name="inscripcion_caso_%d" time="0.004"><system-out>alumno %d inscrito</system-out></testcase>\n' % (f, i, n))
        w.write('</testsuite>\n</testsuites>\n')
PY

echo "qa-gate.sh: writing one report of $big_mb MiB" >&2
python3 - "$work/big/big.xml" "$big_mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
limit = mb * 1024 * 1024
line = '<testcase classname="mx.sep.muses.Grande" name="caso_%d" time="0.001"><system-out>%s</system-out></testcase>\n'
pad = "x" * 120
with open(path, "w") as w:
    w.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="grande">\n')
    i, size = 0, 0
    while size < limit:
        s = line % (i, pad)
        w.write(s)
        size += len(s)
        i += 1
    w.write('</testsuite></testsuites>\n')
PY

# measure NAME CMD...: prints "NAME wall_s peak_kib exit"
measure() {
    local name=$1
    shift
    local log="$work/time-$name.log"
    set +e
    /usr/bin/time -v -o "$log" "$@" >"$work/out-$name.log" 2>&1
    local rc=$?
    set -e
    local wall peak
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    echo "$name $wall $peak $rc"
}

cd "$work"
g=$(measure gate "$gate" --journal "$work/journal" --reports "$work/reports/*.xml" -q)
x=$(measure xmllint sh -c "xmllint --noout $work/reports/*.xml")
j=$(measure jrm "$jrm" "$work/merged.xml" "$work/reports/*.xml")
b=$(measure gate-big "$gate" --journal "$work/journal" --reports "$work/big/big.xml" -q)
xb=$(measure xmllint-big xmllint --noout --stream "$work/big/big.xml")

read -r _ gw gp grc <<<"$g"
read -r _ xw xp _ <<<"$x"
read -r _ jw jp jrc <<<"$j"
read -r _ bw bp brc <<<"$b"
read -r _ xbw xbp _ <<<"$xb"
grep -h "tests in" "$work/out-gate.log" "$work/out-gate-big.log" | sed 's/^/  gate qa: /' || true

printf '\n%-28s %10s %12s %6s\n' "tool ($files files, $cases cases)" "wall s" "peak MiB" "exit"
printf '%-28s %10.2f %12.1f %6s\n' "compuerta gate qa" "$gw" "$(echo "$gp/1024" | bc -l)" "$grc"
printf '%-28s %10.2f %12.1f %6s\n' "xmllint --noout" "$xw" "$(echo "$xp/1024" | bc -l)" "-"
printf '%-28s %10.2f %12.1f %6s\n' "junit-report-merger (jrm)" "$jw" "$(echo "$jp/1024" | bc -l)" "$jrc"
printf '\n%-28s %10s %12s %6s\n' "one report of $big_mb MiB" "wall s" "peak MiB" "exit"
printf '%-28s %10.2f %12.1f %6s\n' "compuerta gate qa" "$bw" "$(echo "$bp/1024" | bc -l)" "$brc"
printf '%-28s %10.2f %12.1f %6s\n' "xmllint --noout --stream" "$xbw" "$(echo "$xbp/1024" | bc -l)" "-"

ratio() { printf "%.2f" "$(echo "($1 + 0.001) / ($2 + 0.001)" | bc -l)"; }
echo
echo "gate qa / xmllint wall:            $(ratio "$gw" "$xw")x   (target <= 2)"
echo "junit-report-merger / gate qa:     $(ratio "$jw" "$gw")x   (target >= 10)"
echo "gate qa peak on $big_mb MiB:          $(echo "scale=1; $bp/1024" | bc -l) MiB (target < 100)"
