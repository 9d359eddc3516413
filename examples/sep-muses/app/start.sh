#!/usr/bin/env bash
# Starts the demo SEP-MUSES application as release TAG and waits until
# /health answers. Deploy commands call it: `start.sh v1.4.0`.
# A running instance (same SEP_MUSES_RUN_DIR) is stopped first.
#
# Environment (all optional):
#   SEP_MUSES_RUN_DIR       pid, port and stdout files (default /tmp/sep-muses)
#   SEP_MUSES_BIN           the binary; default SEP_MUSES_RELEASES_DIR/TAG/sep-muses-app
#                           when present, else sep-muses-app beside this script's
#                           build (build/dev/bin), the package's libexec/compuerta,
#                           or on PATH
#   SEP_MUSES_PORT          port (default 8080; 0 picks a free one)
#   SEP_MUSES_DSN, SEP_MUSES_RENAPO_URL, SEP_MUSES_LOG, SEP_MUSES_TEST_CURPS
#                           passed through (see sep-muses-app --help)
#   SEP_MUSES_START_TIMEOUT seconds to wait for /health (default 15)
set -euo pipefail
tag=${1:?usage: start.sh TAG}
here=$(cd "$(dirname "$0")" && pwd)
run_dir=${SEP_MUSES_RUN_DIR:-/tmp/sep-muses}
mkdir -p "$run_dir"

bin=${SEP_MUSES_BIN:-}
if [ -z "$bin" ]; then
    releases=${SEP_MUSES_RELEASES_DIR:-$run_dir/releases}
    for candidate in "$releases/$tag/sep-muses-app" "$here/../../../build/dev/bin/sep-muses-app" \
                     "$here/../../../../../libexec/compuerta/sep-muses-app" \
                     "$(command -v sep-muses-app 2>/dev/null || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then bin=$candidate; break; fi
    done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "start.sh: sep-muses-app not found; build it (cmake --build --preset dev) or set SEP_MUSES_BIN" >&2
    exit 1
fi

"$here/stop.sh" >/dev/null
rm -f "$run_dir/port"
export SEP_MUSES_RELEASE=$tag SEP_MUSES_PORT_FILE=$run_dir/port
nohup "$bin" >>"$run_dir/stdout.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$run_dir/pid"

deadline=$(( $(date +%s) + ${SEP_MUSES_START_TIMEOUT:-15} ))
while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "start.sh: sep-muses-app $tag exited at start; see $run_dir/stdout.log:" >&2
        tail -n 5 "$run_dir/stdout.log" >&2
        rm -f "$run_dir/pid"
        exit 1
    fi
    if [ -s "$run_dir/port" ]; then
        port=$(cat "$run_dir/port")
        if curl -fsS -m 2 "http://${SEP_MUSES_BIND:-127.0.0.1}:$port/health" >/dev/null 2>&1; then
            echo "sep-muses $tag running: pid $pid, http://${SEP_MUSES_BIND:-127.0.0.1}:$port"
            exit 0
        fi
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "start.sh: sep-muses-app $tag did not become healthy in ${SEP_MUSES_START_TIMEOUT:-15}s (is the database up? SEP_MUSES_DSN); see $run_dir/stdout.log" >&2
        exit 1
    fi
    sleep 0.2
done
