#!/usr/bin/env bash
# package-test.sh [--build] [--deb FILE] [--no-rootfs] [--keep]
#
# The package checks of issue 14 (docs/packaging.md):
#   1. with --build: configures and builds the release preset (long: every
#      source with optimisation), then makes the .deb with cpack;
#   2. lintian on the .deb: fails on any error, prints every finding;
#   3. a Debian 12 root filesystem built from Debian's packages with mmdebstrap
#      (the mirror of /etc/apt/sources.list.d/debian.sources, else
#      deb.debian.org), the .deb installed into it with apt (so its Depends
#      must install on a minimal system), then in a chroot: compuerta
#      --version, compuerta config check of the installed SEP-MUSES example,
#      a real compuerta smoke (6.1, the postgres check kind) against a
#      throwaway PostgreSQL (scripts/pg-tmp.sh on this host, reached over
#      loopback from the chroot), a man page, the bash completion, and no demo
#      application in /usr/bin.
# Needs root (chroot), lintian and mmdebstrap (apt install lintian mmdebstrap).
# Prints the .deb's size and a summary; exit 0 only when every step passed.
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
build=0 deb='' rootfs=1 keep=0
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=1 ;;
    --deb) deb=${2:?--deb FILE}; shift ;;
    --no-rootfs) rootfs=0 ;;
    --keep) keep=1 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package-test: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
bdir=$root_dir/build/release
fail=0
step() { printf '\n== %s\n' "$*"; }

if [ "$build" = 1 ]; then
    step "build (release preset)"
    (cd "$root_dir" && cmake --preset release >/dev/null && cmake --build --preset release -j2)
fi
if [ -z "$deb" ]; then
    step "cpack"
    rm -rf "$bdir/package"
    # Configure again: the version (git describe) and the packaging settings
    # are read at configure time; sources already built stay built.
    cmake -S "$root_dir" -B "$bdir" >/dev/null
    cmake --build "$bdir" -j2 >/dev/null
    (cd "$bdir" && cpack -G DEB -B "$bdir/package" >/dev/null)
    deb=$(ls "$bdir"/package/compuerta_*.deb)
fi
[ -f "$deb" ] || { echo "package-test: no .deb at $deb" >&2; exit 2; }
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

step "package $(basename "$deb")"
echo "size: $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1)); installed size: $(dpkg-deb -f "$deb" Installed-Size) KiB"
dpkg-deb -f "$deb" Package Version Maintainer Depends Section
listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
if grep -E '^\./usr/bin/.' <<<"$listing" | grep -v -E '^\./usr/bin/compuerta(-[a-z-]+)?$'; then
    echo "FAIL: something other than compuerta and its links in /usr/bin"
    fail=1
fi
if grep 'sep-muses-app' <<<"$listing" | grep -v -x '\./usr/libexec/compuerta/sep-muses-app'; then
    echo "FAIL: the demo application outside /usr/libexec/compuerta"
    fail=1
fi
echo "man pages: $(grep -c '^\./usr/share/man/man1/.*\.1\.gz$' <<<"$listing"); /usr/bin: $(du -sh --apparent-size "$bdir/bin" 2>/dev/null | cut -f1) unstripped in the build"

step "lintian"
if command -v lintian >/dev/null; then
    # --pedantic shows everything; only errors fail the step.
    lintian --info --display-info --pedantic --fail-on error "$deb" || { echo "FAIL: lintian reported errors"; fail=1; }
    echo "lintian: $(lintian --fail-on none "$deb" | grep -c '^E:' || true) errors, $(lintian --fail-on none "$deb" | grep -c '^W:' || true) warnings"
else
    echo "FAIL: lintian not installed (apt install lintian)"
    fail=1
fi

if [ "$rootfs" = 1 ]; then
    step "Debian 12 root filesystem with the .deb (mmdebstrap)"
    command -v mmdebstrap >/dev/null || { echo "FAIL: mmdebstrap not installed (apt install mmdebstrap)"; exit 1; }
    mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    mirror=${mirror:-http://deb.debian.org/debian}
    work=$(mktemp -d /tmp/compuerta-package-test.XXXXXX)
    # The throwaway cluster runs on this host; the chroot shares its loopback.
    "$root_dir/scripts/pg-tmp.sh" start "$work/pg" >"$work/pg.out" 2>&1 ||
        { echo "FAIL: scripts/pg-tmp.sh start: $(tail -3 "$work/pg.out")"; exit 1; }
    cleanup() {
        "$root_dir/scripts/pg-tmp.sh" stop "$work/pg" >/dev/null 2>&1 || true
        [ "$keep" = 1 ] || rm -rf "$work"
    }
    trap cleanup EXIT
    grep -E '^export PG' "$work/pg/env" >"$work/pg.env"
    cat >"$work/smoke.yml" <<'SMOKE'
smoke:
  checks:
    - kind: postgres
      id: db
      item: "6.1"
      name: Conexión a la base de datos
SMOKE
    cp "$deb" "$work/"
    name=$(basename "$deb")
    # Runs inside the finished system; each line is a check of the installed package.
    cat >"$work/check.sh" <<'CHECK'
set -eu
fail=0
echo "compuerta --version: $(compuerta --version)"
cfg=/usr/share/compuerta/examples/sep-muses/compuerta.yml
if compuerta config check -c "$cfg" >/tmp/check.out 2>&1; then
    echo "ok: compuerta config check -c $cfg"
else
    echo "FAIL: compuerta config check -c $cfg exited $?:"; cat /tmp/check.out; fail=1
fi
if (. /tmp/pg.env && cd /tmp && compuerta smoke -c /tmp/smoke.yml --journal /tmp/journal --junit /tmp/smoke.xml) >/tmp/smoke.out 2>&1 &&
    grep -q '<testcase name="6.1 [^"]*" classname="smoke.postgres"' /tmp/smoke.xml; then
    echo "ok: compuerta smoke against PostgreSQL: $(grep '^PASS' /tmp/smoke.out)"
else
    echo "FAIL: compuerta smoke:"; cat /tmp/smoke.out; fail=1
fi
compuerta-db-backup --help >/dev/null && echo "ok: compuerta-db-backup link" || { echo "FAIL: compuerta-db-backup --help"; fail=1; }
test -s /usr/share/man/man1/compuerta-db-backup.1.gz && echo "ok: man page compuerta-db-backup(1)" || { echo "FAIL: no man page"; fail=1; }
test -s /usr/share/man/es/man1/compuerta-db-backup.1.gz && echo "ok: Spanish man page es/compuerta-db-backup(1)" || { echo "FAIL: no Spanish man page"; fail=1; }
bash -c 'source /usr/share/bash-completion/completions/compuerta
COMP_WORDS=(compuerta db ""); COMP_CWORD=2; _compuerta; echo "ok: completion of \"compuerta db \": ${COMPREPLY[*]}"' || { echo "FAIL: completion"; fail=1; }
for d in ci/gitlab ci/jenkins ci/nginx hooks examples/sep-muses; do
    test -d /usr/share/compuerta/$d && echo "ok: /usr/share/compuerta/$d" || { echo "FAIL: no /usr/share/compuerta/$d"; fail=1; }
done
test -x /usr/libexec/compuerta/sep-muses-app && echo "ok: demo application in /usr/libexec/compuerta" || { echo "FAIL: demo application missing"; fail=1; }
command -v pg_dump >/dev/null && echo "ok: $(pg_dump --version) (Depends: postgresql-client)" || { echo "FAIL: pg_dump missing"; fail=1; }
exit $fail
CHECK
    if mmdebstrap --variant=minbase --mode=root --skip=cleanup/apt/lists \
        --customize-hook="copy-in $work/$name $work/check.sh $work/pg.env $work/smoke.yml /tmp" \
        --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/$name" \
        --customize-hook='chroot "$1" sh /tmp/check.sh' \
        --customize-hook="rm -rf \"\$1/tmp/$name\" \"\$1\"/tmp/check.sh \"\$1\"/tmp/pg.env \"\$1\"/tmp/smoke.* \"\$1\"/tmp/journal \"\$1\"/tmp/check.out" \
        bookworm "$work/rootfs" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
        >"$work/mmdebstrap.log" 2>&1; then
        grep -E '^(ok|FAIL|compuerta --version)' "$work/mmdebstrap.log" || true
        echo "root filesystem: $(du -sh "$work/rootfs" | cut -f1)"
    else
        grep -E '^(ok|FAIL|compuerta --version|E:)' "$work/mmdebstrap.log" || true
        echo "FAIL: mmdebstrap or a check inside it failed; last lines of $work/mmdebstrap.log:"
        tail -25 "$work/mmdebstrap.log"
        fail=1
    fi
    if [ "$keep" = 1 ]; then echo "kept: $work"; fi
fi

step "result"
[ "$fail" = 0 ] && echo "package-test: passed" || echo "package-test: FAILED"
exit "$fail"
