#!/usr/bin/env bash
# man_render_test.sh COMPUERTA: `compuerta help --man DIR` writes a page for
# every command `compuerta --help` lists, and groff renders each one with all
# warnings on (-ww) and none emitted, with the sections a man page needs.
set -euo pipefail
bin=${1:?usage: man_render_test.sh COMPUERTA}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
"$bin" help --man "$dir/man1" >/dev/null

# Every command of --help ("  db backup   Take ...") has its page.
while IFS= read -r name; do
    [ "$name" = completion ] && continue
    page="$dir/man1/compuerta-${name// /-}.1"
    if [ ! -f "$page" ]; then
        echo "FAIL: no man page for \"$name\" (expected $page)"
        fail=1
    fi
done < <("$bin" --help | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\?\)  .*/\1/p')

pages=0
for page in "$dir"/man1/*.1; do
    pages=$((pages + 1))
    warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1 || echo "groff exited $?")
    if [ -n "$warnings" ]; then
        echo "FAIL: $(basename "$page"): groff warnings:"
        echo "$warnings"
        fail=1
    fi
    text=$(LC_ALL=C.UTF-8 MANWIDTH=80 groff -man -Tutf8 -P-c -P-b -P-u "$page" 2>/dev/null)
    for section in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
        grep -q "^$section" <<<"$text" || { echo "FAIL: $(basename "$page") has no $section"; fail=1; }
    done
    if [ "$(basename "$page")" != compuerta-renapo-sim.1 ]; then
        grep -q "^EXIT STATUS" <<<"$text" || { echo "FAIL: $(basename "$page") has no EXIT STATUS"; fail=1; }
    fi
done
[ "$pages" -ge 20 ] || { echo "FAIL: only $pages pages written"; fail=1; }

# A rendered page reads as written: flags with ASCII hyphens, accents kept.
text=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -P-c -P-b -P-u "$dir/man1/compuerta-checklist.1")
grep -q -- "--format md|html" <<<"$text" || { echo "FAIL: compuerta-checklist(1) lacks '--format md|html':"; echo "$text"; fail=1; }
grep -q -- "-c, --config FILE" <<<"$text" || { echo "FAIL: compuerta-checklist(1) lacks '-c, --config FILE'"; fail=1; }

# A directory that cannot be written is exit 2 with the path named.
if err=$("$bin" help --man /proc/compuerta-no-such/man1 2>&1); then
    echo "FAIL: help --man into /proc succeeded"
    fail=1
else
    grep -q "/proc/compuerta-no-such/man1" <<<"$err" || { echo "FAIL: error does not name the directory: $err"; fail=1; }
fi

[ "$fail" = 0 ] && echo "ok: $pages man pages render without warnings"
exit "$fail"
