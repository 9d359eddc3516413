#!/usr/bin/env bash
# Installs the npm tools tests need, each from its own committed lockfile:
# every tests/tools/*/package-lock.json gets `npm ci` (skipped when its
# node_modules is already current). Node.js 20 and npm come with the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shopt -s nullglob
for lock in "$root"/tests/tools/*/package-lock.json; do
    dir=$(dirname "$lock")
    stamp="$dir/node_modules/.compuerta-lock.sha256"
    sum=$(sha256sum "$lock" | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then continue; fi
    echo "setup-test-tools: npm ci in ${dir#$root/}" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$sum" > "$stamp"
done
