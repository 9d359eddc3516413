#!/usr/bin/env bash
# Stops the demo SEP-MUSES application started by start.sh (SIGTERM, then
# SIGKILL after 5 s). Nothing running is not an error.
set -euo pipefail
run_dir=${SEP_MUSES_RUN_DIR:-/tmp/sep-muses}
pidfile=$run_dir/pid
[ -f "$pidfile" ] || { echo "sep-muses: not running"; exit 0; }
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
rm -f "$pidfile" "$run_dir/port"
echo "sep-muses: stopped (pid $pid)"
