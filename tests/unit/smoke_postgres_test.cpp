#include "core/config/config.hpp"
#include "core/config/schema.hpp"
#include "core/config/sections/smoke.hpp"
#include "core/errors.hpp"
#include "smoke/checks/postgres.hpp"
#include "smoke/suite.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using namespace compuerta::core;

namespace {

// The check kinds are smoke's (smoke/registry.cpp), defined at start-up as
// `compuerta` defines them (plugin/commands.cpp).
[[maybe_unused]] const bool k_check_kinds = (compuerta::smoke::define_check_kinds(), true);

class FakePostgres : public Postgres {
  public:
    Result<PgProbe, PgFailure> answer =
        PgProbe{"15.18", "db:5432", "sep", Millis(1), Millis(40), Millis(2), "1"};
    std::string seen_dsn;
    Result<PgProbe, PgFailure> probe(const std::string& dsn, const std::string&,
                                     const Deadline&) override {
        seen_dsn = dsn;
        return answer;
    }
};

CheckSpec spec() {
    return CheckSpec{"db",         "6.1",       "Conexión a la base de datos", "smoke.postgres", {},
                     Millis(1000), Status::fail};
}

} // namespace

TEST(PostgresCheck, PassReportsVersionAndLatency) {
    FakePostgres pg;
    smoke::checks::PostgresCheck c(spec(), {}, pg);
    auto o = c.run(Deadline::after(Millis(1000)));
    EXPECT_EQ(o.status, Status::pass);
    EXPECT_NE(o.message.find("15.18"), std::string::npos);
    bool has_latency = false;
    for (auto& [k, v] : o.evidence)
        has_latency = has_latency || (k == "connect_ms" && v == "40");
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
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{&pg}, Millis(5000),
                            std::string("host=x dbname=y")};
    auto checks = smoke::build_suite(ctx, {});
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0]->spec().item, "6.1");
    checks[0]->run(Deadline::after(Millis(100)));
    EXPECT_EQ(pg.seen_dsn, "host=x dbname=y");
}

TEST(SmokeSuite, OnlyAndSkipSelectAndRejectUnknown) {
    MapEnv env;
    FakePostgres pg;
    auto cfg =
        config::Config::load_string("smoke:\n  checks:\n    - kind: postgres\n      id: primary\n"
                                    "    - kind: postgres\n      id: replica\n      item: '6.1'\n"
                                    "      depends_on: [primary]\n",
                                    "c.yml", env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{&pg}, Millis(5000), std::nullopt};
    EXPECT_EQ(smoke::build_suite(ctx, {}).size(), 2u);
    auto only = smoke::build_suite(ctx, {{"replica"}, {}});
    ASSERT_EQ(only.size(), 1u);
    EXPECT_TRUE(
        only[0]->spec().depends_on.empty()); // its filtered-out prerequisite no longer gates it
    EXPECT_EQ(smoke::build_suite(ctx, {{}, {"primary"}}).size(), 1u);
    EXPECT_THROW(smoke::build_suite(ctx, {{"9.9"}, {}}), UsageError);
}

// The kind's keys are one declaration (postgres_decl()): what the factory
// reads, with its defaults, is what validates the file and what the
// reference (docs/configuration.md) shows.
TEST(PostgresDecl, DefaultsComeFromTheDeclarationAndShowInTheReference) {
    MapEnv env;
    auto cfg =
        config::Config::load_string("smoke:\n  checks:\n    - kind: postgres\n", "c.yml", env);
    const auto& decl = smoke::checks::postgres_decl();
    auto c = decl.read(config::smoke_decl().read(cfg).checks.at(0));
    EXPECT_EQ(c.query, "SELECT 1");
    EXPECT_EQ(decl.default_of("query"), "SELECT 1");
    EXPECT_FALSE(c.dsn);
    EXPECT_FALSE(c.warn_latency.value);
    EXPECT_EQ(c.warn_latency.path(), "smoke.checks[0].warn_latency");
    auto doc = config::schema_markdown(config::root_schema());
    EXPECT_NE(doc.find("| `smoke.checks[].query` | string | Query to run. Default: `SELECT 1`. |"),
              std::string::npos)
        << doc;
}

TEST(PostgresDecl, AWrongTypeIsRejectedWithItsPlace) {
    MapEnv env;
    // Written in the file: refused at load by the schema the declaration gives.
    std::string e;
    try {
        (void)config::Config::load_string(
            "smoke:\n  checks:\n    - kind: postgres\n      warn_latency: pronto\n", "c.yml", env);
    } catch (const ConfigError& x) {
        e = x.what();
    }
    EXPECT_NE(e.find("c.yml:4:21: smoke.checks[0].warn_latency"), std::string::npos) << e;
    // From a variable: refused where the declaration reads it, naming the same place.
    env.set("LATENCIA", "pronto");
    auto cfg = config::Config::load_string(
        "smoke:\n  checks:\n    - kind: postgres\n      warn_latency: ${LATENCIA}\n", "c.yml", env);
    try {
        (void)smoke::checks::postgres_decl().read(config::smoke_decl().read(cfg).checks.at(0));
        ADD_FAILURE() << "expected ConfigError";
    } catch (const ConfigError& x) {
        std::string m = x.what();
        EXPECT_NE(m.find("c.yml:4:21"), std::string::npos) << m;
        EXPECT_NE(m.find("smoke.checks[0].warn_latency"), std::string::npos) << m;
    }
}

// Two keys that disagree are a ConfigError that still names the place of the first.
TEST(PostgresDecl, WarnAboveCritNamesWarnLatency) {
    MapEnv env;
    FakePostgres pg;
    auto cfg = config::Config::load_string(
        "smoke:\n  checks:\n    - kind: postgres\n      warn_latency: 2s\n"
        "      crit_latency: 1s\n",
        "c.yml", env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{&pg}, Millis(5000), std::nullopt};
    try {
        (void)smoke::build_suite(ctx, {});
        ADD_FAILURE() << "expected ConfigError";
    } catch (const ConfigError& x) {
        std::string m = x.what();
        EXPECT_NE(m.find("c.yml:4:21: smoke.checks[0].warn_latency"), std::string::npos) << m;
    }
}
