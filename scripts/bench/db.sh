#!/usr/bin/env bash
# Benchmark: compuerta db backup / db restore against bare pg_dump -Fd -j2 and
# pg_restore -j2 of the same generated SEP-MUSES database, in the same run.
#
#   scripts/bench/db.sh            # DB_BENCH_MB=1024 (about 1 GiB on disk)
#   DB_BENCH_MB=256 scripts/bench/db.sh
#
# Env: DB_BENCH_MB (database size to generate, MiB), DB_BENCH_JOBS (2),
# DB_BENCH_REPEAT (2: rounds, the best of each is reported),
# BUILD (build directory with bin/compuerta-db-*, default build/bench, else
# build/dev). Starts its own throwaway cluster (scripts/pg-tmp.sh) unless
# PGHOST is set. Prints each phase, compuerta's split (dump, read-back,
# checksums, manifest; checksums, restore, verify, swap) and the overhead ratios.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mb=${DB_BENCH_MB:-1024}
jobs=${DB_BENCH_JOBS:-2}
build=${BUILD:-$root/build/bench}
[ -x "$build/bin/compuerta-db-backup" ] || build=$root/build/dev
bin=$build/bin
[ -x "$bin/compuerta-db-backup" ] || { echo "db.sh: build first (cmake --preset bench && cmake --build --preset bench)" >&2; exit 2; }

work=$(mktemp -d /tmp/compuerta-bench-db-XXXXXX)
chmod 755 "$work" # the cluster runs as the postgres user when we are root
own_cluster=0
cleanup() {
    [ "$own_cluster" = 1 ] && "$root/scripts/pg-tmp.sh" stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${PGHOST:-}" ]; then
    env_lines=$("$root/scripts/pg-tmp.sh" start "$work/pg") || { echo "db.sh: cannot start a cluster" >&2; exit 2; }
    eval "$env_lines"
    own_cluster=1
fi
pgbin=${COMPUERTA_PG_BIN:-$(dirname "$(command -v pg_dump)")}
export COMPUERTA_RUN=bench-$$ COMPUERTA_JOURNAL=$work/journal
db=sep_bench

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

echo "== generating about ${mb} MiB of SEP-MUSES data in $db" >&2
q postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
q postgres "CREATE DATABASE $db"
"$bin/compuerta-db-migrate" --dsn "dbname=$db" --dir "$root/examples/sep-muses/db/migrations" --no-backup-check -q >/dev/null 2>&1
psql -X -q -d $db -f "$root/examples/sep-muses/db/seed.sql" >/dev/null
# About 455 bytes per alumno (row, indexes, one inscripcion) on disk.
rows=$(( mb * 1024 * 1024 / 455 ))
batch=500000
for ((start = 1000; start < rows + 1000; start += batch)); do
    end=$(( start + batch - 1 )); [ $end -ge $((rows + 1000)) ] && end=$((rows + 999))
    q $db "INSERT INTO alumnos (curp, nombre, primer_apellido, segundo_apellido, fecha_nacimiento, telefono_tutor)
           SELECT 'GOMC' || lpad((g % 1000000)::text, 6, '0') || 'HDFRRR'
                  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (g / 1000000) % 36 + 1, 1) || ((g / 36000000) % 10),
                  'NOMBRE ' || md5(g::text), 'APELLIDO ' || substr(md5((g * 7)::text), 1, 12),
                  substr(md5((g * 13)::text), 1, 10), date '2010-01-01' + (g % 3650),
                  lpad((g % 10000000000)::text, 10, '0')
           FROM generate_series($start, $end) g"
    q $db "INSERT INTO inscripciones (alumno_id, escuela_id, ciclo_id, grado)
           SELECT id, 1 + id % 3, 2, 1 + id % 6 FROM alumnos WHERE id BETWEEN $start AND $end"
done
q $db "VACUUM ANALYZE"
size=$(q $db "SELECT pg_database_size('$db')")
echo "database size: $(( size / 1024 / 1024 )) MiB ($rows alumnos)" >&2

# Each measurement DB_BENCH_REPEAT times (default 2), bare tools first in
# each round; the best time of each counts (the machine is shared and noisy).
repeat=${DB_BENCH_REPEAT:-2}
best() { python3 -c "print(min(float(x) for x in '$1'.split()))"; }
bare_dumps="" cmp_backups="" bare_restores="" cmp_restores=""
for ((round = 1; round <= repeat; round++)); do
    echo "== round $round/$repeat" >&2
    rm -rf "$work/bare"
    t0=$(now); "$pgbin/pg_dump" -Fd -j"$jobs" -f "$work/bare" -d $db; t1=$(now)
    bare_dumps+=" $(secs "$t0" "$t1")"
    dump_bytes=$(du -sb "$work/bare" | cut -f1)

    t0=$(now); "$bin/compuerta-db-backup" --dsn "dbname=$db" --dir "$work/backups" -j"$jobs" --keep 1 -q >/dev/null; t1=$(now)
    cmp_backups+=" $(secs "$t0" "$t1")"
    manifest=$(ls -d "$work"/backups/*/manifest.json | tail -1)

    q postgres "DROP DATABASE IF EXISTS ${db}_bare WITH (FORCE)"
    q postgres "CREATE DATABASE ${db}_bare TEMPLATE template0"
    t0=$(now); "$pgbin/pg_restore" -j"$jobs" -d ${db}_bare "$work/bare"; t1=$(now)
    bare_restores+=" $(secs "$t0" "$t1")"
    q postgres "DROP DATABASE ${db}_bare WITH (FORCE)"

    t0=$(now); "$bin/compuerta-db-restore" --dsn "dbname=$db" --manifest "$manifest" -j"$jobs" -q >/dev/null; t1=$(now)
    cmp_restores+=" $(secs "$t0" "$t1")"
    for d in $(q postgres "SELECT datname FROM pg_database WHERE datname LIKE '${db}_%'"); do q postgres "DROP DATABASE \"$d\" WITH (FORCE)"; done
done
rm -rf "$work/bare"
bare_dump=$(best "$bare_dumps") cmp_backup=$(best "$cmp_backups")
bare_restore=$(best "$bare_restores") cmp_restore=$(best "$cmp_restores")

split_of() { # the journal's evidence of the last event $1: name=seconds
    python3 - "$COMPUERTA_JOURNAL" "$1" <<'PY'
import glob, json, sys
last = None
for f in glob.glob(sys.argv[1] + "/*.jsonl"):
    for line in open(f):
        e = json.loads(line)
        if e.get("event") == sys.argv[2] and (last is None or e["ts"] > last["ts"]):
            last = e
if last:
    print(" ".join(f"{k[:-3]}={v/1000:.2f}s" for k, v in sorted(last["evidence"].items())))
PY
}
split_backup=$(split_of backup.done)
split_restore=$(split_of restore.done)

ratio() { python3 -c "print(f'{($1 - $2) / $2 * 100:+.1f}%')"; }
cat <<REPORT
db benchmark: database $(( size / 1024 / 1024 )) MiB on disk, dump $(( dump_bytes / 1024 / 1024 )) MiB, jobs $jobs
  (best of $repeat; all runs: pg_dump$bare_dumps / backup$cmp_backups / pg_restore$bare_restores / restore$cmp_restores)
  backup   pg_dump -Fd -j$jobs       ${bare_dump}s
           compuerta db backup     ${cmp_backup}s   overhead $(ratio "$cmp_backup" "$bare_dump")  (target < +35%)
           split: $split_backup
  restore  pg_restore -j$jobs        ${bare_restore}s
           compuerta db restore    ${cmp_restore}s   overhead $(ratio "$cmp_restore" "$bare_restore")  (target < +10%)
           split: $split_restore
REPORT
