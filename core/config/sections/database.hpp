#pragma once
// The `database` section, typed (core/config/section.hpp): the connection the
// db commands use, and backup, snapshot, migrations and restore (docs/db.md).
#include "core/config/deferred.hpp"
#include "core/config/section.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compuerta::core::config {

// A string that may carry a secret through `${VAR}` (database.dsn, a
// placeholder's value). An unset variable is kept as an error, not thrown
// while the section is read, so it is an error only where the value is used
// (the db commands refuse it with value_or(); the lease and the rollback go on
// without a DSN; `gate env` reports a failed check).
struct DatabaseSection {
    Deferred dsn;
    Millis connect_timeout{0};
    std::optional<std::string> pg_bin; // absent: COMPUERTA_PG_BIN, else PATH
    Millis lock_wait{0};

    std::string backup_dir;
    std::string backup_format;
    std::int64_t backup_jobs = 0;
    std::int64_t backup_keep = 0;
    double backup_free_space_factor = 0;
    Millis backup_timeout{0};
    bool backup_snapshot = false;

    std::int64_t snapshot_keep = 0;
    std::string snapshot_space_check;
    std::optional<std::int64_t> snapshot_min_free_mb; // absent: refused off the host
    double snapshot_free_space_factor = 0;

    std::string migrations_dir;
    std::string migrations_schema;
    std::string migrations_table;
    Millis migrations_lock_timeout{0};
    Millis migrations_statement_timeout{0};
    Millis migrations_max_backup_age{0};
    std::string migrations_encoding;
    std::vector<std::pair<std::string, Deferred>> migrations_placeholders; // file order
    std::string migrations_placeholder_prefix;
    std::string migrations_placeholder_suffix;
    bool migrations_placeholder_replacement = true;

    std::string restore_mode;
    std::int64_t restore_jobs = 0;
    Millis restore_timeout{0};
};

const SectionDecl<DatabaseSection>& database_decl();

// database.dsn alone, for commands that only need the connection (smoke,
// gate env, the lease, rollback): the rest of the section is not expanded
// there, so a variable only the db jobs set does not stop them.
Deferred configured_dsn(const Config& cfg);

} // namespace compuerta::core::config
