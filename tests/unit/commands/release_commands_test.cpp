// gate release run in-process with an in-memory history
// (tests/unit/release/fake_git.hpp) handed through the fake world: the
// command opens its repository through the composition root, and its flags
// (--repo, --main, --tag-pattern) go through the one merge with release.*.
#include "tests/support/fakes.hpp"
#include "tests/support/support.hpp"
#include "tests/unit/release/fake_git.hpp"

#include <gtest/gtest.h>

namespace compuerta::test {
namespace {

// main: a - b - m (merge of release/v1.1) - c; v1.0.0 on a.
std::unique_ptr<release::FakeGit> history() {
    auto git = std::make_unique<release::FakeGit>();
    git->add("a", {}, {{"app", "1"}});
    git->add("b", {"a"}, {{"main", "m"}});
    git->add("r1", {"a"}, {{"x", "x1"}});
    git->add("r2", {"r1"}, {{"y", "y1"}});
    git->add("m", {"b", "r2"}, {{"x", "x1"}, {"y", "y1"}});
    git->add("c", {"m"}, {{"z", "z"}});
    git->ref("refs/heads/trunk", "c");
    git->ref("refs/heads/release/v1.1", "r2");
    git->add_tag("v1.0.0", "a");
    return git;
}

TEST(ReleaseCommandsWithFakes, GateReleaseReadsTheHistoryTheWorldHands) {
    Sandbox box;
    FakeWorld world;
    std::vector<std::string> opened;
    bool tagged = true;
    world.git = [&](const std::string& dir) -> core::GitResult<std::unique_ptr<core::GitRepo>> {
        opened.push_back(dir);
        auto git = history();
        if (tagged)
            git->add_tag("v1.1.0", "m");
        return std::unique_ptr<core::GitRepo>(std::move(git));
    };
    write_file(box.dir / "compuerta.yml",
               "release:\n  repo: /srv/sep-muses\n  main_branch: main\n");
    const std::string cfg = (box.dir / "compuerta.yml").string();
    // The file says main; --main says trunk (the fake's main line).
    auto ok = run_command("gate release", {"-c", cfg, "--tag", "v1.1.0", "--main", "trunk"},
                          box.env(), world);
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    ASSERT_FALSE(opened.empty());
    EXPECT_EQ(opened.back(), "/srv/sep-muses"); // release.repo, through the merge
    EXPECT_TRUE(world.unfaked().empty());

    // Without --main the file's branch is asked for, and it does not exist.
    auto no_main = run_command("gate release", {"-c", cfg, "--tag", "v1.1.0"}, box.env(), world);
    EXPECT_NE(no_main.code, 0) << no_main.out;
    EXPECT_TRUE(contains(no_main.out + no_main.err, "main")) << no_main.out << no_main.err;

    // The tag is not there: the gate closes (exit 1) naming 3.4.
    tagged = false;
    auto missing = run_command("gate release", {"-c", cfg, "--tag", "v1.1.0", "--main", "trunk"},
                               box.env(), world);
    EXPECT_EQ(missing.code, 1) << missing.out << missing.err;
    EXPECT_TRUE(contains(missing.out, "3.4")) << missing.out;

    // --repo overrides release.repo.
    tagged = true;
    auto other = run_command(
        "gate release", {"-c", cfg, "--tag", "v1.1.0", "--main", "trunk", "--repo", "/srv/other"},
        box.env(), world);
    EXPECT_EQ(other.code, 0) << other.out << other.err;
    EXPECT_EQ(opened.back(), "/srv/other");
}

} // namespace
} // namespace compuerta::test
