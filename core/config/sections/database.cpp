#include "core/config/schema.hpp"

namespace compuerta::core::config {

NodePtr section_database() {
    return s::map({
        {"dsn", s::dsn("libpq connection string or URI of the production database."), false, ""},
        {"connect_timeout", s::duration("Deadline for connecting (default 5s)."), false, ""},
        // db backup / migrate / restore / status (docs/db.md).
        {"pg_bin", s::str("Directory of pg_dump and pg_restore (default COMPUERTA_PG_BIN, else PATH)."), false, ""},
        {"lock_wait", s::duration("How long migrate/restore wait for another run's lock (default 60s)."), false, ""},
        {"backup", s::map({
            {"dir", s::str("Where backups go (default backups)."), false, ""},
            {"format", s::choice({"directory", "custom"}, "pg_dump format (default directory)."), false, ""},
            {"jobs", s::integer("Parallel pg_dump jobs, directory format (default 2)."), false, ""},
            {"keep", s::integer("Backups of the database kept in dir (default 5)."), false, ""},
            {"free_space_factor", s::number("Free space required, times the database size (default 1.0)."), false, ""},
            {"timeout", s::duration("Deadline for the whole backup (default 2h)."), false, ""},
            {"snapshot", s::boolean("Also take the same-cluster snapshot (db snapshot) right after a verified backup (default false)."), false, ""},
        }), false, ""},
        {"snapshot", s::map({
            {"keep", s::integer("Snapshots of the database kept by window close after a successful release (default 1)."), false, ""},
            {"space_check", s::choice({"auto", "host", "configured"}, "auto: statvfs of the data directory when compuerta runs on the database host, else min_free_mb; host or configured force one (default auto)."), false, ""},
            {"min_free_mb", s::integer("Free space (MiB) the database host keeps at least, used when compuerta does not run there; unset: such snapshots are refused."), false, ""},
            {"free_space_factor", s::number("Free space required, times the database size (default 1.1)."), false, ""},
        }), false, ""},
        {"migrations", s::map({
            {"dir", s::str("Directory of Flyway-named migrations (default db/migrations)."), false, ""},
            {"schema", s::str("Schema of the history table (default public)."), false, ""},
            {"table", s::str("History table (default flyway_schema_history)."), false, ""},
            {"lock_timeout", s::duration("lock_timeout for each migration (default 10s)."), false, ""},
            {"statement_timeout", s::duration("statement_timeout for each migration (default 15m)."), false, ""},
            {"max_backup_age", s::duration("With no window open, the backup must be newer than this (default 6h)."), false, ""},
            // Flyway parity (flyway.encoding, flyway.placeholders.*, docs/db.md).
            {"encoding", s::str("Encoding of the migration files, an iconv name such as ISO-8859-1 (default UTF-8); decoded before the checksum and before running."), false, ""},
            {"placeholders", s::map_of(s::str(), "Values of ${name} placeholders in migrations (Flyway's flyway.placeholders.*)."), false, ""},
            {"placeholder_prefix", s::str("Start of a placeholder (default ${)."), false, ""},
            {"placeholder_suffix", s::str("End of a placeholder (default })."), false, ""},
            {"placeholder_replacement", s::boolean("Replace placeholders at all (default true)."), false, ""},
        }), false, ""},
        {"restore", s::map({
            {"mode", s::choice({"swap", "clean"}, "swap: restore into a new database and swap names; clean: in place (default swap)."), false, ""},
            {"jobs", s::integer("Parallel pg_restore jobs (default 2)."), false, ""},
            {"timeout", s::duration("Deadline for the whole restore (default 2h)."), false, ""},
        }), false, ""},
    });
}

} // namespace compuerta::core::config
