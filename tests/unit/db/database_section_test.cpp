// The typed `database` section (core/config/sections/database.hpp): declared
// defaults are what the commands get and what the reference shows; an unset
// variable in database.dsn or a placeholder is an error only where used.
#include "core/config/schema.hpp"
#include "core/config/sections/database.hpp"
#include "core/errors.hpp"
#include "plugin/db/placeholders.hpp"

#include <gtest/gtest.h>

namespace cfg = compuerta::core::config;
using compuerta::core::MapEnv;
using compuerta::core::Millis;

TEST(DatabaseSection, DeclaredDefaultsAreUsedAndDocumented) {
    MapEnv env;
    const auto& decl = cfg::database_decl();
    auto d = decl.read(cfg::Config::none(env));
    EXPECT_FALSE(d.dsn.present());
    EXPECT_FALSE(d.pg_bin.has_value());
    EXPECT_EQ(d.connect_timeout, cfg::parse_duration(decl.default_of("connect_timeout")));
    EXPECT_EQ(d.lock_wait.count(), 60'000);
    EXPECT_EQ(d.backup_dir, "backups");
    EXPECT_EQ(d.backup_format, "directory");
    EXPECT_EQ(d.backup_jobs, 2);
    EXPECT_EQ(d.backup_keep, 5);
    EXPECT_DOUBLE_EQ(d.backup_free_space_factor, 1.0);
    EXPECT_EQ(d.backup_timeout.count(), 2 * 3600 * 1000);
    EXPECT_FALSE(d.backup_snapshot);
    EXPECT_EQ(d.snapshot_keep, 1);
    EXPECT_EQ(d.snapshot_space_check, "auto");
    EXPECT_FALSE(d.snapshot_min_free_mb.has_value());
    EXPECT_DOUBLE_EQ(d.snapshot_free_space_factor, 1.1);
    EXPECT_EQ(d.migrations_dir, "db/migrations");
    EXPECT_EQ(d.migrations_schema, "public");
    EXPECT_EQ(d.migrations_table, "flyway_schema_history");
    EXPECT_EQ(d.migrations_lock_timeout.count(), 10'000);
    EXPECT_EQ(d.migrations_statement_timeout.count(), 15 * 60 * 1000);
    EXPECT_EQ(d.migrations_max_backup_age.count(), 6 * 3600 * 1000);
    EXPECT_EQ(d.migrations_encoding, "UTF-8");
    EXPECT_TRUE(d.migrations_placeholders.empty());
    EXPECT_EQ(d.restore_mode, "swap");
    EXPECT_EQ(d.restore_jobs, 2);
    EXPECT_EQ(d.restore_timeout.count(), 2 * 3600 * 1000);

    // Flyway's defaults, from the same declaration.
    auto ph = compuerta::plugin::db::placeholder_settings(d, "c.yml");
    EXPECT_TRUE(ph.replace);
    EXPECT_EQ(ph.prefix, "${");
    EXPECT_EQ(ph.suffix, "}");

    auto doc = cfg::schema_markdown(cfg::root_schema());
    EXPECT_NE(
        doc.find("| `database.backup.dir` | string | Where backups go. Default: `backups`. |"),
        std::string::npos);
    EXPECT_NE(doc.find("| `database.restore.timeout` | duration | Deadline for the whole restore. "
                       "Default: `2h`. |"),
              std::string::npos);
    EXPECT_EQ(decl.default_of("migrations.placeholder_prefix"), "${");
    EXPECT_EQ(decl.default_of("pg_bin"), ""); // COMPUERTA_PG_BIN, else PATH: not a constant
}

TEST(DatabaseSection, ValuesFromTheFile) {
    MapEnv env;
    env.set("SCHEMA", "escolar");
    auto c =
        cfg::Config::load_string("database:\n"
                                 "  dsn: host=db dbname=sep\n"
                                 "  lock_wait: 90s\n"
                                 "  backup:\n    dir: /srv/b\n    keep: 3\n    snapshot: true\n"
                                 "  snapshot:\n    min_free_mb: 2048\n    space_check: configured\n"
                                 "  migrations:\n    placeholders:\n      z: last\n"
                                 "      schema: ${SCHEMA}\n    placeholder_prefix: '#['\n"
                                 "    placeholder_suffix: ']'\n"
                                 "  restore:\n    mode: clean\n",
                                 "c.yml", env);
    auto d = cfg::database_decl().read(c);
    ASSERT_TRUE(d.dsn.usable());
    EXPECT_EQ(d.dsn.str(), "host=db dbname=sep");
    EXPECT_EQ(cfg::configured_dsn(c).str(), "host=db dbname=sep");
    EXPECT_EQ(d.lock_wait.count(), 90'000);
    EXPECT_EQ(d.backup_dir, "/srv/b");
    EXPECT_EQ(d.backup_keep, 3);
    EXPECT_EQ(d.backup_jobs, 2);
    EXPECT_TRUE(d.backup_snapshot);
    EXPECT_EQ(d.snapshot_min_free_mb, 2048);
    EXPECT_EQ(d.snapshot_space_check, "configured");
    EXPECT_EQ(d.restore_mode, "clean");
    ASSERT_EQ(d.migrations_placeholders.size(), 2u); // file order
    EXPECT_EQ(d.migrations_placeholders[0].first, "z");
    auto ph = compuerta::plugin::db::placeholder_settings(d, "c.yml");
    EXPECT_EQ(ph.values.at("schema"), "escolar");
    EXPECT_EQ(ph.prefix, "#[");
    EXPECT_EQ(ph.suffix, "]");
}

TEST(DatabaseSection, AnUnsetVariableIsAnErrorOnlyWhereUsed) {
    MapEnv env;
    auto c = cfg::Config::load_string("database:\n  dsn: \"host=db password=${DB_PASSWORD}\"\n"
                                      "  migrations:\n    placeholders:\n      pw: ${APP_PW}\n",
                                      "compuerta.yml", env);
    auto d = cfg::database_decl().read(c); // reading the section does not throw
    EXPECT_TRUE(d.dsn.present());
    EXPECT_FALSE(d.dsn.usable());
    EXPECT_NE(d.dsn.error().find("compuerta.yml:2:8"), std::string::npos) << d.dsn.error();
    EXPECT_NE(d.dsn.error().find("database.dsn"), std::string::npos) << d.dsn.error();
    EXPECT_THROW(d.dsn.str_or(""), compuerta::core::ConfigError);
    EXPECT_FALSE(cfg::configured_dsn(c).usable());
    try {
        (void)compuerta::plugin::db::placeholder_settings(d, "compuerta.yml");
        FAIL() << "expected a ConfigError";
    } catch (const compuerta::core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("APP_PW"), std::string::npos) << e.what();
    }
    auto empty = cfg::Config::load_string("database:\n  migrations:\n    placeholder_suffix: ''\n",
                                          "c.yml", env);
    EXPECT_THROW((void)compuerta::plugin::db::placeholder_settings(cfg::database_decl().read(empty),
                                                                   "c.yml"),
                 compuerta::core::ConfigError);
}
