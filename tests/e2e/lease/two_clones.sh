#!/usr/bin/env bash
# The deployment lease at run time (issue 14, item 3): two pipelines, each in
# its own clone of one project with its own journal and run id, started at the
# same instant against one environment and one database (the throwaway
# cluster). Each runs the deployment's command sequence as the GitLab
# template's child pipeline does (window open, maintenance on, db backup,
# deploy, maintenance off, window close) with the real compuerta; a pipeline
# whose `window open` is refused (exit 3) waits and tries again, as a queued
# pipeline would. gitlab-ci-local does not enforce resource_group and runs one
# pipeline per process, so the two pipelines are driven here, by their
# command sequence, in two concurrent shells.
# Proof from the journals and the deploy commands' own log: both deployments
# ran, one wholly before the other (the second's lease.take after the first's
# lease.release; the deploy log never interleaves), and the second was refused
# naming the first at least once.
# Usage: two_clones.sh SOURCE_DIR BIN_DIR PG_ENV_FILE
set -euo pipefail
src=$(cd "${1:?usage: two_clones.sh SOURCE_DIR BIN_DIR PG_ENV_FILE}" && pwd)
bin=$(cd "${2:?}" && pwd)
pgenv=${3:?}
fail() { echo "FAIL $*" >&2; exit 1; }
[ -s "$pgenv" ] || { echo "SKIP the throwaway PostgreSQL is not running ($pgenv)"; exit 77; }
# shellcheck disable=SC1090
. "$pgenv"
[ -x "$bin/compuerta" ] || fail "$bin/compuerta missing: build the compuerta target"
export PATH="$bin:${COMPUERTA_PG_BIN:+$COMPUERTA_PG_BIN:}$PATH" NO_COLOR=1

work=$(mktemp -d /tmp/compuerta-lease-e2e-XXXXXX)
trap '[ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
db="lease_e2e_$$"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -q -d "$db" -c "CREATE TABLE inscripciones (id int PRIMARY KEY, curp text); INSERT INTO inscripciones VALUES (1, 'AAAA000000HDFXXX00')"

# The project: its compuerta.yml, committed; two clones of it.
mkdir -p "$work/origin"
cat > "$work/origin/compuerta.yml" <<YML
database:
  dsn: "host=$PGHOST port=$PGPORT user=$PGUSER dbname=$db"
  backup:
    dir: backups
window:
  environment: production
maintenance:
  backend: file
  flag_file: $work/maintenance.flag
deploy:
  commands:
    - 'echo "start {tag}" >> "$work/deploy.log"; sleep 2; echo "end {tag}" >> "$work/deploy.log"'
YML
(cd "$work/origin" && git init -q -b main && git add -A &&
    git -c user.email=ci@example.invalid -c user.name=ci commit -qm project)
git clone -q "$work/origin" "$work/clone-a"
git clone -q "$work/origin" "$work/clone-b"

# One pipeline: the child pipeline's deployment jobs, in order.
pipeline() { # pipeline CLONE RUN TAG
    local dir=$1 run=$2 tag=$3 tries=0 code
    cd "$dir"
    export COMPUERTA_RUN=$run CI_PIPELINE_ID=$run CI_COMMIT_TAG=$tag COMPUERTA_JOURNAL="$dir/journal" \
        CI_JOB_URL="https://gitlab.example/sep/muses/-/jobs/$run"
    while :; do
        code=0
        compuerta window open --release "$tag" 2>>"$dir/window-open.err" || code=$?
        [ "$code" = 0 ] && break
        [ "$code" = 3 ] || { echo "window open: exit $code" >&2; return 1; }
        tries=$((tries + 1))
        [ "$tries" -lt 120 ] || { echo "window open: still refused after $tries tries" >&2; return 1; }
        sleep 0.5
    done
    compuerta maintenance on
    compuerta db backup -q
    compuerta deploy -q
    compuerta maintenance off
    compuerta window close
}

# Both at the same instant: each waits for the start file.
start="$work/start"
(while [ ! -e "$start" ]; do sleep 0.01; done; pipeline "$work/clone-a" 9101 v2.0.0) >"$work/a.log" 2>&1 &
pa=$!
(while [ ! -e "$start" ]; do sleep 0.01; done; pipeline "$work/clone-b" 9102 v2.1.0) >"$work/b.log" 2>&1 &
pb=$!
sleep 0.3
touch "$start"
ca=0 cb=0
wait "$pa" || ca=$?
wait "$pb" || cb=$?
[ "$ca" = 0 ] || { cat "$work/a.log" >&2; fail "pipeline A exited $ca"; }
[ "$cb" = 0 ] || { cat "$work/b.log" >&2; fail "pipeline B exited $cb"; }

# The deploy log: one deployment wholly before the other.
log=$(cat "$work/deploy.log")
echo "$log"
first=$(sed -n 1p "$work/deploy.log" | cut -d' ' -f2)
second=$([ "$first" = v2.0.0 ] && echo v2.1.0 || echo v2.0.0)
expected=$(printf 'start %s\nend %s\nstart %s\nend %s' "$first" "$first" "$second" "$second")
[ "$log" = "$expected" ] || fail "deployments interleaved: $log"

# The journals say the same, and the second was refused naming the first.
python3 - "$work" "$first" <<'PY'
import json, pathlib, sys
work, first = pathlib.Path(sys.argv[1]), sys.argv[2]
def events(clone):
    out = []
    for f in (work / clone / "journal").glob("*.jsonl"):
        out += [json.loads(l) for l in f.read_text().splitlines() if l.strip()]
    return sorted(out, key=lambda e: e["ts"])
a, b = events("clone-a"), events("clone-b")
def one(evs, kind):
    found = [e for e in evs if e["event"] == kind]
    assert len(found) == 1, (kind, [e["event"] for e in evs])
    return found[0]
won, lost = (a, b) if one(a, "deploy.start")["release"] == first else (b, a)
won_run, lost_run = won[0]["run"], lost[0]["run"]
released = one(won, "lease.release")["ts"]
taken = one(lost, "lease.take")["ts"]
assert one(won, "window.close")["ts"] <= released <= taken <= one(lost, "window.open")["ts"], (released, taken)
assert one(won, "deploy.done")["ts"] <= one(lost, "deploy.start")["ts"]
refusals = [e for e in lost if e["event"] == "lease.refuse"]
assert refusals, "the second pipeline was never refused"
assert all(r["holder"]["run"] == won_run and r["refused"] == "window open" and r["item"] == "1" for r in refusals), refusals
print(f"run {won_run} deployed {first} first; run {lost_run} was refused {len(refusals)} time(s) "
      f"naming run {won_run}, took the lease at {taken} after its release at {released}")
PY
grep -q "held by run" "$work/clone-a/window-open.err" "$work/clone-b/window-open.err" ||
    fail "no refusal on stderr names the holder"
grep -h "held by run" "$work"/clone-*/window-open.err | head -n 1
# Nothing left behind: the lease is free again.
left=$(psql -At -d postgres -c "SELECT count(*) FROM compuerta_lease WHERE scope = '$db'")
[ "$left" = 0 ] || fail "$left lease(s) left in compuerta_lease"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $db"
echo "PASS two pipelines, one deployment at a time"
