#!/usr/bin/env bash
# Benchmark: the time from a failed smoke to a verified rollback
# (compuerta rollback: decision, db restore, redeploy, smoke) against the bare
# `pg_restore -j2` of the same backup, in the same run, on a generated
# SEP-MUSES database.
#
#   scripts/bench/rollback.sh                  # ROLLBACK_BENCH_MB=1024 (about 1 GiB)
#   ROLLBACK_BENCH_MB=256 scripts/bench/rollback.sh
#
# Env: ROLLBACK_BENCH_MB (database size, MiB), ROLLBACK_BENCH_JOBS (2),
# BUILD (build directory, default build/bench, else build/dev), DB_BIN
# (directory of compuerta-db-backup/-restore when not beside
# compuerta-rollback). Starts its own throwaway cluster (scripts/pg-tmp.sh)
# unless PGHOST is set. maintenance, notify and checklist are stubs that
# exit 0 (they are not what is measured); restore and smoke are the real ones.
# Target: rollback under 1.2x the bare restore. db restore runs with its
# default jobs (database.restore.jobs, 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mb=${ROLLBACK_BENCH_MB:-1024}
jobs=${ROLLBACK_BENCH_JOBS:-2}
build=${BUILD:-$root/build/bench}
[ -x "$build/bin/compuerta-rollback" ] || build=$root/build/dev
bin=$build/bin
db_bin=${DB_BIN:-$bin}
for p in "$bin/compuerta-rollback" "$bin/compuerta-smoke" "$db_bin/compuerta-db-backup" "$db_bin/compuerta-db-restore"; do
    [ -x "$p" ] || { echo "rollback.sh: $p missing: build everything first (or set DB_BIN)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/compuerta-bench-rollback-XXXXXX)
chmod 755 "$work" # the cluster runs as the postgres user when we are root
own_cluster=0
cleanup() {
    [ "$own_cluster" = 1 ] && "$root/scripts/pg-tmp.sh" stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${PGHOST:-}" ]; then
    env_lines=$("$root/scripts/pg-tmp.sh" start "$work/pg") || { echo "rollback.sh: cannot start a cluster" >&2; exit 2; }
    eval "$env_lines"
    own_cluster=1
fi
pgbin=${COMPUERTA_PG_BIN:-$(dirname "$(command -v pg_restore)")}
export COMPUERTA_PG_BIN=$pgbin
run_id=bench-$$
export COMPUERTA_RUN=$run_id COMPUERTA_JOURNAL=$work/journal
db=sep_rollback_bench

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

echo "== generating about ${mb} MiB of SEP-MUSES data in $db" >&2
q postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
q postgres "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$root/examples/sep-muses/db/migrations/V1__esquema_inicial.sql" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$root/examples/sep-muses/db/seed.sql" >/dev/null
rows=$(( mb * 1024 * 1024 / 420 )) # about 420 bytes per alumno + inscripcion on disk
batch=500000
for ((start = 1000; start < rows + 1000; start += batch)); do
    end=$(( start + batch - 1 )); [ $end -ge $((rows + 1000)) ] && end=$((rows + 999))
    q $db "INSERT INTO alumnos (curp, nombre, primer_apellido, segundo_apellido, fecha_nacimiento)
           SELECT 'GOMC' || lpad((g % 1000000)::text, 6, '0') || 'HDFRRR'
                  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (g / 1000000) % 36 + 1, 1) || ((g / 36000000) % 10),
                  'NOMBRE ' || md5(g::text), 'APELLIDO ' || substr(md5((g * 7)::text), 1, 12),
                  substr(md5((g * 13)::text), 1, 10), date '2010-01-01' + (g % 3650)
           FROM generate_series($start, $end) g"
    q $db "INSERT INTO inscripciones (alumno_id, escuela_id, ciclo_id, grado)
           SELECT id, 1 + id % 3, 2, 1 + id % 6 FROM alumnos WHERE id > (SELECT coalesce(max(alumno_id), 0) FROM inscripciones)"
done
q $db "VACUUM ANALYZE"
size=$(q $db "SELECT pg_database_size('$db')")
echo "database size: $(( size / 1024 / 1024 )) MiB ($rows alumnos)" >&2

cat > "$work/compuerta.yml" <<YML
database:
  dsn: "dbname=$db"
deploy:
  commands:
    - "echo {tag} > $work/deployed.txt"
smoke:
  checks:
    - {kind: postgres, id: db, item: "6.1", query: "SELECT count(*) FROM inscripciones"}
YML
mkdir -p "$work/stubs"
for s in compuerta-maintenance compuerta-notify compuerta-checklist; do
    printf '#!/bin/sh\nexit 0\n' > "$work/stubs/$s"; chmod +x "$work/stubs/$s"
done

echo "== backup (compuerta db backup)" >&2
"$db_bin/compuerta-db-backup" -c "$work/compuerta.yml" --dir "$work/backups" -j"$jobs" -q >/dev/null
manifest=$(ls "$work"/backups/*/manifest.json | head -1)
dump_dir=$(dirname "$(find "$(dirname "$manifest")" -name toc.dat | head -1)")

# What the window did before smoke failed: a migration and the deploy of v2 over v1.
ev() { printf '{"ts":"%s","run":"%s","job":"bench","event":"%s","item":"%s","command":"%s","status":"%s","summary":"bench"%s}\n' \
         "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$run_id" "$1" "$2" "$3" "$4" "${5:-}" >> "$COMPUERTA_JOURNAL/$run_id-bench-seed.jsonl"; }
ev migrate.done 3 "db migrate" ok ',"applied":["2"]'
ev deploy.start 4 deploy started ',"release":"v2","previous_release":"v1"'
ev deploy.done 5 deploy ok ',"release":"v2","previous_release":"v1"'
ev check 6.3 smoke fail ',"check":"inscripcion"'

echo "== bare pg_restore -j$jobs of the same backup" >&2
q postgres "DROP DATABASE IF EXISTS ${db}_bare WITH (FORCE)"
q postgres "CREATE DATABASE ${db}_bare TEMPLATE template0"
t0=$(now); "$pgbin/pg_restore" -j"$jobs" -d ${db}_bare "$dump_dir"; t1=$(now)
bare=$(secs "$t0" "$t1")
q postgres "DROP DATABASE ${db}_bare WITH (FORCE)"

echo "== compuerta rollback" >&2
t0=$(now)
COMPUERTA_EXEC_PATH="$work/stubs:$db_bin" "$bin/compuerta-rollback" -c "$work/compuerta.yml" -q \
    --verify-junit "$work/verify.xml" --postmortem "$work/pm.md" >/dev/null
t1=$(now)
total=$(secs "$t0" "$t1")
[ "$(cat "$work/deployed.txt")" = v1 ] || { echo "rollback.sh: v1 was not redeployed" >&2; exit 1; }
split=$(python3 - "$COMPUERTA_JOURNAL" <<'PY'
import glob, json, sys
parts = []
for f in sorted(glob.glob(sys.argv[1] + "/*.jsonl")):
    for line in open(f):
        e = json.loads(line)
        if e.get("event", "").startswith("rollback.") and e.get("status") == "ok" and "duration_ms" in e:
            parts.append(f'{e["event"][9:]}={e["duration_ms"] / 1000:.2f}s')
print(" ".join(parts))
PY
)
for d in $(q postgres "SELECT datname FROM pg_database WHERE datname LIKE '${db}%'"); do q postgres "DROP DATABASE \"$d\" WITH (FORCE)"; done

cat <<REPORT
rollback benchmark: database $(( size / 1024 / 1024 )) MiB on disk, jobs $jobs
  pg_restore -j$jobs (bare)            ${bare}s
  compuerta rollback (verified)      ${total}s   ratio $(python3 -c "print(f'{$total / $bare:.2f}x')")  (target < 1.2x)
  split: $split
REPORT
