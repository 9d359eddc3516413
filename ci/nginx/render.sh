#!/bin/sh
# Renders the maintenance snippets for nginx into OUT_DIR.
#   FLAG_FILE      flag file compuerta creates (maintenance.flag_file)       [required]
#   BYPASS_VALUE   value of the bypass header (maintenance.bypass_value)     [required]
#   BYPASS_HEADER  header name (maintenance.bypass_header; X-Compuerta-Bypass)
#   PAGE_DIR       directory holding mantenimiento.html (default: OUT_DIR)
#   RETRY_AFTER    seconds for Retry-After (default 900)
#   ALLOW          allow-listed addresses/CIDRs, space separated (default none)
# Usage: FLAG_FILE=... BYPASS_VALUE=... ci/nginx/render.sh OUT_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: render.sh OUT_DIR}
: "${FLAG_FILE:?set FLAG_FILE to maintenance.flag_file}"
: "${BYPASS_VALUE:?set BYPASS_VALUE to maintenance.bypass_value (an empty value would let everyone through)}"
header=${BYPASS_HEADER:-X-Compuerta-Bypass}
page_dir=${PAGE_DIR:-$out}
retry=${RETRY_AFTER:-900}
case "$BYPASS_VALUE" in *'"'*|*'\'*|*'|'*) echo "render.sh: BYPASS_VALUE must not contain \" \\ or |" >&2; exit 2;; esac
case "$retry" in ''|*[!0-9]*) echo "render.sh: RETRY_AFTER must be a number of seconds" >&2; exit 2;; esac
var=$(printf '%s' "$header" | tr 'A-Z-' 'a-z_')
allow=""
for a in ${ALLOW:-}; do allow="$allow    $a 1;\n"; done
mkdir -p "$out"
umask 027
sed -e "s|@BYPASS_HEADER_VAR@|$var|g" -e "s|@BYPASS_VALUE@|$BYPASS_VALUE|g" \
    -e "s|@ALLOW_LINES@|$(printf '%b' "$allow" | sed ':a;N;$!ba;s/\n/\\n/g')|" \
    "$here/maintenance-http.conf.in" > "$out/maintenance-http.conf"
sed -e "s|@FLAG_FILE@|$FLAG_FILE|g" -e "s|@PAGE_DIR@|$page_dir|g" -e "s|@RETRY_AFTER@|$retry|g" \
    "$here/maintenance-server.conf.in" > "$out/maintenance-server.conf"
if [ "$page_dir" = "$out" ]; then cp "$here/mantenimiento.html" "$out/mantenimiento.html"; chmod 0644 "$out/mantenimiento.html"; fi
echo "render.sh: wrote $out/maintenance-http.conf and $out/maintenance-server.conf" >&2
