// The release lead tags and pushes; the pipeline's gate stage checks the tag
// on the checkout CI gives (a clone at the tag, detached, remote branches).
#include "core/journal.hpp"
#include "tests/integration/release/repo.hpp"

namespace compuerta::test::release {
namespace {

TEST(ReleasePipeline, TagPushThenGateInCi) {
    TempDir home, work;
    auto env = git_env(home);
    Repo dev(work / "dev", env);
    dev.release_line();
    dev.git({"merge", "-q", "--no-ff", "release/v1.1", "-m", "Merge release/v1.1"});
    xrun("git", {"init", "-q", "--bare", "-b", "main", (work / "origin.git").string()}, env);
    dev.git({"push", "-q", (work / "origin.git").string(), "main", "release/v1.1", "v1.0.0"});

    auto journal = work / "journal";
    test::Run tag = xrun("compuerta", {"tag", "1.1.0", "--repo", dev.dir().string(), "--push",
                                 (work / "origin.git").string(), "--journal", journal.string()},
                   env);
    ASSERT_EQ(tag.code, 0) << tag.out << tag.err;

    // CI: clone, detached at the tag, only origin/* branches.
    xrun("git", {"clone", "-q", "file://" + (work / "origin.git").string(), (work / "ci").string()}, env);
    Repo ci(work / "ci", env, false);
    ci.git({"checkout", "-q", "--detach", "v1.1.0"});
    ci.git({"branch", "-D", "main"});
    auto ci_env = env;
    ci_env["CI_COMMIT_TAG"] = "v1.1.0";
    ci_env["CI_DEFAULT_BRANCH"] = "main";
    ci_env["CI_PIPELINE_ID"] = "4242";
    auto junit = work / "gate.xml";
    test::Run gate = xrun("compuerta", {"gate", "release", "--lang", "es", "--junit", junit.string(), "--junit-strict",
                                        "--journal", journal.string()},
                    ci_env, ci.dir());
    EXPECT_EQ(gate.code, 0) << gate.out << gate.err;
    std::string xml = read_file(junit);
    EXPECT_NE(xml.find("name=\"3.3 Rama release/v1.1 fusionada a main\" classname=\"gate.release\""),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("name=\"3.4 La etiqueta v1.1.0 existe\""), std::string::npos);
    if (auto shared = shared_dir()) {
        for (const char* xsd : {"junit/jenkins-junit.xsd", "junit/windyroad-JUnit.xsd"}) {
            test::Run v = xrun("xmllint", {"--noout", "--schema", (*shared / xsd).string(), junit.string()});
            EXPECT_EQ(v.code, 0) << xsd << ": " << v.err;
        }
    }

    auto read = core::read_journal(journal);
    EXPECT_TRUE(read.problems.empty());
    int checks_33 = 0, checks_34 = 0, tags = 0;
    for (const auto& e : read.events) {
        if (e["event"] == "check" && e["item"] == "3.3") ++checks_33;
        if (e["event"] == "check" && e["item"] == "3.4") ++checks_34;
        if (e["event"] == "release.tag") {
            ++tags;
            EXPECT_EQ(e["status"], "ok");
            EXPECT_EQ(e["tag"], "v1.1.0");
            EXPECT_EQ(e["pushed"], true);
            EXPECT_EQ(e["commit"].get<std::string>().size(), 40U);
        }
    }
    EXPECT_EQ(tags, 1);
    EXPECT_EQ(checks_33, 2); // tag's merge check, gate's branch-merged
    EXPECT_GE(checks_34, 7);

    // A tag pushed past the hook that fails the gate closes it (exit 1).
    dev.git({"tag", "v1.2.0", "release/v1.1"});
    dev.git({"push", "-q", (work / "origin.git").string(), "v1.2.0"});
    ci.git({"fetch", "-q", "--tags"});
    ci_env["CI_COMMIT_TAG"] = "v1.2.0";
    test::Run bad = xrun("compuerta", {"gate", "release", "--journal", journal.string()}, ci_env, ci.dir());
    EXPECT_EQ(bad.code, 1) << bad.out;
}

} // namespace
} // namespace compuerta::test::release
