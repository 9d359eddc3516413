#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_database() {
    return s::map({
        {"dsn", s::dsn("config.database.dsn"), false, ""},
        {"connect_timeout", s::duration("config.database.connect_timeout"), false, ""},
        // db backup / migrate / restore / status (docs/db.md).
        {"pg_bin", s::str("config.database.pg_bin"), false, ""},
        {"lock_wait", s::duration("config.database.lock_wait"), false, ""},
        {"backup", s::map({
            {"dir", s::str("config.database.backup.dir"), false, ""},
            {"format", s::choice({"directory", "custom"}, "config.database.backup.format"), false, ""},
            {"jobs", s::integer("config.database.backup.jobs"), false, ""},
            {"keep", s::integer("config.database.backup.keep"), false, ""},
            {"free_space_factor", s::number("config.database.backup.free_space_factor"), false, ""},
            {"timeout", s::duration("config.database.backup.timeout"), false, ""},
            {"snapshot", s::boolean("config.database.backup.snapshot"), false, ""},
        }), false, ""},
        {"snapshot", s::map({
            {"keep", s::integer("config.database.snapshot.keep"), false, ""},
            {"space_check", s::choice({"auto", "host", "configured"}, "config.database.snapshot.space_check"), false, ""},
            {"min_free_mb", s::integer("config.database.snapshot.min_free_mb"), false, ""},
            {"free_space_factor", s::number("config.database.snapshot.free_space_factor"), false, ""},
        }), false, ""},
        {"migrations", s::map({
            {"dir", s::str("config.database.migrations.dir"), false, ""},
            {"schema", s::str("config.database.migrations.schema"), false, ""},
            {"table", s::str("config.database.migrations.table"), false, ""},
            {"lock_timeout", s::duration("config.database.migrations.lock_timeout"), false, ""},
            {"statement_timeout", s::duration("config.database.migrations.statement_timeout"), false, ""},
            {"max_backup_age", s::duration("config.database.migrations.max_backup_age"), false, ""},
            // Flyway parity (flyway.encoding, flyway.placeholders.*, docs/db.md).
            {"encoding", s::str("config.database.migrations.encoding"), false, ""},
            {"placeholders", s::map_of(s::str(), "config.database.migrations.placeholders"), false, ""},
            {"placeholder_prefix", s::str("config.database.migrations.placeholder_prefix"), false, ""},
            {"placeholder_suffix", s::str("config.database.migrations.placeholder_suffix"), false, ""},
            {"placeholder_replacement", s::boolean("config.database.migrations.placeholder_replacement"), false, ""},
        }), false, ""},
        {"restore", s::map({
            {"mode", s::choice({"swap", "clean"}, "config.database.restore.mode"), false, ""},
            {"jobs", s::integer("config.database.restore.jobs"), false, ""},
            {"timeout", s::duration("config.database.restore.timeout"), false, ""},
        }), false, ""},
    });
}

} // namespace compuerta::core::config
