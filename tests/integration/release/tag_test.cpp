// `compuerta tag VERSION` and the pre-push hook against real repositories.
#include "tests/integration/release/repo.hpp"

namespace compuerta::test::release {
namespace {

class Tag : public ::testing::Test {
  protected:
    TempDir home, work;
    std::map<std::string, std::string> env = git_env(home);
    Repo repo{work / "repo", env};
    GateRun tag(std::vector<std::string> args) {
        args.insert(args.end(), {"--repo", repo.dir().string()});
        return run_json("compuerta-tag", work, std::move(args), env);
    }
    void merged_release() {
        repo.release_line();
        repo.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge release/v1.1"});
        repo.commit("after.txt", "x\n", "after the merge");
    }
    Repo bare_remote() {
        xrun("git", {"init", "-q", "--bare", (work / "remote.git").string()}, env);
        return Repo(work / "remote.git", env, false);
    }
};

TEST_F(Tag, TagsTheMergeCommitWithTheChangesAndJournalsIt) {
    merged_release();
    std::string merge = repo.git({"rev-parse", "HEAD~1"});
    auto t = tag({"1.1.0"});
    ASSERT_EQ(t.code, 0) << t.out << t.err;
    EXPECT_EQ(repo.git({"rev-parse", "v1.1.0^{commit}"}), merge);
    EXPECT_EQ(repo.git({"cat-file", "-t", "v1.1.0"}), "tag");
    std::string msg = repo.git({"tag", "-l", "--format=%(contents)", "v1.1.0"});
    EXPECT_NE(msg.find("Changes since v1.0.0:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("- feature a"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("after the merge"), std::string::npos) << msg;
    EXPECT_EQ(repo.git({"tag", "-l", "--format=%(taggername)", "v1.1.0"}), "Dev Lead");
    auto journal = read_file(*std::filesystem::directory_iterator(work / "journal"));
    EXPECT_NE(journal.find("\"event\":\"release.tag\""), std::string::npos) << journal;
    EXPECT_NE(journal.find("\"pushed\":false"), std::string::npos) << journal;
    // The gate accepts what `tag` made.
    auto g = run_json("compuerta-gate-release", work, {"--repo", repo.dir().string(), "--tag", "v1.1.0"}, env);
    EXPECT_EQ(g.code, 0) << g.out;
}

TEST_F(Tag, RefusesAnExistingTagAnOlderVersionAndAnUnmergedBranch) {
    merged_release();
    ASSERT_EQ(tag({"1.1.0"}).code, 0);
    auto again = tag({"1.1.0"});
    EXPECT_EQ(again.code, 1);
    EXPECT_EQ(again.status["tag-absent"], "fail");
    auto older = tag({"1.1.0-rc.1"});
    EXPECT_EQ(older.code, 1);
    EXPECT_EQ(older.status["tag-newer"], "fail");
    repo.git({"checkout", "-q", "-b", "release/v1.2"});
    repo.commit("c.txt", "c\n", "not merged");
    repo.git({"checkout", "-q", "main"});
    auto unmerged = tag({"1.2.0"});
    EXPECT_EQ(unmerged.code, 1);
    EXPECT_EQ(unmerged.status["branch-merged"], "fail");
    test::Run r = xrun("git", {"rev-parse", "-q", "--verify", "refs/tags/v1.2.0"}, env, repo.dir());
    EXPECT_NE(r.code, 0) << "the tag must not exist";
    EXPECT_EQ(tag({"two"}).code, 2);
}

TEST_F(Tag, AfterASquashTagsTheSquashCommitAndWithoutBranchMainsTipWithAWarning) {
    repo.release_line();
    repo.git({"merge", "-q", "--squash", "release/v1.1"});
    repo.git({"commit", "-q", "-m", "squash"});
    std::string squash = repo.git({"rev-parse", "HEAD"});
    repo.commit("z.txt", "z\n", "later");
    ASSERT_EQ(tag({"1.1.0"}).code, 0);
    EXPECT_EQ(repo.git({"rev-parse", "v1.1.0^{commit}"}), squash);
    repo.git({"branch", "-D", "release/v1.1"});
    auto t = tag({"1.1.1"});
    EXPECT_EQ(t.code, 0) << t.out;
    EXPECT_EQ(t.status["tag-created"], "warn");
    EXPECT_EQ(repo.git({"rev-parse", "v1.1.1^{commit}"}), repo.git({"rev-parse", "main"}));
}

TEST_F(Tag, ExplicitCommitMustBeInMain) {
    merged_release();
    std::string first = repo.git({"rev-parse", "HEAD~2"});
    repo.git({"checkout", "-q", "-b", "side"});
    repo.commit("side.txt", "s\n", "not in main");
    repo.git({"checkout", "-q", "main"});
    EXPECT_EQ(tag({"1.1.0", "--commit", "side"}).status["tag-created"], "fail");
    auto t = tag({"1.1.0", "--commit", first});
    EXPECT_EQ(t.code, 0) << t.out;
    EXPECT_EQ(repo.git({"rev-parse", "v1.1.0^{commit}"}), first);
}

TEST_F(Tag, PushesToABareRemoteAndReportsARejection) {
    merged_release();
    Repo remote = bare_remote();
    auto t = tag({"1.1.0", "--push", remote.dir().string()});
    ASSERT_EQ(t.code, 0) << t.out << t.err;
    EXPECT_EQ(t.status["tag-pushed"], "pass");
    EXPECT_EQ(remote.git({"rev-parse", "v1.1.0"}), repo.git({"rev-parse", "v1.1.0"}));
    // The remote already holds v1.2.0 somewhere else: the push is refused.
    repo.git({"push", "-q", remote.dir().string(), "HEAD~2:refs/tags/v1.2.0"});
    repo.git({"checkout", "-q", "-b", "release/v1.2"});
    repo.commit("d.txt", "d\n", "one more");
    repo.git({"checkout", "-q", "main"});
    repo.git({"merge", "-q", "--no-ff", "release/v1.2", "-m", "Merge 1.2"});
    auto r = tag({"1.2.0", "--push", remote.dir().string()});
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_EQ(r.status["tag-pushed"], "fail");
    EXPECT_NE(r.message["tag-pushed"].find("rejected"), std::string::npos) << r.message["tag-pushed"];
}

TEST_F(Tag, PrePushHookRefusesABadReleaseTag) {
    merged_release();
    Repo remote = bare_remote();
    std::filesystem::copy_file(std::filesystem::path(COMPUERTA_SOURCE_DIR) / "scripts/hooks/pre-push",
                               repo.dir() / ".git/hooks/pre-push");
    env["COMPUERTA"] = bin("compuerta");
    Repo r(repo.dir(), env, false);
    ASSERT_EQ(tag({"1.1.0"}).code, 0);
    test::Run good = xrun("git", {"push", remote.dir().string(), "v1.1.0"}, env, repo.dir());
    EXPECT_EQ(good.code, 0) << good.err;
    r.git({"tag", "v1.2.0", "release/v1.1"}); // lightweight and not in main
    test::Run bad = xrun("git", {"push", remote.dir().string(), "v1.2.0"}, env, repo.dir());
    EXPECT_NE(bad.code, 0);
    EXPECT_NE(bad.err.find("refusing to push v1.2.0"), std::string::npos) << bad.err;
    test::Run there = xrun("git", {"rev-parse", "-q", "--verify", "refs/tags/v1.2.0"}, env, remote.dir());
    EXPECT_NE(there.code, 0) << "the bad tag reached the remote";
    r.git({"tag", "experiment"}); // not a release tag: not checked
    EXPECT_EQ(xrun("git", {"push", remote.dir().string(), "experiment"}, env, repo.dir()).code, 0);
}

TEST_F(Tag, PreReceiveHookRejectsABadReleaseTagOnTheServer) {
    merged_release();
    Repo remote = bare_remote();
    std::filesystem::copy_file(std::filesystem::path(COMPUERTA_SOURCE_DIR) / "scripts/hooks/pre-receive",
                               remote.dir() / "hooks/pre-receive");
    env["COMPUERTA"] = bin("compuerta");
    ASSERT_EQ(tag({"1.1.0"}).code, 0);
    // Main and the tag arrive in the same push: the gate sees the pushed main.
    test::Run good = xrun("git", {"push", remote.dir().string(), "main", "release/v1.1", "v1.1.0"}, env, repo.dir());
    EXPECT_EQ(good.code, 0) << good.err;
    EXPECT_NE(good.err.find("checking release tag v1.1.0"), std::string::npos) << good.err;
    repo.git({"checkout", "-q", "-b", "side"});
    repo.commit("side.txt", "s\n", "never merged");
    repo.git({"checkout", "-q", "main"});
    repo.git({"tag", "-a", "v1.2.0", "-m", "bad", "side"}); // not in main
    test::Run bad = xrun("git", {"push", remote.dir().string(), "v1.2.0"}, env, repo.dir());
    EXPECT_NE(bad.code, 0);
    EXPECT_NE(bad.err.find("rejecting v1.2.0"), std::string::npos) << bad.err;
    test::Run there = xrun("git", {"rev-parse", "-q", "--verify", "refs/tags/v1.2.0"}, env, remote.dir());
    EXPECT_NE(there.code, 0) << "the bad tag reached the server";
}

} // namespace
} // namespace compuerta::test::release
