#!/usr/bin/env bash
# The GitLab component's structure (14.1-14.3), as gitlab-ci-local reads it:
# a sample project with its own build and test jobs (tests/fixtures/gitlab-project)
# includes templates/deployment/template.yml with `include: local:`;
# `gitlab-ci-local --preview` expands it; the job compuerta-child-pipeline
# writes the child pipeline, which is expanded the same way (once with
# approval: manual, once with none); `--list-json` evaluates the rules of a
# tag pipeline with and without GitLab's deploy freeze.
# gitlab_component_check.js states what must hold. gitlab-ci-local comes from
# tests/tools/pipeline (scripts/setup-test-tools.sh); missing, the test fails.
# Usage: gitlab_component_test.sh SOURCE_DIR
set -euo pipefail
src=$(cd "${1:?usage: gitlab_component_test.sh SOURCE_DIR}" && pwd)
tools="$src/tests/tools/pipeline/node_modules"
glc="$tools/.bin/gitlab-ci-local"
if [ ! -x "$glc" ]; then
    echo "FAIL gitlab-ci-local is not installed in tests/tools/pipeline: run scripts/setup-test-tools.sh" >&2
    exit 1
fi
command -v rsync >/dev/null || { echo "FAIL rsync missing (scripts/deps/pipeline.txt)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/project" out="$work/out"
mkdir -p "$out"
cp -r "$src/tests/fixtures/gitlab-project" "$repo"
cp -r "$src/templates" "$repo/templates"
cp "$src/templates/deployment/template.yml" "$out/component.yml"
printf '.gitlab-ci-local/\ncompuerta-child.yml\ncompuerta-journal/\n' > "$repo/.gitignore"
cd "$repo"
export NO_COLOR=1 FORCE_COLOR=0
commit() {
    git add -A
    git -c user.email=ci@example.invalid -c user.name=ci commit -qm "$1"
}
glc() { # log-name args...: runs gitlab-ci-local, its output in $work/NAME.log
    local log="$work/$1.log"
    shift
    if ! "$glc" "$@" >"$log" 2>&1; then
        echo "FAIL gitlab-ci-local $*:" >&2
        cat "$log" >&2
        exit 1
    fi
}
child() { # output file: runs compuerta-child-pipeline, expands the YAML it wrote
    rm -rf .gitlab-ci-local/artifacts
    glc generate compuerta-child-pipeline --force-shell-executor --variable CI_COMMIT_TAG=v1.0.0
    cp .gitlab-ci-local/artifacts/compuerta-child-pipeline/compuerta-child.yml "$work/child-src.yml"
    cp "$work/child-src.yml" child-preview.yml
    glc preview-child --preview --file child-preview.yml
    sed '1,/^---$/d' "$work/preview-child.log" > "$out/$1"
    rm child-preview.yml
}

git init -q -b main
commit "sample project"
glc preview --preview --variable CI_COMMIT_TAG=v1.0.0
sed '1,/^---$/d' "$work/preview.log" > "$out/parent.yml"
glc list --list-json --variable CI_COMMIT_TAG=v1.0.0
sed -n '/^\[/,$p' "$work/list.log" > "$out/list.json"
glc list-freeze --list-json --variable CI_COMMIT_TAG=v1.0.0 --variable CI_DEPLOY_FREEZE=true
sed -n '/^\[/,$p' "$work/list-freeze.log" > "$out/list-freeze.json"
child child.yml

sed -i 's/^      timeout_backup: 90m$/      timeout_backup: 90m\n      approval: none/' .gitlab-ci.yml
grep -q 'approval: none' .gitlab-ci.yml
commit "approval none"
child child-none.yml

JS_YAML="$tools/js-yaml" node "$src/tests/integration/pipeline/gitlab_component_check.js" "$out"
