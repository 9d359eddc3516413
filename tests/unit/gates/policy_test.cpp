#include "plugin/gates/defects/defects_check.hpp"
#include "plugin/gates/env/certificate_check.hpp"
#include "plugin/gates/env/host_checks.hpp"
#include "plugin/gates/env/postgres_env_check.hpp"
#include "plugin/gates/qa/qa_check.hpp"

#include <gtest/gtest.h>

namespace compuerta::plugin::gates {
namespace {

using core::Status;

TEST(QaPolicy, DefaultsFailOnFailuresErrorsAndNoTests) {
    QaPolicy p;
    EXPECT_EQ(judge_reports({10, 0, 0, 0, 0}, 1, {}, {}, {}, p).status, Status::pass);
    EXPECT_EQ(judge_reports({10, 1, 0, 0, 0}, 1, {}, {}, {}, p).status, Status::fail);
    EXPECT_EQ(judge_reports({10, 0, 1, 0, 0}, 1, {}, {}, {}, p).status, Status::fail);
    auto none = judge_reports({0, 0, 0, 0, 0}, 1, {}, {}, {}, p);
    EXPECT_EQ(none.status, Status::fail);
    EXPECT_NE(none.message.find("--min-tests"), std::string::npos);
    p.min_tests = 0;
    EXPECT_EQ(judge_reports({0, 0, 0, 0, 0}, 1, {}, {}, {}, p).status, Status::pass);
}

TEST(QaPolicy, SkippedAndRerunPassedWarnByDefaultAndFollowThePolicy) {
    QaPolicy p;
    EXPECT_EQ(judge_reports({10, 0, 0, 2, 0}, 1, {}, {}, {}, p).status, Status::warn);
    auto flaky = judge_reports({10, 0, 0, 0, 1}, 1, {}, {}, {"a.b"}, p);
    EXPECT_EQ(flaky.status, Status::warn);
    EXPECT_NE(flaky.detail.find("passed only on rerun: a.b"), std::string::npos);
    p.skipped = Status::fail;
    EXPECT_EQ(judge_reports({10, 0, 0, 2, 0}, 1, {}, {}, {}, p).status, Status::fail);
    p.flaky = Status::pass;
    EXPECT_EQ(judge_reports({10, 0, 0, 0, 1}, 1, {}, {}, {}, p).status, Status::pass);
    p.max_failures = 3;
    EXPECT_EQ(judge_reports({10, 3, 0, 0, 0}, 1, {}, {}, {}, QaPolicy{1, 3, 0}).status, Status::pass);
}

TEST(QaPolicy, ReportProblemsFailEvenWithGreenTotals) {
    auto o = judge_reports({10, 0, 0, 0, 0}, 2, {"the report glob \"x/*.xml\" matched no file"}, {}, {}, QaPolicy{});
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("x/*.xml"), std::string::npos);
}

TEST(QaPolicy, FailedTestsAreNamedAndTheRestCounted) {
    auto o = judge_reports({10, 3, 0, 0, 0}, 1, {}, {{"a.one", "failure", "boom"}}, {}, QaPolicy{});
    EXPECT_NE(o.detail.find("failure: a.one — boom"), std::string::npos);
    EXPECT_NE(o.detail.find("and 2 more failed tests"), std::string::npos);
}

TEST(DefectsPolicy, WithinMinMax) {
    std::vector<Defect> two = {{"#1", "Falla", "http://t/1"}, {"#2", "Otra", "http://t/2"}};
    auto o = judge_defects(two, {0, 0}, "q");
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.detail.find("#1 Falla — http://t/1"), std::string::npos);
    EXPECT_NE(o.message.find("#1, #2"), std::string::npos);
    EXPECT_EQ(judge_defects(two, {0, 2}, "q").status, Status::pass);
    EXPECT_EQ(judge_defects({}, {0, 0}, "q").status, Status::pass);
    EXPECT_EQ(judge_defects({}, {1, 3}, "q").status, Status::fail);
}

TEST(PostgresRequirements, Versions) {
    EXPECT_EQ(version_number("15"), 150000);
    EXPECT_EQ(version_number("15.4"), 150004);
    EXPECT_EQ(version_number("15.4 (Debian 15.4-1)"), 150004);
    EXPECT_EQ(version_number("9.6.3"), 90603);
    EXPECT_FALSE(version_number("x15"));
}

TEST(PostgresRequirements, Settings) {
    EXPECT_TRUE(setting_satisfies("on", "on"));
    EXPECT_TRUE(setting_satisfies("UTF8", "utf8"));
    EXPECT_FALSE(setting_satisfies("off", "on"));
    EXPECT_TRUE(setting_satisfies("100", ">= 100"));
    EXPECT_FALSE(setting_satisfies("100", "> 100"));
    EXPECT_TRUE(setting_satisfies("128MB", "<= 1GB"));
    EXPECT_TRUE(setting_satisfies("1GB", "= 1024MB"));
    EXPECT_TRUE(setting_satisfies("30s", ">= 10000ms"));
    EXPECT_FALSE(setting_satisfies("abc", ">= 1"));
    EXPECT_TRUE(setting_satisfies("read committed", "!= serializable"));
}

TEST(PostgresRequirements, JudgesTheServerAnswer) {
    PostgresRequirements r;
    r.min_version = "15";
    r.extensions = {"pgcrypto", "postgis"};
    r.settings = {{"max_connections", ">= 100"}, {"nope", "1"}};
    std::string answer = R"({"version_num":"150004","version":"15.4","installed":[],"available":["pgcrypto"],)"
                         R"("settings":{"max_connections":"50","nope":null}})";
    auto o = judge_postgres(answer, r);
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.detail.find("pgcrypto is available but not installed"), std::string::npos);
    EXPECT_NE(o.detail.find("postgis is not available"), std::string::npos);
    EXPECT_NE(o.detail.find("max_connections is 50 but must be >= 100"), std::string::npos);
    EXPECT_NE(o.detail.find("setting nope does not exist"), std::string::npos);
    r.min_version = "16";
    r.extensions.clear();
    r.settings.clear();
    EXPECT_NE(judge_postgres(answer, r).message.find("older than the required 16"), std::string::npos);
    r.min_version = "15.2";
    EXPECT_EQ(judge_postgres(answer, r).status, Status::pass);
}

TEST(Certificates, ExpiryKeyAndChain) {
    const long long now = 1'800'000'000;
    core::CertificateInfo info;
    info.subject = "/CN=muses";
    info.not_before = now - 86400;
    info.not_after = now + 90 * 86400LL;
    CertificateRequirements req;
    req.files = {"c.pem", "k.pem", "ca.pem"};
    EXPECT_EQ(judge_certificate(info, req, now).status, Status::pass);
    info.not_after = now + 20 * 86400LL;
    EXPECT_EQ(judge_certificate(info, req, now).status, Status::warn);
    info.not_after = now + 3 * 86400LL;
    EXPECT_EQ(judge_certificate(info, req, now).status, Status::fail);
    info.not_after = now - 1;
    EXPECT_NE(judge_certificate(info, req, now).message.find("expired"), std::string::npos);
    info.not_after = now + 90 * 86400LL;
    info.key_checked = true;
    info.key_matches = false;
    EXPECT_NE(judge_certificate(info, req, now).message.find("does not belong"), std::string::npos);
    info.key_matches = true;
    info.chain_checked = true;
    info.chain_error = "unable to get local issuer certificate";
    EXPECT_EQ(judge_certificate(info, req, now).status, Status::fail);
}

TEST(HostChecks, Sizes) {
    EXPECT_EQ(parse_size("1024"), 1024u);
    EXPECT_EQ(parse_size("20GB"), 20ull << 30);
    EXPECT_EQ(parse_size("500MiB"), 500ull << 20);
    EXPECT_EQ(parse_size("1.5G"), 3ull << 29);
    EXPECT_FALSE(parse_size("lots"));
    EXPECT_FALSE(parse_size("10 parsecs"));
}

} // namespace
} // namespace compuerta::plugin::gates
