#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and the demo.
#
#   scripts/pg-tmp.sh start [DIR]   start a private cluster on a free loopback port;
#                                   prints `export PG...` lines (also written to DIR/env)
#   scripts/pg-tmp.sh stop  [DIR]   stop it and remove DIR and the cluster
#
# DIR defaults to $COMPUERTA_PG_DIR or /tmp/compuerta-pg. As root, initdb and
# the server run as the `postgres` user (initdb refuses root). The superuser
# is `postgres` with password in DIR/env (password auth over TCP, so tests
# exercise real authentication).
set -euo pipefail

cmd=${1:-}
dir=${2:-${COMPUERTA_PG_DIR:-/tmp/compuerta-pg}}

pg_bin() {
    local v
    for v in 15 16 17 14; do
        if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then echo "/usr/lib/postgresql/$v/bin"; return; fi
    done
    command -v initdb >/dev/null && dirname "$(command -v initdb)" && return
    echo "pg-tmp: PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2
    exit 2
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# The cluster lives in its own directory under /tmp owned by the server's
# user (DIR itself may sit in a tree that user cannot enter, e.g. a build
# directory under a mode-700 temp dir); DIR/env records where.
data_of() { sed -n 's/^export COMPUERTA_PG_DATA=//p' "$dir/env" 2>/dev/null || true; }

case "$cmd" in
start)
    bin=$(pg_bin)
    old=$(data_of)
    if [ -n "$old" ] && [ -f "$old/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$old/data" status >/dev/null 2>&1; then
        cat "$dir/env"; exit 0
    fi
    if [ -n "$old" ]; then rm -rf "$old"; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    data=$(mktemp -d /tmp/compuerta-pgdata.XXXXXX)
    password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
    port=$(free_port)
    printf '%s\n' "$password" > "$data/pwfile"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$data"; fi
    chmod 700 "$data"
    as_owner "$bin/initdb" -D "$data/data" -U postgres --pwfile="$data/pwfile" -A scram-sha-256 \
        --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { echo "pg-tmp: initdb failed; see $dir/initdb.log" >&2; cat "$dir/initdb.log" >&2; rm -rf "$data"; exit 1; }
    rm -f "$data/pwfile"
    cat >>"$data/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
log_min_messages = warning
CONF
    as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 start >/dev/null \
        || { echo "pg-tmp: server did not start; see $data/server.log" >&2; tail -20 "$data/server.log" >&2; exit 1; }
    chmod 755 "$data"
    cat >"$dir/env" <<ENV
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=postgres
export PGPASSWORD=$password
export PGDATABASE=postgres
export COMPUERTA_PG_DIR=$dir
export COMPUERTA_PG_DATA=$data
export COMPUERTA_PG_BIN=$bin
ENV
    chmod 644 "$dir/env"
    cat "$dir/env"
    ;;
stop)
    data=$(data_of)
    if [ -n "$data" ] && [ -d "$data/data" ]; then
        bin=$(pg_bin)
        as_owner "$bin/pg_ctl" -D "$data/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$data" ]; then rm -rf "$data"; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: scripts/pg-tmp.sh start|stop [DIR]" >&2
    exit 2
    ;;
esac
