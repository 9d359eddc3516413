#!/usr/bin/env bash
# Benchmark: `compuerta gate release` against the git CLI answering the same
# questions, on generated repositories, with and without a commit-graph file.
#
#   scripts/bench/release-gate.sh            # sizes from the issue
#   SIZES="10000" TAGS=500 RUNS=3 scripts/bench/release-gate.sh
#
# Environment: SIZES (commits on main, space separated; default "10000 100000"),
# TAGS (default 2000), RUNS (timed runs per command, median kept; default 5),
# BRANCH_COMMITS (release branches, default 20), MAINT_COMMITS (the diverged
# maint/v1.0, default 300),
# BIN (directory with compuerta-gate-release; default build/bench/bin, else
# build/dev/bin), WORK (where repositories are generated; default a temp dir).
# REAL_REPO (optional): a real repository with maint/* branches, e.g. a
# mirror of libgit2's; each branch is measured as the diverged case, with
# REAL_TAG (default: the highest v* tag).
# Never part of the test suite. Prints one line per case with the ratio
# compuerta / git (target: at most 1.5).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
SIZES=${SIZES:-"10000 100000"}
TAGS=${TAGS:-2000}
RUNS=${RUNS:-5}
BRANCH_COMMITS=${BRANCH_COMMITS:-20}
MAINT_COMMITS=${MAINT_COMMITS:-300}
if [ -z "${BIN:-}" ]; then
    BIN=$here/build/bench/bin
    [ -x "$BIN/compuerta-gate-release" ] || BIN=$here/build/dev/bin
fi
gate=$BIN/compuerta-gate-release
[ -x "$gate" ] || { echo "release-gate.sh: $gate not built (cmake --preset bench && cmake --build --preset bench)" >&2; exit 2; }
WORK=${WORK:-$(mktemp -d)}
trap 'rm -rf "$WORK"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK/home GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost \
    GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
mkdir -p "$HOME"
journal=$WORK/journal

# generate N: a main line of N commits with TAGS annotated tags spread over
# it, then release/v900.0 merged with a merge commit (tag v900.0.0) and
# release/v900.1 squash-merged (tag v900.1.0), BRANCH_COMMITS commits each.
# maint/v1.0 forks from main half-way and diverges: MAINT_COMMITS commits,
# a third of them cherry-picks of fixes main made after the fork (every 50th
# commit), the rest its own changes to two files main also changes (so git
# cherry's and compuerta's screening by changed paths still meets
# collisions that need a full patch id).
generate() {
    local n=$1 dir=$2 every=$(( $1 / TAGS ))
    [ "$every" -ge 1 ] || every=1
    git init -q -b main "$dir"
    python3 - "$n" "$every" "$TAGS" "$BRANCH_COMMITS" "$MAINT_COMMITS" <<'PY' | git -C "$dir" fast-import --quiet
import sys
n, every, tags, bc, mc = (int(a) for a in sys.argv[1:])
ts = 1_700_000_000
mark = 0
out = sys.stdout
def blob(data):
    global mark
    mark += 1
    b = data.encode()
    out.write(f"blob\nmark :{mark}\ndata {len(b)}\n{data}\n")
    return mark
def commit(ref, msg, files, parent=None, merge=None):
    global mark, ts
    marks = [(p, blob(c)) for p, c in files]
    mark += 1; ts += 60
    out.write(f"commit {ref}\nmark :{mark}\ncommitter bench <bench@localhost> {ts} +0000\n")
    out.write(f"data {len(msg)}\n{msg}\n")
    if parent: out.write(f"from {parent}\n")
    if merge: out.write(f"merge {merge}\n")
    for p, m in marks: out.write(f"M 100644 :{m} {p}\n")
    out.write("\n")
    return mark
def tag(name, target):
    msg = f"release {name}"
    out.write(f"tag {name}\nfrom :{target}\ntagger bench <bench@localhost> {ts} +0000\ndata {len(msg)}\n{msg}\n")
made = 0
last = None
maint_fork = None
fixes = []
for i in range(n):
    last = commit("refs/heads/main", f"change {i}", [(f"src/f{i % 200}.txt", f"{i}\n")], parent=f":{last}" if last else None)
    if i % every == every - 1 and made < tags:
        tag(f"v{made // 400 + 1}.{made // 20 % 20}.{made % 20}", last)
        made += 1
    if i == n // 2:
        maint_fork = last
    elif maint_fork and i % 50 == 0:
        last = commit("refs/heads/main", f"fix {i}", [(f"fix/{i}.txt", f"fix {i}\n")], parent=f":{last}")
        fixes.append(i)
fork = last
prev = maint_fork
for j in range(mc):
    if j % 3 == 0 and fixes:
        i = fixes.pop(0)
        prev = commit("refs/heads/maint/v1.0", f"fix {i} (picked)", [(f"fix/{i}.txt", f"fix {i}\n")], parent=f":{prev}")
    else:
        prev = commit("refs/heads/maint/v1.0", f"maint {j}", [(f"src/f{j % 2}.txt", f"maint {j}\n")], parent=f":{prev}")
def branch(name, prefix):
    prev = fork
    files = []
    for j in range(bc):
        files = [(f"{prefix}/r{j}.txt", f"{name} {j}\n")]
        prev = commit(f"refs/heads/{name}", f"{name}: change {j}", files, parent=f":{prev}")
    return prev
b1 = branch("release/v900.0", "rel0")
last = commit("refs/heads/main", "main work", [("src/main.txt", "m\n")], parent=f":{fork}")
merged = [(f"rel0/r{j}.txt", f"release/v900.0 {j}\n") for j in range(bc)]
last = commit("refs/heads/main", "Merge release/v900.0", merged, parent=f":{last}", merge=f":{b1}")
tag("v900.0.0", last)
b2 = branch("release/v900.1", "rel1")
squash = [(f"rel1/r{j}.txt", f"release/v900.1 {j}\n") for j in range(bc)]
last = commit("refs/heads/main", "Release 900.1 (squashed)", squash, parent=f":{last}")
tag("v900.1.0", last)
commit("refs/heads/main", "after the release", [("src/after.txt", "a\n")], parent=f":{last}")
PY
    git -C "$dir" pack-refs --all # as a clone has them
    git -C "$dir" config core.commitGraph true
}

# measure FUNC ARGS...: runs a shell function RUNS times; prints the median
# wall time and the median CPU time (user+sys of the children) in ms. CPU time
# is the steadier figure on a loaded machine.
measure() {
    python3 - "$RUNS" "$@" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
walls, cpus = [], []
for _ in range(runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(["bash", "-c", 'source "$BENCH_FUNCS"; "$@"', "bench"] + cmd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls.append((time.perf_counter() - t0) * 1000)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000)
print(f"{statistics.median(walls):.1f} {statistics.median(cpus):.1f}")
PY
}

git_merge_case() {
    local r=$1
    git -C "$r" cat-file -t v900.0.0
    git -C "$r" tag --list 'v*' | sort -V | tail -1
    git -C "$r" merge-base --is-ancestor v900.0.0 main
    git -C "$r" merge-base --is-ancestor release/v900.0 main
}
git_squash_case() {
    local r=$1
    git -C "$r" cat-file -t v900.1.0
    git -C "$r" tag --list 'v*' | sort -V | tail -1
    git -C "$r" merge-base --is-ancestor v900.1.0 main
    git -C "$r" cherry main release/v900.1
}
git_real_case() {
    local r=$1 tag=$2 branch=$3
    git -C "$r" cat-file -t "$tag"
    git -C "$r" tag --list 'v*' | sort -V | tail -1
    git -C "$r" merge-base --is-ancestor "$tag" main
    git -C "$r" merge-base --is-ancestor "$branch" main
    git -C "$r" cherry main "$branch"
}
git_maint_case() {
    local r=$1
    git -C "$r" cat-file -t v900.0.0
    git -C "$r" tag --list 'v*' | sort -V | tail -1
    git -C "$r" merge-base --is-ancestor v900.0.0 main
    git -C "$r" merge-base --is-ancestor maint/v1.0 main
    git -C "$r" cherry main maint/v1.0
}
gate_case() { "$gate" --repo "$1" --tag "$2" --main main --journal "$journal" -q "${@:3}"; }
export BENCH_FUNCS=$WORK/funcs.sh gate journal
declare -f git_merge_case git_squash_case git_maint_case git_real_case gate_case > "$BENCH_FUNCS"

printf '%-8s %-6s %-6s %-7s %9s %9s %6s | %9s %9s %6s\n' commits tags graph case wall_ms git_wall ratio cpu_ms git_cpu ratio
worst=0
for n in $SIZES; do
    repo=$WORK/repo-$n
    echo "generating $n commits with $TAGS tags..." >&2
    generate "$n" "$repo"
    for graph in no yes; do
        rm -f "$repo/.git/objects/info/commit-graph"
        rm -rf "$repo/.git/objects/info/commit-graphs"
        [ "$graph" = yes ] && git -C "$repo" commit-graph write --reachable
        # Sanity: the gate must pass on both cases, and say how it decided.
        gate_case "$repo" v900.0.0 >/dev/null || { echo "gate failed on the merge case" >&2; exit 1; }
        gate_case "$repo" v900.1.0 >/dev/null || { echo "gate failed on the squash case" >&2; exit 1; }
        # The diverged maintenance branch is not merged: the gate must close
        # and name as many missing commits as git cherry marks "+".
        plus=$(git -C "$repo" cherry main maint/v1.0 | grep -c '^+' || true)
        said=$("$gate" --repo "$repo" --tag v900.0.0 --main main --journal "$journal" --release-branch maint/v1.0 2>&1 || true)
        grep -q "$plus of $MAINT_COMMITS commits of refs/heads/maint/v1.0 are not in" <<<"$said" ||
            { echo "gate and git cherry disagree on maint/v1.0 (git: $plus missing): $said" >&2; exit 1; }
        for c in merge squash maint; do
            tag=v900.0.0; [ "$c" = squash ] && tag=v900.1.0
            extra=(); [ "$c" = maint ] && extra=(--release-branch maint/v1.0)
            read -r ow oc <<<"$(measure gate_case "$repo" "$tag" "${extra[@]}")"
            read -r tw tc <<<"$(measure "git_${c}_case" "$repo")"
            rw=$(awk -v a="$ow" -v b="$tw" 'BEGIN {printf "%.2f", a / b}')
            rc=$(awk -v a="$oc" -v b="$tc" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
            printf '%-8s %-6s %-6s %-7s %9s %9s %6s | %9s %9s %6s\n' "$n" "$TAGS" "$graph" "$c" "$ow" "$tw" "$rw" "$oc" "$tc" "$rc"
            worst=$(awk -v a="$rw" -v b="$worst" 'BEGIN {print (a > b) ? a : b}')
        done
    done
done
# A real history: every maint/* branch of REAL_REPO (a clone or a bare
# mirror with a `main` branch), the question the diverged case asks.
if [ -n "${REAL_REPO:-}" ]; then
    tag=${REAL_TAG:-$(git -C "$REAL_REPO" tag --list 'v*' --sort=-v:refname | head -1)}
    commits=$(git -C "$REAL_REPO" rev-list --count main)
    echo "real history: $REAL_REPO ($commits commits on main), tag $tag" >&2
    for b in $(git -C "$REAL_REPO" for-each-ref --format='%(refname:short)' 'refs/heads/maint/*'); do
        read -r ow oc <<<"$(measure gate_case "$REAL_REPO" "$tag" --release-branch "$b")"
        read -r tw tc <<<"$(measure git_real_case "$REAL_REPO" "$tag" "$b")"
        rw=$(awk -v a="$ow" -v b="$tw" 'BEGIN {printf "%.2f", a / b}')
        rc=$(awk -v a="$oc" -v b="$tc" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
        printf '%-8s %-6s %-6s %-12s %9s %9s %6s | %9s %9s %6s\n' "$commits" real - "$b" "$ow" "$tw" "$rw" "$oc" "$tc" "$rc"
        worst=$(awk -v a="$rw" -v b="$worst" 'BEGIN {print (a > b) ? a : b}')
    done
fi
echo "worst wall-time ratio: $worst (target <= 1.5); binaries: $BIN; load: $(cut -d" " -f1-3 /proc/loadavg)"
