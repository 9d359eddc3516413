// compuerta-gate-qa as a pipeline stage runs it.
#include "tests/integration/gates/fake_api.hpp"
#include "tests/support/support.hpp"

#include <fstream>
#include <gtest/gtest.h>

namespace compuerta::test {
namespace {

std::string junit_dir() { return std::string(COMPUERTA_SOURCE_DIR) + "/tests/fixtures/gates/junit/"; }

struct Gate {
    TempDir dir;
    test::Run run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        args.insert(args.begin(), {"--journal", (dir / "journal").string(), "--junit", (dir / "out.xml").string()});
        env.emplace("NO_COLOR", "1");
        return test::run("compuerta-gate-qa", args, env, dir.path(), 60);
    }
    std::string junit() { return read_file(dir / "out.xml"); }
};

TEST(GateQa, GreenReportsPass) {
    Gate g;
    test::Run r = g.run({"--reports", junit_dir() + "green.xml", "--reports", junit_dir() + "go.xml"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("5 tests in 2 reports"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("WARN"), std::string::npos); // go.xml skips one test
}

TEST(GateQa, FailedTestsAreNamedInJunitAndExitOne) {
    Gate g;
    test::Run r = g.run({"--lang", "es", "--reports", junit_dir() + "{pytest,jest}.xml", "--reports",
                         junit_dir() + "pytest.xml"});
    EXPECT_EQ(r.code, 1) << r.out << r.err; // the first glob matches nothing: braces are not globs
    EXPECT_NE(r.out.find("{pytest,jest}.xml"), std::string::npos) << r.out;
    std::string x = g.junit();
    EXPECT_NE(x.find("tests.test_inscripcion.test_curp_invalida"), std::string::npos) << x;
    EXPECT_NE(x.find("classname=\"gate.qa\""), std::string::npos);
    EXPECT_NE(x.find("3.1 Pruebas de QA aprobadas"), std::string::npos); // the check's name in Spanish (--lang es)
    EXPECT_NE(r.out.find("no encontró ningún archivo"), std::string::npos) << r.out;
}

TEST(GateQa, JunitValidatesAgainstBothSchemas) {
    auto shared = shared_dir();
    if (!shared) GTEST_SKIP() << "shared/junit schemas not found";
    Gate g;
    g.run({"--reports", junit_dir() + "*.xml"});
    test::Run plain = test::run("xmllint", {"--noout", "--schema", (*shared / "junit/jenkins-junit.xsd").string(),
                                            (g.dir / "out.xml").string()});
    EXPECT_EQ(plain.code, 0) << plain.err;
    g.run({"--reports", junit_dir() + "*.xml", "--junit-strict"});
    test::Run strict = test::run("xmllint", {"--noout", "--schema", (*shared / "junit/windyroad-JUnit.xsd").string(),
                                             (g.dir / "out.xml").string()});
    EXPECT_EQ(strict.code, 0) << strict.err;
}

TEST(GateQa, BadReportsFailNamingThem) {
    for (const char* f : {"empty.xml", "truncated.xml", "not-junit.xml"}) {
        Gate g;
        test::Run r = g.run({"--reports", junit_dir() + f, "--min-tests", "0"});
        EXPECT_EQ(r.code, 1) << f << r.out;
        EXPECT_NE(r.out.find(f), std::string::npos) << r.out;
    }
    Gate g;
    test::Run r = g.run({"--reports", "reports/**/*.xml"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("reports/**/*.xml\" matched no file"), std::string::npos) << r.out;
}

TEST(GateQa, NoReportsAtAllIsUsage) {
    Gate g;
    test::Run r = g.run({});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("--reports"), std::string::npos) << r.err;
}

TEST(GateQa, PolicyFromConfig) {
    Gate g;
    write_file(g.dir / "compuerta.yml", "quality:\n  qa:\n    reports: [\"" + junit_dir() +
                                            "surefire.xml\"]\n    max_failures: 1\n    flaky: fail\n");
    test::Run r = g.run({});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("skipped or rerun"), std::string::npos) << r.out;
    test::Run relaxed = g.run({"--flaky", "warn"});
    EXPECT_EQ(relaxed.code, 0) << relaxed.out;
}

TEST(GateQa, ReadsAMultiChunkReportAsAStream) {
    Gate g;
    {
        std::ofstream out(g.dir / "big.xml");
        out << "<?xml version=\"1.0\"?>\n<testsuites>\n<testsuite name=\"big\">\n";
        for (int i = 0; i < 20000; ++i) {
            out << "<testcase classname=\"big.Suite\" name=\"t" << i << "\" time=\"0.001\">";
            if (i % 5000 == 17) out << "<failure message=\"boom " << i << "\">stack</failure>";
            out << "<system-out>" << std::string(40, 'x') << "</system-out></testcase>\n";
        }
        out << "</testsuite>\n</testsuites>\n";
    }
    test::Run r = g.run({"--reports", "*.xml"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("20000 tests in 1 report: 4 failed"), std::string::npos) << r.out;
    EXPECT_NE(g.junit().find("big.Suite.t15017 — boom 15017"), std::string::npos);
}

TEST(GateQa, PipelineOfTheTaggedCommit) {
    FakeApi api;
    Gate g;
    std::map<std::string, std::string> env = {{"CI_API_V4_URL", api.gitlab("ok")},
                                              {"CI_PROJECT_ID", "7"},
                                              {"CI_COMMIT_SHA", "abc123"},
                                              {"CI_PIPELINE_ID", "102"},
                                              {"GITLAB_TOKEN", "\x01"},
                                              {"CI_JOB_TOKEN", "\x01"}};
    std::vector<std::string> args = {"--reports", junit_dir() + "green.xml", "--pipeline"};
    test::Run ok = g.run(args, env);
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    EXPECT_NE(ok.out.find("pipeline 101 of commit abc123 succeeded"), std::string::npos) << ok.out;
    env["CI_PIPELINE_ID"] = "101";
    test::Run failed = g.run(args, env);
    EXPECT_EQ(failed.code, 1) << failed.out;
    EXPECT_NE(failed.out.find("ended failed"), std::string::npos) << failed.out;
    env["CI_COMMIT_SHA"] = "none";
    EXPECT_EQ(g.run(args, env).code, 1);
    env["CI_API_V4_URL"] = api.gitlab("auth");
    env["GITLAB_TOKEN"] = "wrong-token-5678";
    test::Run denied = g.run(args, env);
    EXPECT_EQ(denied.code, 3) << denied.out;
    EXPECT_NE(denied.out.find("GITLAB_TOKEN"), std::string::npos) << denied.out;
    EXPECT_EQ(denied.out.find("wrong-token-5678"), std::string::npos);
    EXPECT_EQ(g.junit().find("wrong-token-5678"), std::string::npos);
}

} // namespace
} // namespace compuerta::test
