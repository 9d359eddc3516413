// compuerta-gate-defects against a local fake GitLab/Jira API.
#include "tests/integration/gates/fake_api.hpp"
#include "tests/support/support.hpp"

#include <chrono>
#include <filesystem>
#include <gtest/gtest.h>

namespace compuerta::test {
namespace {

const std::string k_unset = "\x01";

struct Gate {
    TempDir dir;
    std::map<std::string, std::string> env = {{"NO_COLOR", "1"},         {"GITLAB_TOKEN", k_unset},
                                              {"CI_JOB_TOKEN", k_unset},   {"JIRA_TOKEN", k_unset},
                                              {"JIRA_USER", k_unset},      {"CI_API_V4_URL", k_unset},
                                              {"CI_PROJECT_ID", k_unset}};
    test::Run run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--journal", (dir / "journal").string(), "--junit", (dir / "out.xml").string()});
        return test::run("compuerta-gate-defects", args, env, dir.path(), 60);
    }
    std::string junit() { return read_file(dir / "out.xml"); }
    std::string journal() {
        std::string all;
        for (const auto& e : std::filesystem::directory_iterator(dir / "journal")) all += read_file(e.path());
        return all;
    }
};

TEST(GateDefects, GitlabOpenCriticalDefectsCloseTheGate) {
    FakeApi api;
    Gate g;
    test::Run r = g.run({"--gitlab-url", api.gitlab("ok"), "--project", "sep/muses-3", "--label", "critical"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("3 open defects match"), std::string::npos) << r.out;
    std::string x = g.junit();
    EXPECT_NE(x.find("#2 Defecto crítico 2 — http://tracker/issues/2"), std::string::npos) << x;
    EXPECT_NE(x.find("3.2 No critical defects open (GitLab)"), std::string::npos) << x;
    test::Run es = g.run({"--lang", "es", "--gitlab-url", api.gitlab("ok"), "--project", "sep/muses-3", "--label",
                          "critical"});
    EXPECT_EQ(es.code, 1) << es.out << es.err;
    EXPECT_NE(es.out.find("3 defectos abiertos coinciden"), std::string::npos) << es.out;
    EXPECT_NE(g.junit().find("3.2 Sin defectos críticos abiertos (GitLab)"), std::string::npos);
    test::Run allowed = g.run({"--gitlab-url", api.gitlab("ok"), "--project", "sep/muses-3", "--label", "critical", "--max", "3"});
    EXPECT_EQ(allowed.code, 0) << allowed.out;
    test::Run none = g.run({"--gitlab-url", api.gitlab("ok"), "--project", "sep/muses-3", "--label", "minor"});
    EXPECT_EQ(none.code, 0) << none.out;
}

TEST(GateDefects, GitlabPaginationBothWays) {
    FakeApi api;
    for (const char* mode : {"ok", "link"}) {
        Gate g;
        g.env["CI_API_V4_URL"] = api.gitlab(mode);
        g.env["CI_PROJECT_ID"] = "sep/muses-250";
        test::Run r = g.run({"--max", "1000"});
        EXPECT_EQ(r.code, 0) << mode << r.out << r.err;
        EXPECT_NE(r.out.find("250 open defects match"), std::string::npos) << mode << r.out;
    }
}

TEST(GateDefects, TokensPrivateAndJobAndWrong) {
    FakeApi api;
    Gate g;
    std::vector<std::string> args = {"--gitlab-url", api.gitlab("auth"), "--project", "sep/muses-0"};
    g.env["GITLAB_TOKEN"] = "good-token-1234";
    EXPECT_EQ(g.run(args).code, 0);
    g.env["GITLAB_TOKEN"] = k_unset;
    g.env["CI_JOB_TOKEN"] = "good-token-1234";
    EXPECT_EQ(g.run(args).code, 0);
    g.env["CI_JOB_TOKEN"] = k_unset;
    g.env["GITLAB_TOKEN"] = "wrong-token-98765";
    test::Run r = g.run(args);
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("401"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("GITLAB_TOKEN"), std::string::npos);
    EXPECT_EQ((r.out + r.err + g.junit() + g.journal()).find("wrong-token-98765"), std::string::npos);
    test::Run forbidden = g.run({"--gitlab-url", api.gitlab("forbidden"), "--project", "sep/muses-0"});
    EXPECT_EQ(forbidden.code, 3);
    EXPECT_NE(forbidden.out.find("403"), std::string::npos);
}

TEST(GateDefects, RetryAfterIsHonoured) {
    FakeApi api;
    Gate g;
    test::Run r = g.run({"--gitlab-url", api.gitlab("ratelimit"), "--project", "sep/muses-2"});
    EXPECT_EQ(r.code, 1) << r.out << r.err; // answered after the retry: 2 defects
    EXPECT_NE(r.out.find("2 open defects match"), std::string::npos) << r.out;
}

TEST(GateDefects, BrokenApisCannotEvaluateNeverPass) {
    FakeApi api;
    for (const char* mode : {"error500", "html", "badjson"}) {
        Gate g;
        test::Run r = g.run({"--gitlab-url", api.gitlab(mode), "--project", "sep/muses-0"});
        EXPECT_EQ(r.code, 3) << mode << r.out;
        EXPECT_NE(r.out.find("ERROR"), std::string::npos) << mode << r.out;
    }
    Gate g;
    test::Run refused = g.run({"--gitlab-url", "http://127.0.0.1:1/api/v4", "--project", "sep/muses-0"});
    EXPECT_EQ(refused.code, 3) << refused.out;
    test::Run wrong = g.run({"--gitlab-url", api.jira("nothing-here"), "--project", "sep/muses-0"});
    EXPECT_EQ(wrong.code, 3) << wrong.out; // 404: not the API
}

TEST(GateDefects, SlowApiTimesOut) {
    FakeApi api;
    Gate g;
    auto t0 = std::chrono::steady_clock::now();
    test::Run r = g.run({"--gitlab-url", api.gitlab("slow"), "--project", "sep/muses-0", "--timeout", "1"});
    auto took = std::chrono::steady_clock::now() - t0;
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("timed out"), std::string::npos) << r.out;
    // Ends within its timeout plus the runner's grace and a second.
    EXPECT_LT(took, std::chrono::seconds(4));
}

TEST(GateDefects, JiraSearchPaginatesAndAuthenticates) {
    FakeApi api;
    Gate g;
    test::Run r = g.run({"--jira-url", api.jira("ok"), "--jql", "project = MUSES AND priority = Highest"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(g.junit().find("MUSES-3 Falla 3 — " + api.jira("ok") + "/browse/MUSES-3"), std::string::npos)
        << g.junit();
    EXPECT_EQ(g.run({"--jira-url", api.jira("ok"), "--jql", "nothing open"}).code, 0);
    std::vector<std::string> auth = {"--jira-url", api.jira("jauth"), "--jql", "nothing open"};
    g.env["JIRA_TOKEN"] = "good-token-1234";
    EXPECT_EQ(g.run(auth).code, 0); // Bearer
    g.env["JIRA_USER"] = "jira-user";
    EXPECT_EQ(g.run(auth).code, 0); // basic
    g.env["JIRA_TOKEN"] = "bad-jira-token-77";
    test::Run denied = g.run(auth);
    EXPECT_EQ(denied.code, 3);
    EXPECT_NE(denied.out.find("JIRA_TOKEN"), std::string::npos) << denied.out;
    EXPECT_EQ((denied.out + g.junit()).find("bad-jira-token-77"), std::string::npos);
}

TEST(GateDefects, UntilPassRoundsAreJournaled) {
    FakeApi api;
    Gate g;
    test::Run r = g.run({"--gitlab-url", api.gitlab("ok"), "--project", "sep/muses-1", "--until-pass", "--interval", "1",
                   "--until-timeout", "2"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    std::string j = g.journal();
    EXPECT_NE(j.find("\"round\":1"), std::string::npos) << j;
    EXPECT_NE(j.find("\"round\":2"), std::string::npos) << j;
}

TEST(GateDefects, NothingToQueryIsUsage) {
    Gate g;
    test::Run r = g.run({});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("--gitlab-url"), std::string::npos) << r.err;
}

} // namespace
} // namespace compuerta::test
