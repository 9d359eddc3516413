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

# The Spanish pages (--lang es): the same pages, Spanish headings and texts,
# no groff warnings, no English sentence left in the command's own page.
"$bin" help --man "$dir/es/man1" --lang es >/dev/null
es_pages=0
for page in "$dir"/es/man1/*.1; do
    es_pages=$((es_pages + 1))
    warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1 || echo "groff exited $?")
    [ -z "$warnings" ] || { echo "FAIL: es/$(basename "$page"): groff warnings:"; echo "$warnings"; fail=1; }
done
[ "$es_pages" = "$pages" ] || { echo "FAIL: $es_pages Spanish pages for $pages English ones"; fail=1; }
text=$(LC_ALL=C.UTF-8 MANWIDTH=80 groff -man -Tutf8 -P-c -P-b -P-u "$dir/es/man1/compuerta-db-backup.1")
for section in NOMBRE SINOPSIS DESCRIPCIÓN OPCIONES "ESTADO DE SALIDA" "VÉASE TAMBIÉN"; do
    grep -q "^$section" <<<"$text" || { echo "FAIL: es/compuerta-db-backup.1 has no $section"; fail=1; }
done
grep -q "Opciones comunes" <<<"$text" || { echo "FAIL: es/compuerta-db-backup.1 has no 'Opciones comunes'"; fail=1; }
if english=$(grep -n -w -E "the|and|when|with|is|are|of|not" <<<"$text"); then
    echo "FAIL: es/compuerta-db-backup.1 has English text:"; echo "$english"; fail=1
fi

[ "$fail" = 0 ] && echo "ok: $pages man pages render without warnings, in English and in Spanish"
exit "$fail"
