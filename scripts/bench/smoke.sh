#!/usr/bin/env bash
# Benchmark, HTTP half of issue 5: N_HTTP HTTP checks against renapo-sim with
# DELAY injected latency plus N_PG postgres checks, run by `compuerta smoke`
# (concurrency >= N_HTTP + N_PG), against the same N_HTTP requests run by
# newman (one at a time), a sequential curl loop and `xargs -P N_HTTP curl`.
# Targets: compuerta under 1.3x the slowest single check, and faster than xargs.
#
#   scripts/bench/smoke.sh            (BIN defaults to build/bench/bin, else build/dev/bin)
#
# Environment: N_HTTP (40), N_PG (4), DELAY (200ms), REPEAT (3: best of, for the
# parallel runs), BIN, and a DSN in
# BENCH_DSN for the postgres checks (default: a throwaway cluster via scripts/pg-tmp.sh).
# The log-scan half of the benchmark lives beside this one (the logs check's owner).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
N_HTTP=${N_HTTP:-40}
N_PG=${N_PG:-4}
DELAY=${DELAY:-200ms}
REPEAT=${REPEAT:-3}
if [ -z "${BIN:-}" ]; then
    BIN=$root/build/bench/bin
    [ -x "$BIN/compuerta-smoke" ] || BIN=$root/build/dev/bin
fi
for b in compuerta-smoke compuerta-renapo-sim; do
    [ -x "$BIN/$b" ] || { echo "bench: $BIN/$b missing; build first (cmake --preset bench && cmake --build --preset bench)" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "bench: curl missing" >&2; exit 2; }
"$root/scripts/setup-test-tools.sh"
newman=$root/tests/tools/smoke/node_modules/.bin/newman
[ -x "$newman" ] || { echo "bench: newman missing (scripts/setup-test-tools.sh)" >&2; exit 2; }

work=$(mktemp -d /tmp/compuerta-bench-smoke.XXXXXX)
chmod 755 "$work" # the throwaway cluster runs as the postgres user
sim_pid=""
pg_started=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
    [ -n "$pg_started" ] && "$root/scripts/pg-tmp.sh" stop "$work/pg" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

"$BIN/compuerta-renapo-sim" --fault "delay=$DELAY" --port-file "$work/port" -q >/dev/null &
sim_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$work/port")/consulta"
body='{"curp":"HEGG560427MVZRRL04","tipoBusqueda":"curp"}'

dsn=${BENCH_DSN:-}
if [ -z "$dsn" ] && [ "$N_PG" -gt 0 ]; then
    "$root/scripts/pg-tmp.sh" start "$work/pg" >/dev/null
    pg_started=1
    # shellcheck disable=SC1091
    . "$work/pg/env"
    dsn="host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
fi

# The same request everywhere: POST the JSON consult, expect 200 and codigo 01.
{
    echo "smoke:"
    echo "  concurrency: $((N_HTTP + N_PG))"
    echo "  checks:"
    for i in $(seq "$N_HTTP"); do
        cat <<YAML
    - kind: http
      id: http-$i
      url: "$url"
      method: POST
      headers: {Content-Type: application/json}
      body: '$body'
      assert: [{json: /codigo, equals: "01"}]
YAML
    done
    for i in $(seq "$N_PG"); do
        printf '    - {kind: postgres, id: pg-%s, dsn: "%s"}\n' "$i" "$dsn"
    done
} > "$work/compuerta.yml"

node -e '
const [n, url, body] = process.argv.slice(1);
const item = i => ({name: `consulta ${i}`,
  request: {method: "POST", url, header: [{key: "Content-Type", value: "application/json"}], body: {mode: "raw", raw: body}},
  event: [{listen: "test", script: {exec: ["pm.test(\"200\", () => pm.response.to.have.status(200));",
    "pm.test(\"codigo\", () => pm.expect(pm.response.json().codigo).to.eql(\"01\"));"]}}]});
console.log(JSON.stringify({info: {name: "bench", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  item: Array.from({length: +n}, (_, i) => item(i + 1))}));' "$N_HTTP" "$url" "$body" > "$work/collection.json"

now_ms() { date +%s%3N; }
time_ms() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }; echo $(( $(now_ms) - t0 )); }

curl_one() { curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$body" "$url"; }
seq_curl() { for _ in $(seq "$N_HTTP"); do curl_one; done; }
xargs_curl() {
    seq "$N_HTTP" | xargs -P "$N_HTTP" -I{} curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$body" "$url"
}
export -f curl_one

(cd "$work" && "$BIN/compuerta-smoke" -c compuerta.yml --journal "$work/journal" -q --json warm.json >/dev/null 2>&1) || true
# The parallel runs are short and noisy on a shared machine: best of REPEAT.
t_compuerta=""; slowest=""; t_xargs=""
for _ in $(seq "$REPEAT"); do
    t=$(cd "$work" && time_ms "$BIN/compuerta-smoke" -c compuerta.yml --journal "$work/journal" -q --json report.json)
    if [ -z "$t_compuerta" ] || [ "$t" -lt "$t_compuerta" ]; then
        t_compuerta=$t
        slowest=$(node -e 'const r=require(process.argv[1]); console.log(Math.max(...r.suites[0].checks.map(c=>c.duration_ms)))' "$work/report.json")
    fi
    t=$(time_ms xargs_curl)
    if [ -z "$t_xargs" ] || [ "$t" -lt "$t_xargs" ]; then t_xargs=$t; fi
done
t_newman=$(time_ms "$newman" run "$work/collection.json" --reporters cli --bail)
t_seq=$(time_ms seq_curl)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "smoke benchmark: $N_HTTP HTTP checks with $DELAY injected latency + $N_PG postgres checks (compuerta concurrency $((N_HTTP + N_PG)); best of $REPEAT for compuerta and xargs; load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-28s %8s ms\n' "compuerta smoke" "$t_compuerta" "slowest single check" "$slowest" \
    "newman (sequential)" "$t_newman" "curl loop (sequential)" "$t_seq" "xargs -P $N_HTTP curl" "$t_xargs"
echo "compuerta / slowest check:  $(ratio "$t_compuerta" "$slowest")x  (target < 1.3)"
echo "compuerta / xargs -P curl:  $(ratio "$t_compuerta" "$t_xargs")x  (target < 1.0)"
echo "newman / compuerta:         $(ratio "$t_newman" "$t_compuerta")x"
echo "curl loop / compuerta:      $(ratio "$t_seq" "$t_compuerta")x"
