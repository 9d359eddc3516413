#pragma once
// The same-cluster snapshot beside the verified dump (docs/db.md "db
// snapshot"): a copy of the database made with CREATE DATABASE ... TEMPLATE
// ... STRATEGY FILE_COPY right after `db backup`, recorded in that backup's
// manifest, and swapped in by renaming when a rollback needs it. The dump
// stays the copy that survives a lost cluster; the snapshot is the fast path.
#include "core/cli/command.hpp"
#include "core/journal.hpp"
#include "core/model.hpp"
#include "core/ports/db.hpp"
#include "plugin/db/manifest.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace compuerta::plugin::db {

struct DbContext;

const core::cli::Command& snapshot_command();

// The counters that prove no row was written in a database between two
// moments: pg_stat_database's tup_inserted/updated/deleted (DDL writes
// catalog rows, so it counts too), when they were last reset, when the server
// started, and whether track_counts is on.
using WriteStats = std::map<std::string, std::string>;

// Reads the counters of `database` through any session of the cluster. Throws core::DbError.
WriteStats read_write_stats(core::DbSession& s, const std::string& database);
// The same counters read inside the database (`s` is connected to it), summed
// over its tables except the planner's statistics (pg_statistic and
// pg_statistic_ext_data, and their TOAST) and the catalogs shared by the
// cluster (pg_database: the snapshot's own ALTER DATABASE writes there, and
// every database shows those counts): an ANALYZE, which autovacuum runs
// by itself after a large write, changes no data and no schema, yet
// pg_stat_database counts its rows. Records "scope": "tables". Throws core::DbError.
WriteStats read_table_write_stats(core::DbSession& s);

// Empty when `now` proves that nothing was written since `then`; else why not.
std::string write_stats_differ(const WriteStats& then, const WriteStats& now);

// What `db snapshot` records under "snapshot" in the backup's manifest.
struct SnapshotInfo {
    std::string name;     // the snapshot database
    std::string database; // the database it copies
    std::string taken;    // RFC 3339 UTC
    std::uint64_t bytes = 0;
    std::map<std::string, std::int64_t>
        tables;              // rows counted in the snapshot (equal to the dump's)
    WriteStats source_stats; // the source's counters when it was copied
    WriteStats stats;        // the snapshot's own counters after its verification
    std::string space_check; // which free-space check ran, and its figures
    std::map<std::string, long long> timings_ms; // sessions, copy, verify
};

// The snapshot recorded in `manifest`, if any. Throws core::CannotEvaluate when unreadable.
std::optional<SnapshotInfo> read_snapshot(const std::filesystem::path& manifest);
// Adds (or replaces) the manifest's "snapshot" record, atomically; every other key is kept.
void attach_snapshot(const std::filesystem::path& manifest, const SnapshotInfo& info);

// "<db>_<kind>_<release>_<yyyymmddthhmmssz>" within PostgreSQL's 63 bytes
// (it cuts longer names silently): the release is reduced to [a-z0-9_] and
// shortened first, then the database name (never inside a UTF-8 character).
std::string generated_name(const std::string& database, const std::string& kind,
                           const std::string& release, const std::string& rfc3339);

// Refuses new connections to `database` and ends its sessions (waiting for
// each to go). Returns one line per session ended: pid, application, user,
// client address. Throws core::DbError.
// `keep_pid`: a session of compuerta's own left open (to read the counters).
std::vector<std::string> close_database(core::DbSession& admin, const std::string& database,
                                        const std::string& keep_pid = "");

// Row counts of `tables` in the database of `s`; tables whose count differs, one line each.
std::vector<std::string> count_differences(core::DbSession& s,
                                           const std::map<std::string, std::int64_t>& tables,
                                           std::map<std::string, std::int64_t>* counted = nullptr);

// --- Repair of a snapshot or a swap a killed process left unfinished ---

struct Unfinished {
    std::string database;
    std::string snapshot;
    std::string
        phase; // take (connections of `database` off, copy maybe running) | restore (the swap)
    std::string manifest;
};

// `backup.snapshot` events whose last word is `started` (or a failure that
// could not clean up), oldest first.
std::vector<Unfinished> unfinished_snapshots(const std::vector<nlohmann::json>& events);

// Turns connections of `u.database` back on; for a take, cancels the copy if
// it still runs in the server, waits for it to end and drops the half-made
// snapshot. `admin` is a session in the `postgres` database holding the
// database's advisory lock. Returns what was done, one line each. Throws core::DbError.
std::vector<std::string> repair_snapshot(core::DbSession& admin, const Unfinished& u);

// The event that closes an unfinished snapshot after its repair.
core::Event repaired_event(const Unfinished& u, const std::vector<std::string>& done);

// For `rollback`, `maintenance off` and `gate env`: repairs every unfinished
// snapshot in the invocation's journal through `dsn` (else database.dsn,
// else the PG* variables), under the database's advisory lock, and journals
// each repair. Returns what it did and what it could not do (never throws:
// a failure is a line that says what to run by hand). No journal entry: no
// connection at all.
std::vector<std::string> repair_unfinished_snapshots(core::cli::Invocation& inv,
                                                     const std::optional<std::string>& dsn);

// For `gate env` (2.1) when database.backup.snapshot is on: whether `db
// snapshot` could run now — the role's privileges and the free space, by the
// same checks (saying which space check ran). pass, or warn with the reason
// (the rollback would use the dump alone), or error when unreachable.
core::Outcome snapshot_readiness(core::cli::Invocation& inv, const std::optional<std::string>& dsn);

// --- The rollback path ---

struct SnapshotPath {
    std::string path = "dump"; // which path ran: snapshot | dump
    std::string reason;        // why (the dump: why not the snapshot)
    std::string kept_as;       // the replaced database, when the snapshot was swapped in
    std::map<std::string, long long> timings_ms; // verify, swap, meta
};

// Swaps the manifest's snapshot in for `database` when it is there and
// verifies (unless `from_dump`): ends sessions, renames the database to
// <db>_failed_<time> and the snapshot to <db>, carries settings and grants.
// nullopt: nothing changed, restore from the dump (`how.reason` says why).
std::optional<core::Outcome> restore_from_snapshot(DbContext& ctx,
                                                   const std::filesystem::path& manifest,
                                                   const Manifest& m, const std::string& database,
                                                   bool from_dump, SnapshotPath& how);

// --- Housekeeping ---

struct SnapshotEntry {
    std::string name;
    std::uint64_t bytes = 0;
    std::optional<core::WallTime> taken; // from the name's time
};

// Snapshots of `database` in the cluster (by name), oldest first. Throws core::DbError.
std::vector<SnapshotEntry> list_snapshots(core::DbSession& s, const std::string& database);

// For `window close`: after a successful release in the window, drops the
// snapshots of the configured database beyond the newest
// database.snapshot.keep (default 1). Returns what it did; never throws.
std::vector<std::string> prune_snapshots_after_release(core::cli::Invocation& inv);

} // namespace compuerta::plugin::db
