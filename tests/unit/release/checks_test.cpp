// The release checks against a fake history.
#include "plugin/release/checks.hpp"
#include "plugin/release/merge.hpp"
#include "tests/unit/release/fake_git.hpp"

#include <gtest/gtest.h>

namespace compuerta::plugin::release {
namespace {

using test::release::FakeGit;
using test::release::id;

class ReleaseChecks : public ::testing::Test {
  protected:
    FakeGit git;
    // main: a - b - m(merge of r2) - c ; release/v1.1: a - r1 - r2
    void SetUp() override {
        git.add("a", {}, {{"app", "1"}});
        git.add("b", {"a"}, {{"main", "m"}});
        git.add("r1", {"a"}, {{"x", "x1"}});
        git.add("r2", {"r1"}, {{"y", "y1"}});
        git.add("m", {"b", "r2"}, {{"x", "x1"}, {"y", "y1"}});
        git.add("c", {"m"}, {{"z", "z"}});
        git.ref("refs/heads/main", "c");
        git.ref("refs/heads/release/v1.1", "r2");
        git.add_tag("v1.0.0", "a");
    }
    core::Outcome run_check(const std::string& which, const std::string& tag, Settings s = {}) {
        s.tag = tag;
        auto ctx = std::make_shared<Context>(Context{git, s, s.pattern.match(tag), nullptr});
        for (auto& c : gate_checks(ctx, core::Millis(1000)))
            if (c->spec().id == which) return c->run(core::Deadline::never());
        ADD_FAILURE() << "no check " << which;
        return {};
    }
};

TEST_F(ReleaseChecks, MergedReleaseTaggedOnMain) {
    git.add_tag("v1.1.0", "m");
    for (const char* c : {"tag-exists", "tag-pattern", "tag-annotated", "tag-newer", "tag-on-main", "branch-merged"})
        EXPECT_EQ(run_check(c, "v1.1.0").status, core::Status::pass) << c << ": " << run_check(c, "v1.1.0").message;
}

TEST_F(ReleaseChecks, EveryCheckCarriesItsPlanItemAndClassname) {
    Settings s;
    s.tag = "v1.1.0";
    s.version_file = "VERSION";
    auto ctx = std::make_shared<Context>(Context{git, s, s.pattern.match("v1.1.0"), nullptr});
    auto checks = gate_checks(ctx, core::Millis(1000));
    ASSERT_EQ(checks.size(), 7U);
    for (const auto& c : checks) {
        EXPECT_EQ(c->spec().classname, "gate.release");
        EXPECT_EQ(c->spec().item, c->spec().id == "branch-merged" ? "3.3" : "3.4") << c->spec().id;
    }
}

TEST_F(ReleaseChecks, TagNotOnMainFails) {
    git.add("side", {"r2"}, {{"s", "s"}});
    git.add_tag("v1.1.0", "side");
    auto o = run_check("tag-on-main", "v1.1.0");
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("not reachable from refs/heads/main"), std::string::npos) << o.message;
}

TEST_F(ReleaseChecks, LightweightAndOrdering) {
    git.add_tag("v1.1.0", "m", false);
    EXPECT_EQ(run_check("tag-annotated", "v1.1.0").status, core::Status::fail);
    Settings allow;
    allow.allow_lightweight = true;
    EXPECT_EQ(run_check("tag-annotated", "v1.1.0", allow).status, core::Status::pass);
    git.add_tag("v1.1.5", "m");
    git.add_tag("v2.0.0-rc.1", "c");
    EXPECT_EQ(run_check("tag-newer", "v1.1.0").status, core::Status::fail);
    EXPECT_EQ(run_check("tag-newer", "v1.1.6").status, core::Status::warn); // older than v2.0.0-rc.1
    EXPECT_EQ(run_check("tag-newer", "v2.0.0").status, core::Status::pass);
    EXPECT_EQ(run_check("tag-newer", "v2.0.0-beta").status, core::Status::fail);
}

TEST_F(ReleaseChecks, SquashDecidedByTree) {
    // main: a - b - s(squash of r1+r2) - d (changes an unrelated file)
    git.add("s", {"b"}, {{"x", "x1"}, {"y", "y1"}}, "p-squash");
    git.add("d", {"s"}, {{"x", "x2"}});
    git.ref("refs/heads/main", "d");
    auto v = analyse_merge(git, id("d"), id("r2"));
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->merged);
    EXPECT_EQ(v->method, "tree");
    EXPECT_EQ(v->merged_by, id("s"));
}

TEST_F(ReleaseChecks, SquashFoundBelowAMergeThatChangedItsFiles) {
    // main: a - b - s(squash of r1+r2) - m(merge of a side branch that changed x)
    git.add("s", {"b"}, {{"x", "x1"}, {"y", "y1"}}, "p-squash");
    git.add("side", {"s"}, {{"x", "x3"}});
    git.add("m", {"s", "side"}, {{"x", "x3"}});
    git.ref("refs/heads/main", "m");
    auto v = analyse_merge(git, id("m"), id("r2"));
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->merged);
    EXPECT_EQ(v->method, "tree");
    EXPECT_EQ(v->merged_by, id("s"));
    // The merge's own change (against its first parent) was what the scan asked for.
    EXPECT_TRUE(git.touched_asked.count(id("m")));
}

TEST_F(ReleaseChecks, RebaseDecidedByPatchIdAndMissingCommitListed) {
    // Rebased, then main changed x between the two picks: no main commit
    // holds the branch's files, but every patch is there.
    git.add("r1'", {"b"}, {{"x", "x1"}}, "p-r1");
    git.add("e", {"r1'"}, {{"x", "x9"}});
    git.add("r2'", {"e"}, {{"y", "y1"}}, "p-r2");
    git.ref("refs/heads/main", "r2'");
    auto v = analyse_merge(git, id("r2'"), id("r2"));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->method, "patch-id");
    // A plain rebase: the tree comparison already decides.
    git.add("plain", {"b"}, {{"x", "x1"}, {"y", "y1"}}, "p-plain");
    auto t = analyse_merge(git, id("plain"), id("r2"));
    ASSERT_TRUE(t);
    EXPECT_EQ(t->method, "tree");
    git.add("r3", {"r2"}, {{"w", "w"}});
    auto n = analyse_merge(git, id("r2'"), id("r3"));
    ASSERT_TRUE(n);
    EXPECT_FALSE(n->merged);
    ASSERT_EQ(n->missing.size(), 1U);
    EXPECT_EQ(n->missing[0].oid, id("r3"));
}

TEST_F(ReleaseChecks, ShallowHistoryIsAnErrorNeverAGuess) {
    git.add_tag("v1.1.0", "r1");
    git.is_shallow = true;
    git.cut = {id("c")};
    auto o = run_check("tag-on-main", "v1.1.0");
    EXPECT_EQ(o.status, core::Status::error);
    EXPECT_NE(o.message.find("GIT_DEPTH: 0"), std::string::npos) << o.message;
    EXPECT_EQ(run_check("branch-merged", "v1.1.0").status, core::Status::error);
}

TEST_F(ReleaseChecks, ShallowCloneDecidesFromTheHistoryItHolds) {
    // A --depth 3 clone: c, m and its parents b and r2 are there, cut below.
    git.add_tag("v1.1.0", "r2");
    git.is_shallow = true;
    git.cut = {id("b"), id("r2")};
    auto o = run_check("tag-on-main", "v1.1.0");
    EXPECT_EQ(o.status, core::Status::pass) << o.message;
    EXPECT_EQ(run_check("branch-merged", "v1.1.0").status, core::Status::pass);
}

TEST_F(ReleaseChecks, TagNamingABlobIsAFailureInPlainWords) {
    // As git.git's junio-gpg-pub: an annotated tag of a blob.
    git.tags_of_blobs["v1.2.0"] = id("blob");
    auto o = run_check("tag-exists", "v1.2.0");
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("names a blob"), std::string::npos) << o.message;
    EXPECT_NE(o.message.find("must name the release commit"), std::string::npos) << o.message;
    EXPECT_NE(o.message.find("git tag -d v1.2.0"), std::string::npos) << o.message;
}

TEST_F(ReleaseChecks, FullPatchIdsOnlyForMainCommitsTouchingABranchCommitsPaths) {
    // main after the fork: 50 commits on other files, one pick of r1 (x) and
    // one unrelated commit that also touches only x.
    std::string prev = "b";
    for (int i = 0; i < 50; ++i) {
        std::string n = "w" + std::to_string(i) + "z"; // "z": id() pads with zeros
        git.add(n, {prev}, {{"other" + std::to_string(i % 7), n}});
        prev = n;
    }
    git.add("r1'", {prev}, {{"x", "x1"}}, "p-r1");
    git.add("x2", {"r1'"}, {{"x", "x2"}});
    git.add("r3", {"r2"}, {{"w", "w"}});
    auto v = analyse_merge(git, id("x2"), id("r3"));
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->merged);
    // Main side: only r1' and x2 touch {x}, as r1 does; none touches {y} (r2)
    // or {w} (r3), so only r1 of the branch needs its full patch id.
    std::set<std::string> expected = {id("r1"), id("r1'"), id("x2")};
    EXPECT_EQ(git.patch_ids_asked, expected);
    // Listed oldest first, as git cherry lists them.
    std::vector<std::string> missing;
    for (const auto& c : v->missing) missing.push_back(c.oid);
    EXPECT_EQ(missing, (std::vector<std::string>{id("r2"), id("r3")}));
}

TEST_F(ReleaseChecks, FindMergeCommitOnFirstParents) {
    auto m = find_merge_commit(git, id("c"), id("r2"), 100);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->value_or(""), id("m"));
    auto none = find_merge_commit(git, id("b"), id("r2"), 100);
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
}

TEST_F(ReleaseChecks, MissingBranches) {
    git.add_tag("v1.2.0", "c");
    EXPECT_EQ(run_check("branch-merged", "v1.2.0").status, core::Status::skip); // derived, deleted
    Settings named;
    named.release_branch = "release/x";
    EXPECT_EQ(run_check("branch-merged", "v1.2.0", named).status, core::Status::error);
    Settings trunk;
    trunk.main_branch = "trunk";
    auto o = run_check("tag-on-main", "v1.2.0", trunk);
    EXPECT_EQ(o.status, core::Status::error);
    EXPECT_NE(o.message.find("git fetch origin trunk"), std::string::npos) << o.message;
}

TEST_F(ReleaseChecks, VersionFile) {
    git.add("v", {"c"}, {{"VERSION", "v1.1.0\n"}, {"package.json", R"({"version": "1.1.0-rc.1"})"}});
    git.add_tag("v1.1.0", "v");
    Settings s;
    s.version_file = "VERSION";
    EXPECT_EQ(run_check("version-file", "v1.1.0", s).status, core::Status::pass);
    s.version_file = "package.json";
    EXPECT_EQ(run_check("version-file", "v1.1.0", s).status, core::Status::fail);
}

} // namespace
} // namespace compuerta::plugin::release
