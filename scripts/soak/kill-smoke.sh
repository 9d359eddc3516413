#!/usr/bin/env bash
# Kill soak of the smoke transaction check (plan item 6.3, issue 18): runs
# `compuerta-smoke` with the example API scenario against the demo
# application and renapo-sim, kills it at a random moment (SIGKILL, SIGTERM
# or SIGINT), then runs it once normally and compares the business tables
# with those before the soak. Prints one summary line; exit 1 when any run
# went wrong. The deterministic kill tests are tests/e2e/smoke_tx_logs/.
#
#   scripts/soak/kill-smoke.sh [-n RUNS] [-d DELAY] [-t TIMEOUT] [-s SEED] [-T SECONDS]
#
#   -n RUNS     killed runs, each followed by a normal run (default 100)
#   -T SECONDS  stop starting runs after this long (default: no bound); the
#               summary then says how many of RUNS were done
#   -d DELAY    renapo-sim's answer delay: 300ms, or a random range 0-2s (default 300ms)
#   -t TIMEOUT  the check's timeout: a killed request's deadline (default 5s)
#   -s SEED     random seed, to replay a soak (default: from the clock)
#
# Environment: COMPUERTA_BIN_DIR (the built binaries; default build/ci/bin,
# else build/dev/bin), KILL_SMOKE_DIR (work directory, default a temp dir,
# kept when a run went wrong). PostgreSQL comes from scripts/pg-tmp.sh.
# Judged per run: the normal run after a kill passes (exit 0; a `warn` for a
# cleanup still unconfirmed is counted), the tables match, a run that got
# SIGTERM/SIGINT never exits 0, a replay is named on the terminal line, and
# no ledger temp file is left.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

runs=100 delay=300ms timeout=5s seed=$(date +%s) budget=0
while getopts "n:d:t:s:T:h" opt; do
    case $opt in
    n) runs=$OPTARG ;;
    T) budget=$OPTARG ;;
    d) delay=$OPTARG ;;
    t) timeout=$OPTARG ;;
    s) seed=$OPTARG ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
RANDOM=$seed

bin_dir=${COMPUERTA_BIN_DIR:-}
if [ -z "$bin_dir" ]; then
    for d in "$root/build/ci/bin" "$root/build/dev/bin"; do
        if [ -x "$d/compuerta-smoke" ]; then bin_dir=$d; break; fi
    done
fi
for b in compuerta-smoke compuerta-renapo-sim sep-muses-app; do
    if [ -z "$bin_dir" ] || [ ! -x "$bin_dir/$b" ]; then
        echo "kill-smoke: $b not found in ${bin_dir:-build/ci/bin or build/dev/bin}; build it or set COMPUERTA_BIN_DIR" >&2
        exit 2
    fi
done
for tool in psql python3 curl; do
    command -v "$tool" >/dev/null || { echo "kill-smoke: $tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
done

work=${KILL_SMOKE_DIR:-$(mktemp -d /tmp/kill-smoke.XXXXXX)}
mkdir -p "$work"
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    "$root/scripts/pg-tmp.sh" stop "$work/pg" >/dev/null 2>&1 || true
    if [ "${keep:-0}" = 0 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
# Sanitizer builds: leaks are reported with the project's suppressions.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}

# PostgreSQL with the example schema and seed.
eval "$("$root/scripts/pg-tmp.sh" start "$work/pg")"
psql -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE soak" >/dev/null
export PGDATABASE=soak
psql -qX -v ON_ERROR_STOP=1 -f "$root/examples/sep-muses/db/migrations/V1__esquema_inicial.sql" >/dev/null
psql -qX -v ON_ERROR_STOP=1 -f "$root/examples/sep-muses/db/seed.sql" >/dev/null
dsn="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=soak"
dump() {
    local t
    for t in escuelas ciclos_escolares alumnos inscripciones bajas; do
        echo "== $t"
        psql -qXAt -c "SELECT * FROM $t ORDER BY id"
    done
}
dump >"$work/before.txt"

wait_file() { local i; for i in $(seq 150); do [ -s "$1" ] && return 0; sleep 0.1; done; return 1; }
"$bin_dir/compuerta-renapo-sim" -q --port-file "$work/renapo.port" --fault "delay=$delay" >"$work/renapo.out" 2>&1 &
pids+=($!)
wait_file "$work/renapo.port" || { echo "kill-smoke: renapo-sim did not start; see $work/renapo.out" >&2; keep=1; exit 1; }
curps=XEXX010101HNEXXXA4,XEXX010101HNEXXXB2,XEXX010101HNEXXXC0,XEXX010101HNEXXXD8
SEP_MUSES_TEST_CURPS=$curps "$bin_dir/sep-muses-app" --port 0 --port-file "$work/app.port" --dsn "$dsn" \
    --renapo-url "http://127.0.0.1:$(cat "$work/renapo.port")/consulta" --release soak --log "$work/app.log" \
    >"$work/app.out" 2>&1 &
pids+=($!)
wait_file "$work/app.port" || { echo "kill-smoke: sep-muses-app did not start; see $work/app.out" >&2; keep=1; exit 1; }
url="http://127.0.0.1:$(cat "$work/app.port")"

cat >"$work/compuerta.yml" <<YAML
smoke:
  checks:
    - kind: transaction
      id: tx-api
      timeout: $timeout
      scenario: $root/examples/sep-muses/transactions/inscripcion-baja-http.yml
      base_url: $url
YAML
export COMPUERTA_JOURNAL=$work/journal COMPUERTA_TEST_CURPS=$curps
smoke() { "$bin_dir/compuerta-smoke" -c "$work/compuerta.yml" --no-color "$@"; }
now_ms() { date +%s%3N; }

# One normal run measures how long a run takes: kills fall inside it.
t0=$(now_ms)
if ! smoke >"$work/warmup.out" 2>&1; then
    echo "kill-smoke: the first normal run failed; see $work/warmup.out" >&2; cat "$work/warmup.out" >&2; keep=1; exit 1
fi
span=$(( $(now_ms) - t0 ))

n_kill=0 n_term=0 n_int=0 finished=0 false_fail=0 differ=0 passed_signal=0 replays=0 invisible=0 warned=0
stray=0 worst=0 done_runs=0
stop_at=$(( $(date +%s) + budget ))
for i in $(seq "$runs"); do
    if [ "$budget" != 0 ] && [ "$(date +%s)" -ge "$stop_at" ]; then break; fi
    done_runs=$i
    case $((RANDOM % 5)) in 0) sig=TERM; n_term=$((n_term + 1)) ;; 1) sig=INT; n_int=$((n_int + 1)) ;;
                            *) sig=KILL; n_kill=$((n_kill + 1)) ;; esac
    at=$(( (RANDOM * 32768 + RANDOM) % (span * 11 / 10 + 1) ))
    # A background job of a script ignores SIGINT; a CI job's process does not.
    env --default-signal=INT "$bin_dir/compuerta-smoke" -c "$work/compuerta.yml" --no-color >"$work/killed.out" 2>&1 &
    victim=$!
    sleep "$(awk "BEGIN { print $at / 1000 }")"
    if kill -s "$sig" "$victim" 2>/dev/null; then delivered=1; else delivered=0; fi
    set +e; { wait "$victim"; } 2>/dev/null; rc=$?; set -e
    if [ "$delivered" = 0 ]; then finished=$((finished + 1)); fi
    if [ "$delivered" = 1 ] && [ "$sig" != KILL ] && [ "$rc" = 0 ]; then
        passed_signal=$((passed_signal + 1))
        echo "run $i: SIG$sig at ${at}ms, yet exit 0:" >&2; cat "$work/killed.out" >&2
    fi
    t1=$(now_ms)
    set +e; smoke --json "$work/next.json" >"$work/next.out" 2>&1; next=$?; set -e
    took=$(( $(now_ms) - t1 )); if [ "$took" -gt "$worst" ]; then worst=$took; fi
    if [ "$next" != 0 ]; then
        false_fail=$((false_fail + 1))
        echo "run $i: SIG$sig at ${at}ms; the next run exited $next:" >&2; cat "$work/next.out" >&2
    fi
    if grep -q '"replayed_done": *"[1-9]' "$work/next.json" 2>/dev/null; then
        replays=$((replays + 1))
        grep -q "replayed from an earlier run" "$work/next.out" || invisible=$((invisible + 1))
    fi
    grep -q '"status": *"warn"' "$work/next.json" 2>/dev/null && warned=$((warned + 1))
    if ! dump | cmp -s - "$work/before.txt"; then
        differ=$((differ + 1))
        echo "run $i: SIG$sig at ${at}ms; the business tables differ after the next run:" >&2
        dump | diff "$work/before.txt" - >&2 || true
        psql -qX -c "DELETE FROM bajas WHERE inscripcion_id IN (SELECT i.id FROM inscripciones i JOIN alumnos a ON a.id = i.alumno_id WHERE a.curp LIKE 'XEXX%'); DELETE FROM inscripciones WHERE alumno_id IN (SELECT id FROM alumnos WHERE curp LIKE 'XEXX%'); DELETE FROM alumnos WHERE curp LIKE 'XEXX%'" >/dev/null
    fi
    if compgen -G "$work/journal/ledger/*.tmp*" >/dev/null; then
        stray=$((stray + 1)); echo "run $i: stray ledger temp files: $(ls "$work/journal/ledger")" >&2
    fi
done
# A request still in flight would commit within the timeout: look once more.
case $timeout in *ms) settle=1 ;; *s) settle=${timeout%s} ;; *) settle=5 ;; esac
sleep "$settle"
if ! dump | cmp -s - "$work/before.txt"; then differ=$((differ + 1)); echo "after the soak: the business tables differ" >&2; fi

bad=$((false_fail + differ + passed_signal + invisible + stray))
echo "kill-smoke: $done_runs of $runs runs (renapo delay $delay, timeout $timeout, seed $seed; SIGKILL $n_kill, SIGTERM $n_term, SIGINT $n_int; $finished finished before the signal; run ${span} ms): next run failed $false_fail, tables differed $differ, interrupted run passed $passed_signal, replays $replays (not shown $invisible), unconfirmed warn $warned, stray temp files $stray, slowest next run ${worst} ms — $([ "$bad" = 0 ] && echo OK || echo FAILED)"
if [ "$bad" != 0 ]; then keep=1; echo "kill-smoke: work directory kept: $work" >&2; exit 1; fi
