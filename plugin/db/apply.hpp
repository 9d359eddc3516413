#pragma once
// Running one migration: in its own transaction with its history row (a
// failure or a kill leaves schema and history as they were), or statement
// by statement when the script opted out of the transaction.
#include "core/ports/db.hpp"
#include "core/ports/env.hpp"
#include "plugin/db/history.hpp"

#include <optional>
#include <string>

namespace compuerta::plugin::db {

struct Applied {
    bool ok = false;
    long long ms = 0;
    std::string error; // what failed and what state the database is in
};

// Runs `m` and records it. `create_table`: create the history table in the
// same transaction first. Never throws core::DbError (it becomes `error`).
Applied apply_migration(core::DbSession& s, const HistoryTable& t, const MigrationFile& m, bool create_table,
                        const core::Env& env);

// Names of INVALID indexes (left by a failed CREATE INDEX CONCURRENTLY), "schema.index". Throws core::DbError.
std::vector<std::string> invalid_indexes(core::DbSession& s);

} // namespace compuerta::plugin::db
