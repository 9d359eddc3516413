#!/usr/bin/env bash
# End-to-end with gitlab-ci-local (14.3): compuerta's repository is served as
# GitLab would serve it (a bare repository over smart HTTP, `git http-backend`
# on 127.0.0.1, tagged v9.9.9) at the sample project's origin, so
# `include: component:` and `include: project:` (pinned ref) resolve. The
# sample project (tests/fixtures/gitlab-project: its own build and test jobs)
# includes the component; a good release passes and a bad one (smoke fails) is
# rolled back by the child pipeline's rollback job, and a rollback waiting for
# approval (exit 4) leaves the pipeline orange, maintenance reported and the
# stakeholders told. gitlab-ci-local ends a
# trigger job with 0 whatever its child did, so the child's jobs, the calls
# the commands received and the journal's events are checked, never the
# parent's status. The real compuerta runs deploy and rollback; ci_stub.sh
# stands in for every other command. Then `include: project:` of the template
# and of ci/gitlab/compuerta.gitlab-ci.yml (whose nested local include must
# resolve in compuerta's project) are expanded with --preview.
# Prints the time from `include:` to a green pipeline.
# Usage: gitlab_component_e2e.sh SOURCE_DIR BIN_DIR (BIN_DIR holds compuerta)
set -euo pipefail
src=$(cd "${1:?usage: gitlab_component_e2e.sh SOURCE_DIR BIN_DIR}" && pwd)
built=$(cd "${2:?usage: gitlab_component_e2e.sh SOURCE_DIR BIN_DIR}" && pwd)
glc="$src/tests/tools/pipeline/node_modules/.bin/gitlab-ci-local"
fail() { echo "FAIL $*" >&2; exit 1; }
[ -x "$glc" ] || fail "gitlab-ci-local is not installed in tests/tools/pipeline: run scripts/setup-test-tools.sh"
command -v rsync >/dev/null || fail "rsync missing (scripts/deps/pipeline.txt)"
[ -x "$built/compuerta" ] || fail "$built/compuerta missing: build the compuerta target"

work=$(mktemp -d)
server=""
cleanup() {
    [ -n "${KEEP:-}" ] && { echo "kept $work" >&2; return; }
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
export NO_COLOR=1 FORCE_COLOR=0
commit() { git -c user.email=ci@example.invalid -c user.name=ci commit -qm "$1"; }

# compuerta's project: this tree's templates/ and ci/, tagged v9.9.9.
mkdir -p "$work/snapshot" "$work/root/infra"
cp -r "$src/templates" "$src/ci" "$work/snapshot/"
(cd "$work/snapshot" && git init -q -b main && git add -A && commit "compuerta" &&
    git -c user.email=ci@example.invalid -c user.name=ci tag -a v9.9.9 -m v9.9.9)
git clone -q --bare "$work/snapshot" "$work/root/infra/compuerta.git"
git -C "$work/root/infra/compuerta.git" config uploadpack.allowFilter true
python3 "$src/tests/integration/pipeline/git_http_server.py" "$work/root" "$work/port" &
server=$!
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || fail "the git HTTP server did not start"
port=$(cat "$work/port")

# The commands: the real compuerta for deploy, rollback and --version.
bin="$work/bin" state="$work/state"
mkdir -p "$bin" "$state"
cp "$built/compuerta" "$bin/compuerta-real"
cat > "$bin/compuerta" <<'SH'
#!/bin/sh
here=$(dirname "$0")
if [ "$1" = rollback ] && [ -f "$STATE/rollback-exit" ]; then
    echo "compuerta rollback (stub): R1 waits for approval: 6.2 failed" && exit "$(cat "$STATE/rollback-exit")"
fi
case "$1" in deploy|rollback|--version) exec "$here/compuerta-real" "$@" ;; esac
if [ -n "$2" ] && [ -x "$here/compuerta-$1-$2" ]; then n="compuerta-$1-$2"; shift 2; exec "$here/$n" "$@"; fi
n="compuerta-$1"; shift; exec "$here/$n" "$@"
SH
chmod +x "$bin/compuerta"
for c in gate-release gate-qa gate-defects gate-env window-open window-close notify maintenance db-backup \
         db-migrate db-restore smoke checklist; do
    cp "$src/tests/integration/pipeline/ci_stub.sh" "$bin/compuerta-$c"
done
version=$("$bin/compuerta-real" --version | head -n1 | cut -d' ' -f2)

# The sample project, its origin on the server.
project="$work/project"
cp -r "$src/tests/fixtures/gitlab-project" "$project"
cd "$project"
sed -i "s|^  - local: templates/deployment/template.yml|  - component: \$CI_SERVER_FQDN/infra/compuerta/deployment@v9.9.9|;
        s|^      version: .*|      version: $version|" .gitlab-ci.yml
grep -q 'component: \$CI_SERVER_FQDN/infra/compuerta/deployment@v9.9.9' .gitlab-ci.yml || fail "sample include not rewritten"
# gitlab-ci-local passes the pipeline's variables (not --variable) to the child.
printf 'variables:\n  COMPUERTA_BIN_DIR: "%s"\n  STATE: "%s"\n' "$bin" "$state" >> .gitlab-ci.yml
cat > compuerta.yml <<'YML'
deploy:
  commands:
    - 'echo {tag} > "$STATE/deployed.txt"'
  current_release: 'cat "$STATE/deployed.txt"'
  timeout: 30s
YML
printf '.gitlab-ci-local/\n.gitlab-ci-local-variables.yml\nout/\ncompuerta-*\n' > .gitignore
git init -q -b main
git remote add origin "http://127.0.0.1:$port/sep/muses.git"
git add -A
commit "sample project"

pipeline() { # tag log
    printf 'CI_COMMIT_TAG: %s\n' "$1" > .gitlab-ci-local-variables.yml
    "$glc" --force-shell-executor > "$work/$2.log" 2>&1 || { cat "$work/$2.log" >&2; fail "gitlab-ci-local ($2) exited non-zero"; }
}
has() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$3"; }; }
journal() { cat compuerta-journal/*.jsonl 2>/dev/null || true; }

start=$(date +%s%N)
pipeline v1.0.0 good
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
has "$work/good.log" "downloaded infra/compuerta v9.9.9 templates/deployment" "the component was not fetched from the server"
for job in build test compuerta:gate-release compuerta-child-pipeline compuerta:deployment; do
    grep -qE "^ PASS  $job *$" "$work/good.log" || { cat "$work/good.log" >&2; fail "good release: $job did not pass"; }
done
for job in window-open maintenance-on backup migrate deploy smoke maintenance-off notify-success; do
    has "$work/good.log" "PASS  [compuerta:deployment] -> compuerta:$job" "good release: child job $job did not pass"
done
[ "$(cat "$state/deployed.txt")" = v1.0.0 ] || fail "good release: v1.0.0 not deployed"
! grep -q compuerta-db-restore "$state/calls.log" || fail "good release: restored"
journal | grep -q '"event":"deploy.done".*"status":"ok"' || fail "good release: no deploy.done ok in the journal"

echo v1.1.0 > "$state/bad-release"
pipeline v1.1.0 bad
has "$work/bad.log" "FAIL  compuerta:smoke" "bad release: smoke did not fail"
has "$work/bad.log" "PASS  [compuerta:deployment] -> compuerta:rollback" "bad release: the rollback job did not pass"
has "$state/calls.log" "compuerta-db-restore --manifest $state/backup/manifest.json" "bad release: no restore"
has "$state/calls.log" "compuerta-notify rollback" "bad release: stakeholders not told"
[ "$(cat "$state/deployed.txt")" = v1.0.0 ] || fail "bad release: v1.0.0 not redeployed"
journal | grep -q '"event":"rollback.redeploy".*"status":"ok"' || fail "bad release: no rollback.redeploy ok in the journal"
journal | grep -q '"event":"rollback.done".*"status":"ok"' || fail "bad release: no rollback.done ok in the journal"
! grep -q "compuerta:rollback-approve starting" "$work/bad.log" || fail "bad release: the manual approval job ran by itself"

# A rollback waiting for a person (exit 4): allowed to fail only because the
# manual approval job exists; maintenance state printed, stakeholders told.
echo v1.2.0 > "$state/bad-release"
echo 4 > "$state/rollback-exit"
: > "$state/calls.log"
pipeline v1.2.0 pending
rm "$state/rollback-exit"
grep -qE "^ WARN  (\[compuerta:deployment\] -> )?compuerta:rollback " "$work/pending.log" ||
    { cat "$work/pending.log" >&2; fail "pending approval: the rollback job is not an allowed failure"; }
has "$work/pending.log" "R1 waits for approval" "pending approval: the job does not print what is pending"
sed -n '/compuerta-smoke/,$p' "$state/calls.log" > "$work/after-smoke"
has "$work/after-smoke" "compuerta-maintenance status" "pending approval: maintenance state not printed"
has "$work/after-smoke" "compuerta-notify rollback" "pending approval: stakeholders not told"
! grep -q "compuerta:rollback-approve starting" "$work/pending.log" || fail "pending approval: the manual job ran by itself"

# include: project: with a pinned ref, of the template and of the old file.
preview() { # include-block name expected-resource-group
    printf 'stages: [build, test, gate, deploy]\ninclude:\n%s\nbuild: {stage: build, script: [echo built]}\n' "$1" > .gitlab-ci.yml
    git add -A && commit "$2"
    "$glc" --preview --variable CI_COMMIT_TAG=v1.0.0 > "$work/$2.yml" 2> "$work/$2.err" ||
        { cat "$work/$2.err" >&2; fail "include $2 did not resolve"; }
    has "$work/$2.yml" "resource_group: $3" "include $2: no trigger holding $3"
    has "$work/$2.yml" "compuerta:gate-release:" "include $2: no gates"
    has "$work/$2.yml" "build:" "include $2: the project's own job is gone"
}
preview "  - project: infra/compuerta
    ref: v9.9.9
    file: templates/deployment/template.yml
    inputs: {environment: staging, environment_url: https://staging.example, runner_tags: [sep]}" project compuerta-staging
preview "  - project: infra/compuerta
    ref: v9.9.9
    file: ci/gitlab/compuerta.gitlab-ci.yml" project-old-file compuerta-production

printf 'ok: gitlab-ci-local e2e through include: component: and project: (include to green pipeline: %d.%03d s)\n' \
    $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
