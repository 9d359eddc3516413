#!/usr/bin/env bash
# Log-scan benchmark (issue 5, plan item 6.4): compuerta's `logs` check
# against ripgrep and `LC_ALL=C grep -E`, on the same generated Spanish
# application log, the same 20 error patterns and 5 allow-list patterns,
# with the file in the page cache. Reports throughput, the ratio to the
# peers measured in this run, and peak memory (/usr/bin/time -v).
#
# Environment:
#   LOGSCAN_SIZE_MB   size of the generated log (default 1024 = 1 GiB)
#   LOGSCAN_DIR       where the log and configs go (default /tmp/compuerta-bench-logscan)
#   LOGSCAN_RUNS      runs per tool, best kept (default 3)
#   LOGSCAN_ENGINES   compuerta engines to measure (default "hyperscan pcre2")
#   COMPUERTA_SMOKE   the compuerta-smoke to measure (default build/bench/bin/compuerta-smoke,
#                     built with the bench preset when missing)
# Targets (issue 5): at least 2x ripgrep's throughput, peak memory under 64 MiB.
# Ripgrep gets ASCII word boundaries ((?-u:\b)): Unicode \b makes it crawl
# on Spanish text; compuerta's engines are ASCII-only, so they have no such
# cliff (tests/unit/smoke_tx_logs/logs_matcher_test.cpp).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
size_mb=${LOGSCAN_SIZE_MB:-1024}
dir=${LOGSCAN_DIR:-/tmp/compuerta-bench-logscan}
runs=${LOGSCAN_RUNS:-3}
engines=${LOGSCAN_ENGINES:-hyperscan pcre2}
smoke=${COMPUERTA_SMOKE:-$root/build/bench/bin/compuerta-smoke}

for tool in rg grep python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "logscan.sh: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
done
if [ ! -x "$smoke" ]; then
    echo "logscan.sh: building compuerta-smoke (bench preset)..." >&2
    (cd "$root" && cmake --preset bench >/dev/null && cmake --build --preset bench --target compuerta-smoke >/dev/null)
fi

mkdir -p "$dir"
log=$dir/app-$size_mb.log
if [ ! -s "$log" ]; then
    echo "logscan.sh: generating $size_mb MiB of logs in $log..." >&2
    python3 "$here/logscan-gen.py" "$log" "$size_mb"
fi
bytes=$(stat -c %s "$log")

# 20 error patterns and 5 allow-list patterns; \b is ASCII in every engine.
patterns=(
    '\bERROR\b' '\bFATAL\b' '\bCRITICAL\b' '\bPANIC\b' '[A-Za-z]+Exception\b'
    '\bTraceback\b' '\bSegmentation fault\b' '\bout of memory\b' '\bOutOfMemoryError\b' '\bdeadlock detected\b'
    '\bconnection refused\b' '\btiempo de espera agotado\b' '\bconexión rechazada\b' '\bno se pudo conectar\b'
    '\berror interno\b' '\bfallo de autenticación\b' '\bpermiso denegado\b' '\bviolación de restricción\b'
    '\bsin conexión a la base de datos\b' '\bstack overflow\b'
)
allow=(
    'reintento [0-9]+ de [0-9]+' '\(benigno\)' '\bhealth check\b' '\bCURP de prueba\b' '\bconexión restablecida\b'
)

yaml_list() { local out="" p; for p in "$@"; do out+="        - '${p//\'/\'\'}'"$'\n'; done; printf '%s' "$out"; }
for engine in $engines; do
    cat >"$dir/compuerta-$engine.yml" <<YAML
smoke:
  timeout: 30m
  checks:
    - kind: logs
      id: logs
      paths: ['$log']
      engine: $engine
      max_matches: 1000000000
      patterns:
$(yaml_list "${patterns[@]}")
      allow:
$(yaml_list "${allow[@]}")
YAML
done

rg_args=(); for p in "${patterns[@]}"; do rg_args+=(-e "${p//\\b/(?-u:\\b)}"); done
rg_allow=(); for p in "${allow[@]}"; do rg_allow+=(-e "${p//\\b/(?-u:\\b)}"); done
grep_args=(); for p in "${patterns[@]}"; do grep_args+=(-e "$p"); done
grep_allow=(); for p in "${allow[@]}"; do grep_allow+=(-e "$p"); done

cat "$log" >/dev/null # into the page cache

# measure NAME COMMAND...: best wall time (s), its CPU time (user+sys, all
# processes of the pipeline) and peak RSS (KiB) over $runs runs.
declare -A wall cpu rss count
measure() {
    local name=$1; shift
    local best="" best_cpu="" best_rss="" out
    for _ in $(seq "$runs"); do
        /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || true
        local w c r
        w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$dir/time.txt")
        c=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$dir/time.txt")
        r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
        if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN{exit !(a<b)}'; then
            best=$w; best_cpu=$c; best_rss=$r; out=$(cat "$dir/out.txt")
        fi
    done
    wall[$name]=$best; cpu[$name]=$best_cpu; rss[$name]=$best_rss; count[$name]=$out
}

export NO_COLOR=1 COMPUERTA_JOURNAL=$dir/journal
measure "cat (plain read)" sh -c "cat '$log' >/dev/null; echo -"
measure "rg" sh -c "rg --no-filename --no-line-number ${rg_args[*]@Q} '$log' | rg -v -c ${rg_allow[*]@Q}"
measure "grep -E (LC_ALL=C)" sh -c "LC_ALL=C grep -E ${grep_args[*]@Q} '$log' | LC_ALL=C grep -E -v -c ${grep_allow[*]@Q}"
for engine in $engines; do
    measure "compuerta ($engine)" "$smoke" -q -c "$dir/compuerta-$engine.yml" --json "$dir/compuerta-$engine.json"
    count["compuerta ($engine)"]=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["suites"][0]["checks"][0]["evidence"]["matched"])' "$dir/compuerta-$engine.json")
done
# Peak memory of compuerta-smoke alone (the pipeline above adds python3's).
/usr/bin/time -v -o "$dir/time.txt" "$smoke" -q -c "$dir/compuerta-hyperscan.yml" >/dev/null 2>&1 || true
compuerta_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")

mib=$(awk -v b="$bytes" 'BEGIN{printf "%.0f", b/1048576}')
echo
echo "Log scan: $mib MiB, ${#patterns[@]} error patterns, ${#allow[@]} allow-list patterns, file in page cache, best of $runs"
printf '%-24s %8s %9s %8s %8s %10s %8s %9s %7s\n' tool "wall s" "MiB/s" "vs rg" "cpu s" "MiB/cpu-s" "vs rg" "peak MiB" lines
rg_wall=${wall[rg]}; rg_cpu=${cpu[rg]}
for name in "cat (plain read)" "rg" "grep -E (LC_ALL=C)" $(for e in $engines; do echo "compuerta+($e)"; done); do
    name=${name//+/ }
    w=${wall[$name]}; c=${cpu[$name]}
    printf '%-24s %8.2f %9.0f %7.2fx %8.2f %10.0f %7.2fx %9.1f %7s\n' "$name" "$w" \
        "$(awk -v b="$bytes" -v w="$w" 'BEGIN{print (w>0 ? b/1048576/w : 0)}')" \
        "$(awk -v a="$rg_wall" -v w="$w" 'BEGIN{print (w>0 ? a/w : 0)}')" "$c" \
        "$(awk -v b="$bytes" -v w="$c" 'BEGIN{print (w>0 ? b/1048576/w : 0)}')" \
        "$(awk -v a="$rg_cpu" -v w="$c" 'BEGIN{print (w>0 ? a/w : 0)}')" \
        "$(awk -v k="${rss[$name]}" 'BEGIN{print k/1024}')" "${count[$name]}"
done
echo "compuerta-smoke alone (hyperscan): peak $(awk -v k="$compuerta_rss" 'BEGIN{printf "%.1f", k/1024}') MiB (target < 64 MiB)"
echo "Targets: compuerta >= 2.00x rg's throughput; peak memory < 64 MiB. 'lines' must agree between rg, grep and compuerta."
echo "Load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (wall ratios need an idle machine; cpu ratios are robust to load)."
echo "rg's peak memory counts the file it maps; compuerta reads through one buffer."
