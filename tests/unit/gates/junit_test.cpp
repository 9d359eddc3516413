#include "plugin/gates/qa/glob.hpp"
#include "plugin/gates/qa/junit_scan.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

namespace compuerta::plugin::gates {
namespace {

std::string fixture(const std::string& name) {
    return std::string(COMPUERTA_SOURCE_DIR) + "/tests/fixtures/gates/junit/" + name;
}

struct Expect {
    const char* file;
    std::int64_t tests, failures, errors, skipped, flaky;
};

class RealTools : public ::testing::TestWithParam<Expect> {};

TEST_P(RealTools, CountsLikeTheToolMeant) {
    const Expect& e = GetParam();
    ReportScan s = scan_junit_file(fixture(e.file));
    ASSERT_EQ(s.problem, "") << e.file;
    EXPECT_EQ(s.totals.tests, e.tests) << e.file;
    EXPECT_EQ(s.totals.failures, e.failures) << e.file;
    EXPECT_EQ(s.totals.errors, e.errors) << e.file;
    EXPECT_EQ(s.totals.skipped, e.skipped) << e.file;
    EXPECT_EQ(s.totals.flaky, e.flaky) << e.file;
    EXPECT_EQ(static_cast<std::int64_t>(s.failed.size()), e.failures + e.errors);
    EXPECT_GT(s.bytes, 0u);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RealTools,
                         ::testing::Values(Expect{"pytest.xml", 5, 1, 1, 1, 0}, Expect{"surefire.xml", 4, 1, 0, 0, 1},
                                           Expect{"gtest.xml", 4, 1, 0, 2, 0}, Expect{"jest.xml", 3, 1, 0, 0, 0},
                                           Expect{"go.xml", 3, 0, 0, 1, 0}, Expect{"phpunit.xml", 4, 0, 1, 0, 0},
                                           Expect{"green.xml", 2, 0, 0, 0, 0}),
                         [](const ::testing::TestParamInfo<Expect>& i) {
                             std::string n = i.param.file;
                             return n.substr(0, n.find('.'));
                         });

TEST(JunitScan, NamesFailedTestsWithClassAndMessage) {
    ReportScan s = scan_junit_file(fixture("pytest.xml"));
    ASSERT_EQ(s.failed.size(), 2u);
    EXPECT_EQ(s.failed[0].name, "tests.test_inscripcion.test_curp_invalida");
    EXPECT_EQ(s.failed[0].kind, "failure");
    EXPECT_EQ(s.failed[0].message, "AssertionError: assert 400 == 422");
    EXPECT_EQ(s.failed[1].kind, "error");
    ReportScan sf = scan_junit_file(fixture("surefire.xml"));
    ASSERT_EQ(sf.flaky.size(), 1u);
    EXPECT_EQ(sf.flaky[0], "mx.sep.muses.InscripcionTest.renapoIntermitente");
    EXPECT_EQ(sf.failed.at(0).name, "mx.sep.muses.InscripcionTest.bajaSiempreFalla");
}

TEST(JunitScan, BadReportsNameTheFile) {
    ReportScan empty = scan_junit_file(fixture("empty.xml"));
    EXPECT_NE(empty.problem.find("empty.xml"), std::string::npos);
    EXPECT_NE(empty.problem.find("0 bytes"), std::string::npos);
    ReportScan trunc = scan_junit_file(fixture("truncated.xml"));
    EXPECT_NE(trunc.problem.find("truncated.xml:2:"), std::string::npos) << trunc.problem;
    EXPECT_NE(trunc.problem.find("malformed XML"), std::string::npos);
    ReportScan other = scan_junit_file(fixture("not-junit.xml"));
    EXPECT_NE(other.problem.find("not a JUnit report"), std::string::npos);
    EXPECT_NE(other.problem.find("<project>"), std::string::npos);
    ReportScan missing = scan_junit_file(fixture("no-such-file.xml"));
    EXPECT_NE(missing.problem.find("no-such-file.xml"), std::string::npos);
}

TEST(JunitScan, BareTestsuiteAndNestedSuitesFromText) {
    auto s = scan_junit_text("<testsuite><testsuite><testcase name='a'><failure/></testcase></testsuite>"
                             "<testcase name='b'><error message='boom'/></testcase></testsuite>",
                             "t.xml");
    EXPECT_EQ(s.problem, "");
    EXPECT_EQ(s.totals.tests, 2);
    EXPECT_EQ(s.totals.failures, 1);
    EXPECT_EQ(s.totals.errors, 1);
    EXPECT_EQ(s.failed.at(1).message, "boom");
}

TEST(JunitScan, NamesAreBoundedButCountsAreNot) {
    std::string xml = "<testsuites>";
    for (int i = 0; i < 30; ++i) xml += "<testcase name='t" + std::to_string(i) + "'><failure/></testcase>";
    xml += "</testsuites>";
    auto s = scan_junit_text(xml, "t.xml", 10);
    EXPECT_EQ(s.totals.failures, 30);
    EXPECT_EQ(s.failed.size(), 10u);
}

TEST(Glob, ShellWildcardsAndDoubleStar) {
    test::TempDir d;
    std::filesystem::create_directories(d / "a/b/c");
    for (const char* p : {"a/x.xml", "a/b/y.xml", "a/b/c/z.xml", "a/b/w.txt", "top.xml"}) test::write_file(d / p, "x");
    std::string root = d.path().string();
    auto all = expand_glob(root + "/a/**/*.xml");
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0], root + "/a/b/c/z.xml");
    EXPECT_EQ(expand_glob(root + "/a/*.xml").size(), 1u);
    EXPECT_EQ(expand_glob(root + "/*.xml").size(), 1u);
    EXPECT_EQ(expand_glob(root + "/a/b/?.xml").size(), 1u);
    EXPECT_EQ(expand_glob(root + "/top.xml").size(), 1u);
    EXPECT_TRUE(expand_glob(root + "/nothing/*.xml").empty());
    EXPECT_TRUE(expand_glob(root + "/a").empty()); // a directory is not a report
}

} // namespace
} // namespace compuerta::plugin::gates
