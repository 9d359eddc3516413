#pragma once
// Taking a snapshot, shared by `db snapshot` and `db backup` with
// database.backup.snapshot: true.
#include "core/cli/command.hpp"
#include "core/model.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

struct DbContext;

struct TakeSettings {
    std::filesystem::path dir;                     // where the backups are
    std::optional<std::filesystem::path> manifest; // this backup, not the newest in dir
    bool repair_only = false;
};

struct TakeState {
    std::string database;
    std::string snapshot;
    std::filesystem::path manifest;
    std::string space_check;
    std::vector<std::string> sessions; // the sessions ended
    std::map<std::string, std::int64_t> counted;
    std::map<std::string, long long> timings;
    std::uint64_t bytes = 0;
    bool started = false;  // journaled: from here on a failure is cleaned up
    bool recorded = false; // in the manifest
    bool cleaned_up = true;
};

// Takes the snapshot and journals backup.snapshot; never throws DbError:
// a refusal is `warn` (the dump alone), a failure `fail` after connections
// were put back and the copy dropped.
core::Outcome run_take(DbContext& ctx, const TakeSettings& set, TakeState& st,
                       core::WallTime started);

// db backup with database.backup.snapshot: true: takes the snapshot of the
// backup just written and reports both results in one suite; the exit code.
int report_with_snapshot(DbContext& ctx, const std::filesystem::path& manifest,
                         const std::string& backup_name, core::Outcome backup,
                         core::WallTime started);

} // namespace compuerta::plugin::db
