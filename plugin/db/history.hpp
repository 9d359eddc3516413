#pragma once
// The history table, with exactly the columns of Flyway's
// flyway_schema_history, so either tool can continue the other's history.
#include "core/ports/db.hpp"
#include "plugin/db/plan.hpp"

#include <string>
#include <vector>

namespace compuerta::plugin::db {

struct HistoryTable {
    std::string schema = "public";
    std::string table = "flyway_schema_history";
    std::string qualified() const; // "public"."flyway_schema_history"
    std::string display() const { return schema + "." + table; }
};

// Whether the table exists. Throws core::DbError.
bool history_exists(core::DbSession& s, const HistoryTable& t);
// Every row by installed_rank (empty when the table does not exist). Throws core::DbError.
std::vector<HistoryRow> read_history(core::DbSession& s, const HistoryTable& t);
// Creates the table as Flyway does (primary key, success index); run it in
// the first migration's transaction so a failure leaves nothing. Throws core::DbError.
void create_history(core::DbSession& s, const HistoryTable& t);
// Appends a successful row for `m` with the next installed_rank. Throws core::DbError.
void record_migration(core::DbSession& s, const HistoryTable& t, const MigrationFile& m, long long execution_ms);

} // namespace compuerta::plugin::db
