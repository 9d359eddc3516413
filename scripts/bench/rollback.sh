#!/usr/bin/env bash
# Benchmark: the time from a failed smoke to a verified rollback
# (compuerta rollback: decision, db restore, redeploy, smoke) by its two
# paths — the snapshot swapped in (db snapshot) and the dump restored — against
# the bare `pg_restore -j2` of the same backup, in the same run, on generated
# SEP-MUSES databases of each size in ROLLBACK_BENCH_SIZES.
#
#   scripts/bench/rollback.sh                              # 200 MiB and 1 GiB
#   ROLLBACK_BENCH_SIZES=256 scripts/bench/rollback.sh
#
# Env: ROLLBACK_BENCH_SIZES (MiB, default "200 1024"), ROLLBACK_BENCH_JOBS (2),
# BUILD (build directory, default build/bench, else build/dev), DB_BIN
# (directory of compuerta-db-backup/-restore/-snapshot when not beside
# compuerta-rollback). Starts its own throwaway cluster (scripts/pg-tmp.sh)
# unless PGHOST is set. maintenance, notify and checklist are stubs that
# write a passing --json report (they are not what is measured); restore and
# smoke are the real ones.
# Targets: dump path under 1.2x the bare restore; snapshot path (end to end)
# at most 0.15x the bare restore at 1 GiB; db snapshot adding at most 25 % to
# db backup. The snapshot's verification is reported apart from its swap,
# with the row-count fallback measured and scaled to 20 GB.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sizes=${ROLLBACK_BENCH_SIZES:-${ROLLBACK_BENCH_MB:-200 1024}}
jobs=${ROLLBACK_BENCH_JOBS:-2}
build=${BUILD:-$root/build/bench}
[ -x "$build/bin/compuerta-rollback" ] || build=$root/build/dev
bin=$build/bin
db_bin=${DB_BIN:-$bin}
for p in "$bin/compuerta-rollback" "$bin/compuerta-smoke" "$db_bin/compuerta-db-backup" "$db_bin/compuerta-db-restore" "$db_bin/compuerta-db-snapshot"; do
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
db=sep_rollback_bench

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
mkdir -p "$work/stubs"
for s in compuerta-maintenance compuerta-notify compuerta-checklist; do
    cat > "$work/stubs/$s" <<'STUB'
#!/bin/sh
# Writes the --json report the rollback reads back, as the real command does.
prev=""
for a in "$@"; do
  if [ "$prev" = --json ]; then
    printf '{"exit_code":0,"suites":[{"name":"stub","checks":[{"id":"stub","status":"pass","message":"stub"}]}]}\n' > "$a"
  fi
  if [ "$prev" = -o ]; then echo "# post-mortem (stub)" > "$a"; fi
  prev=$a
done
exit 0
STUB
    chmod +x "$work/stubs/$s"
done
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

generate() { # $1: MiB
    local mb=$1
    echo "== generating about ${mb} MiB of SEP-MUSES data in $db" >&2
    for d in $(q postgres "SELECT datname FROM pg_database WHERE datname LIKE '${db}%'"); do q postgres "DROP DATABASE \"$d\" WITH (FORCE)"; done
    q postgres "CREATE DATABASE $db"
    psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$root/examples/sep-muses/db/migrations/V1__esquema_inicial.sql" >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -d $db -f "$root/examples/sep-muses/db/seed.sql" >/dev/null
    local rows=$(( mb * 1024 * 1024 / 420 )) # about 420 bytes per alumno + inscripcion on disk
    local batch=500000 start end
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
}

# What the window did before smoke failed: the backup, a migration and the deploy of v2 over v1.
seed_journal() { # $1: run id, $2: manifest
    local run=$1 manifest=$2
    ev() { printf '{"ts":"%s","run":"%s","job":"bench","event":"%s","item":"%s","command":"%s","status":"%s","summary":"bench"%s}\n' \
             "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$run" "$1" "$2" "$3" "$4" "${5:-}" >> "$COMPUERTA_JOURNAL/$run-bench-seed.jsonl"; }
    ev backup.done 2.2 "db backup" ok ",\"manifest\":\"$manifest\",\"database\":\"$db\",\"tag\":\"v2\",\"previous_tag\":\"v1\",\"verified\":true"
    ev migrate.done 3 "db migrate" ok ',"applied":["2"]'
    ev deploy.start 4 deploy started ',"release":"v2","previous_release":"v1"'
    ev deploy.done 5 deploy ok ',"release":"v2","previous_release":"v1"'
    ev check 6.3 smoke fail ',"check":"inscripcion"'
}

journal_field() { # $1: journal dir, $2: python expression over e (the newest restore.done)
    python3 - "$1" "$2" <<'PY'
import glob, json, sys
last = None
for f in sorted(glob.glob(sys.argv[1] + "/*.jsonl")):
    for line in open(f):
        e = json.loads(line)
        if e.get("event") == "restore.done" and (last is None or e["ts"] >= last["ts"]): last = e
print(eval(sys.argv[2], {"e": last}))
PY
}

rollback() { # $1: run id; prints seconds
    local t0 t1
    t0=$(now)
    COMPUERTA_RUN=$1 COMPUERTA_EXEC_PATH="$work/stubs:$db_bin" "$bin/compuerta-rollback" -c "$work/compuerta.yml" -q \
        --verify-junit "$work/verify.xml" --postmortem "$work/pm.md" >/dev/null
    t1=$(now)
    [ "$(cat "$work/deployed.txt")" = v1 ] || { echo "rollback.sh: v1 was not redeployed" >&2; exit 1; }
    secs "$t0" "$t1"
}

report=""
for mb in $sizes; do
    generate "$mb"
    size=$(q $db "SELECT pg_database_size('$db')")
    export COMPUERTA_JOURNAL=$work/journal-$mb
    mkdir -p "$COMPUERTA_JOURNAL"
    echo "== backup (compuerta db backup) and snapshot (compuerta db snapshot), $(( size / 1024 / 1024 )) MiB" >&2
    t0=$(now)
    COMPUERTA_RUN=bench-$mb-backup "$db_bin/compuerta-db-backup" -c "$work/compuerta.yml" --dir "$work/backups-$mb" -j"$jobs" --tag v2 -q >/dev/null
    t1=$(now)
    COMPUERTA_RUN=bench-$mb-backup "$db_bin/compuerta-db-snapshot" -c "$work/compuerta.yml" --dir "$work/backups-$mb" -q >/dev/null
    t2=$(now)
    backup_s=$(secs "$t0" "$t1"); snapshot_s=$(secs "$t1" "$t2")
    manifest=$(ls "$work"/backups-$mb/*/manifest.json | head -1)
    python3 -c "import json,sys; m=json.load(open(sys.argv[1])); assert 'snapshot' in m, 'no snapshot recorded'" "$manifest"
    dump_dir=$(dirname "$(find "$(dirname "$manifest")" -name toc.dat | head -1)")

    echo "== bare pg_restore -j$jobs of the same backup" >&2
    q postgres "CREATE DATABASE ${db}_bare TEMPLATE template0"
    t0=$(now); "$pgbin/pg_restore" -j"$jobs" -d ${db}_bare "$dump_dir"; t1=$(now)
    bare=$(secs "$t0" "$t1")
    # The row-count fallback of the snapshot's verification: count(*) of every table, timed.
    t0=$(now)
    for t in $(q ${db}_bare "SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables"); do
        q ${db}_bare "SELECT count(*) FROM $t" >/dev/null
    done
    t1=$(now)
    count_s=$(secs "$t0" "$t1")
    q postgres "DROP DATABASE ${db}_bare WITH (FORCE)"

    echo "== compuerta rollback, snapshot path" >&2
    seed_journal bench-$mb-snap "$manifest"
    snap_total=$(rollback bench-$mb-snap)
    snap_path=$(journal_field "$COMPUERTA_JOURNAL" 'e["path"]')
    snap_verify=$(journal_field "$COMPUERTA_JOURNAL" 'e["evidence"].get("snapshot_verify_ms", 0) / 1000')
    snap_swap=$(journal_field "$COMPUERTA_JOURNAL" 'e["evidence"].get("snapshot_swap_ms", 0) / 1000')
    [ "$snap_path" = snapshot ] || { echo "rollback.sh: the snapshot path did not run ($snap_path)" >&2; exit 1; }

    echo "== compuerta rollback, dump path (the snapshot was used up)" >&2
    seed_journal bench-$mb-dump "$manifest"
    dump_total=$(rollback bench-$mb-dump)
    dump_path=$(journal_field "$COMPUERTA_JOURNAL" 'e["path"]')
    [ "$dump_path" = dump ] || { echo "rollback.sh: the dump path did not run ($dump_path)" >&2; exit 1; }
    est20=$(python3 -c "print(f'{$count_s * 20 * 1024 * 1024 * 1024 / $size:.0f}')")
    report+="
database $(( size / 1024 / 1024 )) MiB on disk, jobs $jobs
  pg_restore -j$jobs (bare)                 ${bare}s
  rollback, dump path (verified)          ${dump_total}s   $(ratio "$dump_total" "$bare") of bare   (target < 1.2x)
  rollback, snapshot path (verified)      ${snap_total}s   $(ratio "$snap_total" "$bare") of bare   (target <= 0.15x at 1 GiB)
    snapshot verification ${snap_verify}s (write counters), swap ${snap_swap}s
    row-count fallback ${count_s}s here, about ${est20}s at 20 GB (not needed while the counters are unchanged)
  db backup ${backup_s}s, db snapshot ${snapshot_s}s: +$(python3 -c "print(f'{100 * $snapshot_s / $backup_s:.0f}')") %   (target <= 25 %)"
    echo "${report##*$'\n'database}" | sed '1s/^/database/' >&2 # this size's figures at once
    for d in $(q postgres "SELECT datname FROM pg_database WHERE datname LIKE '${db}%'"); do q postgres "DROP DATABASE \"$d\" WITH (FORCE)"; done
    rm -rf "$work/backups-$mb"
done
echo "rollback benchmark (snapshot path vs dump path vs bare pg_restore)$report"
