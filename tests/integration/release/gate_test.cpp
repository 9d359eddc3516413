// `compuerta gate release` against real repositories (one scenario each).
#include "tests/integration/release/repo.hpp"

#include <sys/stat.h>

namespace compuerta::test::release {
namespace {

class GateRelease : public ::testing::Test {
  protected:
    TempDir home, work;
    std::map<std::string, std::string> env = git_env(home);
    Repo repo{work / "repo", env};
    GateRun gate(std::vector<std::string> args, const std::optional<std::filesystem::path>& cwd = {}) {
        if (!cwd) args.insert(args.begin(), {"--repo", repo.dir().string()});
        return run_json("compuerta-gate-release", work, std::move(args), env, cwd);
    }
};

TEST_F(GateRelease, MergeCommitPassesEveryCheck) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge release/v1.1"});
    repo.tag("v1.1.0");
    auto g = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(g.code, 0) << g.out << g.err;
    for (const char* id : {"tag-exists", "tag-pattern", "tag-annotated", "tag-newer", "tag-on-main", "branch-merged"})
        EXPECT_EQ(g.status[id], "pass") << id << ": " << g.message[id];
    EXPECT_NE(g.message["branch-merged"].find("method: ancestor"), std::string::npos);
    EXPECT_EQ(g.json["suites"][0]["checks"][5]["item"], "3.3");
    EXPECT_EQ(g.json["suites"][0]["checks"][0]["item"], "3.4");
}

TEST_F(GateRelease, FastForwardIsMerged) {
    repo.commit("app.txt", "1\n", "first");
    repo.git({"checkout", "-q", "-b", "release/v1.0"});
    repo.commit("a.txt", "a\n", "feature");
    repo.git({"checkout", "-q", "main"});
    repo.git({"merge", "-q", "--ff-only", "release/v1.0"});
    repo.tag("v1.0.0");
    auto g = gate({"--tag", "v1.0.0"});
    EXPECT_EQ(g.code, 0) << g.out;
    EXPECT_EQ(g.status["branch-merged"], "pass");
}

TEST_F(GateRelease, SquashMergeIsFoundByTreeComparison) {
    repo.release_line();
    repo.git({"merge", "-q", "--squash", "release/v1.1"});
    repo.git({"commit", "-q", "-m", "Release 1.1 (squashed)"});
    repo.commit("later.txt", "later\n", "later work");
    repo.commit("a.txt", "a changed later\n", "main changes a file of the release");
    repo.tag("v1.1.0");
    auto g = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(g.code, 0) << g.out;
    EXPECT_EQ(g.status["branch-merged"], "pass");
    EXPECT_NE(g.message["branch-merged"].find("method: tree"), std::string::npos) << g.message["branch-merged"];
}

TEST_F(GateRelease, RebasedBranchIsMerged) {
    repo.release_line();
    repo.git({"cherry-pick", "main..release/v1.1"});
    repo.commit("after.txt", "x\n", "after the rebase");
    repo.tag("v1.1.0");
    auto g = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(g.code, 0) << g.out;
    EXPECT_NE(g.message["branch-merged"].find("method: tree"), std::string::npos) << g.message["branch-merged"];
}

TEST_F(GateRelease, RebasedBranchWithMainChangesBetweenIsFoundByPatchId) {
    repo.release_line();
    repo.git({"cherry-pick", "release/v1.1~1"});
    repo.commit("a.txt", "a\nchanged on main\n", "main edits a");
    repo.git({"cherry-pick", "release/v1.1"});
    repo.tag("v1.1.0");
    auto g = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(g.code, 0) << g.out;
    EXPECT_NE(g.message["branch-merged"].find("method: patch-id"), std::string::npos) << g.message["branch-merged"];
}

TEST_F(GateRelease, BranchWithOneCommitNotInMainFails) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.tag("v1.1.0");
    repo.git({"checkout", "-q", "release/v1.1"});
    repo.commit("late.txt", "late\n", "late fix never merged");
    repo.git({"checkout", "-q", "main"});
    auto g = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(g.code, 1);
    EXPECT_EQ(g.status["branch-merged"], "fail");
    EXPECT_NE(g.message["branch-merged"].find("late fix never merged"), std::string::npos) << g.message["branch-merged"];
    EXPECT_EQ(g.status["tag-on-main"], "pass");
}

TEST_F(GateRelease, TagOnCommitNotInMainFails) {
    repo.release_line();
    repo.tag("v1.1.0", "release/v1.1");
    auto g = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(g.code, 1);
    EXPECT_EQ(g.status["tag-on-main"], "fail");
    EXPECT_EQ(g.status["branch-merged"], "fail");
}

TEST_F(GateRelease, LightweightTagFailsUnlessAllowed) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.git({"tag", "v1.1.0"});
    auto g = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(g.code, 1);
    EXPECT_EQ(g.status["tag-annotated"], "fail");
    auto ok = gate({"--tag", "v1.1.0", "--allow-lightweight"});
    EXPECT_EQ(ok.code, 0) << ok.out;
}

TEST_F(GateRelease, OlderThanLastReleaseOfItsLineFailsAndOtherLineWarns) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.tag("v1.1.0");
    repo.tag("v1.1.2");
    repo.tag("v1.2.0");
    repo.commit("fix.txt", "fix\n", "hotfix");
    repo.tag("v1.1.1");
    auto g = gate({"--tag", "v1.1.1"});
    EXPECT_EQ(g.status["tag-newer"], "fail") << g.message["tag-newer"];
    repo.tag("v1.1.3");
    auto h = gate({"--tag", "v1.1.3"});
    EXPECT_EQ(h.status["tag-newer"], "warn") << h.message["tag-newer"];
    EXPECT_EQ(h.code, 0) << h.out;
}

TEST_F(GateRelease, PreReleaseSortsBeforeRelease) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.tag("v1.1.0");
    repo.tag("v1.1.0-rc.1", "HEAD~1");
    auto later = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(later.status["tag-newer"], "pass") << later.message["tag-newer"];
    auto earlier = gate({"--tag", "v1.1.0-rc.1"});
    EXPECT_EQ(earlier.status["tag-newer"], "fail") << earlier.message["tag-newer"];
}

TEST_F(GateRelease, DetachedHeadAndRemoteOnlyBranches) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.tag("v1.1.0");
    Repo clone(work / "clone", env, false);
    xrun("git", {"clone", "-q", repo.dir().string(), (work / "clone").string()}, env);
    clone.git({"checkout", "-q", "--detach", "v1.1.0"});
    clone.git({"branch", "-D", "main"});
    auto g = run_json("compuerta-gate-release", work, {"--tag", "v1.1.0"}, env, clone.dir());
    EXPECT_EQ(g.code, 0) << g.out << g.err;
    EXPECT_NE(g.message["tag-on-main"].find("refs/remotes/origin/main"), std::string::npos) << g.message["tag-on-main"];
    EXPECT_NE(g.message["branch-merged"].find("refs/remotes/origin/release/v1.1"), std::string::npos);
}

TEST_F(GateRelease, ShallowCloneIsAnErrorAskingForMoreHistory) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.commit("more.txt", "1\n", "more");
    repo.commit("more.txt", "2\n", "more 2");
    repo.tag("v1.1.0", "HEAD~2");
    Repo clone(work / "shallow", env, false);
    xrun("git", {"clone", "-q", "--depth", "1", "--no-single-branch", "file://" + repo.dir().string(),
                (work / "shallow").string()},
        env);
    clone.git({"fetch", "-q", "--depth", "1", "origin", "tag", "v1.1.0"});
    auto g = run_json("compuerta-gate-release", work, {"--tag", "v1.1.0"}, env, clone.dir());
    EXPECT_EQ(g.code, 3) << g.out << g.err;
    EXPECT_EQ(g.status["tag-on-main"], "error");
    EXPECT_NE(g.message["tag-on-main"].find("GIT_DEPTH: 0"), std::string::npos) << g.message["tag-on-main"];
    // With the whole history it decides.
    clone.git({"fetch", "-q", "--unshallow"});
    auto full = run_json("compuerta-gate-release", work, {"--tag", "v1.1.0"}, env, clone.dir());
    EXPECT_EQ(full.code, 0) << full.out;
}

TEST_F(GateRelease, ShallowCloneDecidesWhenTheTagIsWithinTheFetchedHistory) {
    // As `git clone --depth 50` in CI: the release tag is a few commits below
    // main's tip, inside the fetched history; git answers "reachable".
    // 60 older commits lie beyond the cut.
    for (int i = 0; i < 60; ++i) repo.commit("base.txt", std::to_string(i) + "\n", "base " + std::to_string(i));
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge release/v1.1"});
    repo.tag("v1.1.0");
    for (int i = 0; i < 20; ++i) repo.commit("more.txt", std::to_string(i) + "\n", "more " + std::to_string(i));
    Repo clone(work / "shallow", env, false);
    xrun("git", {"clone", "-q", "--depth", "50", "--no-single-branch", "file://" + repo.dir().string(),
                (work / "shallow").string()},
         env);
    clone.git({"fetch", "-q", "--depth", "50", "origin", "tag", "v1.1.0"});
    auto g = run_json("compuerta-gate-release", work, {"--tag", "v1.1.0"}, env, clone.dir());
    EXPECT_EQ(clone.git({"rev-parse", "--is-shallow-repository"}), "true");
    EXPECT_EQ(g.status["tag-on-main"], "pass") << g.message["tag-on-main"];
    EXPECT_EQ(g.status["branch-merged"], "pass") << g.message["branch-merged"];
    EXPECT_EQ(g.code, 0) << g.out << g.err;
    // A tag cut off from main's fetched history stays an error, not a guess.
    repo.git({"checkout", "-q", "-b", "old", "v1.0.0"});
    repo.commit("old.txt", "o\n", "old line");
    repo.tag("v1.0.1");
    clone.git({"fetch", "-q", "--depth", "1", "origin", "tag", "v1.0.1"});
    auto cut = run_json("compuerta-gate-release", work, {"--tag", "v1.0.1", "--release-branch", "main"}, env,
                        clone.dir());
    EXPECT_EQ(cut.status["tag-on-main"], "error") << cut.message["tag-on-main"];
    EXPECT_NE(cut.message["tag-on-main"].find("too shallow"), std::string::npos) << cut.message["tag-on-main"];
    EXPECT_EQ(cut.code, 3);
}

TEST_F(GateRelease, AnnotatedTagOfABlobOrTreeIsAClearFailure) {
    // As git.git's junio-gpg-pub (an annotated tag of a blob holding a key).
    repo.release_line();
    write_file(repo.dir() / "key.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
    std::string blob = repo.git({"hash-object", "-w", "key.asc"});
    repo.git({"tag", "-a", "v1.2.0", "-m", "a key, not a release", blob});
    auto g = gate({"--tag", "v1.2.0"});
    EXPECT_EQ(g.code, 1) << g.out << g.err;
    EXPECT_EQ(g.status["tag-exists"], "fail");
    EXPECT_NE(g.message["tag-exists"].find("names a blob (the contents of a file)"), std::string::npos)
        << g.message["tag-exists"];
    EXPECT_NE(g.message["tag-exists"].find("git tag -d v1.2.0"), std::string::npos);
    EXPECT_EQ(g.message["tag-exists"].find("peeled"), std::string::npos) << "libgit2's words leaked";
    std::string tree = repo.git({"rev-parse", "HEAD^{tree}"});
    repo.git({"tag", "-a", "v1.3.0", "-m", "a tree", tree});
    auto t = gate({"--tag", "v1.3.0"});
    EXPECT_EQ(t.code, 1) << t.out << t.err;
    EXPECT_NE(t.message["tag-exists"].find("names a tree"), std::string::npos) << t.message["tag-exists"];
}

TEST_F(GateRelease, EnvironmentDefaultsFromGitLabAndJenkins) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.git({"branch", "-m", "main", "trunk"});
    repo.tag("v1.1.0");
    env["CI_COMMIT_TAG"] = "v1.1.0";
    env["CI_DEFAULT_BRANCH"] = "trunk";
    auto g = gate({});
    EXPECT_EQ(g.code, 0) << g.out << g.err;
    env["CI_COMMIT_TAG"] = "\x01";
    env["TAG_NAME"] = "v1.1.0";
    EXPECT_EQ(gate({}).code, 0);
}

TEST_F(GateRelease, ConfigFileSetsTheDefaults) {
    repo.commit("app.txt", "1\n", "first");
    repo.git({"branch", "-m", "main", "trunk"});
    repo.git({"checkout", "-q", "-b", "rel/1.0"});
    repo.commit("VERSION", "1.0.0\n", "version");
    repo.git({"checkout", "-q", "trunk"});
    repo.git({"merge", "-q", "--no-ff", "rel/1.0", "-m", "Merge rel/1.0"});
    repo.tag("release-1.0.0");
    write_file(work / "compuerta.yml", "release:\n  repo: " + repo.dir().string() +
                                           "\n  main_branch: trunk\n  release_branch: rel/{major}.{minor}\n"
                                           "  tag_pattern: release-MAJOR.MINOR.PATCH\n  version_file: VERSION\n");
    auto g = run_json("compuerta-gate-release", work, {"-c", (work / "compuerta.yml").string(), "--tag", "release-1.0.0"},
                      env);
    EXPECT_EQ(g.code, 0) << g.out << g.err;
    EXPECT_EQ(g.status["version-file"], "pass");
    EXPECT_NE(g.message["branch-merged"].find("rel/1.0"), std::string::npos);
    write_file(work / "bad.yml", "release:\n  tag_pattern: v*\n");
    EXPECT_EQ(run_json("compuerta-gate-release", work, {"-c", (work / "bad.yml").string(), "--tag", "v1"}, env).code, 2);
}

TEST_F(GateRelease, BadInput) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.tag("v1.1.0");
    // Not a repository: usage error.
    auto nr = run_json("compuerta-gate-release", work, {"--repo", home.path().string(), "--tag", "v1.1.0"}, env);
    EXPECT_EQ(nr.code, 2);
    EXPECT_NE(nr.err.find("is not a git repository"), std::string::npos) << nr.err;
    // No tag at all.
    EXPECT_EQ(gate({}).code, 2);
    // Missing tag.
    auto mt = gate({"--tag", "v9.9.9"});
    EXPECT_EQ(mt.code, 1);
    EXPECT_EQ(mt.status["tag-exists"], "fail");
    EXPECT_EQ(mt.status["tag-on-main"], "skip");
    // A pattern no tag matches.
    auto pt = gate({"--tag", "v1.1.0", "--tag-pattern", "release-MAJOR.MINOR.PATCH"});
    EXPECT_EQ(pt.status["tag-pattern"], "fail");
    EXPECT_NE(pt.message["tag-pattern"].find("No tag of the repository matches"), std::string::npos);
    // A pattern without placeholders: configuration error.
    EXPECT_EQ(gate({"--tag", "v1.1.0", "--tag-pattern", "v*"}).code, 2);
    // Branches that do not exist.
    auto nm = gate({"--tag", "v1.1.0", "--main", "nope"});
    EXPECT_EQ(nm.code, 3);
    EXPECT_NE(nm.message["tag-on-main"].find("git fetch origin nope"), std::string::npos) << nm.message["tag-on-main"];
    auto nb = gate({"--tag", "v1.1.0", "--release-branch", "release/nope"});
    EXPECT_EQ(nb.status["branch-merged"], "error");
    // A derived release branch that was deleted after merging: skipped, visibly.
    repo.git({"branch", "-D", "release/v1.1"});
    auto gone = gate({"--tag", "v1.1.0"});
    EXPECT_EQ(gone.code, 0);
    EXPECT_EQ(gone.status["branch-merged"], "skip");
}

TEST_F(GateRelease, BareRepositoryIsChecked) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.tag("v1.1.0");
    xrun("git", {"clone", "-q", "--bare", repo.dir().string(), (work / "bare.git").string()}, env);
    auto g = run_json("compuerta-gate-release", work, {"--repo", (work / "bare.git").string(), "--tag", "v1.1.0"}, env);
    EXPECT_EQ(g.code, 0) << g.out << g.err;
}

TEST_F(GateRelease, CorruptObjectIsAnError) {
    repo.release_line();
    repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge"});
    repo.tag("v1.1.0");
    std::string parent = repo.git({"rev-parse", "HEAD~1"});
    auto obj = repo.dir() / ".git" / "objects" / parent.substr(0, 2) / parent.substr(2);
    std::filesystem::permissions(obj, std::filesystem::perms::owner_all);
    write_file(obj, "garbage, not zlib");
    auto g = gate({"--tag", "v1.1.0", "--release-branch", "release/v1.1"});
    EXPECT_EQ(g.code, 3) << g.out << g.err;
    EXPECT_NE(g.out.find("git fsck"), std::string::npos) << g.out;
}

TEST_F(GateRelease, RepositoryOwnedByAnotherUser) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to chown the repository";
    repo.commit("app.txt", "1\n", "first");
    repo.tag("v1.0.0");
    ASSERT_EQ(chown(repo.dir().c_str(), 4242, 4242), 0);
    ASSERT_EQ(chown((repo.dir() / ".git").c_str(), 4242, 4242), 0);
    auto g = gate({"--tag", "v1.0.0"});
    EXPECT_EQ(g.code, 3) << g.out << g.err;
    EXPECT_NE(g.err.find("safe.directory"), std::string::npos) << g.err;
}

TEST_F(GateRelease, VersionFileMatchesTheTag) {
    repo.commit("CMakeLists.txt", "project(app VERSION 1.0.0 LANGUAGES CXX)\n", "first");
    repo.tag("v1.0.0");
    EXPECT_EQ(gate({"--tag", "v1.0.0", "--version-file", "CMakeLists.txt"}).status["version-file"], "pass");
    repo.commit("VERSION", "1.0.9\n", "wrong version");
    repo.tag("v1.0.1");
    auto g = gate({"--tag", "v1.0.1", "--version-file", "VERSION"});
    EXPECT_EQ(g.status["version-file"], "fail");
    EXPECT_NE(g.message["version-file"].find("1.0.9"), std::string::npos);
}

} // namespace
} // namespace compuerta::test::release
