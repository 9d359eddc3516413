#!/usr/bin/env bash
# The demo's record against committed golden files (issue "the record tells
# the truth", item 7): reads the Spanish demo run (tests/e2e/demo_run.sh, the
# ctest fixture `demo_runs`), renders the checklists of v1.0.0 (deployed) and
# v1.1.0 (rolled back) and the post-mortem of v1.1.0 in Spanish and English
# from the demo's journals, normalises what changes from run to run (times,
# durations, temp paths, commit ids, generated names) and compares them with
# tests/golden/demo/. Then renders v1.1.0's HTML page in headless Chromium at
# phone and desktop widths and checks each screenshot: not blank, and the
# outcome banner's colour (rolled back: b26a00) present.
#
#   tests/e2e/demo_golden.sh SRC BIN [RUNS]          compare
#   UPDATE_GOLDEN=1 tests/e2e/demo_golden.sh SRC BIN [RUNS]   rewrite the golden files
#
# RUNS: the directory demo_run.sh wrote (RUNS/es); without it, the demo runs
# here first, in Spanish.
set -euo pipefail
src=$1
bin=$2
runs=${3:-}
work=$(mktemp -d /tmp/compuerta-golden-XXXXXX)
trap 'rm -rf "$work"' EXIT
golden="$src/tests/golden/demo"
export TZ=America/Mexico_City

if [ -z "$runs" ]; then
    runs="$work/runs"
    "$src/tests/e2e/demo_run.sh" "$src" "$bin" "$runs" es
fi
[ -f "$runs/es/v1.1.0/journal" ] || [ -d "$runs/es/v1.1.0/journal" ] || {
    echo "demo_golden: no Spanish demo run in $runs/es (tests/e2e/demo_run.sh writes it)" >&2
    exit 1
}
ln -s "$runs/es" "$work/out"

normalise() {
    # The run's own directory stands where a temporary one did (<TMP>).
    sed -E \
        -e "s#$runs[^ |)<>\"]*#<TMP>#g" \
        -e "s#$src#<SRC>#g" \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z| UTC| [A-Z]{3,5}| [+-][0-9]{2,4})?/<TIME>/g' \
        -e 's/in [0-9]+ days?/in <N> days/g; s/en [0-9]+ días?/en <N> días/g' \
        -e 's/[0-9]{8}[tT][0-9]{6,9}(\.[0-9]+)?[zZ]?/<STAMP>/g' \
        -e 's/(127\.0\.0\.1|localhost):[0-9]+/\1:<PORT>/g' \
        -e 's/[0-9]+ bytes/<N> bytes/g' \
        -e 's/(ms|_ms|bytes|_bytes): [0-9]+/\1: <N>/g' \
        -e 's/-[0-9]+\.jsonl/-<PID>.jsonl/g' \
        -e 's#(/tmp|/var/tmp)/[^ |)<>"]*#<TMP>#g' \
        -e 's/[0-9]+(\.[0-9]+)? (KiB|MiB|GiB|TiB) (free|libres)/<SIZE> \3/g' \
        -e 's/\b[0-9]+ ms\b/<DUR>/g; s/\b[0-9]+ min [0-9]+ s\b/<DUR>/g; s/\b[0-9]+ h [0-9]+ min\b/<DUR>/g; s/\b[0-9]+ s\b/<DUR>/g' \
        -e 's/\b[0-9]+(\.[0-9]+)?s\b/<SECS>/g' \
        -e 's/\b[0-9a-f]{7,40}\b/<SHA>/g' \
        -e 's/(PID|pid) [0-9]+/\1 <N>/g'
}

status=0
render() { # name journal lang [flags...]
    local name=$1 journal=$2 lang=$3
    shift 3
    "$bin/compuerta" checklist -q --journal "$journal" --lang "$lang" "$@" -o "$work/$name.raw"
    normalise <"$work/$name.raw" >"$work/$name"
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$work/$name" "$golden/$name"
    elif ! diff -u "$golden/$name" "$work/$name" >"$work/$name.diff"; then
        echo "demo_golden: $name differs from tests/golden/demo/$name (UPDATE_GOLDEN=1 to accept):"
        head -n 60 "$work/$name.diff"
        status=1
    fi
}
mkdir -p "$golden"
for lang in es en; do
    render "v1.0.0-checklist.$lang.md" "$work/out/v1.0.0/journal" "$lang"
    render "v1.1.0-checklist.$lang.md" "$work/out/v1.1.0/journal" "$lang"
    render "v1.1.0-postmortem.$lang.md" "$work/out/v1.1.0/journal" "$lang" --postmortem
done

# The rolled-back release's page, as a phone and a desktop show it.
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "demo_golden: chromium is not installed (scripts/deps/window.txt)" >&2; exit 1; }
for size in 390,844 1280,900; do
    png="$work/v1.1.0-${size/,/x}.png"
    HOME="$work" "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-quic --hide-scrollbars \
        --user-data-dir="$work/profile-$size" --window-size="$size" --screenshot="$png" \
        "file://$work/out/v1.1.0/checklist.html" >"$work/chromium.log" 2>&1 || true
    [ -s "$png" ] || { echo "demo_golden: no screenshot at $size"; cat "$work/chromium.log"; status=1; continue; }
    if ! python3 "$src/tests/fixtures/window/png_nonblank.py" "$png" b26a00; then
        echo "demo_golden: the $size screenshot is blank or lacks the rolled-back banner colour"
        status=1
    fi
    if [ -n "${GOLDEN_SHOTS:-}" ]; then cp "$png" "$GOLDEN_SHOTS/"; fi
done
exit $status
