#include "core/config/config.hpp"
#include "core/config/sections/deploy.hpp"
#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta::core;
using namespace compuerta::core::config;

namespace {
std::string error_of(const std::string& yaml, const Env& env) {
    try {
        Config::load_string(yaml, "compuerta.yml", env);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}
} // namespace

TEST(Config, ValidFileReadsTypedValues) {
    MapEnv env;
    auto cfg = Config::load_string("smoke:\n  concurrency: 12\n  timeout: 1500ms\n  checks:\n"
                                   "    - kind: postgres\n      id: db\n      warn_latency: 2s\n",
                                   "compuerta.yml", env);
    EXPECT_TRUE(cfg.loaded());
    EXPECT_EQ(cfg.at("smoke.concurrency").integer(), 12);
    EXPECT_EQ(cfg.at("smoke.timeout").duration(), Millis(1500));
    auto checks = cfg.at("smoke.checks").items();
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0]["id"].str(), "db");
    EXPECT_EQ(checks[0]["warn_latency"].duration(), Millis(2000));
    EXPECT_FALSE(cfg.at("smoke.deadline").present());
    EXPECT_EQ(cfg.at("smoke.deadline").duration_or(Millis(7)), Millis(7));
}

TEST(Config, YamlSyntaxErrorNamesFileLineColumn) {
    MapEnv env;
    std::string e = error_of("smoke:\n  concurrency: [1, 2\n", env);
    EXPECT_NE(e.find("compuerta.yml:"), std::string::npos) << e;
    EXPECT_NE(e.find("YAML syntax error"), std::string::npos) << e;
}

TEST(Config, UnknownKeyNamesLineColumnAndChoices) {
    MapEnv env;
    std::string e = error_of("smoke:\n  concurency: 3\n", env);
    EXPECT_NE(e.find("compuerta.yml:2:3"), std::string::npos) << e;
    EXPECT_NE(e.find("unknown key \"concurency\""), std::string::npos) << e;
    EXPECT_NE(e.find("concurrency"), std::string::npos) << e; // the expected keys are listed
}

TEST(Config, WrongTypeNamesKeyAndExpectation) {
    MapEnv env;
    std::string e = error_of("smoke:\n  concurrency: many\n", env);
    EXPECT_NE(e.find("compuerta.yml:2:16"), std::string::npos) << e;
    EXPECT_NE(e.find("smoke.concurrency"), std::string::npos) << e;
    EXPECT_NE(e.find("expected an integer"), std::string::npos) << e;
    e = error_of("smoke:\n  timeout: soon\n", env);
    EXPECT_NE(e.find("expected a duration"), std::string::npos) << e;
    e = error_of("smoke: [1]\n", env);
    EXPECT_NE(e.find("expected a mapping"), std::string::npos) << e;
}

TEST(Config, UnknownCheckKindIsNamed) {
    MapEnv env;
    std::string e = error_of("smoke:\n  checks:\n    - kind: telepathy\n", env);
    EXPECT_NE(e.find("unknown kind \"telepathy\""), std::string::npos) << e;
    EXPECT_NE(e.find("compuerta.yml:3:13"), std::string::npos) << e;
}

TEST(Config, AllProblemsAreReportedAtOnce) {
    MapEnv env;
    std::string e = error_of("smoke:\n  concurrency: x\n  bogus: 1\n", env);
    EXPECT_NE(e.find("2 problems"), std::string::npos) << e;
}

TEST(Config, UnsetVariableIsAnErrorOnlyWhereUsed) {
    MapEnv env;
    auto cfg = Config::load_string("database:\n  dsn: \"host=db password=${DB_PASSWORD}\"\n", "compuerta.yml", env);
    auto v = cfg.at("database.dsn");
    EXPECT_FALSE(v.try_str().ok());
    try {
        v.str();
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("compuerta.yml:2:8"), std::string::npos) << m;
        EXPECT_NE(m.find("database.dsn"), std::string::npos) << m;
        EXPECT_NE(m.find("DB_PASSWORD"), std::string::npos) << m;
    }
}

TEST(Config, VariableDefaultsAndEscapes) {
    MapEnv env(std::map<std::string, std::string>{{"HOST", "db.internal"}});
    EXPECT_EQ(expand("${HOST}:${PORT:-5432}", env).value(), "db.internal:5432");
    EXPECT_EQ(expand("cost $$5", env).value(), "cost $5");
    EXPECT_FALSE(expand("${UNSET}", env).ok());
    EXPECT_FALSE(expand("${", env).ok());
}

TEST(Config, FileVariableIsReadAndMasked) {
    compuerta::test::TempDir dir;
    compuerta::test::write_file(dir / "pw", "s3cr3t-from-file\n");
    MapEnv env(std::map<std::string, std::string>{{"DB_PASSWORD_FILE", (dir / "pw").string()}});
    auto v = expand("password=${DB_PASSWORD}", env);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v.value(), "password=s3cr3t-from-file");
    EXPECT_EQ(mask("leak s3cr3t-from-file here"), "leak *** here");
}

TEST(Config, SecretFieldsAreRegisteredAtLoad) {
    MapEnv env(std::map<std::string, std::string>{{"HOOK", "https://hooks.example.test/services/T000/B000/XYZsecretpath"}});
    auto cfg = Config::load_string("database:\n  dsn: postgresql://app:Pa55word-x@db/sep\n"
                                   "notify:\n  webhooks:\n    - type: slack\n      url: ${HOOK}\n",
                                   "compuerta.yml", env);
    EXPECT_EQ(mask("x Pa55word-x y"), "x *** y");
    EXPECT_EQ(mask("https://hooks.example.test/services/T000/B000/XYZsecretpath"), "***");
}

TEST(Config, ShortSecretsAreWarnedAbout) {
    MapEnv env;
    auto cfg = Config::load_string("maintenance:\n  bypass_value: abc\n", "compuerta.yml", env);
    ASSERT_EQ(cfg.warnings().size(), 1u);
    EXPECT_NE(cfg.warnings()[0].find("maintenance.bypass_value"), std::string::npos);
}

TEST(Config, MissingNamedFileIsAnError) {
    MapEnv env;
    EXPECT_THROW(Config::load_file("/nonexistent/compuerta.yml", env), ConfigError);
    EXPECT_THROW(load_for_command(std::string("/nonexistent/c.yml"), env), ConfigError);
    MapEnv named(std::map<std::string, std::string>{{"COMPUERTA_CONFIG", "/nonexistent/c.yml"}});
    EXPECT_THROW(load_for_command(std::nullopt, named), ConfigError);
}

TEST(Config, DirectoryIsNotAConfigFile) {
    compuerta::test::TempDir dir;
    MapEnv env;
    EXPECT_THROW(Config::load_file(dir.path().string(), env), ConfigError);
}

TEST(Config, DurationsParse) {
    EXPECT_EQ(parse_duration("250ms"), Millis(250));
    EXPECT_EQ(parse_duration("2"), Millis(2000));
    EXPECT_EQ(parse_duration("1.5s"), Millis(1500));
    EXPECT_EQ(parse_duration("5m"), Millis(300'000));
    EXPECT_EQ(parse_duration("6h"), Millis(21'600'000));
    EXPECT_FALSE(parse_duration("soon").has_value());
    EXPECT_FALSE(parse_duration("-1s").has_value());
    EXPECT_FALSE(parse_duration("5 parsecs").has_value());
}

TEST(Config, ExampleConfigurationIsValid) {
    MapEnv env;
    auto cfg = Config::load_file(std::string(COMPUERTA_SOURCE_DIR) + "/examples/sep-muses/compuerta.yml", env);
    EXPECT_TRUE(cfg.loaded());
}

#include "core/config/schema.hpp"
#include <fstream>

TEST(ConfigDocs, ReferenceIsCurrent) {
    std::string doc = compuerta::test::read_file(std::string(COMPUERTA_SOURCE_DIR) + "/docs/configuration.md");
    std::string ref = schema_markdown(root_schema());
    while (!ref.empty() && ref.front() == '\n') ref.erase(0, 1);
    while (!ref.empty() && ref.back() == '\n') ref.pop_back();
    EXPECT_NE(doc.find(ref), std::string::npos)
        << "docs/configuration.md is out of date: run scripts/update-config-docs.sh";
}

// Typed sections: the declared default is what the command uses, what the
// reference shows and what --help quotes (core/config/section.hpp).
TEST(TypedSection, DeclaredDefaultsAreUsedAndDocumentedFromOnePlace) {
    compuerta::core::MapEnv env;
    auto none = compuerta::core::config::Config::none(env);
    const auto& deploy = compuerta::core::config::deploy_decl();
    auto d = deploy.read(none);
    EXPECT_EQ(deploy.default_of("timeout"), "10m");
    EXPECT_EQ(d.timeout, compuerta::core::config::parse_duration(deploy.default_of("timeout")));
    EXPECT_EQ(d.health_timeout, compuerta::core::config::parse_duration(deploy.default_of("health_timeout")));
    EXPECT_FALSE(d.health_url.has_value());
    auto doc = compuerta::core::config::schema_markdown(compuerta::core::config::root_schema());
    EXPECT_NE(doc.find("| `deploy.timeout` | duration | Timeout of each deploy and restart command. Default: `10m`. |"),
              std::string::npos);
    EXPECT_NE(doc.find("Default: `[6.1, 6.3, 6.4]`"), std::string::npos);

    auto cfg = compuerta::core::config::Config::load_string(
        "deploy:\n  timeout: 45s\n  commands: ['echo {tag}']\nrollback:\n  postmortem: pm.md\n", "c.yml", env);
    auto set = deploy.read(cfg);
    EXPECT_EQ(set.timeout.count(), 45'000);
    EXPECT_EQ(set.commands, std::vector<std::string>{"echo {tag}"});
    EXPECT_EQ(compuerta::core::config::rollback_decl().read(cfg).postmortem, "pm.md");
    EXPECT_EQ(compuerta::core::config::rollback_decl().read(none).postmortem, "compuerta-postmortem.md");
}

TEST(TypedSection, AWrongTypeNamesFileLineAndKey) {
    compuerta::core::MapEnv env;
    // Validation rejects it at load; read() on a tree that skipped validation still names the place.
    try {
        auto cfg = compuerta::core::config::Config::load_string("deploy:\n  timeout: soon\n", "c.yml", env);
        (void)compuerta::core::config::deploy_decl().read(cfg);
        FAIL() << "expected a ConfigError";
    } catch (const compuerta::core::ConfigError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("c.yml:2"), std::string::npos) << m;
        EXPECT_NE(m.find("deploy.timeout"), std::string::npos) << m;
    }
}
