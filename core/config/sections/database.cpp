#include "core/config/sections/database.hpp"

namespace compuerta::core::config {

namespace {

const char* const dsn_key = "dsn";

} // namespace

const SectionDecl<DatabaseSection>& database_decl() {
    static const SectionDecl<DatabaseSection> decl = [] {
        using D = DatabaseSection;
        SectionDecl<D> d("database");
        deferred(d, dsn_key, &D::dsn, s::dsn("config.database.dsn"))
            .duration("connect_timeout", &D::connect_timeout, "5s",
                      "config.database.connect_timeout")
            // db backup / migrate / restore / status (docs/db.md).
            .optional_text("pg_bin", &D::pg_bin, s::str("config.database.pg_bin"))
            .duration("lock_wait", &D::lock_wait, "60s", "config.database.lock_wait")
            .text("backup.dir", &D::backup_dir, "backups", "config.database.backup.dir")
            .choice("backup.format", &D::backup_format, {"directory", "custom"}, "directory",
                    "config.database.backup.format")
            .integer("backup.jobs", &D::backup_jobs, 2, "config.database.backup.jobs")
            .integer("backup.keep", &D::backup_keep, 5, "config.database.backup.keep")
            .number("backup.free_space_factor", &D::backup_free_space_factor, "1.0",
                    "config.database.backup.free_space_factor")
            .duration("backup.timeout", &D::backup_timeout, "2h", "config.database.backup.timeout")
            .boolean("backup.snapshot", &D::backup_snapshot, false,
                     "config.database.backup.snapshot")
            .integer("snapshot.keep", &D::snapshot_keep, 1, "config.database.snapshot.keep")
            .choice("snapshot.space_check", &D::snapshot_space_check,
                    {"auto", "host", "configured"}, "auto", "config.database.snapshot.space_check")
            .optional_integer("snapshot.min_free_mb", &D::snapshot_min_free_mb,
                              "config.database.snapshot.min_free_mb")
            .number("snapshot.free_space_factor", &D::snapshot_free_space_factor, "1.1",
                    "config.database.snapshot.free_space_factor")
            .text("migrations.dir", &D::migrations_dir, "db/migrations",
                  "config.database.migrations.dir")
            .text("migrations.schema", &D::migrations_schema, "public",
                  "config.database.migrations.schema")
            .text("migrations.table", &D::migrations_table, "flyway_schema_history",
                  "config.database.migrations.table")
            .duration("migrations.lock_timeout", &D::migrations_lock_timeout, "10s",
                      "config.database.migrations.lock_timeout")
            .duration("migrations.statement_timeout", &D::migrations_statement_timeout, "15m",
                      "config.database.migrations.statement_timeout")
            .duration("migrations.max_backup_age", &D::migrations_max_backup_age, "6h",
                      "config.database.migrations.max_backup_age")
            // Flyway parity (flyway.encoding, flyway.placeholders.*, docs/db.md).
            .text("migrations.encoding", &D::migrations_encoding, "UTF-8",
                  "config.database.migrations.encoding")
            .custom("migrations.placeholders",
                    s::map_of(s::str(), "config.database.migrations.placeholders"),
                    [](D& out, const Value& v) {
                        for (const auto& [name, value] : v.entries())
                            out.migrations_placeholders.emplace_back(name, Deferred(value));
                    })
            .text("migrations.placeholder_prefix", &D::migrations_placeholder_prefix, "${",
                  "config.database.migrations.placeholder_prefix")
            .text("migrations.placeholder_suffix", &D::migrations_placeholder_suffix, "}",
                  "config.database.migrations.placeholder_suffix")
            .boolean("migrations.placeholder_replacement", &D::migrations_placeholder_replacement,
                     true, "config.database.migrations.placeholder_replacement")
            .choice("restore.mode", &D::restore_mode, {"swap", "clean"}, "swap",
                    "config.database.restore.mode")
            .integer("restore.jobs", &D::restore_jobs, 2, "config.database.restore.jobs")
            .duration("restore.timeout", &D::restore_timeout, "2h",
                      "config.database.restore.timeout");
        return d;
    }();
    return decl;
}

Deferred configured_dsn(const Config& cfg) {
    return Deferred(cfg["database"][dsn_key]);
}

NodePtr section_database() {
    return database_decl().schema();
}

} // namespace compuerta::core::config
