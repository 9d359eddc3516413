#!/usr/bin/env bash
# The demo: the SEP-MUSES deployment plan on an embedded default.
# Installs what is missing, builds, starts a throwaway PostgreSQL with the
# SEP-MUSES example schema, runs compuerta against it, prints the results and
# where the JUnit and journal are, and stops everything.
# Output stays in demo-output/ (JUnit, JSON, journal).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
preset=${COMPUERTA_DEMO_PRESET:-release}
out="$root/demo-output"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "dependencies"
scripts/install-deps.sh
step "build ($preset)"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)" | tail -1
bin="$root/build/$preset/bin"
export PATH="$bin:$PATH"

rm -rf "$out"
mkdir -p "$out"
pgdir=$(mktemp -d /tmp/compuerta-demo-pg.XXXXXX)
cleanup() { scripts/pg-tmp.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

step "throwaway PostgreSQL with the SEP-MUSES schema"
eval "$(scripts/pg-tmp.sh start "$pgdir")"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE sep_muses"
for f in examples/sep-muses/db/migrations/V1__*.sql examples/sep-muses/db/seed.sql; do
    psql -X -q -v ON_ERROR_STOP=1 -d sep_muses -f "$f"
done
export SEP_MUSES_DSN="host=$PGHOST port=$PGPORT user=$PGUSER dbname=sep_muses sslmode=disable"
export COMPUERTA_JOURNAL="$out/journal"
export COMPUERTA_RUN="demo-$(date -u +%Y%m%dT%H%M%S)"
echo "database sep_muses on $PGHOST:$PGPORT (password in PGPASSWORD, never printed by compuerta)"

step "compuerta config check"
compuerta config check -c examples/sep-muses/compuerta.yml

step "compuerta smoke (plan step 6)"
set +e
compuerta smoke -c examples/sep-muses/compuerta.yml --junit "$out/smoke.xml" --json "$out/smoke.json"
rc=$?
set -e

step "results"
echo "exit code: $rc"
echo "JUnit:     $out/smoke.xml"
echo "JSON:      $out/smoke.json"
echo "journal:   $out/journal/"
if [ -d "$root/../shared/junit" ]; then
    xmllint --noout --schema "$root/../shared/junit/jenkins-junit.xsd" "$out/smoke.xml" && echo "JUnit validates against jenkins-junit.xsd"
fi
exit $rc
