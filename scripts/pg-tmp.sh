#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and the demo.
#
#   scripts/pg-tmp.sh start [DIR]   start a private cluster on a free loopback port;
#                                   prints `export PG...` lines (also written to DIR/env)
#   scripts/pg-tmp.sh stop  [DIR]   stop it and remove DIR
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

case "$cmd" in
start)
    bin=$(pg_bin)
    if [ -f "$dir/env" ] && [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        cat "$dir/env"; exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
    port=$(free_port)
    printf '%s\n' "$password" > "$dir/pwfile"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" -A scram-sha-256 \
        --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { echo "pg-tmp: initdb failed; see $dir/initdb.log" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
log_min_messages = warning
CONF
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { echo "pg-tmp: server did not start; see $dir/server.log" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
    chmod 755 "$dir"
    cat >"$dir/env" <<ENV
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=postgres
export PGPASSWORD=$password
export PGDATABASE=postgres
export COMPUERTA_PG_DIR=$dir
export COMPUERTA_PG_BIN=$bin
ENV
    chmod 644 "$dir/env"
    cat "$dir/env"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        bin=$(pg_bin)
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: scripts/pg-tmp.sh start|stop [DIR]" >&2
    exit 2
    ;;
esac
