#include "core/config/config.hpp"
#include "core/config/sections/deploy.hpp"
#include "core/errors.hpp"
#include "core/messages/catalog.hpp"
#include "core/secrets.hpp"
#include "smoke/registry.hpp"
#include "tests/support/support.hpp"

#include <gtest/gtest.h>

using namespace compuerta::core;
using namespace compuerta::core::config;

namespace {

// The check kinds are smoke's (smoke/registry.cpp), defined at start-up as
// `compuerta` defines them (plugin/commands.cpp).
[[maybe_unused]] const bool k_check_kinds = (compuerta::smoke::define_check_kinds(), true);

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
    auto cfg = Config::load_string("database:\n  dsn: \"host=db password=${DB_PASSWORD}\"\n",
                                   "compuerta.yml", env);
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
    MapEnv env(std::map<std::string, std::string>{
        {"HOOK", "https://hooks.example.test/services/T000/B000/XYZsecretpath"}});
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
    auto cfg = Config::load_file(
        std::string(COMPUERTA_SOURCE_DIR) + "/examples/sep-muses/compuerta.yml", env);
    EXPECT_TRUE(cfg.loaded());
}

#include "core/config/schema.hpp"

#include <fstream>

TEST(ConfigDocs, ReferenceIsCurrent) {
    std::string doc =
        compuerta::test::read_file(std::string(COMPUERTA_SOURCE_DIR) + "/docs/configuration.md");
    std::string ref = schema_markdown(root_schema());
    while (!ref.empty() && ref.front() == '\n')
        ref.erase(0, 1);
    while (!ref.empty() && ref.back() == '\n')
        ref.pop_back();
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
    EXPECT_EQ(d.health_timeout,
              compuerta::core::config::parse_duration(deploy.default_of("health_timeout")));
    EXPECT_FALSE(d.health_url.has_value());
    auto doc = compuerta::core::config::schema_markdown(compuerta::core::config::root_schema());
    EXPECT_NE(doc.find("| `deploy.timeout` | duration | Timeout of each deploy and restart "
                       "command. Default: `10m`. |"),
              std::string::npos);
    EXPECT_NE(doc.find("Default: `[6.1, 6.3, 6.4]`"), std::string::npos);

    auto cfg = compuerta::core::config::Config::load_string(
        "deploy:\n  timeout: 45s\n  commands: ['echo {tag}']\nrollback:\n  postmortem: pm.md\n",
        "c.yml", env);
    auto set = deploy.read(cfg);
    EXPECT_EQ(set.timeout.count(), 45'000);
    EXPECT_EQ(set.commands, std::vector<std::string>{"echo {tag}"});
    EXPECT_EQ(compuerta::core::config::rollback_decl().read(cfg).postmortem, "pm.md");
    EXPECT_EQ(compuerta::core::config::rollback_decl().read(none).postmortem,
              "compuerta-postmortem.md");
}

TEST(TypedSection, AWrongTypeNamesFileLineAndKey) {
    compuerta::core::MapEnv env;
    // Validation rejects it at load; read() on a tree that skipped validation still names the
    // place.
    try {
        auto cfg = compuerta::core::config::Config::load_string("deploy:\n  timeout: soon\n",
                                                                "c.yml", env);
        (void)compuerta::core::config::deploy_decl().read(cfg);
        FAIL() << "expected a ConfigError";
    } catch (const compuerta::core::ConfigError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("c.yml:2"), std::string::npos) << m;
        EXPECT_NE(m.find("deploy.timeout"), std::string::npos) << m;
    }
}

// Each key's text is a catalog id with both translations (po/<lang>/config.po),
// so `config check --reference --lang es` is Spanish throughout.
TEST(ConfigDocs, EveryKeyTextIsACatalogIdInBothLanguages) {
    namespace msg = compuerta::core::msg;
    int seen = 0;
    compuerta::core::config::for_each_doc(compuerta::core::config::root_schema(),
                                          [&](const std::string& path, const std::string& id) {
                                              ++seen;
                                              EXPECT_EQ(id.rfind("config.", 0), 0u)
                                                  << path
                                                  << ": its text is prose, not a catalog id: "
                                                  << id;
                                              EXPECT_TRUE(msg::has(msg::Lang::en, id))
                                                  << path << ": " << id << " has no English text";
                                              EXPECT_TRUE(msg::has(msg::Lang::es, id))
                                                  << path << ": " << id << " has no Spanish text";
                                          });
    EXPECT_GT(seen, 200);
    auto es = compuerta::core::config::schema_markdown(compuerta::core::config::root_schema(),
                                                       msg::Lang::es);
    EXPECT_NE(es.find("| clave | tipo | significado |"), std::string::npos);
    EXPECT_NE(es.find("Por omisión: `10m`."), std::string::npos);
    EXPECT_EQ(es.find("| key | type |"), std::string::npos);
}

// A declaration with nested keys and a list of mappings: the schema nests
// them, read() finds them, absent keys take their declared defaults.
namespace {
struct ItemT {
    std::string name;
    std::int64_t weight = 0;
};
struct NestedT {
    std::string dir;
    std::int64_t jobs = 0;
    bool snapshot = false;
    double factor = 0;
    std::string mode;
    std::optional<compuerta::core::Millis> limit;
    std::vector<std::pair<std::string, std::string>> vars;
    std::vector<ItemT> items;
};
} // namespace

TEST(TypedSection, NestedKeysListsAndDefaults) {
    using namespace compuerta::core::config;
    static const SectionDecl<ItemT> item = [] {
        SectionDecl<ItemT> d("");
        d.text("name", &ItemT::name, "", "config.version")
            .required()
            .integer("weight", &ItemT::weight, 1, "config.version");
        return d;
    }();
    SectionDecl<NestedT> d("database");
    d.group("backup", "config.database.backup")
        .text("backup.dir", &NestedT::dir, "backups", "config.database.backup.dir")
        .integer("backup.jobs", &NestedT::jobs, 2, "config.database.backup.jobs")
        .boolean("backup.snapshot", &NestedT::snapshot, false, "config.database.backup.snapshot")
        .number("backup.free_space_factor", &NestedT::factor, "1.0",
                "config.database.backup.free_space_factor")
        .choice("restore.mode", &NestedT::mode, {"swap", "clean"}, "swap",
                "config.database.restore.mode")
        .optional_duration("lock_wait", &NestedT::limit, "config.database.lock_wait")
        .text_map("vars", &NestedT::vars, "config.database.migrations.placeholders")
        .list_of("items", &NestedT::items, item, "config.plan.rows");
    auto schema = d.schema();
    ASSERT_EQ(schema->fields.size(), 5u); // backup, restore, lock_wait, vars, items
    EXPECT_EQ(schema->fields[0].name, "backup");
    EXPECT_EQ(schema->fields[0].schema->doc, "config.database.backup");
    EXPECT_EQ(schema->fields[0].schema->fields.size(), 4u);
    EXPECT_EQ(schema->fields[1].schema->fields[0].schema->default_value, "swap");
    EXPECT_TRUE(schema->fields[4].schema->item->fields[0].required);

    compuerta::core::MapEnv env;
    auto none = d.read(Config::none(env));
    EXPECT_EQ(none.dir, "backups");
    EXPECT_EQ(none.jobs, 2);
    EXPECT_DOUBLE_EQ(none.factor, 1.0);
    EXPECT_EQ(none.mode, "swap");
    EXPECT_FALSE(none.limit.has_value());
    EXPECT_TRUE(none.items.empty());

    auto cfg = Config::load_string(
        "database:\n  backup:\n    dir: /srv/b\n    jobs: 4\n    snapshot: true\n"
        "  restore:\n    mode: clean\n  lock_wait: 90s\n",
        "c.yml", env);
    auto set = d.read(cfg);
    EXPECT_EQ(set.dir, "/srv/b");
    EXPECT_EQ(set.jobs, 4);
    EXPECT_TRUE(set.snapshot);
    EXPECT_EQ(set.mode, "clean");
    ASSERT_TRUE(set.limit.has_value());
    EXPECT_EQ(set.limit->count(), 90'000);

    // A list of mappings, each read by the item's declaration.
    struct Rows {
        std::vector<ItemT> rows;
    };
    static const SectionDecl<ItemT> row = [] {
        SectionDecl<ItemT> r("");
        r.text("id", &ItemT::name, "", "config.plan.rows.id")
            .integer("weight", &ItemT::weight, 7, "config.version");
        return r;
    }();
    SectionDecl<Rows> plan("plan");
    plan.list_of("rows", &Rows::rows, row, "config.plan.rows");
    auto rows = plan.read(Config::load_string(
        "plan:\n  rows:\n    - {id: '3.5', task: Hacer}\n    - {id: '3.6', task: Otra}\n", "p.yml",
        env));
    ASSERT_EQ(rows.rows.size(), 2u);
    EXPECT_EQ(rows.rows[1].name, "3.6");
    EXPECT_EQ(rows.rows[0].weight, 7);
}

// The one flag-over-configuration merge (core/config/given_flags.hpp).
#include "core/config/given_flags.hpp"
#include "core/config/sections/database.hpp"
#include "core/config/sections/notify.hpp"

namespace {
class TypedFlags final : public compuerta::core::config::GivenFlags {
  public:
    std::map<std::string, std::vector<std::string>> values;
    std::optional<std::vector<std::string>> given(const std::string& flag) const override {
        auto it = values.find(flag);
        if (it == values.end())
            return std::nullopt;
        return it->second;
    }
};
} // namespace

TEST(FlagMerge, AGivenFlagWinsOverItsKeyAndTheRestKeepsTheFile) {
    using namespace compuerta::core::config;
    compuerta::core::MapEnv env{{{"BACKUPS", "/srv/backups"}}};
    auto cfg = Config::load_string(
        "database:\n  backup:\n    dir: ${BACKUPS}\n    jobs: 4\n    keep: 3\n", "c.yml", env);
    TypedFlags flags;
    const std::vector<FlagBinding> bindings = {
        {"dir", "backup.dir"}, {"jobs", "backup.jobs"}, {"format", "backup.format"}};
    auto none = database_decl().read(cfg, flags, bindings);
    EXPECT_EQ(none.backup_dir, "/srv/backups");
    EXPECT_EQ(none.backup_jobs, 4);
    EXPECT_EQ(none.backup_format, "directory"); // the declared default
    flags.values = {{"jobs", {"8"}}, {"dir", {"/tmp/$HOME/${BACKUPS}"}}, {"format", {"custom"}}};
    auto set = database_decl().read(cfg, flags, bindings);
    EXPECT_EQ(set.backup_jobs, 8);
    EXPECT_EQ(set.backup_dir, "/tmp/$HOME/${BACKUPS}"); // typed text is literal
    EXPECT_EQ(set.backup_format, "custom");
    EXPECT_EQ(set.backup_keep, 3); // no flag bound: the file's value
    // A flag not bound is not read, even when given.
    flags.values = {{"keep", {"9"}}};
    EXPECT_EQ(database_decl().read(cfg, flags, bindings).backup_keep, 3);
}

TEST(FlagMerge, ABadFlagValueIsRefusedByTheKeysDeclarationNamingTheFlag) {
    using namespace compuerta::core::config;
    compuerta::core::MapEnv env;
    auto cfg = Config::none(env);
    TypedFlags flags;
    flags.values = {{"format", {"zip"}}};
    try {
        database_decl().read(cfg, flags, {{"format", "backup.format"}});
        FAIL() << "--format zip accepted";
    } catch (const compuerta::core::ConfigError& e) {
        std::string m = e.what();
        EXPECT_EQ(m.rfind("--format: database.backup.format: ", 0), 0u) << m;
        EXPECT_NE(m.find("zip"), std::string::npos) << m;
    }
    flags.values = {{"timeout", {"0s"}}};
    try {
        notify_decl().read(cfg, flags, {{"timeout", "timeout"}});
        FAIL() << "--timeout 0s accepted";
    } catch (const compuerta::core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("--timeout: notify.timeout: "), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("greater than zero"), std::string::npos) << e.what();
    }
    // A binding to a key the section does not declare is the program's error.
    EXPECT_THROW(database_decl().read(cfg, flags, {{"x", "no.such.key"}}), std::logic_error);
}

TEST(FlagMerge, ADsnTypedAsAFlagIsASecret) {
    using namespace compuerta::core::config;
    compuerta::core::MapEnv env;
    TypedFlags flags;
    flags.values = {{"dsn", {"postgresql://app:s3cret-flag-pw@db/sire"}}};
    auto set = database_decl().read(Config::none(env), flags, {{"dsn", "dsn"}});
    EXPECT_EQ(set.dsn.str_or(""), "postgresql://app:s3cret-flag-pw@db/sire");
    EXPECT_EQ(compuerta::core::SecretRegistry::global().mask("password s3cret-flag-pw"),
              "password ***");
}

// A flag over a list key replaces the file's list; it never adds to it.
#include "core/config/sections/deploy.hpp"

TEST(FlagMerge, AFlagOverAListKeyReplacesTheFilesList) {
    using namespace compuerta::core::config;
    compuerta::core::MapEnv env;
    auto cfg = Config::load_string("deploy:\n  commands: [\"deploy {tag}\", \"restart\"]\n"
                                   "rollback:\n  smoke_junit: [a.xml, b.xml]\n",
                                   "c.yml", env);
    TypedFlags flags;
    auto deploy = deploy_decl().read(cfg, flags, {{"command", "commands"}});
    auto rollback = rollback_decl().read(cfg, flags, {{"smoke-junit", "smoke_junit"}});
    EXPECT_EQ(deploy.commands, (std::vector<std::string>{"deploy {tag}", "restart"}));
    EXPECT_EQ(rollback.smoke_junit, (std::vector<std::string>{"a.xml", "b.xml"}));
    flags.values = {{"command", {"echo $HOME {tag}"}}, {"smoke-junit", {"c.xml", "d$.xml"}}};
    deploy = deploy_decl().read(cfg, flags, {{"command", "commands"}});
    rollback = rollback_decl().read(cfg, flags, {{"smoke-junit", "smoke_junit"}});
    // A template is kept as typed; a plain string is literal ($ not expanded).
    EXPECT_EQ(deploy.commands, (std::vector<std::string>{"echo $HOME {tag}"}));
    EXPECT_EQ(rollback.smoke_junit, (std::vector<std::string>{"c.xml", "d$.xml"}));
}
