#pragma once
// What `db migrate` would do: the applied history against the files on
// disk, validated the way Flyway validates (a changed applied script, a
// failed row, an applied version missing locally, a pending version older
// than the current one each stop the run before anything runs).
#include "plugin/db/flyway.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

// One row of flyway_schema_history.
struct HistoryRow {
    std::int64_t installed_rank = 0;
    std::optional<std::string> version;
    std::string description;
    std::string type; // SQL, BASELINE, SCHEMA, ...
    std::string script;
    std::optional<std::int32_t> checksum;
    std::string installed_by;
    std::string installed_on;
    std::int64_t execution_time = 0;
    bool success = true;
};

struct MigrationPlan {
    std::optional<Version> current;              // highest successfully applied version
    std::vector<const MigrationFile*> applied;   // local files already applied (versioned)
    std::vector<const MigrationFile*> pending;   // to run, in order
    std::vector<std::string> problems;           // stop: nothing may run
    std::vector<std::string> warnings;
};

// `files` from load_migrations(); `history` in installed_rank order.
// Pending versioned migrations stop at `target` when given.
MigrationPlan plan_migrations(const std::vector<MigrationFile>& files, const std::vector<HistoryRow>& history,
                              const std::optional<Version>& target, const std::string& table);

} // namespace compuerta::plugin::db
