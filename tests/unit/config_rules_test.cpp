// Rules beyond types (core/config/rules.hpp), run when compuerta.yml loads:
// every problem at once, in file order, each with file:line:column.
#include "core/config/config.hpp"
#include "core/config/rules.hpp"
#include "core/errors.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta::core;
using namespace compuerta::core::config;

namespace {

std::string rules_error_of(const std::string& yaml, const Env& env) {
    try {
        Config::load_string(yaml, "c.yml", env);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(ConfigRules, DuplicateKeysAnywhereAreReportedWithBothPlaces) {
    MapEnv env;
    std::string e = rules_error_of("smoke:\n  checks:\n    - kind: postgres\n      id: a\n      id: b\n"
                             "database:\n  dsn: x\ndatabase:\n  dsn: y\n",
                             env);
    EXPECT_TRUE(
        compuerta::test::contains(e, "c.yml:5:7: smoke.checks[0].id: duplicate key \"id\" (first at line 4, column 7)"))
        << e;
    EXPECT_TRUE(
        compuerta::test::contains(e, "c.yml:8:1: database: duplicate key \"database\" (first at line 6, column 1)"))
        << e;
}

TEST(ConfigRules, EveryProblemAtOnceInFileOrder) {
    MapEnv env;
    std::string e = rules_error_of(
        "version: 2\nenvironment:\n  urls:\n    - url: 'https://a b/'\n  timeout: 5 minutos\n"
        "deploy:\n  health_url: app:8080/health\n",
        env);
    EXPECT_TRUE(compuerta::test::contains(e, "c.yml is not valid (4 problems):")) << e;
    auto v = e.find("c.yml:1:10: version: unknown version \"2\"");
    auto u = e.find("c.yml:4:12: environment.urls[0].url: expected a URL without spaces");
    auto t = e.find("c.yml:5:12: environment.timeout: expected a duration");
    EXPECT_TRUE(v != std::string::npos && u != std::string::npos && t != std::string::npos) << e;
    EXPECT_TRUE(v < u && u < t) << e;
    EXPECT_TRUE(compuerta::test::contains(e, "deploy.health_url: expected a URL starting with http:// or https://, got "
                       "\"app:8080/health\""))
        << e;
}

TEST(ConfigRules, ValuesWithVariablesAreCheckedWhereUsed) {
    MapEnv env;
    EXPECT_EQ(rules_error_of("version: 1\ndeploy:\n  health_url: ${APP_URL}/health\n", env), "");
}

TEST(ConfigRules, Urls) {
    const std::vector<std::string> http = {"http", "https"};
    EXPECT_FALSE(url_problem("https://muses.sep.gob.mx/salud?x=1", http));
    EXPECT_FALSE(url_problem("http://user:pw@127.0.0.1:8080", http));
    EXPECT_TRUE(url_problem("muses.sep.gob.mx/salud", http));
    EXPECT_TRUE(url_problem("ftp://a/", http));
    EXPECT_TRUE(url_problem("http:///salud", http));
    EXPECT_TRUE(url_problem("https://a/b c", http));
    EXPECT_FALSE(url_problem("smtps://mail:465", {"smtp", "smtps"}));
}

TEST(ConfigRules, JsonPointerAndSince) {
    EXPECT_FALSE(json_pointer_problem("/registros/0/curp"));
    EXPECT_FALSE(json_pointer_problem(""));
    EXPECT_TRUE(json_pointer_problem("estado"));
    EXPECT_TRUE(json_pointer_problem("/a~2"));
    EXPECT_FALSE(since_problem("deploy"));
    EXPECT_FALSE(since_problem("30m"));
    EXPECT_FALSE(since_problem("2026-11-28T17:00:00Z"));
    EXPECT_TRUE(since_problem("ayer"));
}

// A rule a library defines (smoke defines "curp") runs at load like a core one.
TEST(ConfigRules, RulesDefinedByALibraryRunAtLoad) {
    MapEnv env;
    std::string yaml =
        "smoke:\n  checks:\n    - kind: renapo\n      endpoint: https://r/\n      curp: MALA\n";
    define_text_rule(
        "curp", [](const std::string& text, const YAML::Node& owner) -> std::optional<std::string> {
            if (text == "MALA" && owner["endpoint"])
                return "expected a good one";
            return std::nullopt;
        });
    EXPECT_TRUE(compuerta::test::contains(rules_error_of(yaml, env), "c.yml:5:13: smoke.checks[0].curp: expected a good one"))
        << rules_error_of(yaml, env);
}
