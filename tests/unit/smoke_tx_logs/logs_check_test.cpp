#include "core/config/config.hpp"
#include "core/config/schema.hpp"
#include "core/config/sections/smoke.hpp"
#include "core/errors.hpp"
#include "core/journal.hpp"
#include "core/secrets.hpp"
#include "smoke/checks/logs.hpp"
#include "smoke/registry.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta;
using compuerta::test::TempDir;
using compuerta::test::write_file;

namespace {

// The check kinds are smoke's (smoke/registry.cpp), defined at start-up as
// `compuerta` defines them (plugin/commands.cpp).
[[maybe_unused]] const bool k_check_kinds = (compuerta::smoke::define_check_kinds(), true);

core::CheckSpec spec() {
    core::CheckSpec s;
    s.id = "logs";
    s.item = "6.4";
    return s;
}

smoke::checks::LogsOptions options(const TempDir& d) {
    smoke::checks::LogsOptions o;
    o.scan.globs = {(d / "*.log").string()};
    o.patterns = {"ERROR", "FATAL"};
    o.since_spec = "2026-11-28T17:00:00Z";
    return o;
}

core::Outcome run(smoke::checks::LogsOptions o) {
    smoke::checks::LogsCheck c(spec(), std::move(o));
    return c.run(core::Deadline::after(core::Millis(30'000)));
}

std::string ev(const core::Outcome& o, const std::string& k) {
    for (const auto& [key, v] : o.evidence)
        if (key == k)
            return v;
    return {};
}

} // namespace

TEST(LogsCheck, FailsOverThresholdWithMaskedFirstLines) {
    TempDir d;
    core::SecretRegistry::global().add("s3cr3t-token", "test");
    write_file(d / "app.log", "2026-11-28T17:01:00Z ERROR token=s3cr3t-token rechazado\n"
                              "2026-11-28T17:02:00Z FATAL sin conexión\n");
    auto o = run(options(d));
    EXPECT_EQ(o.status, core::Status::fail);
    EXPECT_NE(o.message.find("2 error lines"), std::string::npos) << o.message;
    EXPECT_EQ(o.message.find("s3cr3t-token"), std::string::npos) << o.message;
    EXPECT_NE(o.message.find("token=***"), std::string::npos) << o.message;
    EXPECT_NE(ev(o, "line.2").find("app.log:2: "), std::string::npos);
    EXPECT_EQ(o.detail.find("s3cr3t-token"), std::string::npos);
    core::SecretRegistry::global().clear();
}

TEST(LogsCheck, WarnAndPassThresholds) {
    TempDir d;
    write_file(d / "app.log", "2026-11-28T17:01:00Z ERROR uno\n2026-11-28T17:02:00Z ERROR dos\n");
    auto o = options(d);
    o.max_matches = 5;
    o.warn_matches = 1;
    EXPECT_EQ(run(o).status, core::Status::warn);
    o.warn_matches = 2;
    auto pass = run(o);
    EXPECT_EQ(pass.status, core::Status::pass) << pass.message;
    EXPECT_EQ(ev(pass, "matched"), "2");
}

TEST(LogsCheck, NoFileIsAnErrorNamingTheGlob) {
    TempDir d;
    auto o = run(options(d));
    EXPECT_EQ(o.status, core::Status::error);
    EXPECT_NE(o.message.find("no log file matches"), std::string::npos);
    EXPECT_NE(o.message.find("*.log"), std::string::npos);
}

TEST(LogsCheck, InvalidRegexIsAConfigErrorNamingTheCheck) {
    TempDir d;
    auto o = options(d);
    o.patterns = {"ERROR", "(sin cerrar"};
    try {
        smoke::checks::LogsCheck c(spec(), o);
        FAIL() << "expected ConfigError";
    } catch (const core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("check logs: patterns[1]"), std::string::npos)
            << e.what();
    }
}

TEST(LogsCheck, WindowComesFromTheJournalsLatestDeployStart) {
    TempDir d;
    core::FixedClock clock(std::chrono::system_clock::now());
    core::RunIdentity id;
    id.run = "r1";
    id.job = "j1";
    write_file(d / "app.log", "2000-01-01T00:00:00Z ERROR de hace mucho\n");
    {
        core::Journal j(d / "journal", id, "deploy", clock);
        core::Event e;
        e.event = "deploy.start";
        e.item = "4";
        e.status = "started";
        j.append(e);
    }
    auto o = options(d);
    o.since_spec = "deploy";
    o.journal_dir = (d / "journal").string();
    auto out = run(o);
    EXPECT_EQ(out.status, core::Status::pass) << out.message;
    EXPECT_NE(ev(out, "window").find("since the deploy started"), std::string::npos);
    // Without a deploy.start event, the whole file counts.
    o.journal_dir = (d / "empty-journal").string();
    EXPECT_EQ(run(o).status, core::Status::fail);
}

TEST(LogsCheck, FactoryReadsTheConfigAndRejectsBadSince) {
    core::MapEnv env;
    // Written in the file: rejected when it loads, with file:line:column.
    try {
        (void)core::config::Config::load_string(
            "smoke:\n  checks:\n    - kind: logs\n      paths: [a.log]\n"
            "      since: ayer\n",
            "compuerta.yml", env);
        ADD_FAILURE() << "expected ConfigError";
    } catch (const core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "compuerta.yml:5:14: smoke.checks[0].since: expected an RFC 3339 time"),
                  std::string::npos)
            << e.what();
    }
    // From a variable: the factory applies the same rule.
    env.set("DESDE", "ayer");
    auto cfg = core::config::Config::load_string(R"(
smoke:
  checks:
    - kind: logs
      paths: [/tmp/nada-*.log]
      since: ${DESDE}
)",
                                                 "compuerta.yml", env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{}, core::Millis(1000), std::nullopt};
    auto def = cfg.at("smoke.checks").items().at(0);
    EXPECT_THROW(smoke::checks::make_logs(def, spec(), ctx), core::ConfigError);
}

// The kind's keys are one declaration (logs_decl()): what the factory reads,
// with its defaults, is what validates the file and what the reference shows.
TEST(LogsDecl, DefaultsComeFromTheDeclarationAndShowInTheReference) {
    core::MapEnv env;
    auto cfg = core::config::Config::load_string(
        "smoke:\n  checks:\n    - kind: logs\n      paths: [a.log]\n", "compuerta.yml", env);
    const auto& decl = smoke::checks::logs_decl();
    auto c = decl.read(core::config::smoke_decl().read(cfg).checks.at(0));
    EXPECT_EQ(c.paths, std::vector<std::string>{"a.log"});
    EXPECT_FALSE(c.patterns); // the factory's default_log_patterns()
    EXPECT_TRUE(c.allow.empty());
    EXPECT_FALSE(c.ignore_case);
    EXPECT_EQ(c.max_matches.value, 0);
    EXPECT_FALSE(c.warn_matches.value);
    EXPECT_EQ(c.buffer_kib.value, 1024);
    EXPECT_EQ(c.evidence_lines, 5);
    EXPECT_EQ(c.engine, "auto");
    EXPECT_EQ(c.timezone, "utc");
    EXPECT_EQ(decl.default_of("engine"), "auto");
    auto doc = core::config::schema_markdown(core::config::root_schema());
    for (const char* row :
         {"| `smoke.checks[].buffer_kib` | integer | Read buffer in KiB. Default: `1024`. |",
          "| `smoke.checks[].engine` | `auto` \\| `hyperscan` \\| `pcre2` | Pattern engine. "
          "Default: `auto`. |"})
        EXPECT_NE(doc.find(row), std::string::npos) << row;
}

TEST(LogsDecl, AWrongTypeOrRangeIsRejectedWithItsPlace) {
    core::MapEnv env;
    // Written in the file: refused at load by the schema the declaration gives.
    std::string e;
    try {
        (void)core::config::Config::load_string(
            "smoke:\n  checks:\n    - kind: logs\n      paths: [a.log]\n      buffer_kib: mucho\n",
            "compuerta.yml", env);
    } catch (const core::ConfigError& x) {
        e = x.what();
    }
    EXPECT_NE(e.find("compuerta.yml:5:19: smoke.checks[0].buffer_kib"), std::string::npos) << e;
    // From a variable: refused where the declaration reads it, at the same place.
    env.set("KIB", "mucho");
    auto cfg = core::config::Config::load_string(
        "smoke:\n  checks:\n    - kind: logs\n      paths: [a.log]\n      buffer_kib: ${KIB}\n",
        "compuerta.yml", env);
    smoke::SuiteContext ctx{cfg, env, smoke::Ports{}, core::Millis(1000), std::nullopt};
    auto def = core::config::smoke_decl().read(cfg).checks.at(0);
    try {
        (void)smoke::checks::make_logs(def, spec(), ctx);
        ADD_FAILURE() << "expected ConfigError";
    } catch (const core::ConfigError& x) {
        std::string m = x.what();
        EXPECT_NE(m.find("compuerta.yml:5:19"), std::string::npos) << m;
        EXPECT_NE(m.find("smoke.checks[0].buffer_kib"), std::string::npos) << m;
    }
    // The right type out of range: the factory's rule, still at its place.
    env.set("KIB", "8");
    auto small = core::config::Config::load_string(
        "smoke:\n  checks:\n    - kind: logs\n      paths: [a.log]\n      buffer_kib: ${KIB}\n",
        "compuerta.yml", env);
    smoke::SuiteContext small_ctx{small, env, smoke::Ports{}, core::Millis(1000), std::nullopt};
    try {
        (void)smoke::checks::make_logs(core::config::smoke_decl().read(small).checks.at(0), spec(),
                                       small_ctx);
        ADD_FAILURE() << "expected ConfigError";
    } catch (const core::ConfigError& x) {
        EXPECT_NE(std::string(x.what()).find("compuerta.yml:5:19"), std::string::npos) << x.what();
    }
}
