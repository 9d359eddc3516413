#include "core/config/config.hpp"
#include "core/errors.hpp"
#include "smoke/checks/postgres.hpp"
#include "smoke/suite.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::core;

namespace {

class FakePostgres : public Postgres {
  public:
    Result<PgProbe, PgFailure> answer = PgProbe{"15.18", "db:5432", "sep", Millis(1), Millis(40), Millis(2), "1"};
    std::string seen_dsn;
    Result<PgProbe, PgFailure> probe(const std::string& dsn, const std::string&, const Deadline&) override {
        seen_dsn = dsn;
        return answer;
    }
};

CheckSpec spec() { return CheckSpec{"db", "6.1", "Conexión a la base de datos", "smoke.postgres", {}, Millis(1000), Status::fail}; }

} // namespace

TEST(PostgresCheck, PassReportsVersionAndLatency) {
    FakePostgres pg;
    smoke::checks::PostgresCheck c(spec(), {}, pg);
    auto o = c.run(Deadline::after(Millis(1000)));
    EXPECT_EQ(o.status, Status::pass);
    EXPECT_NE(o.message.find("15.18"), std::string::npos);
    bool has_latency = false;
    for (auto& [k, v] : o.evidence) has_latency = has_latency || (k == "connect_ms" && v == "40");
    EXPECT_TRUE(has_latency);
}

TEST(PostgresCheck, LatencyThresholds) {
    FakePostgres pg;
    smoke::checks::PostgresOptions o;
    o.warn_latency = Millis(30);
    o.crit_latency = Millis(100);
    smoke::checks::PostgresCheck warn(spec(), o, pg);
    EXPECT_EQ(warn.run(Deadline::after(Millis(1000))).status, Status::warn);
    o.crit_latency = Millis(35);
    smoke::checks::PostgresCheck crit(spec(), o, pg);
    EXPECT_EQ(crit.run(Deadline::after(Millis(1000))).status, Status::fail);
}

TEST(PostgresCheck, UnreachableIsAFailureNamingThePhase) {
    FakePostgres pg;
    pg.answer = PgFailure{PgPhase::connect, false, "TCP connect to db:5432 failed: refused"};
    smoke::checks::PostgresCheck c(spec(), {}, pg);
    auto o = c.run(Deadline::after(Millis(1000)));
    EXPECT_EQ(o.status, Status::fail);
    EXPECT_NE(o.message.find("TCP connect"), std::string::npos);
}

TEST(PostgresCheck, BadDsnIsAnError) {
    FakePostgres pg;
    pg.answer = PgFailure{PgPhase::config, false, "invalid DSN"};
    smoke::checks::PostgresCheck c(spec(), {}, pg);
    EXPECT_EQ(c.run(Deadline::after(Millis(1000))).status, Status::error);
}

TEST(SmokeSuite, DsnFlagWithoutConfigRunsThePostgresCheckAlone) {
    MapEnv env;
    FakePostgres pg;
    auto cfg = config::Config::none(env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{&pg}, Millis(5000), std::string("host=x dbname=y")};
    auto checks = smoke::build_suite(ctx, {});
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0]->spec().item, "6.1");
    checks[0]->run(Deadline::after(Millis(100)));
    EXPECT_EQ(pg.seen_dsn, "host=x dbname=y");
}

TEST(SmokeSuite, OnlyAndSkipSelectAndRejectUnknown) {
    MapEnv env;
    FakePostgres pg;
    auto cfg = config::Config::load_string("smoke:\n  checks:\n    - kind: postgres\n      id: primary\n"
                                           "    - kind: postgres\n      id: replica\n      item: '6.1'\n"
                                           "      depends_on: [primary]\n",
                                           "c.yml", env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{&pg}, Millis(5000), std::nullopt};
    EXPECT_EQ(smoke::build_suite(ctx, {}).size(), 2u);
    auto only = smoke::build_suite(ctx, {{"replica"}, {}});
    ASSERT_EQ(only.size(), 1u);
    EXPECT_TRUE(only[0]->spec().depends_on.empty()); // its filtered-out prerequisite no longer gates it
    EXPECT_EQ(smoke::build_suite(ctx, {{}, {"primary"}}).size(), 1u);
    EXPECT_THROW(smoke::build_suite(ctx, {{"9.9"}, {}}), UsageError);
}

TEST(SmokeSuite, WarnAboveCritIsAConfigError) {
    MapEnv env;
    FakePostgres pg;
    auto cfg = config::Config::load_string("smoke:\n  checks:\n    - kind: postgres\n      warn_latency: 2s\n"
                                           "      crit_latency: 1s\n",
                                           "c.yml", env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{&pg}, Millis(5000), std::nullopt};
    EXPECT_THROW(smoke::build_suite(ctx, {}), ConfigError);
}
