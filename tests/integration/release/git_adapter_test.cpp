// The libgit2 adapter's screening of commits by changed paths against git's
// own answer (`git diff-tree -r --name-only`), on a history with nested
// directories, deletions, a file that becomes a directory and a mode change.
#include "core/ports/git.hpp"
#include "tests/integration/release/repo.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <sstream>

namespace compuerta::test::release {
namespace {

TEST(GitAdapter, TouchedPathsAgreeWithGitDiffTree) {
    TempDir home, work;
    auto env = git_env(home);
    Repo repo(work / "repo", env);
    repo.commit("a.txt", "a\n", "root commit");
    std::filesystem::create_directories(repo.dir() / "src/x/y");
    repo.commit("src/x/y/z.txt", "z\n", "nested");
    repo.commit("src/x/w.txt", "w\n", "sibling");
    write_file(repo.dir() / "src/x/y/z.txt", "z2\n");
    write_file(repo.dir() / "b.txt", "b\n");
    repo.git({"add", "-A"});
    repo.git({"commit", "-q", "-m", "two places"});
    repo.git({"rm", "-q", "-r", "src/x/y"});
    repo.git({"commit", "-q", "-m", "delete a directory"});
    repo.git({"rm", "-q", "a.txt"});
    std::filesystem::create_directories(repo.dir() / "a.txt");
    repo.commit("a.txt/inner.txt", "i\n", "file becomes a directory");
    repo.git({"update-index", "--chmod=+x", "b.txt"});
    repo.git({"commit", "-q", "-m", "mode change"});
    repo.git({"commit", "-q", "--allow-empty", "-m", "empty"});

    auto git = core::open_git_repo(repo.dir().string());
    ASSERT_TRUE(git) << git.error().message;
    auto fresh = core::open_git_repo(repo.dir().string()); // touched_among before any touched_paths
    ASSERT_TRUE(fresh) << fresh.error().message;
    // Sorted, as touched_among wants: a nested file, a file that becomes a
    // directory and a file inside it, and a path no commit has.
    const std::vector<std::string> among = {"a.txt", "a.txt/inner.txt", "b.txt", "src/x/y/z.txt", "zz/none.txt"};
    std::istringstream revs(repo.git({"rev-list", "HEAD"}));
    std::string rev;
    int checked = 0;
    while (std::getline(revs, rev)) {
        std::istringstream names(
            repo.git({"diff-tree", "--root", "--no-commit-id", "-r", "--name-only", rev}));
        std::vector<std::string> expected;
        for (std::string n; std::getline(names, n);)
            expected.push_back(n);
        std::sort(expected.begin(), expected.end());
        std::vector<std::string> expected_among;
        std::set_intersection(expected.begin(), expected.end(), among.begin(), among.end(),
                              std::back_inserter(expected_among));
        auto narrowed = (*fresh)->touched_among(rev, among);
        ASSERT_TRUE(narrowed) << narrowed.error().message;
        EXPECT_EQ(*narrowed, expected_among) << repo.git({"log", "-1", "--format=%s", rev});
        auto got = (*git)->touched_paths(rev);
        ASSERT_TRUE(got) << got.error().message;
        EXPECT_EQ(*got, expected) << repo.git({"log", "-1", "--format=%s", rev});
        auto cached = (*git)->touched_among(rev, among); // answered from touched_paths' memo
        ASSERT_TRUE(cached) << cached.error().message;
        EXPECT_EQ(*cached, expected_among);
        ++checked;
    }
    EXPECT_EQ(checked, 8);
}

TEST(GitAdapter, TouchedPathsOfAMergeAreAgainstItsFirstParent) {
    TempDir home, work;
    auto env = git_env(home);
    Repo repo(work / "repo", env);
    repo.commit("a.txt", "a\n", "root commit");
    repo.git({"checkout", "-q", "-b", "topic"});
    repo.commit("t.txt", "t\n", "topic work");
    repo.commit("u.txt", "u\n", "more topic work");
    repo.git({"checkout", "-q", "main"});
    repo.commit("m.txt", "m\n", "main work");
    repo.git({"merge", "-q", "--no-ff", "-m", "merge topic", "topic"});

    auto git = core::open_git_repo(repo.dir().string());
    ASSERT_TRUE(git) << git.error().message;
    auto got = (*git)->touched_paths(repo.git({"rev-parse", "HEAD"}).substr(0, 40));
    ASSERT_TRUE(got) << got.error().message;
    // git diff-tree HEAD^1 HEAD: what the merge brought onto main's line.
    EXPECT_EQ(*got, (std::vector<std::string>{"t.txt", "u.txt"}));
}

// patch_id() limits its diff to the paths the commit touched: it must still be
// `git patch-id --stable` of the whole commit, on nested directories, a
// deletion, a file that becomes a directory and a mode change.
TEST(GitAdapter, PatchIdsAgreeWithGitPatchIdStable) {
    TempDir home, work;
    auto env = git_env(home);
    Repo repo(work / "repo", env);
    repo.commit("a.txt", "a\n", "root commit");
    std::filesystem::create_directories(repo.dir() / "src/x/y");
    repo.commit("src/x/y/z.txt", "z\n", "nested");
    write_file(repo.dir() / "src/x/y/z.txt", "z2\n");
    write_file(repo.dir() / "src/q.txt", "q\n");
    write_file(repo.dir() / "b.txt", "b\n");
    repo.git({"add", "-A"});
    repo.git({"commit", "-q", "-m", "three places"});
    repo.git({"rm", "-q", "a.txt"});
    std::filesystem::create_directories(repo.dir() / "a.txt");
    repo.commit("a.txt/inner.txt", "i\n", "file becomes a directory");
    repo.git({"update-index", "--chmod=+x", "b.txt"});
    repo.git({"commit", "-q", "-m", "mode change"});

    auto git = core::open_git_repo(repo.dir().string());
    ASSERT_TRUE(git) << git.error().message;
    std::istringstream revs(repo.git({"rev-list", "--min-parents=1", "--max-parents=1", "HEAD"}));
    std::string rev;
    int checked = 0;
    while (std::getline(revs, rev)) {
        std::string cmd = "git -C '" + repo.dir().string() + "' show --format= " + rev + " | git patch-id --stable";
        std::string expected;
        if (FILE* p = ::popen(cmd.c_str(), "r")) {
            char buf[256];
            while (std::fgets(buf, sizeof buf, p) != nullptr)
                expected += buf;
            ::pclose(p);
        }
        if (expected.size() < 40) continue; // git patch-id prints nothing for a change without hunks (mode only)
        auto got = (*git)->patch_id(rev);
        ASSERT_TRUE(got) << got.error().message;
        EXPECT_EQ(*got, expected.substr(0, 40)) << repo.git({"log", "-1", "--format=%s", rev});
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

} // namespace
} // namespace compuerta::test::release
